/**
 * `core.raw` (typed openapi-fetch client) and the shape of a generated client.
 */
import { describe, expect, it } from 'vitest';
import {
  Core,
  TimeoutError,
  type ApiDescriptor,
  type ClientOptions,
  type Credential,
  type OperationDescriptor,
  type PaginateOptions,
  type RequestOptions,
} from '../../packages/runtime/src/index.js';
import { INTERNAL } from '../../packages/runtime/src/core/options.js';
import { json, useFaultServer } from '../support/fault-server.js';

const server = await useFaultServer();

/** What openapi-typescript emits for two operations. */
interface paths {
  '/models/{model_id}/model_runs': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: { page?: number }; header?: never; path: { model_id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': { runs: { id: string }[]; total_pages: number } } };
        404: { headers: { [name: string]: unknown }; content: { 'application/json': { errors: string[] } } };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

const api: ApiDescriptor = {
  packageName: '@clientgen/modellab',
  packageVersion: '0.1.0',
  displayName: 'Model Lab',
  servers: [{ url: 'https://api.{site}', variables: { site: { default: 'datadoghq.com', option: 'site', env: 'DD_SITE' } } }],
  securitySchemes: {
    apiKeyAuth: { type: 'apiKey', in: 'header', name: 'DD-API-KEY', option: 'apiKey' },
    appKeyAuth: { type: 'apiKey', in: 'header', name: 'DD-APPLICATION-KEY', option: 'appKey' },
  },
  credentials: { apiKey: { env: 'DD_API_KEY' }, appKey: { env: 'DD_APP_KEY' } },
  security: [['apiKeyAuth', 'appKeyAuth']],
  requestIdHeaders: ['x-datadog-request-id'],
};

const operations = {
  listModelRuns: {
    id: 'listModelRuns',
    method: 'GET',
    path: '/models/{model_id}/model_runs',
    params: { path: ['model_id'], query: ['page'] },
    response: 'json',
    pagination: { style: 'page-number', pageParam: 'page', items: 'runs', totalPages: 'total_pages' },
  },
} as const satisfies Record<string, OperationDescriptor>;

type ListModelRunsParams = { model_id: string; page?: number };
type ListModelRunsResponse = paths['/models/{model_id}/model_runs']['get']['responses'][200]['content']['application/json'];
type ListModelRunsItem = ListModelRunsResponse['runs'][number];

interface ModelLabClientOptions extends ClientOptions {
  apiKey?: Credential;
  appKey?: Credential;
  site?: string;
}

/** Shaped like the generator's output. */
class ModelLabClient {
  readonly core: Core<paths>;
  get raw() {
    return this.core.raw;
  }
  constructor(options: ModelLabClientOptions = {}) {
    this.core = new Core<paths>(api, options);
  }
  listModelRuns(params: ListModelRunsParams, options?: RequestOptions): Promise<ListModelRunsResponse> {
    return this.core.request<ListModelRunsResponse>(operations.listModelRuns, params, options);
  }
  readonly paginate = {
    listModelRuns: (params: Omit<ListModelRunsParams, 'page'>, options?: PaginateOptions) =>
      this.core.paginate<ListModelRunsResponse, ListModelRunsItem>(operations.listModelRuns, params, options),
  };
}

const client = (options: ModelLabClientOptions = {}) =>
  new ModelLabClient({ baseUrl: server.url, env: {}, apiKey: 'api-k', appKey: 'app-k', [INTERNAL]: { sleep: async () => {} }, ...options });

describe('raw client', () => {
  it('is typed openapi-fetch with the base URL, auth and User-Agent applied', async () => {
    server.script(json(200, { runs: [{ id: 'r1' }], total_pages: 1 }));
    const { data, error } = await client().raw.GET('/models/{model_id}/model_runs', { params: { path: { model_id: 'm/1' }, query: { page: 2 } } });
    expect(error).toBeUndefined();
    expect(data?.runs[0]?.id).toBe('r1');
    const request = server.requests[0]!;
    expect(request.url).toBe('/models/m%2F1/model_runs?page=2');
    expect(request.headers).toMatchObject({ 'dd-api-key': 'api-k', 'dd-application-key': 'app-k' });
    expect(request.headers['user-agent']).toMatch(/^@clientgen\/modellab\/0\.1\.0 clientgen-runtime\//);
  });

  it('retries and times out like core.request, and returns HTTP errors as { error }', async () => {
    server.script(json(503, {}), json(404, { errors: ['Model not found'] }));
    const { data, error, response } = await client().raw.GET('/models/{model_id}/model_runs', { params: { path: { model_id: 'x' } } });
    expect(data).toBeUndefined();
    expect(error).toEqual({ errors: ['Model not found'] });
    expect(response.status).toBe(404);
    expect(server.requests).toHaveLength(2);
    server.script({ ...json(200, {}), delayMs: 2000 });
    await expect(
      client({ timeoutMs: 100, maxRetries: 0 }).raw.GET('/models/{model_id}/model_runs', { params: { path: { model_id: 'x' } } }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('generated client shape', () => {
  it('calls operations with flat params and paginates', async () => {
    server.fallback = (r) => {
      const page = Number(r.query.get('page') ?? 1); // no page asked for: the server's first
      return json(200, { runs: [{ id: `run-${page}` }], total_pages: 2 });
    };
    const c = client();
    await expect(c.listModelRuns({ model_id: 'm1', page: 2 })).resolves.toEqual({ runs: [{ id: 'run-2' }], total_pages: 2 });
    const ids: string[] = [];
    for await (const run of c.paginate.listModelRuns({ model_id: 'm1' })) ids.push(run.id);
    expect(ids).toEqual(['run-1', 'run-2']);
  });

  it('builds the base URL from server variables', () => {
    expect(new ModelLabClient({ env: {}, apiKey: 'a', appKey: 'b', site: 'datadoghq.eu' }).core.baseUrl).toBe('https://api.datadoghq.eu');
    expect(new ModelLabClient({ env: { DD_API_KEY: 'a', DD_APP_KEY: 'b', DD_SITE: 'ddog-gov.com' } }).core.baseUrl).toBe('https://api.ddog-gov.com');
  });
});
