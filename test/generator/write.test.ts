/**
 * Nothing lost: output goes to a temporary directory and replaces the
 * package only when complete. A run that fails — before the swap, inside
 * it, while writing, or late in generation — leaves the previous package
 * byte-identical (including what generation does not own: node_modules,
 * dist, CHANGELOG.md); an interrupted swap is undone by the next run.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePackage } from '../../generator/src/generate.js';
import { recoverInterruptedWrite, staleFiles, writePackageAtomically, type FileSet } from '../../generator/src/write/output.js';
import { readTree, repoRoot, runCli } from './support/packages.js';

const constructs = join(repoRoot, 'test/fixtures/specs/constructs');

let root: string;
let pkg: string;
let before: Map<string, string>;

/** A previous package: generated files plus entries generation does not own. */
async function previousPackage(): Promise<void> {
  const result = await generatePackage({ specFile: join(constructs, 'schemas-31.yaml'), outDir: pkg, packageName: '@fixture/pkg' });
  writePackageAtomically(pkg, result.files);
  mkdirSync(join(pkg, 'node_modules/dep'), { recursive: true });
  writeFileSync(join(pkg, 'node_modules/dep/index.js'), 'export {};\n');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'dist/index.js'), '// built\n');
  writeFileSync(join(pkg, 'CHANGELOG.md'), '# Changelog\n');
  before = readTree(pkg);
}

/** Only the package directory is left next to it (no temporary or backup directories). */
function siblings(): string[] {
  return readdirSync(dirname(pkg)).sort();
}

async function nextFiles(): Promise<FileSet> {
  return (await generatePackage({ specFile: join(constructs, 'bodies.yaml'), outDir: pkg, packageName: '@fixture/pkg' })).files;
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'clientgen-write-'));
  pkg = join(root, 'pkg');
  await previousPackage();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('writePackageAtomically', () => {
  it('a complete run replaces the generated files and keeps node_modules, dist and CHANGELOG.md', async () => {
    const files = await nextFiles();
    writePackageAtomically(pkg, files);
    const after = readTree(pkg);
    for (const [rel, content] of files) expect(after.get(rel)).toBe(content);
    for (const kept of ['node_modules/dep/index.js', 'dist/index.js', 'CHANGELOG.md']) expect(after.get(kept)).toBe(before.get(kept));
    expect(staleFiles(pkg, files)).toEqual([]);
    expect(siblings()).toEqual(['pkg']);
  });

  it('failing mid-run (beforeSwap hook) leaves the previous package byte-identical', async () => {
    const files = await nextFiles();
    let temp = '';
    expect(() =>
      writePackageAtomically(pkg, files, {
        beforeSwap: (dir) => {
          temp = dir;
          expect(readTree(dir).get('src/client.ts')).toBe(files.get('src/client.ts')); // the new package was complete
          throw new Error('killed before the swap');
        },
      }),
    ).toThrow('killed before the swap');
    expect(readTree(pkg)).toEqual(before);
    expect(existsSync(temp)).toBe(false);
    expect(siblings()).toEqual(['pkg']);
  });

  it('failing inside the swap (previous package already moved aside) restores it, with node_modules and dist', async () => {
    const files = await nextFiles();
    expect(() =>
      writePackageAtomically(pkg, files, {
        duringSwap: () => {
          expect(existsSync(pkg)).toBe(false);
          throw new Error('killed during the swap');
        },
      }),
    ).toThrow('killed during the swap');
    expect(readTree(pkg)).toEqual(before);
    expect(siblings()).toEqual(['pkg']);
  });

  it('failing while writing the files (a path that cannot be created) leaves the previous package', async () => {
    const files: FileSet = new Map([...(await nextFiles()), ['src', 'a file where a directory must be']]);
    expect(() => writePackageAtomically(pkg, files)).toThrow();
    expect(readTree(pkg)).toEqual(before);
    expect(siblings()).toEqual(['pkg']);
  });

  it('refuses to write outside the package', () => {
    expect(() => writePackageAtomically(pkg, new Map([['../escape.txt', 'x']]))).toThrow(/outside the package/);
    expect(existsSync(join(root, 'escape.txt'))).toBe(false);
    expect(readTree(pkg)).toEqual(before);
  });

  it('an interrupted swap (killed between the two renames) is undone by the next run', async () => {
    // What a process killed after moving the package aside leaves behind: the backup and a temp dir, no package.
    const deadPid = 2 ** 22 + 1; // above Linux's pid_max default: never a live process
    renameSync(pkg, join(root, `.pkg.clientgen-old-${deadPid}`));
    mkdirSync(join(root, `.pkg.clientgen-tmp-${deadPid}/src`), { recursive: true });
    expect(recoverInterruptedWrite(pkg)).toEqual([`restored pkg from an interrupted run`, `removed .pkg.clientgen-tmp-${deadPid} left by an interrupted run`]);
    expect(readTree(pkg)).toEqual(before);
    expect(siblings()).toEqual(['pkg']);
  });

  it('temporary directories of a live process are left alone', () => {
    const live = join(root, `.pkg.clientgen-tmp-${process.ppid}`);
    mkdirSync(live);
    expect(recoverInterruptedWrite(pkg)).toEqual([]);
    expect(existsSync(live)).toBe(true);
  });
});

describe('clientgen generate', () => {
  it('a spec that fails after loading (provider.yaml names an unknown operation) leaves the previous package byte-identical', async () => {
    const run = await runCli(['generate', '--spec', 'test/fixtures/specs/errors/stale-provider/openapi.yaml', '--out', pkg, '--name', '@fixture/pkg']);
    expect(run.code).toBe(1);
    expect(readTree(pkg)).toEqual(before);
    expect(siblings()).toEqual(['pkg']);
  });

  it('an invalid spec leaves the previous package byte-identical', async () => {
    const run = await runCli(['generate', '--spec', 'test/fixtures/specs/errors/cannot-express.yaml', '--out', pkg, '--name', '@fixture/pkg']);
    expect(run.code).toBe(1);
    expect(readTree(pkg)).toEqual(before);
  });

  it('a good spec replaces the package and keeps what generation does not own', async () => {
    const run = await runCli(['generate', '--spec', 'test/fixtures/specs/constructs/bodies.yaml', '--out', pkg, '--name', '@fixture/pkg']);
    expect(run.code).toBe(0);
    const after = readTree(pkg);
    expect(after.get('src/client.ts')).toContain('class BodiesClient');
    expect(after.get('dist/index.js')).toBe(before.get('dist/index.js'));
    expect(after.get('CHANGELOG.md')).toBe(before.get('CHANGELOG.md'));
    expect(siblings()).toEqual(['pkg']);
  });
});
