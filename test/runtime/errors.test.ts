import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ClientgenError,
  ClientValidationError,
  ConflictError,
  ConnectionError,
  Core,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  UnprocessableEntityError,
  type Logger,
  inQuery,
} from '../../packages/runtime/src/index.js';
import { json, reset, useFaultServer } from '../support/fault-server.js';
import { SECRET, listMonitorRuns, makeCore, op, testApi } from './fixtures.js';

const server = await useFaultServer();

const getThing = op({ id: 'getThing' });
const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as Error,
  );

describe('ApiError', () => {
  it('picks the subclass by status', async () => {
    const cases: [number, unknown][] = [
      [400, BadRequestError],
      [401, AuthenticationError],
      [403, PermissionDeniedError],
      [404, NotFoundError],
      [409, ConflictError],
      [422, UnprocessableEntityError],
      [429, RateLimitError],
      [500, InternalServerError],
      [503, InternalServerError],
      [418, ApiError],
    ];
    const core = makeCore(server.url, { maxRetries: 0 });
    for (const [status, Class] of cases) {
      server.script(json(status, {}));
      const error = await fail(core.request(getThing));
      expect(error).toBeInstanceOf(Class as typeof ApiError);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toBeInstanceOf(ClientgenError);
      expect((error as ApiError).status).toBe(status);
    }
    expect(new ConnectionError({ method: 'GET', url: 'x' })).not.toBeInstanceOf(ApiError);
  });

  it('has a one-line message with status, operation, method, URL, request id and the first detail', async () => {
    server.script(
      json(422, { errors: [{ status: '422', title: 'Invalid', detail: 'start_time must be\nISO 8601' }] }, { 'x-test-request-id': 'abc' }),
    );
    const error = (await fail(makeCore(server.url).request(listMonitorRuns, { id: 7 }))) as ApiError;
    expect(error.message).toBe(
      `422 Unprocessable Entity from listMonitorRuns (GET ${server.url}/api/v1/monitors/7/runs), request id abc: start_time must be ISO 8601`,
    );
    expect(error).toMatchObject({ status: 422, operationId: 'listMonitorRuns', method: 'GET', requestId: 'abc' });
    expect(error.url).toBe(`${server.url}/api/v1/monitors/7/runs`);
    expect(error.body).toEqual({ errors: [{ status: '422', title: 'Invalid', detail: 'start_time must be\nISO 8601' }] });
    expect(error.headers['content-type']).toBe('application/json');
    expect(error.name).toBe('UnprocessableEntityError');
  });

  it('extracts details from common error shapes', async () => {
    const core = makeCore(server.url, { maxRetries: 0 });
    const detail = async (body: unknown, headers: Record<string, string> = {}) => {
      server.script(json(400, body, headers));
      return (await fail(core.request(getThing))).message.replace(/^.*?\)(, request id [^:]+)?: ?/, '');
    };
    expect(await detail({ detail: [{ loc: ['query', 'page'], msg: 'value is not a valid integer', type: 'int' }] })).toBe(
      'value is not a valid integer',
    );
    expect(await detail({ detail: 'Not authenticated' })).toBe('Not authenticated');
    expect(await detail({ type: 'about:blank', title: 'Bad Request', detail: 'page must be positive' })).toBe('Bad Request: page must be positive');
    expect(await detail({ errors: ['Forbidden'] })).toBe('Forbidden');
    expect(await detail({ errors: [{ title: 'Only a title' }] })).toBe('Only a title');
    expect(await detail({ message: 'Something broke' })).toBe('Something broke');
    expect(await detail({ error: { message: 'nested' } })).toBe('nested');
    server.script(json(400, { unrelated: true }));
    expect((await fail(core.request(getThing))).message).toBe(`400 Bad Request from getThing (GET ${server.url}/things)`);
  });

  it('finds the request id in the API headers first, then common ones', async () => {
    const core = makeCore(server.url, { maxRetries: 0 });
    server.script(json(500, {}, { 'x-request-id': 'generic', 'x-test-request-id': 'specific' }));
    expect(((await fail(core.request(getThing))) as ApiError).requestId).toBe('specific');
    server.script(json(500, {}, { 'cf-ray': 'ray-1' }));
    expect(((await fail(core.request(getThing))) as ApiError).requestId).toBe('ray-1');
    server.script(json(500, {}));
    const error = (await fail(core.request(getThing))) as ApiError;
    expect(error.requestId).toBeUndefined();
    expect(error.message).not.toContain('request id');
  });

  it('keeps a malformed or non-JSON error body as text', async () => {
    const core = makeCore(server.url, { maxRetries: 0 });
    server.script({ status: 500, headers: { 'content-type': 'application/json' }, body: '{"message": "trunc' });
    const error = (await fail(core.request(getThing))) as ApiError;
    expect(error.body).toBe('{"message": "trunc');
    server.script({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad gateway</body></html>' });
    const html = (await fail(core.request(getThing))) as ApiError;
    expect(html.body).toContain('<html>');
    expect(html.message).toBe(`502 Bad Gateway from getThing (GET ${server.url}/things)`);
  });

  it('keeps the message short for a huge error body', async () => {
    server.script({ status: 400, headers: { 'content-type': 'text/plain' }, body: 'e'.repeat(3_000_000) });
    const error = (await fail(makeCore(server.url).request(getThing))) as ApiError;
    expect((error.body as string).length).toBe(3_000_000);
    expect(error.message.length).toBeLessThan(500);
  });

  it('redacts auth-ish response headers', async () => {
    server.script(json(401, {}, { 'set-cookie': 'session=abc', 'x-api-key': 'k', 'x-ratelimit-limit': '10' }));
    const error = (await fail(makeCore(server.url).request(getThing))) as ApiError;
    expect(error.headers).toMatchObject({ 'set-cookie': '***', 'x-api-key': '***', 'x-ratelimit-limit': '10' });
  });
});

describe('ResponseParseError', () => {
  it('reports malformed JSON in a 2xx with status and operation', async () => {
    server.script({ status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'r1' }, body: '{"runs": [1, 2' });
    const error = (await fail(makeCore(server.url).request(getThing))) as ResponseParseError;
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toBeInstanceOf(ClientgenError);
    expect(error).toMatchObject({ status: 200, operationId: 'getThing', method: 'GET', requestId: 'r1', body: '{"runs": [1, 2' });
    expect(error.message).toBe(`Malformed JSON in the 200 response from getThing (GET ${server.url}/things), request id r1`);
  });

  it('rejects a non-JSON content type where JSON is expected, unless the body is empty', async () => {
    const core = makeCore(server.url);
    server.script({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>login</html>' });
    const error = (await fail(core.request(getThing))) as ResponseParseError;
    expect(error.message).toMatch(/^Expected JSON but got text\/html in the 200 response from getThing/);
    expect(error.contentType).toBe('text/html');
    server.script({ status: 200, headers: { 'content-type': 'text/html' }, body: '' });
    await expect(core.request(getThing)).resolves.toBeUndefined();
  });
});

describe('credentials never leak into errors or logs', () => {
  const haystacks = (error: unknown) => {
    const e = error as Error;
    return [e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 10 }), inspect(e, { showHidden: true, depth: 10 })];
  };

  it('in an ApiError whose body and headers echo the key', async () => {
    const lines: unknown[] = [];
    const logger: Logger = { debug: (...a) => lines.push(a), info: (...a) => lines.push(a), warn: (...a) => lines.push(a), error: (...a) => lines.push(a) };
    server.script(({ headers }) =>
      json(401, { errors: [{ detail: `Invalid key: ${String(headers.authorization)}` }], echo: [headers.authorization] }, {
        'x-echo': String(headers.authorization),
        'x-request-id': 'rid',
      }),
    );
    const error = await fail(makeCore(server.url, { logger }).request(getThing));
    expect(server.requests[0]!.headers.authorization).toBe(`Key ${SECRET}`);
    expect(error.message).toContain('Invalid key: Key ***');
    for (const text of haystacks(error)) expect(text).not.toContain(SECRET);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it('in URLs carrying an apiKey-in-query credential, for API, parse and connection errors', async () => {
    const api = testApi({
      securitySchemes: { q: { type: 'apiKey', in: 'query', name: 'token', option: 'apiKey', place: inQuery } },
      credentials: { apiKey: {} },
      security: [['q']],
    });
    const core = new Core(api, { baseUrl: server.url, env: {}, apiKey: SECRET, maxRetries: 0 } as never);
    server.script(json(404, { detail: `no such token ${SECRET}` }));
    const apiError = (await fail(core.request(op({ id: 'getThing', params: { query: ['x'] } }), { x: 1 }))) as ApiError;
    expect(server.requests[0]!.query.get('token')).toBe(SECRET);
    expect(apiError.url).toBe(`${server.url}/things?x=1&token=***`);
    server.script({ status: 200, headers: { 'content-type': 'application/json' }, body: `{"token": "${SECRET}` });
    const parseError = await fail(core.request(getThing));
    server.script(reset());
    const connectionError = await fail(core.request(getThing));
    expect(connectionError).toBeInstanceOf(ConnectionError);
    for (const error of [apiError, parseError, connectionError]) {
      for (const text of haystacks(error)) expect(text).not.toContain(SECRET);
    }
  });

  it('rejects a baseUrl with userinfo without echoing it', () => {
    const error = (() => {
      try {
        makeCore(`http://user:${SECRET}@127.0.0.1:1`);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(ClientValidationError);
    expect(error.message).not.toContain(SECRET);
  });
});
