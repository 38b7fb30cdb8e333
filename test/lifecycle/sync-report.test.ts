/**
 * `clientgen sync --report <md> --json <file>`: the pull-request body a
 * scheduled sync hands a reviewer, and the exit codes its workflow branches
 * on, end to end against the loopback upstream (sync-upstream.ts).
 *
 * The Markdown is compared with golden files in test/fixtures/sync-report/
 * (`vitest run -u` rewrites them after an intended change to the report or
 * to generated code); the facts a reviewer relies on are asserted on their
 * own as well, and the line counts are checked against `git diff --numstat`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES, MAX_BODY_CHARS, buildReport, renderMarkdown, type SyncReport } from '../../generator/src/lifecycle/report.js';
import { bumpVersion, readProviderVersion } from '../../generator/src/lifecycle/semver.js';
import { syncProviders } from '../../generator/src/lifecycle/sync.js';
import { loadSpec } from '../../generator/src/load/load-spec.js';
import { readRecordings } from '../../generator/src/verify/recordings.js';
import { verifyExchanges } from '../../generator/src/verify/verify.js';
import { DATE, PROVIDERS, SHARED, UPSTREAM, addStateParameter, changedFiles, dropStateFromOverlay, makeWorkspace, mangrovePath, removeStateProperty, snapshot, startUpstream, sync, type Upstream } from './sync-upstream.js';

const golden = (name: string) => `../fixtures/sync-report/${name}`;

describe('clientgen sync --report / --json (loopback upstream)', () => {
  let ws: string;
  let out: string;
  let upstream: Upstream;
  let v0: string;

  beforeAll(async () => {
    ws = makeWorkspace();
    out = mkdtempSync(join(tmpdir(), 'clientgen-sync-report-'));
    upstream = await startUpstream(ws);
    v0 = readProviderVersion(readFileSync(join(ws, 'specs/mangrove/provider.yaml'), 'utf8'));
  });
  afterAll(async () => {
    await new Promise((resolve) => upstream?.server.close(resolve));
    rmSync(ws, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  const run = async (name: string, ...args: string[]) => {
    const md = join(out, `${name}.md`);
    const json = join(out, `${name}.json`);
    const r = await sync(ws, upstream, ...args, '--report', md, '--json', json);
    return { ...r, md: readFileSync(md, 'utf8'), json: JSON.parse(readFileSync(json, 'utf8')) as SyncReport };
  };

  /** A copy of the workspace's current files, to compare line counts with `git diff --numstat`. */
  const keepCopy = (): string => {
    const dir = mkdtempSync(join(out, 'before-'));
    for (const d of ['specs', 'packages']) cpSync(join(ws, d), join(dir, d), { recursive: true });
    return dir;
  };
  const numstat = (before: string, file: string): { added: number; removed: number } => {
    let text: string;
    try {
      const side = (dir: string) => (existsSync(join(dir, file)) ? join(dir, file) : '/dev/null');
      text = execFileSync('git', ['diff', '--no-index', '--numstat', side(before), side(ws)], { encoding: 'utf8' });
    } catch (error) {
      // git diff --no-index exits 1 when the files differ.
      text = (error as { stdout: string }).stdout;
    }
    const [added, removed] = text.trim().split(/\s+/).map(Number);
    return { added: added!, removed: removed! };
  };

  it('no upstream change: exit 3, "up to date" report, nothing written', async () => {
    const before = snapshot(ws);
    const r = await run('unchanged');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT_CODES.unchanged);
    expect(r.code).toBe(3);
    const version = (p: string) => readProviderVersion(readFileSync(join(ws, 'specs', p, 'provider.yaml'), 'utf8'));
    expect(r.stdout).toBe(PROVIDERS.map((p) => `${p}: up to date (${version(p)})\n`).join('') + 'sync: up to date\n');
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
    expect(r.json).toMatchObject({ status: 'unchanged', title: `Upstream sync ${DATE}: up to date`, date: DATE, dryRun: false });
    expect(r.json.providers.map((p) => [p.provider, p.status, p.files.length])).toEqual(PROVIDERS.map((p) => [p, 'up-to-date', 0]));
    // Every source is listed with what the loopback server returned.
    const mangrove = r.json.providers.find((p) => p.provider === 'mangrove')!;
    expect(mangrove.sources).toEqual([
      {
        url: expect.stringMatching(/^https:\/\/docs\.mangrovesystems\.com\//),
        format: 'docs-page',
        bytes: Buffer.byteLength(readFileSync(UPSTREAM.mangrove!, 'utf8')),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(r.md).not.toContain(upstream.base);
    await expect(r.md).toMatchFileSnapshot(golden('unchanged.md'));
  });

  it('a non-breaking change (new optional parameter): exit 0, minor diff, patch bump, the files with their line counts', async () => {
    const path = mangrovePath(upstream.pages);
    upstream.pages.set(path, addStateParameter(upstream.pages.get(path)!));
    const before = keepCopy();
    const r = await run('non-breaking', 'mangrove');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT_CODES.changed);
    const v1 = bumpVersion(v0, 'minor');
    expect(r.json.status).toBe('changed');
    expect(r.json.title).toBe(`Upstream sync ${DATE}: mangrove ${v0} → ${v1}`);
    const [p] = r.json.providers;
    expect(p).toMatchObject({ provider: 'mangrove', status: 'changed', oldVersion: v0, newVersion: v1, bump: 'minor' });
    expect(p!.rules).toEqual([{ rule: 'optional-parameter-added', level: 'minor', count: 1 }]);
    expect(p!.changes).toEqual([
      {
        level: 'minor',
        rule: 'optional-parameter-added',
        operation: 'GET /models/{model_id}/model_runs',
        pointer: '#/paths/~1models~1{model_id}~1model_runs/get/parameters/2',
        message: 'optional query parameter `state` was added',
      },
    ]);
    expect(p!.changelogEntry).toBe(readFileSync(join(ws, 'packages/mangrove/CHANGELOG.md'), 'utf8').split(/\n(?=## )/)[1]!.replace(/\n*$/, '\n'));
    expect(p!.verify).toEqual({ status: 'no-recordings' });

    // The files: exactly those written, each with git's line counts.
    const written = changedFiles(snapshot(before), snapshot(ws))
      .map((f) => f.split('\\').join('/'))
      .filter((f) => /^(specs|packages)\//.test(f));
    expect(p!.files.map((f) => f.path).sort()).toEqual(written);
    expect(p!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['specs/mangrove/openapi.yaml', 'specs/mangrove/provider.yaml', 'packages/mangrove/CHANGELOG.md', 'packages/mangrove/src/client.ts']));
    for (const f of p!.files) expect({ path: f.path, added: f.added, removed: f.removed }).toEqual({ path: f.path, ...numstat(before, f.path) });
    expect(p!.files.find((f) => f.path === 'specs/mangrove/provider.yaml')).toEqual({ path: 'specs/mangrove/provider.yaml', change: 'modified', added: 1, removed: 1 });

    expect(r.md).toContain(`## mangrove: ${v0} → ${v1}`);
    expect(r.md).toContain('| minor | `optional-parameter-added` | `GET /models/{model_id}/model_runs` | `#/paths/~1models~1{model_id}~1model_runs/get/parameters/2` | optional query parameter `state` was added |');
    await expect(r.md).toMatchFileSnapshot(golden('non-breaking.md'));
  });

  it('a breaking change (response property removed): exit 0, the bump and why, the rule with its pointer, the changelog entry', async () => {
    const path = mangrovePath(upstream.pages);
    upstream.pages.set(path, removeStateProperty(upstream.pages.get(path)!));
    dropStateFromOverlay(ws);
    const v1 = readProviderVersion(readFileSync(join(ws, 'specs/mangrove/provider.yaml'), 'utf8'));
    const v2 = bumpVersion(v1, 'major');
    const r = await run('breaking');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT_CODES.changed);
    expect(r.json.title).toBe(`Upstream sync ${DATE}: mangrove ${v1} → ${v2} (breaking)`);
    const mangrove = r.json.providers.find((p) => p.provider === 'mangrove')!;
    expect(mangrove).toMatchObject({ bump: 'major', oldVersion: v1, newVersion: v2, versionBump: v1.startsWith('0.') ? 'minor' : 'major' });
    expect(mangrove.bumpReason).toContain('major because of `response-property-removed`');
    expect(mangrove.rules).toEqual([{ rule: 'response-property-removed', level: 'major', count: 1 }]);
    expect(mangrove.changes[0]!.pointer).toBe('#/components/schemas/ModelRun/properties/state');
    expect(r.json.providers.filter((p) => p.status === 'up-to-date').map((p) => p.provider)).toEqual(['datadog-model-lab', 'datafold']);

    expect(r.md).toMatch(new RegExp(`^# Upstream sync ${DATE}: mangrove ${v1.replace(/\./g, '\\.')} → ${v2.replace(/\./g, '\\.')} \\(breaking\\)$`, 'm'));
    expect(r.md).toContain('| major | `response-property-removed` | `GET /models/{model_id}/model_runs` | `#/components/schemas/ModelRun/properties/state` |');
    expect(r.md).toContain('### Breaking changes\n\n- `GET /models/{model_id}/model_runs`: property `data[].state` was removed from the 200 response.');
    expect(r.md).toContain('`packages/mangrove/src/types.ts`');
    await expect(r.md).toMatchFileSnapshot(golden('breaking.md'));
  });

  it('a changed provider with recordings in specs/<p>/recordings/: the report lists what clientgen verify finds in them', async () => {
    // Datadog's own client's recordings of the real Model Lab API, vendored next to the spec (specs/datadog-model-lab/recordings/).
    expect(readFileSync(join(ws, 'specs/datadog-model-lab/recordings/model-lab-api.json'), 'utf8')).toBe(readFileSync(join(SHARED, 'conformance/datadog-model-lab/recordings.json'), 'utf8'));
    // Upstream now says a run's id is an integer; the real API sends strings.
    const path = [...upstream.pages.keys()].find((k) => k.includes('datadog'))!;
    const good = upstream.pages.get(path)!;
    const id = '          description: The unique identifier of the run.\n          example: "42"\n          type: string\n';
    expect(good.split(id)).toHaveLength(2);
    upstream.pages.set(path, good.replace(id, '          description: The unique identifier of the run.\n          example: 42\n          type: integer\n'));
    const r = await run('recordings', 'datadog-model-lab');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT_CODES.changed);
    const [p] = r.json.providers;
    expect(p).toMatchObject({ provider: 'datadog-model-lab', bump: 'major' });
    expect(p!.changes.map((c) => c.pointer)).toContain('#/components/schemas/ModelLabRunData/properties/id/type');

    // Exactly what clientgen verify finds in the recordings against the synced spec.
    const { document } = await loadSpec(join(ws, 'specs/datadog-model-lab/openapi.yaml'));
    const expected = verifyExchanges(document, readRecordings(join(ws, 'specs/datadog-model-lab/recordings'), ws));
    expect(expected.exchanges).toBe(23);
    expect(p!.verify).toEqual({
      status: 'checked',
      exchanges: 23,
      findings: expected.findings.map((f) => ({ operation: f.operation, pointer: f.pointer, message: `${f.where}: ${f.message}`, recording: f.source })),
    });
    const findings = (p!.verify as { findings: { operation?: string; pointer?: string; message: string; recording?: string }[] }).findings;
    const idFindings = findings.filter((f) => f.pointer === '/components/schemas/ModelLabRunData/properties/id');
    expect(idFindings.length).toBeGreaterThan(0);
    expect(idFindings[0]!.message).toBe('response body /data/id: type integer, recorded "70158"');
    expect(idFindings[0]!.recording).toMatch(/^specs\/datadog-model-lab\/recordings\/model-lab-api\.json#/);
    expect(r.md).toContain(`${findings.length} findings in 23 recorded exchanges (\`specs/datadog-model-lab/recordings/\`, \`clientgen verify\`):`);
    expect(r.md).toContain(`| \`${idFindings[0]!.operation}\` | \`#/components/schemas/ModelLabRunData/properties/id\` | ${idFindings[0]!.message} | ${idFindings[0]!.recording} |`);
  });

  it('an overlay that fixes a finding makes it disappear (02-page-number.yaml: page[number] starts at 0)', async () => {
    const overlay = join(ws, 'specs/datadog-model-lab/overlays/02-page-number.yaml');
    const text = readFileSync(overlay, 'utf8');
    const pageFindings = (r: { json: SyncReport }) =>
      ((r.json.providers[0]!.verify as { findings?: { message: string }[] }).findings ?? []).filter((f) => f.message.includes('page[number]')).map((f) => f.message);
    rmSync(overlay);
    const without = await run('without-page-overlay', 'datadog-model-lab');
    expect(without.code).toBe(EXIT_CODES.changed);
    expect(pageFindings(without)).toEqual([
      'response body /meta/page/number: query parameter "page[number]" defaults to 1 in the spec, but the server answered page 0 when it was left out',
      'response body /meta/page/number: query parameter "page[number]" defaults to 1 in the spec, but the server answered page 0 when it was left out',
    ]);
    writeFileSync(overlay, text);
    const fixed = await run('with-page-overlay', 'datadog-model-lab');
    expect(fixed.code).toBe(EXIT_CODES.changed);
    expect(fixed.json.providers[0]!.verify).toMatchObject({ status: 'checked', exchanges: 23 });
    expect(pageFindings(fixed)).toEqual([]);
  });

  it('a failed run: exit 1, the report names the provider and the error; nothing written', async () => {
    const path = mangrovePath(upstream.pages);
    const good = upstream.pages.get(path)!;
    upstream.pages.delete(path);
    const before = snapshot(ws);
    const r = await run('failed');
    upstream.pages.set(path, good);
    expect(r.code).toBe(EXIT_CODES.failed);
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
    expect(r.json).toMatchObject({ status: 'failed', title: `Upstream sync ${DATE}: failed (mangrove)`, providers: [], error: { provider: 'mangrove' } });
    expect(r.json.error!.message).toContain('→ 404 Not Found');
    expect(r.md).toContain('`clientgen sync` failed on **mangrove**; nothing was written');
  });

  it('--dry-run with --report: exit 0, the change report, no files', async () => {
    const path = mangrovePath(upstream.pages);
    const good = upstream.pages.get(path)!;
    upstream.pages.set(path, good.replace('Only model runs in this state.', 'Only the model runs in this state.'));
    const before = snapshot(ws);
    const r = await run('dry-run', '--dry-run');
    upstream.pages.set(path, good);
    expect(r.code).toBe(EXIT_CODES.changed);
    expect(changedFiles(before, snapshot(ws))).toEqual([]);
    expect(r.json.title).toMatch(/ \(dry run\)$/);
    expect(r.json.providers.find((p) => p.provider === 'mangrove')).toMatchObject({ bump: 'patch', files: [] });
    expect(r.md).toContain('Dry run: nothing written.');
  });

  it('rejects --report without a file, and a report that cannot be written, before syncing anything', async () => {
    let r = await sync(ws, upstream, '--report');
    expect(r.code).toBe(EXIT_CODES.usage);
    expect(r.stderr).toContain('--report needs a file name');
    r = await sync(ws, upstream, '--json', join(ws, 'package.json', 'report.json'));
    expect(r.code).toBe(EXIT_CODES.failed);
    expect(r.stderr).toContain('cannot write the report');
    expect(r.stdout).toBe('');
  });
});

describe('sync report (in process)', () => {
  let ws: string;
  beforeAll(() => {
    ws = makeWorkspace();
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  const page = () => addStateParameter(readFileSync(UPSTREAM.mangrove!, 'utf8'));
  const fetcher = async () => page();

  it('findings from a SyncOptions.verify hook are listed; no hook says "not run"; no recordings says so', async () => {
    const checked = await syncProviders({
      root: ws,
      providers: ['mangrove'],
      fetcher,
      date: DATE,
      dryRun: true,
      verify: ({ provider, document }) => {
        expect(provider).toBe('mangrove');
        expect(Object.keys(document.paths ?? {})).toEqual(['/models/{model_id}/model_runs']);
        return {
          exchanges: 3,
          findings: [
            {
              operation: 'GET /models/{model_id}/model_runs',
              pointer: '/paths/~1models~1{model_id}~1model_runs/get/responses/200',
              message: 'recorded 200 body has `total`, which the schema does not declare',
              recording: 'runs.har#2',
            },
          ],
        };
      },
    });
    expect(checked[0]!.verify).toEqual({ status: 'checked', exchanges: 3, findings: [expect.objectContaining({ message: expect.stringContaining('`total`') })] });
    const md = renderMarkdown(buildReport({ date: DATE, dryRun: true, results: checked }));
    expect(md).toContain('1 finding in 3 recorded exchanges (`specs/mangrove/recordings/`, `clientgen verify`):');
    expect(md).toContain(
      '| `GET /models/{model_id}/model_runs` | `#/paths/~1models~1{model_id}~1model_runs/get/responses/200` | recorded 200 body has `total`, which the schema does not declare | runs.har#2 |',
    );

    const none = await syncProviders({ root: ws, providers: ['mangrove'], fetcher, date: DATE, dryRun: true, verify: () => undefined });
    expect(renderMarkdown(buildReport({ date: DATE, dryRun: true, results: none }))).toContain('### Verify (recorded traffic)\n\nNo recordings: HAR files (or Datadog recordings) in `specs/mangrove/recordings/`');
    const unavailable = await syncProviders({ root: ws, providers: ['mangrove'], fetcher, date: DATE, dryRun: true });
    expect(renderMarkdown(buildReport({ date: DATE, dryRun: true, results: unavailable }))).toContain('### Verify (recorded traffic)\n\nNot run: no verifier was given (`SyncOptions.verify`).');
  });

  it('warnings about the new spec are listed with the vendored file, line and pointer', async () => {
    // A header parameter with the name of a query parameter: the flat call parameters can carry only one.
    const withPageHeader = page().replace('        - name: page_size\n', '        - name: page\n          in: header\n          schema:\n            type: string\n        - name: page_size\n');
    // Vendored providers are `strict: true` (a warning fails generation); a provider without it gets warnings.
    const providerFile = join(ws, 'specs/mangrove/provider.yaml');
    const providerText = readFileSync(providerFile, 'utf8');
    expect(providerText).toContain('\nstrict: true\n');
    writeFileSync(providerFile, providerText.replace('\nstrict: true\n', '\n'));
    const [r] = await syncProviders({ root: ws, providers: ['mangrove'], fetcher: async () => withPageHeader, date: DATE });
    expect(r!.status).toBe('changed');
    const spec = readFileSync(join(ws, 'specs/mangrove/openapi.yaml'), 'utf8');
    expect(r!.warnings).toEqual([
      {
        file: 'specs/mangrove/openapi.yaml',
        pointer: '/paths/~1models~1{model_id}~1model_runs/get',
        // Where the operation object starts: the line after `get:`.
        line: spec.split('\n').findIndex((l) => l === '    get:') + 2,
        column: 7,
        message: 'header parameter "page" has the name of a query parameter; only the query one can be passed (use client.raw for the other)',
      },
    ]);
    const md = renderMarkdown(buildReport({ date: DATE, dryRun: false, results: [r!] }));
    expect(md).toMatch(/### Lint warnings\n\n```\nspecs\/mangrove\/openapi\.yaml:\d+:\d+ #\/paths\/~1models~1\{model_id\}~1model_runs\/get: header parameter "page" has the name/);
  });

  it('a report too long for a pull-request body keeps the first rows of each list and says what it left out', () => {
    const changes = Array.from({ length: 3000 }, (_, i) => ({
      level: 'minor' as const,
      rule: 'operation-added' as const,
      location: { operation: `GET /things/${i}`, pointer: `/paths/~1things~1${i}/get` },
      message: `operation \`GET /things/${i}\` was added`,
    }));
    const files = Array.from({ length: 400 }, (_, i) => ({ path: `packages/acme/src/part-${i}.ts`, change: 'added' as const, added: 10, removed: 0 }));
    const result = {
      provider: 'acme',
      status: 'changed' as const,
      sources: [],
      fetched: [],
      changes,
      bump: 'minor' as const,
      oldVersion: '1.0.0',
      newVersion: '1.1.0',
      drift: [],
      written: [],
      changelogEntry: `## 1.1.0 (${DATE})\n\nUpstream spec changes (bump: minor).\n\n### Non-breaking changes\n\n${changes.map((c) => `- ${c.message}.`).join('\n')}\n`,
      warnings: [],
      verify: { status: 'unavailable' as const },
      files,
    };
    const report = buildReport({ date: DATE, dryRun: false, results: [result] });
    const full = renderMarkdown(report, { maxChars: Infinity });
    expect(full.length).toBeGreaterThan(MAX_BODY_CHARS);
    expect(full).not.toContain('left out to fit');

    const md = renderMarkdown(report);
    expect(md.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    const rows = md.split('\n').filter((l) => l.startsWith('| minor | `operation-added`')).length;
    expect(rows).toBeGreaterThan(0);
    expect(md).toContain(`… and ${3000 - rows} more changes, left out to fit a pull-request body (all of them: the JSON report, \`--json\`).`);
    expect(md).toMatch(/… and \d+ more files, left out to fit a pull-request body/);
    expect(md).toMatch(/… and \d+ more lines, left out to fit a pull-request body \(the whole entry: `packages\/acme\/CHANGELOG\.md` in this change\)/);
    // The totals still count everything.
    expect(md).toContain('400 files changed, 4000 lines added, 0 removed.');
  });

  it('table cells and code spans hold hostile text literally', () => {
    const md = renderMarkdown(
      buildReport({
        date: DATE,
        dryRun: true,
        results: [
          {
            provider: 'acme',
            status: 'changed',
            sources: [],
            fetched: [],
            changes: [{ level: 'major', rule: 'parameter-removed', location: { operation: 'GET /a|b', pointer: '/paths/~1a`b' }, message: 'query parameter `x|y` was removed\nand more' }],
            bump: 'major',
            oldVersion: '1.0.0',
            newVersion: '2.0.0',
            drift: [],
            written: [],
            warnings: [],
            verify: { status: 'unavailable' },
            files: [],
          },
        ],
      }),
    );
    expect(md).toContain('| major | `parameter-removed` | `GET /a\\|b` | ``#/paths/~1a`b`` | query parameter `x\\|y` was removed and more |');
  });
});
