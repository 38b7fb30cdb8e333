/**
 * `pnpm release` end to end against a real registry (Verdaccio on a loopback
 * port, htpasswd auth, no uplinks), run in a throwaway copy of the monorepo:
 * publish order, idempotence, a version bump, tarball contents, and a
 * consumer project outside the workspace that installs the clients from the
 * registry, type-checks under `node16` and `bundler` resolution, and calls a
 * Prism mock of each provider.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type RunResult } from '../../scripts/release/npm.js';
import { ALLOWED_TOP_LEVEL_FILES, exportTargets, readTarball, type PackedManifest, type TarballEntry } from '../../scripts/release/tarball.js';
import { startVerdaccio, type Verdaccio } from '../support/verdaccio.js';
import { startPrism, type PrismServer } from '../support/prism.js';
import { copyWorkspace, type WorkspaceCopy } from './workspace-copy.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const scope = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { clientgen: { scope: string } }).clientgen.scope;
const CLIENTS = ['mangrove', 'datafold', 'datadog-model-lab'] as const;
type Client = (typeof CLIENTS)[number];
const RUNTIME = `${scope}/runtime`;
const pkgName = (folder: string) => `${scope}/${folder}`;
const tsc = join(repoRoot, 'node_modules/.bin/tsc');
const pnpm = join(repoRoot, 'node_modules/.bin/pnpm');

/** The environment of this process without npm/pnpm settings a parent `pnpm` exported (and without INIT_CWD). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|INIT_CWD$|NPM_TOKEN$)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

const versionOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split('\\').join('/')]));
}

/** Lines the release prints for each outcome, in order. */
function outcomes(out: string) {
  const published = [...out.matchAll(/^published (\S+) to /gm)].map((m) => m[1]!);
  const skipped = [...out.matchAll(/^(\S+) already on \S+, skipped$/gm)].map((m) => m[1]!);
  const wouldPublish = [...out.matchAll(/^would publish (\S+) to /gm)].map((m) => m[1]!);
  return { published, skipped, wouldPublish };
}

let registry: Verdaccio;
let token: string;
let ws: WorkspaceCopy;
const mocks = new Map<Client, PrismServer>();
const temps: string[] = [];
let firstRelease: RunResult;
let runtimeVersion: string;

async function pnpmRelease(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
  return run(pnpm, ['release', ...args], { cwd: ws.root, env: cleanEnv({ NPM_TOKEN: token, ...extraEnv }) });
}

async function registryJson<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, registry.url), { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

interface Packument {
  versions: Record<string, PackedManifest & { dist: { tarball: string } }>;
  'dist-tags': Record<string, string>;
}

async function publishedVersions(name: string): Promise<string[]> {
  const { status, body } = await registryJson<Packument>(name.replace('/', '%2f'));
  return status === 404 ? [] : Object.keys(body.versions).sort();
}

const tarballCache = new Map<string, TarballEntry[]>();
async function publishedTarball(name: string, version: string): Promise<TarballEntry[]> {
  const key = `${name}@${version}`;
  if (!tarballCache.has(key)) {
    const { body } = await registryJson<Packument>(name.replace('/', '%2f'));
    const meta = body.versions[version];
    if (!meta) throw new Error(`${key} is not on the registry`);
    const res = await fetch(meta.dist.tarball, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'clientgen-tgz-'));
    temps.push(dir);
    const file = join(dir, 'package.tgz');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    tarballCache.set(key, readTarball(file));
  }
  return tarballCache.get(key)!;
}

const manifestOf = (entries: TarballEntry[]) => JSON.parse(entries.find((e) => e.path === 'package.json')!.content.toString('utf8')) as PackedManifest;

beforeAll(async () => {
  ws = copyWorkspace(repoRoot, scope);
  runtimeVersion = versionOf(join(ws.root, 'packages/runtime'));
  const [verdaccio, ...prisms] = await Promise.all([
    startVerdaccio(),
    ...CLIENTS.map((c) => startPrism(join(repoRoot, 'specs', c, 'openapi.yaml'))),
  ]);
  registry = verdaccio;
  CLIENTS.forEach((c, i) => mocks.set(c, prisms[i]!));
  token = await registry.addUser('release-bot', randomUUID());
  firstRelease = await pnpmRelease(['--registry', registry.url]);
  if (firstRelease.code !== 0) throw new Error(`pnpm release failed (exit ${firstRelease.code}):\n${firstRelease.stdout}\n${firstRelease.stderr}`);
}, 180_000);

afterAll(async () => {
  await Promise.all([registry?.stop(), ...[...mocks.values()].map((m) => m.stop())]);
  ws?.remove();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('pnpm release', () => {
  it('publishes the runtime, then the three clients, to the --registry target, without printing the token', async () => {
    const out = firstRelease.stdout;
    const { published, skipped } = outcomes(out);
    expect(skipped).toEqual([]);
    expect(published[0]).toBe(`${RUNTIME}@${runtimeVersion}`);
    expect(published.slice(1).sort()).toEqual(CLIENTS.map((c) => `${pkgName(c)}@${versionOf(join(ws.root, 'packages', c))}`).sort());
    expect(out).toContain(`Published 4 package(s) to ${registry.url}`);
    expect(`${firstRelease.stdout}${firstRelease.stderr}`).not.toContain(token);
    for (const folder of ['runtime', ...CLIENTS]) expect(await publishedVersions(pkgName(folder)), folder).toEqual([versionOf(join(ws.root, 'packages', folder))]);
  });

  it('published tarballs hold exactly dist/, README.md, CHANGELOG/LICENSE/NOTICE when present, and package.json', async () => {
    for (const folder of ['runtime', ...CLIENTS]) {
      const dir = join(ws.root, 'packages', folder);
      const entries = await publishedTarball(pkgName(folder), versionOf(dir));
      const expected = [
        'package.json',
        ...ALLOWED_TOP_LEVEL_FILES.filter((f) => f !== 'package.json' && existsSync(join(dir, f))),
        ...listFiles(join(dir, 'dist')).map((f) => `dist/${f}`),
      ].sort();
      const actual = entries.map((e) => e.path).sort();
      expect(actual, folder).toEqual(expected);
      expect(actual, folder).toContain('README.md');
      expect(actual.some((p) => p.endsWith('.d.ts')), folder).toBe(true);

      // npm's own view of the package dir agrees (`npm pack --dry-run --json`).
      const packed = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, env: cleanEnv() });
      expect(packed.code, packed.stderr).toBe(0);
      const [info] = JSON.parse(packed.stdout) as { files: { path: string }[] }[];
      expect(info!.files.map((f) => f.path).sort(), folder).toEqual(expected);
    }
  });

  it('published manifests have real version ranges (no workspace:) and exports/types that exist in the tarball', async () => {
    for (const folder of ['runtime', ...CLIENTS]) {
      const name = pkgName(folder);
      const version = versionOf(join(ws.root, 'packages', folder));
      const entries = await publishedTarball(name, version);
      const manifest = manifestOf(entries);
      const { body } = await registryJson<Packument>(name.replace('/', '%2f'));
      expect(JSON.stringify(manifest), folder).not.toContain('workspace:');
      expect(JSON.stringify(body.versions[version]), folder).not.toContain('workspace:');
      expect(body['dist-tags'].latest).toBe(version);
      if (folder !== 'runtime') expect((manifest.dependencies as Record<string, string>)[RUNTIME], folder).toBe(`^${runtimeVersion}`);
      const paths = new Set(entries.map((e) => e.path));
      const targets = [...exportTargets(manifest.exports), manifest.types, manifest.main].filter((t): t is string => Boolean(t));
      expect(targets.length, folder).toBeGreaterThan(0);
      for (const target of targets) {
        const path = target.replace(/^\.\//, '');
        // A subpath pattern (`./dist/ops/*.d.ts`) must match files of the tarball.
        const pattern = path.includes('*') ? new RegExp(`^${path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+(?:/[^/]+)*')}$`) : undefined;
        expect(pattern ? [...paths].some((p) => pattern.test(p)) : paths.has(path), `${folder}: ${target}`).toBe(true);
      }
      const root = (manifest.exports as Record<string, { types?: string; import?: string }>)['.']!;
      expect(root.types && root.import, folder).toBeTruthy();
    }
  });

  it('a consumer outside the workspace installs each client from the registry, type-checks it (node16 and bundler, strict) and calls a Prism mock', async () => {
    const consumer = mkdtempSync(join(tmpdir(), 'clientgen-consumer-'));
    temps.push(consumer);
    // Only the scope comes from Verdaccio; openapi-fetch and the rest come from the default registry.
    writeFileSync(join(consumer, '.npmrc'), `${scope}:registry=${registry.url}\n${registry.nerfDart}:_authToken=\${NPM_TOKEN}\n`);
    writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({ name: 'clientgen-consumer', private: true, type: 'module' }, null, 2)}\n`);
    const specs = CLIENTS.map((c) => `${pkgName(c)}@${versionOf(join(ws.root, 'packages', c))}`);
    const install = await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `--cache=${join(consumer, '.npm-cache')}`, ...specs], {
      cwd: consumer,
      env: cleanEnv({ NPM_TOKEN: token }),
    });
    expect(install.code, `${install.stdout}\n${install.stderr}`).toBe(0);
    for (const folder of ['runtime', ...CLIENTS]) {
      const text = readFileSync(join(consumer, 'node_modules', scope, folder, 'package.json'), 'utf8');
      expect(text).not.toContain('workspace:');
    }
    // A real install from the registry, not a link into the workspace.
    expect(lstatSync(join(consumer, 'node_modules', scope, 'runtime')).isSymbolicLink()).toBe(false);
    expect(versionOf(join(consumer, 'node_modules', scope, 'runtime'))).toBe(runtimeVersion);

    const url = (c: Client) => mocks.get(c)!.url;
    writeFileSync(
      join(consumer, 'consumer.ts'),
      [
        `import { createClient as createMangrove, type ListModelRunsItem } from '${pkgName('mangrove')}';`,
        `import { createClient as createDatafold, ApiError } from '${pkgName('datafold')}';`,
        `import { createClient as createDatadog, type ListModelLabProjectsResponse } from '${pkgName('datadog-model-lab')}';`,
        '',
        `const mangrove = createMangrove({ baseUrl: '${url('mangrove')}', apiKey: 'k' });`,
        "const runs = await mangrove.listModelRuns({ model_id: 'mdl_1' });",
        'const run: ListModelRunsItem | undefined = runs.data?.[0];',
        "console.log(JSON.stringify({ provider: 'mangrove', state: run?.state }));",
        '// @ts-expect-error model_id is required: the parameters are typed, not any',
        'void (() => mangrove.listModelRuns({}));',
        '',
        `const datafold = createDatafold({ baseUrl: '${url('datafold')}', apiKey: 'k' });`,
        'const monitor = await datafold.listMonitorRuns({ id: 1 });',
        "console.log(JSON.stringify({ provider: 'datafold', state: monitor.runs?.[0]?.state ?? null, isApiError: ApiError.name }));",
        '// @ts-expect-error no such field on the response: the result is typed, not any',
        'void monitor.no_such_field;',
        '',
        `const datadog = createDatadog({ baseUrl: '${url('datadog-model-lab')}', apiKey: 'k', appKey: 'a' });`,
        'const projects: ListModelLabProjectsResponse = await datadog.listModelLabProjects();',
        "console.log(JSON.stringify({ provider: 'datadog-model-lab', name: projects.data?.[0]?.attributes?.name }));",
        '',
        `import { createCore, listMonitorRuns } from '${pkgName('datafold')}/funcs';`,
        `const standalone = await listMonitorRuns(createCore({ baseUrl: '${url('datafold')}', apiKey: 'k' }), { id: 1 });`,
        "console.log(JSON.stringify({ provider: 'datafold/funcs', state: standalone.runs?.[0]?.state ?? null }));",
        '',
        // The per-operation path: a core from /core, one module per operation.
        `import { createCore as createMangroveCore } from '${pkgName('mangrove')}/core';`,
        `import { listModelRuns, type ListModelRunsItem as RunItem } from '${pkgName('mangrove')}/ops/listModelRuns';`,
        `import { createCore as createDatadogCore } from '${pkgName('datadog-model-lab')}/core';`,
        `import { listModelLabProjects } from '${pkgName('datadog-model-lab')}/ops/listModelLabProjects';`,
        `const perOp = await listModelRuns(createMangroveCore({ baseUrl: '${url('mangrove')}', apiKey: 'k' }), { model_id: 'mdl_1' });`,
        'const perOpRun: RunItem | undefined = perOp.data?.[0];',
        "console.log(JSON.stringify({ provider: 'mangrove/ops', state: perOpRun?.state }));",
        '// @ts-expect-error model_id is required',
        "void (() => listModelRuns(createMangroveCore({ apiKey: 'k' }), {}));",
        `const perOpProjects = await listModelLabProjects(createDatadogCore({ baseUrl: '${url('datadog-model-lab')}', apiKey: 'k', appKey: 'a' }));`,
        "console.log(JSON.stringify({ provider: 'datadog-model-lab/ops', name: perOpProjects.data?.[0]?.attributes?.name }));",
        '',
      ].join('\n'),
    );
    const base = { strict: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false, noUncheckedIndexedAccess: true, forceConsistentCasingInFileNames: true };
    writeFileSync(join(consumer, 'tsconfig.node16.json'), JSON.stringify({ compilerOptions: { ...base, module: 'node16', moduleResolution: 'node16', outDir: 'out' }, files: ['consumer.ts'] }));
    writeFileSync(join(consumer, 'tsconfig.bundler.json'), JSON.stringify({ compilerOptions: { ...base, module: 'esnext', moduleResolution: 'bundler', noEmit: true }, files: ['consumer.ts'] }));

    for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
      const checked = await run(tsc, ['-p', config, '--listFiles'], { cwd: consumer, env: cleanEnv() });
      expect(checked.code, `${config}:\n${checked.stdout}${checked.stderr}`).toBe(0);
      // The types came from the installed packages' dist/, through their `exports`.
      for (const folder of ['runtime', ...CLIENTS]) expect(checked.stdout, config).toContain(join(consumer, 'node_modules', scope, folder, 'dist', 'index.d.ts'));
      expect(checked.stdout, config).toContain(join(consumer, 'node_modules', scope, 'datafold', 'dist', 'funcs.d.ts'));
      expect(checked.stdout, config).toContain(join(consumer, 'node_modules', scope, 'mangrove', 'dist', 'ops', 'listModelRuns.d.ts'));
      expect(checked.stdout, config).toContain(join(consumer, 'node_modules', scope, 'datadog-model-lab', 'dist', 'core.d.ts'));
    }

    const ran = await run(process.execPath, [join(consumer, 'out', 'consumer.js')], { cwd: consumer, env: cleanEnv() });
    expect(ran.code, `${ran.stdout}\n${ran.stderr}\n${[...mocks.values()].map((m) => m.output()).join('\n')}`).toBe(0);
    const lines = ran.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { provider: 'mangrove', state: 'complete' },
      { provider: 'datafold', state: 'ok', isApiError: 'ApiError' },
      { provider: 'datadog-model-lab', name: 'active-project' },
      { provider: 'datafold/funcs', state: 'ok' },
      { provider: 'mangrove/ops', state: 'complete' },
      { provider: 'datadog-model-lab/ops', name: 'active-project' },
    ]);
  }, 150_000);

  it('a re-run (registry from the project .npmrc this time) publishes nothing and says so', async () => {
    writeFileSync(join(ws.root, '.npmrc'), `${scope}:registry=${registry.url}\n`);
    try {
      const rerun = await pnpmRelease([]);
      expect(rerun.code, rerun.stderr).toBe(0);
      const { published, skipped } = outcomes(rerun.stdout);
      expect(published).toEqual([]);
      expect(skipped).toHaveLength(4);
      expect(rerun.stdout).toContain(`${pkgName('mangrove')}@${versionOf(join(ws.root, 'packages/mangrove'))} already on ${registry.url}, skipped`);
      expect(rerun.stdout).toContain('Nothing to publish');
      expect(rerun.stdout).not.toContain('Building');
      expect(`${rerun.stdout}${rerun.stderr}`).not.toContain(token);
    } finally {
      rmSync(join(ws.root, '.npmrc'), { force: true });
    }
  }, 60_000);

  it('after a provider version bump and regeneration, only that package is published (dry run first)', async () => {
    const providerFile = join(ws.root, 'specs/mangrove/provider.yaml');
    const before = versionOf(join(ws.root, 'packages/mangrove'));
    const [major, minor, patch] = before.split('.').map(Number);
    const bumped = `${major}.${minor}.${patch! + 1}`;
    writeFileSync(providerFile, readFileSync(providerFile, 'utf8').replace(/^version: .*$/m, `version: ${bumped}`));
    const generated = await run(process.execPath, ['generator/bin/clientgen.js', 'generate-all', 'mangrove'], { cwd: ws.root, env: cleanEnv() });
    expect(generated.code, `${generated.stdout}\n${generated.stderr}`).toBe(0);
    expect(versionOf(join(ws.root, 'packages/mangrove'))).toBe(bumped);

    const dry = await pnpmRelease(['--registry', registry.url, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(outcomes(dry.stdout).wouldPublish).toEqual([`${pkgName('mangrove')}@${bumped}`]);
    expect(await publishedVersions(pkgName('mangrove'))).toEqual([before]);

    const bump = await pnpmRelease(['--registry', registry.url]);
    expect(bump.code, bump.stderr).toBe(0);
    const { published, skipped } = outcomes(bump.stdout);
    expect(published).toEqual([`${pkgName('mangrove')}@${bumped}`]);
    expect(skipped.sort()).toEqual([RUNTIME, ...CLIENTS.filter((c) => c !== 'mangrove').map(pkgName)].map((n) => `${n}@${versionOf(join(ws.root, 'packages', n.split('/')[1]!))}`).sort());
    expect((await publishedVersions(pkgName('mangrove'))).sort()).toEqual([before, bumped].sort());
    expect(manifestOf(await publishedTarball(pkgName('mangrove'), bumped)).version).toBe(bumped);
  }, 120_000);

  it('an older version than the registry has is refused as latest, and goes out under --tag without moving latest', async () => {
    const providerFile = join(ws.root, 'specs/datafold/provider.yaml');
    const original = readFileSync(providerFile, 'utf8');
    const current = versionOf(join(ws.root, 'packages/datafold'));
    const older = '0.0.9';
    const regenerate = async () => {
      const generated = await run(process.execPath, ['generator/bin/clientgen.js', 'generate-all', 'datafold'], { cwd: ws.root, env: cleanEnv() });
      expect(generated.code, `${generated.stdout}\n${generated.stderr}`).toBe(0);
    };
    try {
      writeFileSync(providerFile, original.replace(/^version: .*$/m, `version: ${older}`));
      await regenerate();
      const refused = await pnpmRelease(['--registry', registry.url]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`refusing to publish ${pkgName('datafold')}@${older} as latest: the registry already has ${current}, so latest would move back`);
      expect(refused.stderr).toContain('--tag');
      expect(refused.stdout).not.toContain('Building');
      expect(await publishedVersions(pkgName('datafold'))).toEqual([current]);

      const badTag = await pnpmRelease(['--registry', registry.url, '--tag', 'v0']);
      expect(badTag.code).toBe(1);
      expect(badTag.stderr).toContain('is not a dist-tag name');

      const tagged = await pnpmRelease(['--registry', registry.url, '--tag', 'maintenance']);
      expect(tagged.code, tagged.stderr).toBe(0);
      expect(outcomes(tagged.stdout).published).toEqual([`${pkgName('datafold')}@${older}`]);
      expect(tagged.stdout).toContain(`under the dist-tag maintenance`);
      const { body } = await registryJson<Packument>(pkgName('datafold').replace('/', '%2f'));
      expect(body['dist-tags']).toEqual({ latest: current, maintenance: older });
    } finally {
      writeFileSync(providerFile, original);
      await regenerate();
    }
  }, 120_000);

  it('refuses to run without a target registry, and never falls back to the default registry', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'clientgen-npmrc-'));
    temps.push(empty);
    writeFileSync(join(empty, 'npmrc'), '');
    const result = await pnpmRelease([], { npm_config_userconfig: join(empty, 'npmrc') });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`no registry for ${scope}`);
    expect(result.stdout).not.toMatch(/^published /m);
  }, 30_000);
});

describe('published package metadata', () => {
  it('datadog-model-lab, generated from an Apache-2.0 spec, ships a NOTICE crediting Datadog', async () => {
    const dir = join(ws.root, 'packages/datadog-model-lab');
    const entries = await publishedTarball(pkgName('datadog-model-lab'), versionOf(dir));
    const notice = entries.find((e) => e.path === 'NOTICE');
    expect(notice, 'packages/datadog-model-lab has no NOTICE: the generator must emit one (provider.yaml `notice`) for an Apache-2.0 spec').toBeDefined();
    const text = notice!.content.toString('utf8');
    expect(text).toMatch(/Datadog/);
    expect(text).toMatch(/Apache License,\s+Version 2\.0|Apache-2\.0/);
  });

  it('every published manifest names its repository; each client\'s homepage is its provider\'s docs URL', async () => {
    for (const folder of ['runtime', ...CLIENTS]) {
      const manifest = manifestOf(await publishedTarball(pkgName(folder), versionOf(join(ws.root, 'packages', folder))));
      expect(manifest.repository, `${folder}: repository (root package.json "repository" feeds the generated ones; the runtime sets its own)`).toMatchObject({ type: 'git', url: expect.any(String), directory: `packages/${folder}` });
      if (folder === 'runtime') continue;
      const docsUrl = /^docsUrl:\s*(\S+)/m.exec(readFileSync(join(ws.root, 'specs', folder, 'provider.yaml'), 'utf8'))?.[1];
      expect(manifest.homepage, `${folder}: homepage`).toBe(docsUrl);
    }
  });
});
