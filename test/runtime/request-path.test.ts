/**
 * The request path of `Core` calls and `core.raw`: what a `fetch` receives
 * (`fetch(url, init)` per attempt, `init.signal` carrying the attempt's
 * deadline), empty bodies, and errors that happen before anything could be sent.
 */
import { describe, expect, it } from 'vitest';
import { AbortedError, ApiError, ClientValidationError, Core, TimeoutError, type ApiDescriptor, type ClientOptions, type Fetch, inQuery, jsonBody, binaryBody } from '../../packages/runtime/src/index.js';
import { INTERNAL } from '../../packages/runtime/src/core/options.js';
import { json, useFaultServer } from '../support/fault-server.js';
import { SECRET, makeCore, op, testApi } from './fixtures.js';

const server = await useFaultServer();

/** A `fetch` that records each call and never answers: it rejects once the call's `init.signal` aborts. */
function hangingFetch(): { fetch: Fetch; seen: { input: unknown; signal: AbortSignal }[] } {
  const seen: { input: unknown; signal: AbortSignal }[] = [];
  return {
    seen,
    fetch: (input, init) => {
      const signal = init!.signal!;
      seen.push({ input, signal });
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    },
  };
}

const queryKeyApi: ApiDescriptor = testApi({
  securitySchemes: { q: { type: 'apiKey', in: 'query', name: 'api_key', option: 'apiKey', place: inQuery } },
  credentials: { apiKey: {} },
  security: [['q']],
});

describe('what fetch receives', () => {
  it('is one fetch(url, init) per attempt whose init.signal aborts when its timeout elapses', async () => {
    const { fetch, seen } = hangingFetch();
    const core = makeCore(server.url, { fetch, timeoutMs: 50, maxRetries: 1 });
    await expect(core.request(op({ id: 'getThing' }))).rejects.toBeInstanceOf(TimeoutError);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.signal).not.toBe(seen[1]!.signal);
    for (const { input, signal } of seen) {
      expect(input).toBe(`${server.url}/things`);
      expect(signal.aborted).toBe(true);
    }
  });

  it("aborts the attempt's signal when the caller aborts", async () => {
    const { fetch, seen } = hangingFetch();
    const controller = new AbortController();
    const pending = makeCore(server.url, { fetch }).request(op({ id: 'getThing' }), {}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.signal.aborted).toBe(true);
  });

  it('carries the URL, method, headers and body as built, the call headers over the client ones', async () => {
    const seen: Request[] = [];
    const fetch: Fetch = async (input, init) => {
      seen.push(new Request(input, init));
      return globalThis.fetch(input, init);
    };
    const createThing = op({
      id: 'createThing',
      method: 'POST',
      path: '/things/{id}',
      params: { path: ['id'], query: ['filter[status]', 'tag'], header: ['X-Trace'] },
      body: { mediaType: 'application/json', required: true, encode: jsonBody },
    });
    const core = makeCore(server.url, { fetch, headers: { 'X-Team': 'ml', 'x-trace': 'client' } });
    await core.request(
      createThing,
      { id: 'a/b', 'filter[status]': 'open', tag: ['x', 'y'], 'X-Trace': 't-1', body: { name: 'n' } },
      { headers: { 'x-team': 'call', 'content-type': 'text/plain' } },
    );
    const request = seen[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${server.url}/things/a%2Fb?filter[status]=open&tag=x&tag=y`);
    expect(request.headers.get('x-team')).toBe('call');
    expect(request.headers.get('x-trace')).toBe('t-1');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(request.headers.get('authorization')).toBe(`Key ${SECRET}`);
    expect(await request.text()).toBe('{"name":"n"}');
    expect(server.requests[0]!.url).toBe('/things/a%2Fb?filter[status]=open&tag=x&tag=y');
  });

  it('sends a streamed body with an apiKey-in-query credential again on a retry', async () => {
    server.script(json(503, {}), json(200, { ok: true }));
    const upload = op({ id: 'upload', method: 'PUT', body: { mediaType: 'application/octet-stream', required: true, encode: binaryBody } });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('streamed'));
        c.close();
      },
    });
    await expect(makeCore(server.url, {}, queryKeyApi).request(upload, { body: stream })).resolves.toEqual({ ok: true });
    expect(server.requests.map((r) => [r.query.get('api_key'), r.text])).toEqual([
      [SECRET, 'streamed'],
      [SECRET, 'streamed'],
    ]);
  });
});

describe('errors before anything is sent', () => {
  it('rethrows a bad header name as is, without a fetch or a retry', async () => {
    const { fetch, seen } = hangingFetch();
    const error = await makeCore(server.url, { fetch })
      .request(op({ id: 'getThing' }), {}, { headers: { 'bad name': 'x' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(seen).toHaveLength(0);
  });

  it('rejects a baseUrl fetch could not parse when the client is created', () => {
    const { fetch, seen } = hangingFetch();
    expect(() => makeCore('not a url', { fetch })).toThrow(new ClientValidationError('baseUrl of Test API is not a URL: "not a url".'));
    expect(seen).toHaveLength(0);
  });
});

describe('empty bodies', () => {
  it('are undefined for 204, HEAD and Content-Length: 0, whatever the response kind', async () => {
    const core = makeCore(server.url);
    for (const response of ['text', 'blob', 'stream', 'json'] as const) {
      server.script({ status: 204 }, { status: 200, headers: { 'content-length': '0' } }, { status: 200, headers: { 'x-a': '1' }, body: 'x' });
      await expect(core.request(op({ id: 'a', response }))).resolves.toBeUndefined();
      await expect(core.request(op({ id: 'b', response }))).resolves.toBeUndefined();
      await expect(core.request(op({ id: 'c', method: 'HEAD', response }))).resolves.toBeUndefined();
    }
  });

  it('leave ApiError.body undefined, and a non-JSON error body is kept as text', async () => {
    server.script({ status: 404, headers: { 'content-length': '0' } }, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'broken' });
    const core = makeCore(server.url, { maxRetries: 0 });
    const empty = await core.request(op({ id: 'a' })).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ApiError);
    expect((empty as ApiError).body).toBeUndefined();
    const text = await core.request(op({ id: 'b' })).catch((e: unknown) => e);
    expect((text as ApiError).body).toBe('broken');
  });
});

describe('core.raw', () => {
  interface paths {
    '/things': { post: { requestBody: { content: { 'application/json': { name: string } } }; responses: { 200: { content: { 'application/json': unknown } } } } };
  }
  const rawCore = (api: ApiDescriptor) =>
    new Core<paths>(api, { baseUrl: server.url, env: {}, apiKey: SECRET, [INTERNAL]: { sleep: async () => {} } } as ClientOptions);

  it('replays the body of a retried POST and leaves the Request openapi-fetch built intact', async () => {
    server.script(json(503, {}), json(200, { ok: true }));
    const core = rawCore(testApi());
    const after: string[] = [];
    core.raw.use({ onResponse: async ({ request }) => void after.push(await request.clone().text()) });
    const { data, error } = await core.raw.POST('/things', { body: { name: 'n' }, headers: { 'Idempotency-Key': 'k' } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: true });
    expect(server.requests.map((r) => [r.headers.authorization, r.text])).toEqual([
      [`Key ${SECRET}`, '{"name":"n"}'],
      [`Key ${SECRET}`, '{"name":"n"}'],
    ]);
    expect(after).toEqual(['{"name":"n"}']);
  });

  it('applies an apiKey-in-query credential to a POST and replays its body', async () => {
    server.script(json(503, {}), json(200, { ok: true }));
    const { data } = await rawCore(queryKeyApi).raw.POST('/things', { body: { name: 'n' }, headers: { 'Idempotency-Key': 'k' } });
    expect(data).toEqual({ ok: true });
    expect(server.requests.map((r) => [r.query.get('api_key'), r.text])).toEqual([
      [SECRET, '{"name":"n"}'],
      [SECRET, '{"name":"n"}'],
    ]);
  });

  it('aborts on the caller signal', async () => {
    server.script({ ...json(200, {}), delayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const core = makeCore(server.url) as Core<Record<string, never>>;
    const raw = core.raw as unknown as { GET(path: string, init: object): Promise<unknown> };
    await expect(raw.GET('/things', { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
  });
});
