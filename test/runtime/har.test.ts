/**
 * `harRecorder`: a `fetch` wrapper that records real calls as HAR 1.2 with
 * credentials redacted and bodies capped, for `clientgen verify`.
 */
import { describe, expect, it } from 'vitest';
import { Core, harRecorder, inCookie, inQuery, jsonBody } from '../../packages/runtime/src/index.js';
import { json, useFaultServer } from '../support/fault-server.js';
import { op, testApi } from './fixtures.js';

const server = await useFaultServer();

const KEYS = { token: 'tok_HEADER_secret_1', apiKey: 'key_QUERY_secret_2', sessionId: 'sess_COOKIE_secret_3', custom: 'cus_CUSTOM_secret_4' };

function api() {
  return testApi({
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', option: 'token' },
      q: { type: 'apiKey', in: 'query', name: 'api_key', option: 'apiKey', place: inQuery },
      c: { type: 'apiKey', in: 'cookie', name: 'session', option: 'sessionId', place: inCookie },
    },
    credentials: { token: {}, apiKey: {}, sessionId: {} },
    security: [['bearer', 'q', 'c']],
  });
}

const createThing = op({ id: 'createThing', method: 'POST', path: '/things', params: { query: ['dry_run'] }, body: { mediaType: 'application/json', required: true, encode: jsonBody } });

describe('harRecorder', () => {
  it('records each exchange as a HAR 1.2 entry: method, URL, query, headers, request and response bodies, status', async () => {
    server.script(json(201, { id: 7, name: 'x' }, { 'x-request-id': 'req-1' }));
    const recorder = harRecorder();
    const core = new Core(api(), { baseUrl: server.url, env: {}, fetch: recorder.fetch, ...KEYS } as never);
    await core.request(createThing, { dry_run: true, body: { name: 'x' } });
    const har = await recorder.har();
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBe('@clientgen/runtime');
    const [entry] = har.log.entries;
    expect(entry!.request.method).toBe('POST');
    expect(new URL(entry!.request.url).pathname).toBe('/things');
    expect(entry!.request.queryString).toContainEqual({ name: 'dry_run', value: 'true' });
    expect(entry!.request.postData).toEqual({ mimeType: 'application/json', text: '{"name":"x"}' });
    expect(entry!.response.status).toBe(201);
    expect(entry!.response.content.mimeType).toBe('application/json');
    expect(JSON.parse(entry!.response.content.text!)).toEqual({ id: 7, name: 'x' });
    expect(entry!.response.headers).toContainEqual({ name: 'x-request-id', value: 'req-1' });
    expect(Date.parse(entry!.startedDateTime)).not.toBeNaN();
  });

  it('contains no credential, whether it travels in a header, the query or a cookie', async () => {
    const recorder = harRecorder();
    const core = new Core(api(), { baseUrl: server.url, env: {}, fetch: recorder.fetch, ...KEYS } as never);
    await core.request(createThing, { body: { name: 'x' } });
    // The credentials did reach the server …
    const sent = server.requests.at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${KEYS.token}`);
    expect(sent.query.get('api_key')).toBe(KEYS.apiKey);
    expect(sent.headers.cookie).toBe(`session=${KEYS.sessionId}`);
    // … and none of them is in the recording.
    const text = JSON.stringify(await recorder.har());
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
    const [entry] = (await recorder.har()).log.entries;
    expect(entry!.request.headers).toContainEqual({ name: 'authorization', value: '***' });
    expect(entry!.request.headers).toContainEqual({ name: 'cookie', value: '***' });
    expect(entry!.request.queryString).toContainEqual({ name: 'api_key', value: '***' });
  });

  it('masks the extra query names, header names and values it is told about', async () => {
    server.script(json(200, { echo: KEYS.custom }));
    const recorder = harRecorder({ secretQueryNames: ['sig_v'], secretHeaders: ['X-Tenant'], secrets: [KEYS.custom] });
    const core = new Core(testApi(), { baseUrl: server.url, env: {}, fetch: recorder.fetch, apiKey: 'k', headers: { 'X-Tenant': 'acme-tenant' } } as never);
    await core.request(op({ id: 'get', params: { query: ['sig_v'] } }), { sig_v: 'signed-value' });
    const text = JSON.stringify(await recorder.har());
    for (const value of ['signed-value', 'acme-tenant', KEYS.custom]) expect(text).not.toContain(value);
  });

  it('caps bodies at maxBodyBytes, says so, and still hands the client the whole body', async () => {
    const big = 'x'.repeat(10_000);
    server.script({ status: 200, headers: { 'content-type': 'text/plain' }, body: big });
    const recorder = harRecorder({ maxBodyBytes: 1000 });
    const core = new Core(testApi(), { baseUrl: server.url, env: {}, fetch: recorder.fetch, apiKey: 'k' } as never);
    const body = await core.request(op({ id: 'text', response: 'text' }));
    expect(body).toBe(big);
    const [entry] = (await recorder.har()).log.entries;
    expect(entry!.response.content.text).toBe('x'.repeat(1000));
    expect(entry!.response.content.comment).toBe('cut at 1000 bytes');
  });

  it('hands every entry to onEntry as it completes (to append to a file)', async () => {
    const seen: number[] = [];
    const recorder = harRecorder({ onEntry: (e) => seen.push(e.response.status) });
    const core = new Core(testApi(), { baseUrl: server.url, env: {}, fetch: recorder.fetch, apiKey: 'k', maxRetries: 0 } as never);
    server.script(json(200, {}), json(404, { error: 'nope' }));
    await core.request(op({ id: 'a' }));
    await expect(core.request(op({ id: 'b' }))).rejects.toThrow();
    await recorder.har();
    expect(seen).toEqual([200, 404]);
  });
});
