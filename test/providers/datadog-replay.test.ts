// Datadog Model Lab as the real API behaves: every scenario of the official
// client's conformance data (../shared/conformance/datadog-model-lab:
// scenarios.json = what each call passes, recordings.json = what the real API
// received and answered) through @clientgen/datadog-model-lab, against a
// loopback server that answers with the recorded responses. The requests must
// equal the recorded ones (method, path, query, body), the calls resolve to
// the recorded bodies or throw NotFoundError for the recorded 404s, and the
// list operations paginate from the server's first page (page 0, asked for
// without page[number]) as the real API answers it.
//
// The folder is resolved relative to the repository (`<repo>/../shared`);
// CLIENTGEN_SHARED points elsewhere (a worktree outside the usual layout).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { NotFoundError, createClient } from '@clientgen/datadog-model-lab';
import { createCore } from '@clientgen/datadog-model-lab/core';
import { paginateListModelLabRuns } from '@clientgen/datadog-model-lab/ops/listModelLabRuns';
import { useFaultServer, type RecordedRequest, type Reply } from '../support/fault-server.js';
import { repoRoot } from '../support/prism.js';

const conformance = resolve(process.env.CLIENTGEN_SHARED ?? join(repoRoot, '..', 'shared'), 'conformance/datadog-model-lab');

interface Scenario {
  scenario: string;
  operation_id: string;
  expected_status: number;
  request: {
    method: string;
    path: string;
    body: unknown;
    parameters: { in: string; name: string; source: { type: 'literal'; value: unknown } }[];
  };
}
interface Interaction {
  request: { method: string; path: string; query: [string, string][]; content_type: string; body: { type: string; value: unknown } };
  response: { status: number; headers: Record<string, string>; body: { encoding: string; value: string } };
}
interface Recording {
  scenario: string;
  interactions: Interaction[];
}

const scenarios = JSON.parse(readFileSync(join(conformance, 'scenarios.json'), 'utf8')) as Scenario[];
const recordings = (JSON.parse(readFileSync(join(conformance, 'recordings.json'), 'utf8')) as { recordings: Recording[] }).recordings;
const recordingOf = (scenario: string) => {
  const found = recordings.find((r) => r.scenario === scenario);
  if (!found) throw new Error(`recordings.json has no recording of "${scenario}"`);
  return found;
};

/** Operations of the vendored spec: operationId, method and a matcher for the path template. */
const spec = parse(readFileSync(join(repoRoot, 'specs/datadog-model-lab/openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string; schema?: { type?: string } }[] }>>;
};
const specOperations = Object.entries(spec.paths).flatMap(([template, item]) =>
  Object.entries(item).map(([method, op]) => ({
    id: op.operationId,
    method: method.toUpperCase(),
    pattern: new RegExp(`^${template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
    integers: new Set((op.parameters ?? []).filter((p) => p.in === 'path' && p.schema?.type === 'integer').map((p) => p.name)),
  })),
);

const server = await useFaultServer();
const client = createClient({ baseUrl: server.url, apiKey: 'dd-api-key', appKey: 'dd-app-key', maxRetries: 0 });
type Call = (params?: Record<string, unknown>) => Promise<unknown>;
const method = (operationId: string) => {
  const name = operationId[0]!.toLowerCase() + operationId.slice(1);
  const fn = (client as unknown as Record<string, Call>)[name];
  if (typeof fn !== 'function') throw new Error(`the client has no method ${name} for ${operationId}`);
  return fn.bind(client) as Call;
};

const reply = ({ response }: Interaction): Reply => ({ status: response.status, headers: response.headers, body: response.body.value });
/** What the client should resolve to for a recorded 2xx. */
async function resolved(value: unknown): Promise<unknown> {
  return value instanceof Blob ? await value.text() : value;
}
function recordedBody({ response }: Interaction): unknown {
  if (response.status === 204 || response.body.value === '') return undefined;
  return /json/.test(response.headers['content-type'] ?? '') ? JSON.parse(response.body.value) : response.body.value;
}
/** The request as recordings.json writes it down. */
function asRecorded(r: RecordedRequest): Interaction['request'] {
  return {
    method: r.method,
    path: r.path,
    query: [...r.query].sort(([a], [b]) => a.localeCompare(b)),
    content_type: r.headers['content-type'] ?? '',
    body: r.body.length ? { type: 'json', value: JSON.parse(r.text) } : { type: 'empty', value: null },
  };
}

/** An interaction after the scenario's call (undoing it: unpin after pin): the operation of the spec with that method and path. */
async function replayFollowUp(interaction: Interaction): Promise<unknown> {
  const { method: verb, path } = interaction.request;
  for (const op of specOperations) {
    const match = op.method === verb ? op.pattern.exec(path) : null;
    if (!match) continue;
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, op.integers.has(k) ? Number(v) : decodeURIComponent(v)]));
    return method(op.id)(params);
  }
  throw new Error(`no operation of the spec answers ${verb} ${path}`);
}

describe('Datadog Model Lab: the recorded traffic of the real API, replayed', () => {
  it('the conformance data covers every scenario', () => {
    expect(scenarios).toHaveLength(21);
    expect(new Set(scenarios.map((s) => s.operation_id)).size).toBeGreaterThanOrEqual(15);
  });

  for (const scenario of scenarios) {
    it(scenario.scenario, async () => {
      const { interactions } = recordingOf(scenario.scenario);
      server.script(...interactions.map(reply));
      const params = Object.fromEntries(scenario.request.parameters.map((p) => [p.name, p.source.value]));
      if (scenario.request.body !== null) params.body = scenario.request.body;
      const [first, ...rest] = interactions;
      const call = method(scenario.operation_id)(scenario.request.parameters.length || 'body' in params ? params : undefined);

      if (scenario.expected_status === 404) {
        const error = await call.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ status: 404, operationId: scenario.operation_id, body: recordedBody(first!) });
      } else {
        expect(first!.response.status).toBe(scenario.expected_status);
        expect(await resolved(await call)).toEqual(recordedBody(first!));
      }
      for (const interaction of rest) expect(await resolved(await replayFollowUp(interaction))).toEqual(recordedBody(interaction));

      expect(server.requests.map(asRecorded)).toEqual(interactions.map((i) => i.request));
      expect(server.requests.every((r) => r.headers['dd-api-key'] === 'dd-api-key' && r.headers['dd-application-key'] === 'dd-app-key')).toBe(true);
    });
  }
});

describe('Datadog Model Lab: paginating as the real API pages', () => {
  /**
   * The recorded first page (page 0; `page[number]` not sent), then one more page in the
   * same shape, pointed at by the recorded `meta.page.next_number` / `links.next`: the last one.
   */
  function serveRecordedList(scenario: string) {
    const recorded = recordingOf(scenario).interactions[0]!;
    const page0 = JSON.parse(recorded.response.body.value) as { data: { id: string }[]; meta: { page: Record<string, unknown> }; links: Record<string, string> };
    const tail = page0.data.slice(0, 7).map((item, i) => ({ ...item, id: `${item.id}-p1-${i}` }));
    const page1 = {
      data: tail,
      meta: { page: { ...page0.meta.page, number: 1, prev_number: 0, next_number: null, last_number: 1, total: page0.data.length + tail.length } },
      links: { self: page0.links.next, first: page0.links.first, last: page0.links.next },
    };
    server.fallback = (r) => {
      const number = r.query.get('page[number]');
      const page = number === null ? page0 : number === '1' ? page1 : undefined;
      return page
        ? { status: 200, headers: recorded.response.headers, body: JSON.stringify(page) }
        : { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errors: [`unexpected page[number]=${number}`] }) };
    };
    return { page0, page1 };
  }

  it('listModelLabRuns: the first request carries no page[number]; page 0 (the first 25 runs) is not skipped', async () => {
    const { page0, page1 } = serveRecordedList('List Model Lab runs returns "OK" response');
    expect(page0.meta.page).toMatchObject({ number: 0, next_number: 1 });
    const runs = await client.paginate.listModelLabRuns().toArray();
    expect(runs.map((r) => r.id)).toEqual([...page0.data, ...page1.data].map((r) => r.id));
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect(server.requests.map((r) => [r.path, [...r.query]])).toEqual([
      ['/api/v2/model-lab-api/runs', []],
      ['/api/v2/model-lab-api/runs', [['page[number]', '1']]],
    ]);
  });

  it('listModelLabRuns under maxItems and maxPages', async () => {
    const { page0 } = serveRecordedList('List Model Lab runs returns "OK" response');
    expect((await client.paginate.listModelLabRuns({}, { maxPages: 1 }).toArray()).map((r) => r.id)).toEqual(page0.data.map((r) => r.id));
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    expect(await client.paginate.listModelLabRuns({}, { maxItems: 26 }).toArray()).toHaveLength(26);
    expect(server.requests.map((r) => r.query.get('page[number]'))).toEqual([null, '1']);
  });

  it('paginateListModelLabRuns (/ops): the same walk as client.paginate, on a core of /core', async () => {
    const { page0, page1 } = serveRecordedList('List Model Lab runs returns "OK" response');
    const core = createCore({ baseUrl: server.url, apiKey: 'dd-api-key', appKey: 'dd-app-key', maxRetries: 0 });
    const runs = await paginateListModelLabRuns(core, {}).toArray();
    expect(runs.map((r) => r.id)).toEqual([...page0.data, ...page1.data].map((r) => r.id));
    const viaOps = server.requests.map((r) => [r.path, [...r.query], r.headers['dd-api-key']]);
    server.requests.length = 0;
    await client.paginate.listModelLabRuns().toArray();
    expect(viaOps).toEqual(server.requests.map((r) => [r.path, [...r.query], r.headers['dd-api-key']]));
    expect(viaOps.map(([, query]) => query)).toEqual([[], [['page[number]', '1']]]);
    server.requests.length = 0;
    const pages = [];
    for await (const page of paginateListModelLabRuns(core, {}, { maxPages: 1 }).pages()) pages.push(page);
    expect(pages.map((p) => p.data?.length)).toEqual([page0.data.length]);
    expect(server.requests).toHaveLength(1);
  });

  it('listModelLabProjects: from page 0 to the end', async () => {
    const { page0, page1 } = serveRecordedList('List Model Lab projects returns "OK" response');
    const projects = await client.paginate.listModelLabProjects().toArray();
    expect(projects.map((p) => p.id)).toEqual([...page0.data, ...page1.data].map((p) => p.id));
    expect(server.requests.map((r) => r.query.get('page[number]'))).toEqual([null, '1']);
  });
});
