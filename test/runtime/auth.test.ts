import { describe, expect, it } from 'vitest';
import { ClientValidationError, Core, MissingCredentialsError, basicToken, inQuery, inCookie } from '../../packages/runtime/src/index.js';
import { useFaultServer } from '../support/fault-server.js';
import { SECRET, datadogApi, makeCore, op, testApi } from './fixtures.js';

const server = await useFaultServer();

const getThing = op({ id: 'getThing' });
const last = () => server.requests[server.requests.length - 1]!;

describe('auth', () => {
  it('applies an apiKey header with its format template', async () => {
    await makeCore(server.url).request(getThing);
    expect(last().headers.authorization).toBe(`Key ${SECRET}`);
  });

  it('reads the credential from its env var when the option is absent', async () => {
    const core = new Core(testApi(), { baseUrl: server.url, env: { TEST_API_KEY: 'from-env' } });
    await core.request(getThing);
    expect(last().headers.authorization).toBe('Key from-env');
  });

  it('prefers the option over the env var', async () => {
    const core = new Core(testApi(), { baseUrl: server.url, env: { TEST_API_KEY: 'from-env' }, apiKey: 'from-option' } as never);
    await core.request(getThing);
    expect(last().headers.authorization).toBe('Key from-option');
  });

  it('applies several schemes of one requirement together (Datadog API + application key)', async () => {
    const core = new Core(datadogApi(), { baseUrl: server.url, env: { DD_API_KEY: 'a-key', DD_APP_KEY: 'app-key' } });
    await core.request(getThing);
    expect(last().headers['dd-api-key']).toBe('a-key');
    expect(last().headers['dd-application-key']).toBe('app-key');
  });

  it('sends http bearer and basic credentials', async () => {
    const api = testApi({
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', option: 'token' },
        basic: { type: 'http', scheme: 'basic', option: 'username', passwordOption: 'password', encode: basicToken },
      },
      credentials: { token: {}, username: {}, password: {} },
      security: [['bearer'], ['basic']],
    });
    await new Core(api, { baseUrl: server.url, env: {}, token: 'tok-123' } as never).request(getThing);
    expect(last().headers.authorization).toBe('Bearer tok-123');
    await new Core(api, { baseUrl: server.url, env: {}, username: 'ü-user', password: 'p:ss' } as never).request(getThing);
    expect(last().headers.authorization).toBe(`Basic ${Buffer.from('ü-user:p:ss').toString('base64')}`);
  });

  it('reads basic credentials from env vars, and accepts a password option missing from credentials', async () => {
    const api = testApi({
      securitySchemes: { basic: { type: 'http', scheme: 'basic', option: 'username', passwordOption: 'password', encode: basicToken } },
      credentials: { username: { env: 'T_USER' }, password: { env: 'T_PASS' } },
      security: [['basic']],
    });
    await new Core(api, { baseUrl: server.url, env: { T_USER: 'u', T_PASS: 'p' } }).request(getThing);
    expect(last().headers.authorization).toBe(`Basic ${btoa('u:p')}`);
    const partial = { ...api, credentials: { username: { env: 'T_USER' } } };
    await new Core(partial, { baseUrl: server.url, env: { T_USER: 'u' }, password: 'q' } as never).request(getThing);
    expect(last().headers.authorization).toBe(`Basic ${btoa('u:q')}`);
    expect(() => new Core(api, { env: { T_USER: 'u' } })).toThrow('Missing credentials for Test API: pass { username, password } to createClient or set T_USER and T_PASS.');
  });

  it('takes an empty basic password (Stripe: the secret key as username) or username as given; only absent ones are missing', async () => {
    const api = testApi({
      securitySchemes: { basic: { type: 'http', scheme: 'basic', option: 'username', passwordOption: 'password', encode: basicToken } },
      credentials: { username: { env: 'T_USER' }, password: { env: 'T_PASS' } },
      security: [['basic']],
    });
    await new Core(api, { baseUrl: server.url, env: {}, username: 'sk_test_123', password: '' } as never).request(getThing);
    expect(last().headers.authorization).toBe(`Basic ${btoa('sk_test_123:')}`);
    await new Core(api, { baseUrl: server.url, env: {}, username: '', password: 'pw' } as never).request(getThing);
    expect(last().headers.authorization).toBe(`Basic ${btoa(':pw')}`);
    await new Core(api, { baseUrl: server.url, env: { T_USER: 'sk_test_9' }, password: () => '' } as never).request(getThing);
    expect(last().headers.authorization).toBe(`Basic ${btoa('sk_test_9:')}`);
    expect(() => new Core(api, { env: {}, username: 'sk_test_123', password: undefined } as never)).toThrow(MissingCredentialsError);
    expect(() => new Core(api, { env: { T_USER: 'u', T_PASS: '' } })).toThrow(MissingCredentialsError); // an empty env var is unset
    // A bearer token given as '' is a value too (the env var is not read), but not a usable one: the call says so.
    const bearer = testApi({ securitySchemes: { bearer: { type: 'http', scheme: 'bearer', option: 'token' } }, credentials: { token: { env: 'T_TOKEN' } }, security: [['bearer']] });
    const error = await new Core(bearer, { baseUrl: server.url, env: { T_TOKEN: 'from-env' }, token: '' } as never).request(getThing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect((error as Error).message).toBe('Credential token for Test API resolved to an empty value.');
    await expect(new Core(bearer, { baseUrl: server.url, env: {}, token: () => '' } as never).request(getThing)).rejects.toThrow(ClientValidationError);
  });

  it('picks the first alternative whose credentials are all available', async () => {
    const api = testApi({
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', option: 'token' },
        key: { type: 'apiKey', in: 'header', name: 'X-Key', option: 'apiKey' },
      },
      credentials: { token: {}, apiKey: {} },
      security: [['bearer'], ['key']],
    });
    await new Core(api, { baseUrl: server.url, env: {}, apiKey: 'k1' } as never).request(getThing);
    expect(last().headers['x-key']).toBe('k1');
    expect(last().headers.authorization).toBeUndefined();
  });

  it('sends apiKeys in the query and in a cookie', async () => {
    const api = testApi({
      securitySchemes: {
        q: { type: 'apiKey', in: 'query', name: 'api_key', option: 'apiKey', place: inQuery },
        c: { type: 'apiKey', in: 'cookie', name: 'session', option: 'sessionId', place: inCookie },
      },
      credentials: { apiKey: {}, sessionId: {} },
      security: [['q', 'c']],
    });
    const withQuery = op({ id: 'withQuery', params: { query: ['x'], cookie: ['pref'] } });
    await new Core(api, { baseUrl: server.url, env: {}, apiKey: 'k&y', sessionId: 's1' } as never).request(withQuery, { x: 'a b', pref: 'dark' });
    expect(last().query.get('api_key')).toBe('k&y');
    expect(last().query.get('x')).toBe('a b');
    expect(last().headers.cookie).toBe('pref=dark; session=s1');
  });

  it('calls a function credential on every request (rotating tokens)', async () => {
    let n = 0;
    const core = makeCore(server.url, { apiKey: async () => `rotating-${++n}` });
    await core.request(getThing);
    await core.request(getThing);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Key rotating-1', 'Key rotating-2']);
  });

  it('uses the operation security instead of the API default', async () => {
    const api = testApi({
      securitySchemes: {
        ...testApi().securitySchemes,
        admin: { type: 'apiKey', in: 'header', name: 'X-Admin', option: 'adminKey' },
      },
      credentials: { apiKey: {}, adminKey: {} },
    });
    const core = new Core(api, { baseUrl: server.url, env: {}, apiKey: 'k', adminKey: 'adm' } as never);
    await core.request(op({ id: 'adminOnly', security: [['admin']] }));
    expect(last().headers['x-admin']).toBe('adm');
    expect(last().headers.authorization).toBeUndefined();
    await core.request(op({ id: 'public', security: [] }));
    expect(last().headers.authorization).toBeUndefined();
    // An operation needing a credential the client lacks fails before sending.
    const partial = new Core(api, { baseUrl: server.url, env: {}, apiKey: 'k' } as never);
    const count = server.requests.length;
    await expect(partial.request(op({ id: 'adminOnly', security: [['admin']] }))).rejects.toBeInstanceOf(MissingCredentialsError);
    expect(server.requests.length).toBe(count);
  });

  it('treats an empty alternative as optional auth: credentials are sent when present, not required', async () => {
    const api = testApi({ security: [[], ['ApiKeyAuth']] });
    await new Core(api, { baseUrl: server.url, env: {} }).request(getThing);
    expect(last().headers.authorization).toBeUndefined();
    await new Core(api, { baseUrl: server.url, env: {}, apiKey: 'k' } as never).request(getThing);
    expect(last().headers.authorization).toBe('Key k');
  });

  it('throws MissingCredentialsError at construction naming the options and env vars', () => {
    expect(() => new Core(datadogApi(), { env: {} })).toThrow(MissingCredentialsError);
    expect(() => new Core(datadogApi(), { env: { DD_API_KEY: 'only-one' } })).toThrow(
      'Missing credentials for Datadog Model Lab: pass { apiKey, appKey } to createClient or set DD_API_KEY and DD_APP_KEY.',
    );
  });

  it('rejects credentials containing line breaks without sending them', async () => {
    const core = makeCore(server.url, { apiKey: () => 'abc\r\nX-Injected: 1' });
    const error = await core.request(getThing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect(String(error)).not.toContain('X-Injected');
    expect(server.requests).toHaveLength(0);
  });

  it('lets an explicit per-call header win over the credential', async () => {
    await makeCore(server.url).request(getThing, {}, { headers: { Authorization: 'Key override' } });
    expect(last().headers.authorization).toBe('Key override');
  });
});
