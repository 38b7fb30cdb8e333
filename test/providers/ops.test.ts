// The per-operation modules (`<package>/core` + `<package>/ops/<name>`) of each provider → Prism, over real HTTP:
// for every operation, the same wire request and the same result as the `/funcs` function of the same name, with the
// arguments of the package's generated contract test (taken from the spec).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, expectTypeOf, inject, it } from 'vitest';
import type { BaseCore } from '@clientgen/runtime';
import * as datadog from '@clientgen/datadog-model-lab';
import * as datadogCore from '@clientgen/datadog-model-lab/core';
import * as datadogFuncs from '@clientgen/datadog-model-lab/funcs';
import * as datafoldCore from '@clientgen/datafold/core';
import * as datafoldFuncs from '@clientgen/datafold/funcs';
import * as mangroveCore from '@clientgen/mangrove/core';
import * as mangroveFuncs from '@clientgen/mangrove/funcs';
import { listModelRuns, listModelRunsDescriptor, type ListModelRunsParams, type ListModelRunsResponse } from '@clientgen/mangrove/ops/listModelRuns';
import * as mangrove from '@clientgen/mangrove';
import { getModelLabArtifactContent } from '@clientgen/datadog-model-lab/ops/getModelLabArtifactContent';
import { recordingFetch, type SentRequest } from '../support/recording-fetch.js';

const prism = inject('prism');
const root = new URL('../../packages/', import.meta.url);

type Func = (core: BaseCore, params?: unknown) => Promise<unknown>;

const PROVIDERS = [
  { provider: 'datadog-model-lab', core: datadogCore, funcs: datadogFuncs as unknown as Record<string, Func>, credentials: { apiKey: 'dd-api', appKey: 'dd-app' } },
  { provider: 'datafold', core: datafoldCore, funcs: datafoldFuncs as unknown as Record<string, Func>, credentials: { apiKey: 'df-key' } },
  { provider: 'mangrove', core: mangroveCore, funcs: mangroveFuncs as unknown as Record<string, Func>, credentials: { apiKey: 'mgv-key' } },
] as const;

/** Method name → the arguments its contract test calls it with (`undefined`: none). */
function contractCalls(provider: string): Map<string, unknown> {
  const text = readFileSync(new URL(`${provider}/test/contract.test.ts`, root), 'utf8');
  const calls = new Map<string, unknown>();
  for (const m of text.matchAll(/const result = await client\.(\w+)\((.*)\);\n/g)) {
    // The generator prints the arguments as an object literal of JSON values.
    calls.set(m[1]!, m[2] ? (new Function(`return (${m[2]});`)() as unknown) : undefined);
  }
  return calls;
}

/** What a call sent, comparable. */
const wire = (sent: SentRequest[]) => sent.map((r) => ({ method: r.method, url: r.url.href, headers: Object.fromEntries(r.headers), body: r.body }));

/** How a call settled, comparable (a Blob by its content). */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await call();
    return { value: value instanceof Blob ? { blob: await value.text(), type: value.type } : value };
  } catch (error) {
    return { error: (error as Error).constructor.name, status: (error as { status?: number }).status };
  }
}

describe('per-operation modules (/core, /ops/<name>)', () => {
  for (const p of PROVIDERS) {
    it(`${p.provider}: one module per /funcs function, sending the same requests and resolving to the same results`, async () => {
      const calls = contractCalls(p.provider);
      const names = Object.keys(p.funcs).filter((n) => n !== 'createCore').sort();
      expect([...calls.keys()].sort()).toEqual(names);
      expect(readdirSync(new URL(`${p.provider}/dist/ops/`, root)).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort()).toEqual(names);
      for (const name of names) {
        const mod = (await import(`@clientgen/${p.provider}/ops/${name}`)) as Record<string, unknown>;
        const descriptor = mod[`${name}Descriptor`] as { pagination?: unknown };
        // A list operation's module also pages: paginateListRuns (the walk: datadog-replay.test.ts; the runtime's paginate on a BaseCore: pagination-styles.test.ts).
        const paginateName = `paginate${name[0]!.toUpperCase()}${name.slice(1)}`;
        expect(Object.keys(mod).sort(), name).toEqual([name, `${name}Descriptor`, ...(descriptor.pagination ? [paginateName] : [])].sort());
        const a = recordingFetch();
        const b = recordingFetch();
        const viaFuncs = await outcome(() => p.funcs[name]!((p.funcs.createCore as unknown as (o: object) => BaseCore)({ baseUrl: prism[p.provider]!, maxRetries: 0, fetch: a.fetch, ...p.credentials } as never), calls.get(name)));
        const viaOps = await outcome(() => (mod[name] as Func)(p.core.createCore({ baseUrl: prism[p.provider]!, maxRetries: 0, fetch: b.fetch, ...p.credentials } as never), calls.get(name)));
        expect(viaOps, name).toEqual(viaFuncs);
        expect(viaOps, name).toHaveProperty('value');
        expect(wire(b.sent), name).toEqual(wire(a.sent));
        expect(b.sent, name).toHaveLength(1);
      }
    });
  }

  it('take a client\'s core or a /funcs core, and /core validates options like createClient', async () => {
    const params: ListModelRunsParams = { model_id: 'mdl_abc123def456', page: 2 };
    const client = mangrove.createClient({ baseUrl: prism.mangrove!, apiKey: 'mgv-key' });
    const fromClient = await listModelRuns(client.core, params);
    expectTypeOf(fromClient).toEqualTypeOf<ListModelRunsResponse>();
    expectTypeOf(fromClient).toEqualTypeOf<mangrove.ListModelRunsResponse>();
    expect(await listModelRuns(mangroveFuncs.createCore({ baseUrl: prism.mangrove!, apiKey: 'mgv-key' }), params)).toEqual(fromClient);
    expect(listModelRunsDescriptor).toEqual((await import('../../packages/mangrove/dist/operations.js')).listModelRuns);
    expect(() => datafoldCore.createCore({ baseUrl: prism.datafold!, env: {} })).toThrow(/apiKey[\s\S]*DATAFOLD_API_KEY/);
    expect(() => datadogCore.createCore({ site: 'datadoghq.invalid' as 'datadoghq.eu', apiKey: 'a', appKey: 'b' })).toThrow(datadog.ClientValidationError);
    expect(datadogCore.createCore({ site: 'datadoghq.eu', apiKey: 'a', appKey: 'b' }).baseUrl).toBe('https://api.datadoghq.eu');
    expect(datadogCore.api).toBe((await import('../../packages/datadog-model-lab/dist/api.js')).api);
  });

  it('fail with the typed errors', async () => {
    const core = datadogCore.createCore({ baseUrl: prism['datadog-model-lab']!, apiKey: 'a', appKey: 'b', maxRetries: 0 });
    const blob = await getModelLabArtifactContent(core, { project_id: '1', artifact_path: 'runs/42/model/weights.pt' });
    expect(blob).toBeInstanceOf(Blob);
    // @ts-expect-error model_id is required
    await expect(listModelRuns(mangroveCore.createCore({ baseUrl: prism.mangrove!, apiKey: 'k' }), {})).rejects.toThrow('Missing path parameter "model_id"');
    const rejected = await getModelLabArtifactContent(core, { project_id: '1', artifact_path: 'x' }, { headers: { Prefer: 'code=400' } }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(datadog.BadRequestError);
  });
});
