/**
 * Deterministic output: the same spec gives byte-identical packages across
 * runs and locations (no timestamps, no absolute paths, stable order), for
 * random documents (fast-check) and the fixtures.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePackage } from '../../generator/src/generate.js';
import { openApiDocument } from './support/arbitrary.js';
import { repoRoot } from './support/packages.js';

const scratch = mkdtempSync(join(tmpdir(), 'clientgen-determinism-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Generate `spec` as if it lived at `<dir>/openapi.<ext>`; returns the files. */
async function generateAt(dir: string, text: string, ext: string): Promise<Map<string, string>> {
  mkdirSync(dir, { recursive: true });
  const specFile = join(dir, `openapi.${ext}`);
  writeFileSync(specFile, text);
  return (await generatePackage({ specFile, outDir: join(dir, 'out'), packageName: '@fixture/same' })).files;
}

/** Absolute paths of this machine that must not leak into generated files. */
const machinePaths = (...dirs: string[]) => [...dirs, repoRoot.replace(/\/$/, ''), homedir(), tmpdir(), process.cwd()].filter((p) => p.length > 1);

function expectNoMachinePaths(files: Map<string, string>, paths: string[]): void {
  for (const [rel, content] of files) for (const p of paths) expect(content.includes(p), `${rel} contains ${p}`).toBe(false);
}

describe('deterministic generation', () => {
  it('random documents: two runs at different absolute paths give byte-identical packages with no machine paths', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(openApiDocument, async (doc) => {
        const text = JSON.stringify(doc, null, 2);
        const a = join(scratch, `a-${n}`, 'deeply', 'nested');
        const b = join(scratch, `b-${n++}`);
        const first = await generateAt(a, text, 'json');
        const second = await generateAt(b, text, 'json');
        expect([...second.keys()]).toEqual([...first.keys()]);
        for (const [rel, content] of first) expect(second.get(rel), rel).toBe(content);
        expectNoMachinePaths(first, machinePaths(a, b));
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('the fixtures: regenerating (fresh process state, different location) is byte-identical', async () => {
    const fixtures = join(repoRoot, 'test/fixtures/specs/constructs');
    const copy = join(scratch, 'fixtures-copy');
    cpSync(fixtures, copy, { recursive: true });
    for (const spec of ['schemas-30.yaml', 'bodies.yaml', 'names.yaml', 'external/openapi.yaml']) {
      const first = (await generatePackage({ specFile: join(fixtures, spec), outDir: join(scratch, 'x', spec), packageName: '@fixture/same' })).files;
      const second = (await generatePackage({ specFile: join(copy, spec), outDir: join(scratch, 'y', spec), packageName: '@fixture/same' })).files;
      for (const [rel, content] of first) {
        // The header and README name the spec file: relative inside the workspace, the bare name outside it.
        const normalise = (s: string) => s.replace(/test\/fixtures\/specs\/constructs\/(external\/)?/g, '');
        expect(normalise(second.get(rel)!), `${spec}: ${rel}`).toBe(normalise(content));
      }
      expectNoMachinePaths(second, machinePaths(copy));
    }
    expect(readdirSync(copy).length).toBeGreaterThan(0);
  });
});
