// The standalone functions (`<package>/funcs`) of each provider → Prism, over real HTTP: same requests and
// results as the client's methods, from a lean core without `raw` and `paginate`.
import { describe, expect, expectTypeOf, inject, it } from 'vitest';
import { BaseCore, Core } from '@clientgen/runtime';
import * as datadog from '@clientgen/datadog-model-lab';
import * as datadogFuncs from '@clientgen/datadog-model-lab/funcs';
import * as datafold from '@clientgen/datafold';
import * as datafoldFuncs from '@clientgen/datafold/funcs';
import * as mangrove from '@clientgen/mangrove';
import * as mangroveFuncs from '@clientgen/mangrove/funcs';
import { recordingFetch, type SentRequest } from '../support/recording-fetch.js';

const prism = inject('prism');

/** What two calls sent, comparable: method, URL and headers (the User-Agent is the same package's). */
const wire = (sent: SentRequest[]) => sent.map((r) => ({ method: r.method, url: r.url.href, headers: Object.fromEntries(r.headers) }));

describe('standalone functions', () => {
  it('exist for exactly the client methods of every provider, plus createCore', () => {
    const cases = [
      [datadog.DatadogModelLabClient, datadogFuncs],
      [datafold.DatafoldClient, datafoldFuncs],
      [mangrove.MangroveClient, mangroveFuncs],
    ] as const;
    for (const [Client, funcs] of cases) {
      const methods = Object.getOwnPropertyNames(Client.prototype).filter((m) => m !== 'constructor' && m !== 'raw');
      expect(Object.keys(funcs).sort()).toEqual(['createCore', ...methods].sort());
      for (const name of methods) expect(typeof (funcs as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('send the same requests as the methods and resolve to the same bodies (Datafold, Mangrove)', async () => {
    const a = recordingFetch();
    const b = recordingFetch();
    const params = { id: 7, page_size: 5 };
    const viaClient = await datafold.createClient({ baseUrl: prism.datafold!, apiKey: 'df-key', fetch: a.fetch }).listMonitorRuns(params);
    const viaFunc = await datafoldFuncs.listMonitorRuns(datafoldFuncs.createCore({ baseUrl: prism.datafold!, apiKey: 'df-key', fetch: b.fetch }), params);
    expectTypeOf(viaFunc).toEqualTypeOf<datafold.ListMonitorRunsResponse>();
    expect(viaFunc).toEqual(viaClient);
    expect(wire(b.sent)).toEqual(wire(a.sent));
    expect(b.sent[0]!.headers.get('authorization')).toBe('Key df-key');

    const c = recordingFetch();
    const d = recordingFetch();
    const runs = { model_id: 'mdl_abc123def456', page: 2, page_size: 10 };
    const mgClient = await mangrove.createClient({ baseUrl: prism.mangrove!, apiKey: 'mgv-key', fetch: c.fetch }).listModelRuns(runs);
    const mgFunc = await mangroveFuncs.listModelRuns(mangroveFuncs.createCore({ baseUrl: prism.mangrove!, apiKey: 'mgv-key', fetch: d.fetch }), runs);
    expect(mgFunc).toEqual(mgClient);
    expect(wire(d.sent)).toEqual(wire(c.sent));
  });

  it('cover Datadog response kinds: JSON with bracketed query names, Blob, 204', async () => {
    const rec = recordingFetch();
    const core = datadogFuncs.createCore({ baseUrl: prism['datadog-model-lab']!, apiKey: 'dd-api-secret', appKey: 'dd-app-secret', fetch: rec.fetch });
    const runs = await datadogFuncs.listModelLabRuns(core, { 'filter[project_id]': 1, 'page[size]': 2 });
    expectTypeOf(runs).toEqualTypeOf<datadog.ListModelLabRunsResponse>();
    expect(Array.isArray(runs.data)).toBe(true);
    expect(rec.sent[0]!.url.search).toBe('?filter[project_id]=1&page[size]=2');
    expect(rec.sent[0]!.headers.get('dd-api-key')).toBe('dd-api-secret');
    expect(rec.sent[0]!.headers.get('dd-application-key')).toBe('dd-app-secret');
    const blob = await datadogFuncs.getModelLabArtifactContent(core, { project_id: '1', artifact_path: 'runs/42/model/weights.pt' });
    expect(blob).toBeInstanceOf(Blob);
    await expect(datadogFuncs.starModelLabProject(core, { project_id: 1 })).resolves.toBeUndefined();
  });

  it('accept a client\'s core, and createCore validates like createClient', async () => {
    const client = datafold.createClient({ baseUrl: prism.datafold!, apiKey: 'df-key' });
    expect(client.core).toBeInstanceOf(BaseCore);
    await expect(datafoldFuncs.listMonitorRuns(client.core, { id: 7 })).resolves.toMatchObject({ total_pages: 123 });
    expect(() => datafoldFuncs.createCore({ baseUrl: prism.datafold!, env: {} })).toThrow(/apiKey[\s\S]*DATAFOLD_API_KEY/);
    expect(() => datadogFuncs.createCore({ site: 'datadoghq.invalid' as 'datadoghq.eu', apiKey: 'a', appKey: 'b' })).toThrow(datadog.ClientValidationError);
    expect(datadogFuncs.createCore({ site: 'datadoghq.eu', apiKey: 'a', appKey: 'b' }).baseUrl).toBe('https://api.datadoghq.eu');
  });

  it('reject unknown parameters naming them, and fail with the typed errors', async () => {
    const core = datafoldFuncs.createCore({ baseUrl: prism.datafold!, apiKey: 'df-key' });
    // @ts-expect-error unknown parameter
    const unknown = await datafoldFuncs.listMonitorRuns(core, { id: 7, pageSize: 5 }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(datafold.ClientValidationError);
    expect((unknown as Error).message).toContain('Unknown parameter "pageSize" for list_monitor_runs_api_v1_monitors__id__runs_get');
    const invalid = await datafoldFuncs.listMonitorRuns(core, { id: 7, page: 'abc' as unknown as number }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(datafold.UnprocessableEntityError);
    // @ts-expect-error id is required
    await expect(datafoldFuncs.listMonitorRuns(core, {})).rejects.toThrow('Missing path parameter "id"');
  });

  it('run on a BaseCore, which has neither raw nor paginate', () => {
    const core = mangroveFuncs.createCore({ baseUrl: prism.mangrove!, apiKey: 'mgv-key' });
    expectTypeOf(core).toEqualTypeOf<BaseCore>();
    expect(core).not.toBeInstanceOf(Core);
    expect('raw' in core || 'paginate' in core).toBe(false);
  });
});
