// Mangrove client → Prism mock of specs/mangrove/openapi.yaml, over real HTTP.
import { describe, expect, expectTypeOf, inject, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  MissingCredentialsError,
  UnprocessableEntityError,
  createClient,
  type ListModelRunsItem,
  type ListModelRunsParams,
  type ListModelRunsResponse,
} from '@clientgen/mangrove';
import { fetchWithout, recordingFetch } from '../support/recording-fetch.js';

const baseUrl = inject('prism').mangrove!;

describe('mangrove via Prism', () => {
  it('listModelRuns resolves to the typed 200 body', async () => {
    const client = createClient({ baseUrl, apiKey: 'mgv-key' });
    const result = await client.listModelRuns({ model_id: 'mdl_abc123def456', page: 1, page_size: 10 });
    expectTypeOf(result).toEqualTypeOf<ListModelRunsResponse>();
    const run = result.data?.[0];
    expect(run?.id).toBe(1);
    expect(run?.state).toBe('complete');
    expect(run?.error_message).toBeNull();
    expect(run?.calculations?.[0]).toMatchObject({ name: 'Net Carbon Removal', value: 100.5, unit: 't' });
    expect(run?.output_data_points?.[0]?.slug).toBe('net-carbon-removal');
  });

  it('sends the API key as given in the Authorization header', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl, apiKey: 'mgv-key', fetch: rec.fetch });
    await client.listModelRuns({ model_id: 'mdl_1' });
    expect(rec.sent).toHaveLength(1);
    expect(rec.sent[0]!.headers.get('authorization')).toBe('mgv-key');
    expect(rec.sent[0]!.url.pathname).toBe('/models/mdl_1/model_runs');
  });

  it('reads MANGROVE_API_KEY and fails at createClient without it', async () => {
    const rec = recordingFetch();
    await createClient({ baseUrl, env: { MANGROVE_API_KEY: 'from-env' }, fetch: rec.fetch }).listModelRuns({ model_id: 'm' });
    expect(rec.sent[0]!.headers.get('authorization')).toBe('from-env');
    expect(() => createClient({ baseUrl, env: {} })).toThrow(MissingCredentialsError);
    expect(() => createClient({ baseUrl, env: {} })).toThrow(/apiKey.*MANGROVE_API_KEY/s);
  });

  it('Prism answers 401 when the Authorization header is missing: AuthenticationError', async () => {
    const client = createClient({ baseUrl, apiKey: 'mgv-key', fetch: fetchWithout('authorization'), maxRetries: 0 });
    const error = await client.listModelRuns({ model_id: 'mdl_1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, operationId: 'list-model-runs', method: 'GET' });
    expect(String((error as Error).message)).not.toContain('mgv-key');
  });

  it('input that bypasses the types comes back as an ApiError from Prism', async () => {
    const client = createClient({ baseUrl, apiKey: 'mgv-key' });
    const error = await client.listModelRuns({ model_id: 'm', page: 'abc' as unknown as number }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).message).toMatch(/422.*listModelRuns|list-model-runs/);
  });

  it('paginate stops on a short page', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl, apiKey: 'k', fetch: rec.fetch });
    const items: ListModelRunsItem[] = [];
    for await (const run of client.paginate.listModelRuns({ model_id: 'mdl_1', page_size: 10 })) items.push(run);
    expect(items.map((r) => r.id)).toEqual([1]);
    expect(rec.sent).toHaveLength(1);
    expect(rec.sent[0]!.url.searchParams.has('page')).toBe(false); // the server's first page, not one the client picks
  });

  it('raw openapi-fetch client shares base URL and auth', async () => {
    const client = createClient({ baseUrl, apiKey: 'mgv-key' });
    const { data, response } = await client.raw.GET('/models/{model_id}/model_runs', { params: { path: { model_id: 'x' } } });
    expect(response.status).toBe(200);
    expect(data?.data?.[0]?.id).toBe(1);
  });

  it('types: flat params with the spec names', () => {
    expectTypeOf<ListModelRunsParams>().toHaveProperty('model_id').toEqualTypeOf<string>();
    expectTypeOf<ListModelRunsParams['page']>().toEqualTypeOf<number | undefined>();
    const client = createClient({ baseUrl, apiKey: 'k' });
    // @ts-expect-error unknown parameter name
    void (() => client.listModelRuns({ model_id: 'm', pageSize: 3 }));
    // @ts-expect-error wrong parameter type
    void (() => client.listModelRuns({ model_id: 1 }));
    // @ts-expect-error missing required path parameter
    void (() => client.listModelRuns({ page: 1 }));
  });
});
