/**
 * `clientgen sync` end to end, in a copy of the workspace, against a
 * loopback HTTP server that serves the real upstream pages from ../shared
 * (reached through `--source-base`; nothing leaves the machine).
 */
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generatePackage } from '../../generator/src/generate.js';
import { httpFetcher, rewriteUrl } from '../../generator/src/lifecycle/fetcher.js';
import { bumpVersion, effectiveLevel, readProviderVersion } from '../../generator/src/lifecycle/semver.js';
import { SyncError, syncProviders } from '../../generator/src/lifecycle/sync.js';
import { staleFiles } from '../../generator/src/write/output.js';
import { DATE, PROVIDERS, UPSTREAM, changedFiles, changedMangrovePage, dropStateFromOverlay, makeWorkspace, mangrovePath, snapshot, startUpstream, sync, type Upstream } from './sync-upstream.js';

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

    // CHANGELOG.md: date, version, the changes in words by level, above the entries it had.
    const earlier = readFileSync(new URL('../../packages/mangrove/CHANGELOG.md', import.meta.url), 'utf8').replace(/^# Changelog\n\n/, '');
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
      ].join('\n') + `\n${earlier}`,
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
    expect(await fetch(pathToFileURL(UPSTREAM.mangrove!).href)).toContain('openapi: 3.1.0');
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
