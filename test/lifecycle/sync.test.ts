/**
 * `clientgen sync` end to end, in a copy of the workspace, against a
 * loopback HTTP server that serves the real upstream pages from ../shared
 * (reached through `--source-base`; nothing leaves the machine).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generatePackage } from '../../generator/src/generate.js';
import { httpFetcher, rewriteUrl } from '../../generator/src/lifecycle/fetcher.js';
import { bumpVersion, effectiveLevel, readProviderVersion } from '../../generator/src/lifecycle/semver.js';
import { SyncError, syncProviders } from '../../generator/src/lifecycle/sync.js';
import { staleFiles } from '../../generator/src/write/output.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'generator/bin/clientgen.js');
const PROVIDERS = ['datadog-model-lab', 'datafold', 'mangrove'];
/** What each provider's upstream URL serves: the pages the vendored specs were made from. */
const UPSTREAM: Record<string, URL> = {
  mangrove: new URL('../../../shared/seeds/mangrove-list-model-runs.md', import.meta.url),
  datafold: new URL('../../../shared/seeds/datafold-list-monitor-runs.md', import.meta.url),
  'datadog-model-lab': new URL('../../../shared/upstream/datadog-model-lab.openapi.yaml', import.meta.url),
};
const DATE = '2026-11-25';

// ---------------------------------------------------------------------------
// A workspace copy: root package.json, specs/, packages/runtime/package.json
// and the generated packages (without node_modules/dist).

function makeWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'clientgen-sync-ws-'));
  cpSync(join(repo, 'package.json'), join(ws, 'package.json'));
  cpSync(join(repo, 'specs'), join(ws, 'specs'), { recursive: true });
  mkdirSync(join(ws, 'packages/runtime'), { recursive: true });
  cpSync(join(repo, 'packages/runtime/package.json'), join(ws, 'packages/runtime/package.json'));
  for (const p of PROVIDERS) {
    cpSync(join(repo, 'packages', p), join(ws, 'packages', p), {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|dist)$/.test(src),
    });
  }
  return ws;
}

/** Every file under `dir` → sha256 (to prove a run changed nothing). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function changedFiles(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
}

// ---------------------------------------------------------------------------
// The loopback upstream: `/<host><path>` of each provider.yaml upstream URL.

interface Upstream {
  base: string;
  pages: Map<string, string>;
  requests: string[];
  server: Server;
}

async function startUpstream(ws: string): Promise<Upstream> {
  const pages = new Map<string, string>();
  for (const p of PROVIDERS) {
    const config = parse(readFileSync(join(ws, 'specs', p, 'provider.yaml'), 'utf8')) as { upstream: { url: string }[] };
    expect(config.upstream).toHaveLength(1);
    const u = new URL(config.upstream[0]!.url);
    pages.set(`/${u.host}${u.pathname}`, readFileSync(UPSTREAM[p]!, 'utf8'));
  }
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const page = pages.get(req.url ?? '');
    if (page === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pages, requests, server };
}

function mangrovePath(pages: Map<string, string>): string {
  return [...pages.keys()].find((k) => k.startsWith('/docs.mangrovesystems.com/'))!;
}

function sync(ws: string, upstream: Upstream, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, 'sync', ...args, '--root', ws, '--source-base', upstream.base, '--date', DATE],
      { cwd: ws, env: { ...process.env, CLIENTGEN_SYNC_BASE: '' } },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The Mangrove page with a new optional query parameter and without the `state` response property. */
function changedMangrovePage(page: string): string {
  const param = '        - name: page_size\n          in: query\n';
  const property = '                        state:\n                          type: string\n';
  expect(page).toContain(param);
  expect(page).toContain(property);
  return page
    .replace(param, `        - name: state\n          in: query\n          description: Only model runs in this state.\n          schema:\n            type: string\n${param}`)
    .replace(property, '');
}

/** What a maintainer does after the drift error: carry the upstream change into the overlay. */
function dropStateFromOverlay(ws: string): void {
  const file = join(ws, 'specs/mangrove/overlays/01-named-schemas.yaml');
  const text = readFileSync(file, 'utf8');
  const property = '            state:\n              type: string\n';
  expect(text.split(property)).toHaveLength(2);
  writeFileSync(file, text.replace(property, ''));
}

// ---------------------------------------------------------------------------

describe('clientgen sync (end to end, loopback upstream)', () => {
  let ws: string;
  let upstream: Upstream;
  let v0: string;
  let v1: string;
  const kept: string[] = [];

  beforeAll(async () => {
    ws = makeWorkspace();
    upstream = await startUpstream(ws);
    v0 = readProviderVersion(readFileSync(join(ws, 'specs/mangrove/provider.yaml'), 'utf8'));
    v1 = bumpVersion(v0, 'major');
  });
  afterAll(async () => {
    await new Promise((resolve) => upstream?.server.close(resolve));
    rmSync(ws, { recursive: true, force: true });
    for (const dir of kept) rmSync(dir, { recursive: true, force: true });
  });

  it('the unchanged upstream pages are a no-op: "up to date", nothing written', async () => {
    const before = snapshot(ws);
    const r = await sync(ws, upstream);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const version = (p: string) => readProviderVersion(readFileSync(join(ws, 'specs', p, 'provider.yaml'), 'utf8'));
    expect(r.stdout).toBe(PROVIDERS.map((p) => `${p}: up to date (${version(p)})\n`).join('') + 'sync: up to date\n');
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
    // Every request went to the loopback server, one per upstream source.
    expect(upstream.requests.sort()).toEqual([...upstream.pages.keys()].sort());
  });

  it('an upstream change hidden by an overlay stops the sync and names the overlay', async () => {
    const path = mangrovePath(upstream.pages);
    upstream.pages.set(path, changedMangrovePage(upstream.pages.get(path)!));
    const before = snapshot(ws);
    const r = await sync(ws, upstream, 'mangrove');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('clientgen sync: mangrove: upstream changed where an overlay replaces its content');
    expect(r.stderr).toContain(`specs/mangrove/overlays/01-named-schemas.yaml action 1 (target $.paths['/models/{model_id}/model_runs'].get.responses['200'].content['application/json'].schema)`);
    expect(r.stderr).toContain('major response-property-removed: property `data[].state` was removed from the 200 response');
    expect(r.stderr).toContain('sync: failed; specs/ and packages/ are as they were');
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
  });

  it('a changed page (new optional query parameter, removed response property): diff, bump, spec, changelog, package', async () => {
    dropStateFromOverlay(ws);
    const before = snapshot(ws);
    const oldProvider = readFileSync(join(ws, 'specs/mangrove/provider.yaml'), 'utf8');
    const oldSpec = readFileSync(join(ws, 'specs/mangrove/openapi.yaml'), 'utf8');
    const r = await sync(ws, upstream, 'mangrove');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const eff = effectiveLevel(v0, 'major');
    expect(r.stdout).toBe(
      [
        `mangrove: 2 changes, ${v0} → ${v1} (bump major${eff === 'major' ? '' : `; below 1.0.0 that is a ${eff} bump`})`,
        '  major response-property-removed GET /models/{model_id}/model_runs #/components/schemas/ModelRun/properties/state: property `data[].state` was removed from the 200 response',
        '  minor optional-parameter-added GET /models/{model_id}/model_runs #/paths/~1models~1{model_id}~1model_runs/get/parameters/2: optional query parameter `state` was added',
        `  wrote specs/mangrove/openapi.yaml, specs/mangrove/provider.yaml, packages/mangrove/ (CHANGELOG.md ${v1})`,
        'sync: 1 updated (mangrove), 0 up to date',
        '',
      ].join('\n'),
    );

    // Only Mangrove's spec, provider.yaml, overlay (edited above) and package changed.
    const changed = changedFiles(before, snapshot(ws));
    expect(changed.filter((f) => !f.startsWith('packages/mangrove/'))).toEqual(['specs/mangrove/openapi.yaml', 'specs/mangrove/provider.yaml']);
    expect(changed).toContain('packages/mangrove/CHANGELOG.md');

    // provider.yaml: the version line and nothing else (comments survive).
    const newProvider = readFileSync(join(ws, 'specs/mangrove/provider.yaml'), 'utf8');
    expect(newProvider).toBe(oldProvider.replace(`version: ${v0}`, `version: ${v1}`));
    expect(newProvider).toContain('# No total in the body');

    // The spec: same header comment, the new parameter, no `state` property.
    const spec = readFileSync(join(ws, 'specs/mangrove/openapi.yaml'), 'utf8');
    const header = (t: string) => t.split('\n').filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('#'))).join('\n');
    expect(header(spec)).toBe(header(oldSpec));
    expect(header(spec)).not.toBe('');
    const doc = parse(spec) as { paths: Record<string, { get: { parameters: { name: string }[] } }>; components: { schemas: Record<string, { properties: object }> } };
    expect(doc.paths['/models/{model_id}/model_runs']!.get.parameters.map((p) => p.name)).toEqual(['model_id', 'page', 'state', 'page_size']);
    expect(Object.keys(doc.components.schemas.ModelRun!.properties)).not.toContain('state');

    // CHANGELOG.md: date, version, the changes in words by level.
    expect(readFileSync(join(ws, 'packages/mangrove/CHANGELOG.md'), 'utf8')).toBe(
      [
        '# Changelog',
        '',
        `## ${v1} (${DATE})`,
        '',
        'Upstream spec changes (bump: major).',
        '',
        '### Breaking changes',
        '',
        '- `GET /models/{model_id}/model_runs`: property `data[].state` was removed from the 200 response.',
        '',
        '### Non-breaking changes',
        '',
        '- `GET /models/{model_id}/model_runs`: optional query parameter `state` was added.',
        '',
      ].join('\n'),
    );

    // The package is regenerated: exactly what the generator makes of the new spec.
    const pkg = JSON.parse(readFileSync(join(ws, 'packages/mangrove/package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe(v1);
    const outDir = join(ws, 'packages/mangrove');
    const generated = await generatePackage({ specFile: join(ws, 'specs/mangrove/openapi.yaml'), outDir, providerFolder: 'mangrove', contractTests: true });
    expect(staleFiles(outDir, generated.files)).toEqual([]);
    const client = readFileSync(join(outDir, 'src/client.ts'), 'utf8');
    expect(client).toContain('Only model runs in this state.');
    expect(client).toMatch(/\bstate\?:/);
  });

  it('a second run with the same page changes nothing and says "up to date"', async () => {
    const before = snapshot(ws);
    const r = await sync(ws, upstream, 'mangrove');
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: `mangrove: up to date (${v1})\nsync: up to date\n`, stderr: '' });
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
  });

  it('a broken page fails the lint gate with file, pointer and line; the workspace stays byte-identical', async () => {
    const path = mangrovePath(upstream.pages);
    const good = upstream.pages.get(path)!;
    upstream.pages.set(path, good.replace('        - name: page\n          in: query\n', '        - name: page\n          in: querystring\n'));
    const before = snapshot(ws);
    const r = await sync(ws, upstream);
    upstream.pages.set(path, good);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('clientgen sync: mangrove: the synced spec does not pass the lint gate; specs/mangrove/ and packages/mangrove/ were left untouched.');
    expect(r.stderr).toMatch(/[\\/]mangrove[\\/]openapi\.yaml:\d+:\d+ #\/paths\/~1models~1\{model_id\}~1model_runs\/get\/parameters\/1\/in: .*\[struct\]/);
    expect(r.stderr).toContain('sync: failed; specs/ and packages/ are as they were');
    const rejected = /the rejected spec is kept at (.+openapi\.yaml)\)/.exec(r.stderr)?.[1];
    expect(rejected).toBeDefined();
    kept.push(dirname(dirname(rejected!)));
    expect(readFileSync(rejected!, 'utf8')).toContain('in: querystring');
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
  });

  it('an unreachable source fails with the URL and status; nothing written', async () => {
    const path = mangrovePath(upstream.pages);
    const good = upstream.pages.get(path)!;
    upstream.pages.delete(path);
    const before = snapshot(ws);
    const r = await sync(ws, upstream);
    upstream.pages.set(path, good);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`clientgen sync: mangrove: GET https://docs.mangrovesystems.com${path.slice('/docs.mangrovesystems.com'.length)} (via ${upstream.base}${path}) → 404 Not Found`);
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
  });

  it('rejects unknown providers and options', async () => {
    let r = await sync(ws, upstream, 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('clientgen sync: nope: no provider "nope": specs/nope/provider.yaml does not exist (providers: datadog-model-lab, datafold, mangrove)');
    r = await sync(ws, upstream, '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --frobnicate');
  });
});

describe('syncProviders (in process)', () => {
  let ws: string;
  let page: string;
  beforeAll(() => {
    ws = makeWorkspace();
    dropStateFromOverlay(ws);
    page = changedMangrovePage(readFileSync(UPSTREAM.mangrove!, 'utf8'));
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  const fetcher = async (url: string) => {
    if (url.includes('mangrovesystems')) return page;
    throw new Error(`unexpected fetch ${url}`);
  };

  it('--dry-run reports the change and writes nothing', async () => {
    const before = snapshot(ws);
    const [result] = await syncProviders({ root: ws, providers: ['mangrove'], fetcher, date: DATE, dryRun: true });
    expect(result).toMatchObject({ provider: 'mangrove', status: 'changed', bump: 'major', written: [] });
    expect(result!.changes.map((c) => c.rule)).toEqual(['response-property-removed', 'optional-parameter-added']);
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
  });

  it('a failure after everything was written puts specs/ and packages/ back as they were', async () => {
    const before = snapshot(ws);
    const error = await syncProviders({
      root: ws,
      providers: ['mangrove'],
      fetcher,
      date: DATE,
      beforeCommit: () => {
        // By now the spec, provider.yaml and the package are all written.
        expect(readFileSync(join(ws, 'packages/mangrove/CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## \\d+\\.\\d+\\.\\d+ \\(${DATE}\\)$`, 'm'));
        throw new Error('disk full');
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as Error).message).toBe('disk full\nspecs/ and packages/ were restored to their previous state.');
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
  });
});

describe('fetcher', () => {
  it('rewrites http(s) URLs under a source base as <base>/<host><path>', () => {
    expect(rewriteUrl('https://docs.example.com/a/b.md?x=1', 'http://127.0.0.1:9/')).toBe('http://127.0.0.1:9/docs.example.com/a/b.md?x=1');
    expect(rewriteUrl('https://docs.example.com/a.md')).toBe('https://docs.example.com/a.md');
    expect(rewriteUrl('file:///tmp/a.md', 'http://127.0.0.1:9')).toBe('file:///tmp/a.md');
  });

  it('reads file: URLs and reports what it could not get', async () => {
    const fetch = httpFetcher();
    expect(await fetch(pathToFileURL(fileURLToPath(UPSTREAM.mangrove!)).href)).toContain('openapi: 3.1.0');
    await expect(fetch('file:///nonexistent/page.md')).rejects.toThrow('cannot read file:///nonexistent/page.md');
    await expect(fetch('ftp://example.com/x')).rejects.toThrow('unsupported URL scheme ftp:');
    // A port nothing listens on any more.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const refused = httpFetcher({ sourceBase: `http://127.0.0.1:${port}` });
    await expect(refused('https://docs.example.com/a.md')).rejects.toThrow(`GET https://docs.example.com/a.md (via http://127.0.0.1:${port}/docs.example.com/a.md) failed: ECONNREFUSED`);
  });
});
