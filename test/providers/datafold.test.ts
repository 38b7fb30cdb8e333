// Datafold client → Prism mock of specs/datafold/openapi.yaml, over real HTTP.
import { describe, expect, expectTypeOf, inject, it } from 'vitest';
import {
  AuthenticationError,
  MissingCredentialsError,
  UnprocessableEntityError,
  createClient,
  type ListMonitorRunsErrorBody,
  type ListMonitorRunsParams,
  type ListMonitorRunsResponse,
} from '@clientgen/datafold';
import { fetchWithout, recordingFetch } from '../support/recording-fetch.js';

const baseUrl = inject('prism').datafold!;

describe('datafold via Prism', () => {
  it('listMonitorRuns (FastAPI operationId cleaned) resolves to the typed body', async () => {
    const client = createClient({ baseUrl, apiKey: 'df-key' });
    const result = await client.listMonitorRuns({ id: 7, start_time: '2024-01-01T00:00:00Z', page_size: 5 });
    expectTypeOf(result).toEqualTypeOf<ListMonitorRunsResponse>();
    expect(result.total_pages).toBe(123);
    expect(result.runs[0]).toMatchObject({ run_id: 123, monitor_id: 123, state: 'ok' });
    expectTypeOf(result.runs[0]!.state).toEqualTypeOf<'ok' | 'alert' | 'error' | 'learning' | 'checking' | 'created' | 'skipped' | 'cancelled' | null | undefined>();
  });

  it('sends `Authorization: Key <api-key>`', async () => {
    const rec = recordingFetch();
    await createClient({ baseUrl, apiKey: 'df-key', fetch: rec.fetch }).listMonitorRuns({ id: 7 });
    expect(rec.sent[0]!.headers.get('authorization')).toBe('Key df-key');
    expect(rec.sent[0]!.url.pathname).toBe('/api/v1/monitors/7/runs');
  });

  it('reads DATAFOLD_API_KEY; a missing key fails at createClient naming option and env var', () => {
    expect(() => createClient({ baseUrl, env: {} })).toThrow(MissingCredentialsError);
    expect(() => createClient({ baseUrl, env: {} })).toThrow(/apiKey[\s\S]*DATAFOLD_API_KEY/);
    expect(() => createClient({ baseUrl, env: { DATAFOLD_API_KEY: 'x' } })).not.toThrow();
  });

  it('Prism answers 401 without the header', async () => {
    const client = createClient({ baseUrl, apiKey: 'df-key', fetch: fetchWithout('authorization') });
    await expect(client.listMonitorRuns({ id: 7 })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('invalid input → 422 UnprocessableEntityError with the typed HTTPValidationError body', async () => {
    const client = createClient({ baseUrl, apiKey: 'df-key' });
    const error = await client.listMonitorRuns({ id: 7, page: 'abc' as unknown as number }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    const err = error as UnprocessableEntityError;
    expect(err.operationId).toBe('list_monitor_runs_api_v1_monitors__id__runs_get');
    const body = err.body as ListMonitorRunsErrorBody;
    expect(Array.isArray(body.detail)).toBe(true);
    expect(err.message).not.toContain('df-key');
  });

  it('paginate walks pages by total_pages, bounded by maxPages', async () => {
    const rec = recordingFetch();
    const client = createClient({ baseUrl, apiKey: 'df-key', fetch: rec.fetch });
    const pages: ListMonitorRunsResponse[] = [];
    for await (const page of client.paginate.listMonitorRuns({ id: 7 }, { maxPages: 3 }).pages()) pages.push(page);
    expect(pages).toHaveLength(3);
    expect(rec.sent.map((r) => r.url.searchParams.get('page'))).toEqual([null, '2', '3']); // the first request carries no page number
    let n = 0;
    for await (const run of client.paginate.listMonitorRuns({ id: 7 }, { maxItems: 2 })) {
      expect(run.run_id).toBe(123);
      n++;
    }
    expect(n).toBe(2);
  });

  it('types', () => {
    expectTypeOf<ListMonitorRunsParams['id']>().toEqualTypeOf<number>();
    expectTypeOf<ListMonitorRunsParams['start_time']>().toEqualTypeOf<string | null | undefined>();
    const client = createClient({ baseUrl, apiKey: 'k' });
    // @ts-expect-error unknown parameter name
    void (() => client.listMonitorRuns({ id: 1, startTime: 'x' }));
    // @ts-expect-error id is an integer
    void (() => client.listMonitorRuns({ id: '1' }));
  });
});
