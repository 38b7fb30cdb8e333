import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { convert, fastApiOperationId, filterDocument, mergeDocuments, normalizeKeyOrder, toYaml, type OpenAPIDocument } from '../../generator/src/lifecycle/convert/index.js';
import { lintOpenApi } from '../../generator/src/lifecycle/convert/lint.js';
import { run } from '../../generator/src/commands/convert.js';

const shared = (p: string) => readFileSync(new URL(`../../../shared/${p}`, import.meta.url), 'utf8');
const MANGROVE = shared('seeds/mangrove-list-model-runs.md');
const DATAFOLD_SEED = shared('seeds/datafold-list-monitor-runs.md');
const DATAFOLD_NEWER = shared('upstream/datafold-list-monitor-runs.newer-page.md');
const DATADOG_PAGE = shared('seeds/datadog-list-model-lab-runs.md');
const DATADOG = shared('upstream/datadog-model-lab.openapi.yaml');

type Any = Record<string, any>;
const clone = <T>(x: T): T => structuredClone(x);

/** Every `$ref` in `doc` resolves to an existing component. */
function danglingRefs(doc: unknown): string[] {
  const refs: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') for (const [k, v] of Object.entries(n)) (k === '$ref' && typeof v === 'string' ? refs.push(v) : walk(v));
  };
  walk(doc);
  return refs.filter((r) => {
    const [, section, name] = /^#\/components\/([^/]+)\/([^/]+)$/.exec(r) ?? [];
    return !(section && name && (doc as Any).components?.[section]?.[name]);
  });
}

describe('docs-page (Mangrove page)', () => {
  const doc = convert('docs-page', MANGROVE, 'mangrove.md') as Any;

  it('takes the fenced OpenAPI 3.1 block', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'Mangrove - API', version: '1.1.0' });
    expect(doc.servers).toEqual([{ url: 'https://app.gomangrove.com/api/v1' }]);
    expect(doc.paths['/models/{model_id}/model_runs'].get.operationId).toBe('list-model-runs');
    expect(doc.components.securitySchemes.sec0).toEqual({ type: 'apiKey', name: 'Authorization', in: 'header', 'x-bearer-format': '' });
  });

  it('rewrites nullable: true as a 3.1 type list', () => {
    const item = doc.paths['/models/{model_id}/model_runs'].get.responses['200'].content['application/json'].schema.properties.data.items;
    expect(item.properties.error_message).toEqual({ type: ['string', 'null'] });
    expect(JSON.stringify(doc)).not.toContain('nullable');
  });

  it('lints without errors, and its example now matches its schema', async () => {
    const problems = await lintOpenApi(toYaml(doc), 'mangrove.yaml');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.map((p) => p.ruleId)).not.toContain('no-invalid-media-type-examples');
  });

  it('handles 3-backtick and tilde fences, and json blocks', () => {
    const yamlBlock = '# T\n\n```yaml\nopenapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\n```\n';
    expect(convert('docs-page', yamlBlock, 'p.md').info.title).toBe('t');
    const tilde = '~~~yml\nopenapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n~~~\n';
    expect(convert('docs-page', tilde, 'p.md').openapi).toBe('3.0.3');
    const json = 'text\n```json\n{"openapi": "3.1.0", "info": {"title": "j", "version": "1"}, "paths": {}}\n```\n';
    expect(convert('docs-page', json, 'p.md').info.title).toBe('j');
  });

  it('leaves nullable alone in a 3.0 document, and wraps untyped nullable schemas in 3.1', () => {
    const v30 = '```yaml\nopenapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents: {schemas: {A: {type: string, nullable: true}}}\n```';
    expect((convert('docs-page', v30, 'p.md') as Any).components.schemas.A).toEqual({ type: 'string', nullable: true });
    const v31 = '```yaml\nopenapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents: {schemas: {B: {type: string}, A: {description: d, $ref: "#/components/schemas/B", nullable: true}, E: {type: string, enum: [a], nullable: true}}}\n```';
    const s = (convert('docs-page', v31, 'p.md') as Any).components.schemas;
    expect(s.A).toEqual({ description: 'd', anyOf: [{ $ref: '#/components/schemas/B' }, { type: 'null' }] });
    expect(s.E).toEqual({ type: ['string', 'null'], enum: ['a', null] });
  });

  it('rejects pages without an OpenAPI block, naming the alternative', () => {
    expect(() => convert('docs-page', DATADOG_PAGE, 'datadog.md')).toThrow(/no fenced OpenAPI block found/);
    expect(() => convert('docs-page', DATAFOLD_SEED, 'datafold.md')).toThrow(/--from rendered-openapi/);
  });

  it('reports YAML errors with the page line number', () => {
    const page = '# T\n\ntext\n\n```yaml\nopenapi: 3.1.0\ninfo:\n  title: [unclosed\n```\n';
    try {
      convert('docs-page', page, 'broken.md');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/^broken\.md:(8|9):\d+ #: invalid YAML/);
    }
  });
});

describe('rendered-openapi (Datafold seed page)', () => {
  const doc = convert('rendered-openapi', DATAFOLD_SEED, 'datafold-seed.md') as Any;
  const op = doc.paths['/api/v1/monitors/{id}/runs'].get;

  it('derives the FastAPI operationId', () => {
    expect(op.operationId).toBe('list_monitor_runs_api_v1_monitors__id__runs_get');
    expect(fastApiOperationId('List Monitor Runs', '/api/v1/monitors/{id}/runs', 'GET')).toBe('list_monitor_runs_api_v1_monitors__id__runs_get');
    expect(fastApiOperationId('Create Data Diff', '/api/v1/datadiffs', 'post')).toBe('create_data_diff_api_v1_datadiffs_post');
  });

  it('rebuilds servers and the ApiKeyAuth scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'https://app.datafold.com', description: 'Default server' }]);
    expect(doc.security).toEqual([{ ApiKeyAuth: [] }]);
    expect(doc.components.securitySchemes.ApiKeyAuth).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: "Use the 'Authorization' header with the format 'Key <api-key>'",
    });
  });

  it('turns parameter schema arrays into schemas (anyOf for several) with required lifted', () => {
    const byName = Object.fromEntries(op.parameters.map((p: Any) => [p.name, p]));
    expect(byName.id).toMatchObject({ in: 'path', required: true, schema: { type: 'integer', title: 'Id' } });
    expect(byName.page).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', default: 1 } });
    expect(byName.start_time).toEqual({
      name: 'start_time',
      in: 'query',
      description: 'Include runs with a timestamp >= this value.',
      required: false,
      schema: {
        title: 'Start Time',
        description: 'Include runs with a timestamp >= this value.',
        anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }],
      },
    });
  });

  it('emits refIdentifier schemas as components, unwrapping allOf and requiredProperties', () => {
    const ok = op.responses['200'];
    expect(ok.description).toBe('Successful Response');
    expect(ok.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiPublicListMonitorRunsOut' });
    const out = doc.components.schemas.ApiPublicListMonitorRunsOut;
    expect(out.required).toEqual(['count', 'runs', 'page', 'page_size', 'total_pages']);
    expect(out.properties.runs).toEqual({
      title: 'Runs',
      description: 'List of monitor runs.',
      type: 'array',
      items: { $ref: '#/components/schemas/ApiPublicMonitorRunOut' },
    });
    expect(op.responses['422'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/HTTPValidationError' });
    expect(doc.components.schemas.MonitorRunState.enum).toEqual(['ok', 'alert', 'error', 'learning', 'checking', 'created', 'skipped', 'cancelled']);
    expect(doc.components.schemas.ValidationError.required).toEqual(['loc', 'msg', 'type']);
    expect(JSON.stringify(doc)).not.toMatch(/refIdentifier|requiredProperties|schemaArray/);
    expect(danglingRefs(doc)).toEqual([]);
  });

  it('keeps the examples', () => {
    expect(op.responses['200'].content['application/json'].examples.example.value.runs[0].state).toBe('ok');
  });

  it('lints clean apart from info-license', async () => {
    const problems = await lintOpenApi(toYaml(doc), 'datafold.yaml');
    expect(problems.map((p) => p.ruleId)).toEqual(['info-license']);
  });

  it('is equivalent to converting the newer page (docs-page with the real OpenAPI block)', () => {
    const newer = convert('docs-page', DATAFOLD_NEWER, 'datafold-newer.md');
    // What only one of the pages carries, dropped before comparing:
    // - `info`: the rendered form has none (title = page title, version `unversioned`);
    // - operation `tags`: the rendered form does not carry them;
    // - media-type `examples`: the renderer synthesises placeholder examples (123, <string>),
    //   the upstream document has none.
    const strip = (d: OpenAPIDocument | Any): Any => {
      const c = clone(d) as Any;
      delete c.info;
      delete c.tags;
      for (const item of Object.values(c.paths) as Any[]) {
        for (const o of Object.values(item) as Any[]) {
          delete o.tags;
          for (const r of Object.values(o.responses ?? {}) as Any[]) for (const m of Object.values(r.content ?? {}) as Any[]) delete m.examples;
        }
      }
      return c;
    };
    expect(strip(doc)).toEqual(strip(newer));
    // Same key order inside every object once normalised (the order of the
    // component map itself follows the source: the rendered form lists them by name).
    const sortSchemas = (d: Any) => ({ ...d, components: { ...d.components, schemas: Object.fromEntries(Object.entries(d.components.schemas).sort(([a], [b]) => a.localeCompare(b))) } });
    expect(toYaml(normalizeKeyOrder(sortSchemas(strip(doc))))).toBe(toYaml(normalizeKeyOrder(sortSchemas(strip(newer)))));
  });

  it('handles bodies, bearer auth, multi-scheme security, enum<> types and property-level required', () => {
    const page = [
      '# Create Thing',
      '````yaml openapi.json post /things',
      'paths:',
      '  path: /things',
      '  method: post',
      '  servers: [{url: "https://x.test"}]',
      '  request:',
      '    security:',
      '      - title: bearerAuth',
      '        parameters: {header: {Authorization: {type: http, scheme: bearer}}}',
      '      - title: keyA & keyB',
      '        parameters: {header: {X-A: {type: apiKey}}, query: {b: {type: apiKey}}}',
      '    parameters: {path: {}, query: {}, header: {}, cookie: {}}',
      '    body:',
      '      application/json:',
      '        schemaArray:',
      '          - type: object',
      '            properties:',
      '              kind: {allOf: [{type: "enum<string>", enum: [a, b]}], required: true}',
      '              note: {type: any}',
      '            requiredProperties: [name]',
      '  response:',
      '    "204":',
      '      _mintlify/placeholder:',
      '        schemaArray: [{type: any, description: No Content}]',
      '        description: No Content',
      '  deprecated: true',
      '````',
    ].join('\n');
    const d = convert('rendered-openapi', page, 'thing.md') as Any;
    const o = d.paths['/things'].post;
    expect(o.operationId).toBe('create_thing_things_post');
    expect(o.deprecated).toBe(true);
    expect(o.requestBody.content['application/json'].schema).toEqual({
      type: 'object',
      properties: { kind: { type: 'string', enum: ['a', 'b'] }, note: {} },
      required: ['name', 'kind'],
    });
    expect(o.responses['204']).toEqual({ description: 'No Content' });
    expect(d.security).toEqual([{ bearerAuth: [] }, { keyA: [], keyB: [] }]);
    expect(d.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      keyA: { type: 'apiKey', name: 'X-A', in: 'header' },
      keyB: { type: 'apiKey', name: 'b', in: 'query' },
    });
  });

  it('rejects pages that are not the rendered form', () => {
    expect(() => convert('rendered-openapi', DATAFOLD_NEWER, 'newer.md')).toThrow(/use --from docs-page/);
    expect(() => convert('rendered-openapi', DATADOG_PAGE, 'datadog.md')).toThrow(/no rendered-openapi block found/);
  });
});

describe('openapi (raw documents, filters)', () => {
  it('reads JSON and YAML alike', () => {
    const y = convert('openapi', DATADOG, 'dd.yaml');
    const j = convert('openapi', JSON.stringify(parse(DATADOG)), 'dd.json');
    expect(j).toEqual(y);
  });

  it('cuts the Model Lab API out of a larger document, pruning everything else transitively', () => {
    // A stand-in for the whole v2 document: the Model Lab excerpt plus all of
    // Datadog's v1 paths, components, tags and an unused security scheme.
    const excerpt = parse(DATADOG) as Any;
    const v1 = parse(shared('bench/datadog-v1.openapi.yaml')) as Any;
    const whole = clone(excerpt);
    Object.assign(whole.paths, v1.paths);
    for (const [section, entries] of Object.entries(v1.components as Any)) {
      whole.components[section] = { ...(entries as Any), ...(whole.components[section] ?? {}) };
    }
    whole.components.securitySchemes.bearerAuth = { type: 'http', scheme: 'bearer' };
    whole.tags = [...v1.tags, ...whole.tags];
    expect(Object.keys(whole.paths).length).toBeGreaterThan(150);

    const byPrefix = convert('openapi', JSON.stringify(whole), 'whole.json', { pathPrefix: '/api/v2/model-lab-api' }) as Any;
    const expected = clone(excerpt);
    delete expected.components.requestBodies; // empty upstream; empty sections are dropped
    expect(byPrefix).toEqual(expected);
    expect(Object.keys(byPrefix.components.schemas)).toHaveLength(43);
    expect(byPrefix.components.securitySchemes.bearerAuth).toBeUndefined();
    expect(danglingRefs(byPrefix)).toEqual([]);

    const byTag = convert('openapi', JSON.stringify(whole), 'whole.json', { tag: 'Model Lab API' });
    expect(byTag).toEqual(byPrefix);
  });

  it('matches path prefixes segment-wise', () => {
    const d = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a/b': { get: { responses: {} } }, '/a/b/c': { get: { responses: {} } }, '/a/bc': { get: { responses: {} } } } };
    expect(Object.keys(filterDocument(d as OpenAPIDocument, { pathPrefix: '/a/b' }).paths!)).toEqual(['/a/b', '/a/b/c']);
  });

  it('filters the big v1 document by tag into a closed, lint-clean document', async () => {
    const d = convert('openapi', shared('bench/datadog-v1.openapi.yaml'), 'v1.yaml', { tag: 'Dashboards' }) as Any;
    expect(Object.keys(d.paths).length).toBeGreaterThan(3);
    expect(d.tags.map((t: Any) => t.name)).toEqual(['Dashboards']);
    expect(danglingRefs(d)).toEqual([]);
    const problems = await lintOpenApi(toYaml(d), 'dashboards.yaml');
    expect(problems.filter((p) => p.ruleId === 'no-unused-components')).toEqual([]);
  });

  it('says when a filter matches nothing', () => {
    expect(() => convert('openapi', DATADOG, 'dd.yaml', { pathPrefix: '/api/v2/nope' })).toThrow(/no operation matches path prefix \/api\/v2\/nope/);
  });

  it('rejects what is not OpenAPI 3', () => {
    expect(() => convert('openapi', 'swagger: "1.2"\ninfo: {title: t, version: "1"}\npaths: {}', 's.yaml')).toThrow(/Swagger 1.2 is not supported/);
    // Swagger 2.0 is vendored as OpenAPI 3.0, as the loader reads it.
    const upgraded = convert('openapi', 'swagger: "2.0"\ninfo: {title: t, version: "1"}\nhost: api.example.com\nschemes: [https]\npaths: {}', 's.yaml') as Any;
    expect(upgraded.openapi).toMatch(/^3\.0\./);
    expect(upgraded.servers).toEqual([{ url: 'https://api.example.com' }]);
    expect(() => convert('openapi', 'hello: world', 'h.yaml')).toThrow(/not an OpenAPI 3.0\/3.1 document/);
    expect(() => convert('openapi', '{"openapi": ', 'h.json')).toThrow(/invalid JSON/);
  });

  it('puts keys in canonical order and leaves example values alone', () => {
    const d = convert('openapi', DATADOG, 'dd.yaml') as Any;
    expect(Object.keys(d)).toEqual(['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components', 'x-group-parameters']);
    const op = d.paths['/api/v2/model-lab-api/runs'].get;
    expect(Object.keys(op).slice(0, 5)).toEqual(['tags', 'summary', 'description', 'operationId', 'parameters']);
    const example = op.responses['200'].content['application/json'].examples.default.value.data[0].attributes;
    expect(Object.keys(example)[0]).toBe('created_at'); // data keeps its own order
  });
});

describe('merge', () => {
  const base = (paths: Any, schemas: Any = {}): OpenAPIDocument =>
    ({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths, components: { schemas } }) as OpenAPIDocument;
  const op = (id: string, ref?: string) => ({ operationId: id, responses: { '200': { description: 'ok', ...(ref ? { content: { 'application/json': { schema: { $ref: ref } } } } : {}) } } });

  it('unions paths and components and deduplicates identical ones', () => {
    const a = base({ '/a': { get: op('getA', '#/components/schemas/S') } }, { S: { type: 'string' } });
    const b = base({ '/a': { post: op('postA') }, '/b': { get: op('getB', '#/components/schemas/S') } }, { S: { type: 'string' }, T: { type: 'integer' } });
    const m = mergeDocuments([{ source: 'a.md', document: a }, { source: 'b.md', document: b }]) as Any;
    expect(Object.keys(m.paths)).toEqual(['/a', '/b']);
    expect(Object.keys(m.paths['/a'])).toEqual(['get', 'post']);
    expect(m.components.schemas).toEqual({ S: { type: 'string' }, T: { type: 'integer' } });
  });

  it('reports every conflict with both sources', () => {
    const a = base({ '/a': { get: op('getA') } }, { S: { type: 'string' } });
    const b = base({ '/a': { get: op('getA2') } }, { S: { type: 'integer' } });
    let message = '';
    try {
      mergeDocuments([{ source: 'one.md', document: a }, { source: 'two.md', document: b }]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('operation GET /a differs between one.md and two.md');
    expect(message).toContain('components.schemas.S differs between one.md and two.md');
  });

  it('merges the two Datafold pages into the same document (identical parts deduplicated)', () => {
    const seed = convert('rendered-openapi', DATAFOLD_SEED, 'seed.md');
    const again = convert('rendered-openapi', DATAFOLD_SEED, 'seed-again.md');
    expect(mergeDocuments([{ source: 'seed.md', document: seed }, { source: 'seed-again.md', document: again }])).toEqual(seed);
    const newer = convert('docs-page', DATAFOLD_NEWER, 'newer.md');
    // Same operation, but the pages differ in tags and examples: a conflict naming both pages.
    expect(() => mergeDocuments([{ source: 'seed.md', document: seed }, { source: 'newer.md', document: newer }])).toThrow(/operation GET \/api\/v1\/monitors\/\{id\}\/runs differs between seed\.md and newer\.md/);
  });

  it('reports duplicate operationIds across paths', () => {
    const a = base({ '/a': { get: op('same') } });
    const b = base({ '/b': { get: op('same') } });
    expect(() => mergeDocuments([{ source: 'a', document: a }, { source: 'b', document: b }])).toThrow(/operationId same is used by GET \/a and GET \/b/);
  });
});

describe('clientgen convert', () => {
  const capture = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const o = process.stdout.write.bind(process.stdout);
    const e = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
    try {
      const code = await run(argv);
      return { code, stdout: out.join(''), stderr: err.join('') };
    } finally {
      process.stdout.write = o;
      process.stderr.write = e;
    }
  };
  const file = (p: string) => new URL(`../../../shared/${p}`, import.meta.url).pathname;

  it('prints the normalised YAML document', async () => {
    const r = await capture(['--from', 'rendered-openapi', file('seeds/datafold-list-monitor-runs.md')]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout)).toEqual(convert('rendered-openapi', DATAFOLD_SEED, 'x'));
  });

  it('applies a filter and overlays', async () => {
    // Only the servers overlay: 02-page-number.yaml also targets /projects, which this filter leaves out (a target that matches nothing is an error).
    const overlays = mkdtempSync(join(tmpdir(), 'clientgen-overlays-'));
    cpSync(new URL('../../specs/datadog-model-lab/overlays/01-servers.yaml', import.meta.url).pathname, join(overlays, '01-servers.yaml'));
    const r = await capture(['--from=openapi', file('upstream/datadog-model-lab.openapi.yaml'), '--path-prefix', '/api/v2/model-lab-api/runs', '--overlays', overlays]);
    rmSync(overlays, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = parse(r.stdout) as Any;
    expect(Object.keys(d.paths).every((p) => p.startsWith('/api/v2/model-lab-api/runs'))).toBe(true);
    expect(d.servers).toHaveLength(1);
  });

  it('exits 1 with a clear message on bad input, 2 on bad usage', async () => {
    const wrong = await capture(['--from', 'docs-page', file('seeds/datadog-list-model-lab-runs.md')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/no fenced OpenAPI block found/);
    const missing = await capture(['--from', 'openapi', '/nonexistent/spec.yaml']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/spec.yaml: no such file/);
    expect((await capture(['--from', 'nope', 'x'])).code).toBe(2);
    expect((await capture([file('seeds/mangrove-list-model-runs.md')])).stderr).toMatch(/missing --from/);
  });
});
