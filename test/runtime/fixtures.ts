/** Hand-written descriptors and helpers shared by the runtime tests. */
import type { ApiDescriptor, ClientOptions, OperationDescriptor } from '../../packages/runtime/src/index.js';
import { Core } from '../../packages/runtime/src/index.js';
import { INTERNAL } from '../../packages/runtime/src/core/options.js';

export const SECRET = 'sk_live_TOPSECRET_1234567890';

/** A Datafold-like API: one apiKey header credential with a `Key {value}` template. */
export function testApi(overrides: Partial<ApiDescriptor> = {}): ApiDescriptor {
  return {
    packageName: '@clientgen/testapi',
    packageVersion: '1.2.3',
    displayName: 'Test API',
    servers: [{ url: 'https://app.example.com' }],
    securitySchemes: {
      ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'Authorization', option: 'apiKey', format: 'Key {value}' },
    },
    credentials: { apiKey: { env: 'TEST_API_KEY' } },
    security: [['ApiKeyAuth']],
    requestIdHeaders: ['x-test-request-id'],
    ...overrides,
  };
}

/** A Datadog-like API: two header keys together, server variables with an enum. */
export function datadogApi(): ApiDescriptor {
  return {
    packageName: '@clientgen/datadog-model-lab',
    packageVersion: '0.1.0',
    displayName: 'Datadog Model Lab',
    servers: [
      {
        url: 'https://{subdomain}.{site}',
        variables: {
          subdomain: { default: 'api' },
          site: {
            default: 'datadoghq.com',
            enum: ['datadoghq.com', 'us3.datadoghq.com', 'datadoghq.eu'],
            option: 'site',
            env: 'DD_SITE',
          },
        },
      },
    ],
    securitySchemes: {
      apiKeyAuth: { type: 'apiKey', in: 'header', name: 'DD-API-KEY', option: 'apiKey' },
      appKeyAuth: { type: 'apiKey', in: 'header', name: 'DD-APPLICATION-KEY', option: 'appKey' },
    },
    credentials: { apiKey: { env: 'DD_API_KEY' }, appKey: { env: 'DD_APP_KEY' } },
    security: [['apiKeyAuth', 'appKeyAuth']],
    requestIdHeaders: ['x-datadog-request-id'],
  };
}

/** `GET /api/v1/monitors/{id}/runs` with page-number pagination. */
export const listMonitorRuns: OperationDescriptor = {
  id: 'listMonitorRuns',
  method: 'GET',
  path: '/api/v1/monitors/{id}/runs',
  params: { path: ['id'], query: ['page', 'page_size', 'start_time'] },
  response: 'json',
  pagination: { style: 'page-number', pageParam: 'page', sizeParam: 'page_size', items: 'runs', totalPages: 'total_pages' },
};

/** Builds an operation with defaults (`GET /things`, JSON response). */
export function op(partial: Partial<OperationDescriptor> & { id: string }): OperationDescriptor {
  return { method: 'GET', path: '/things', response: 'json', ...partial };
}

export interface TestCore extends Core {
  /** Delays the retry logic asked for, in ms. */
  sleeps: number[];
}

/**
 * A `Core` against `baseUrl` with an empty env, `apiKey: SECRET`, and instant
 * (recorded) retry sleeps unless `realSleep` is set.
 */
export function makeCore(
  baseUrl: string,
  options: ClientOptions & Record<string, unknown> = {},
  api: ApiDescriptor = testApi(),
  realSleep = false,
): TestCore {
  const sleeps: number[] = [];
  const all: ClientOptions & Record<string, unknown> = {
    baseUrl,
    env: {},
    apiKey: SECRET,
    ...(realSleep
      ? {}
      : {
          [INTERNAL]: {
            sleep: async (ms: number) => {
              sleeps.push(ms);
            },
          },
        }),
    ...options,
  };
  const core = new Core(api, all) as TestCore;
  core.sleeps = sleeps;
  return core;
}
