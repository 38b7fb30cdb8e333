import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  binaryBody,
  jsonBody,
} from '../../packages/runtime/src/index.js';
import { BACKOFF_CAP_MS, retryDelay } from '../../packages/runtime/src/core/retry.js';
import { INTERNAL } from '../../packages/runtime/src/core/options.js';
import { json, reset, useFaultServer, times } from '../support/fault-server.js';
import { makeCore, op } from './fixtures.js';

const server = await useFaultServer();

const getThing = op({ id: 'getThing' });
const jsonRequest = { mediaType: 'application/json', required: true, encode: jsonBody };
const putThing = op({ id: 'putThing', method: 'PUT', body: jsonRequest });
const createThing = op({ id: 'createThing', method: 'POST', body: jsonRequest });

describe('retries', () => {
  it('retries 503 twice by default and returns the eventual success', async () => {
    server.script(...times(2, json(503, { message: 'busy' })), json(200, { ok: true }));
    await expect(makeCore(server.url).request(getThing)).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it('retries every retryable status', async () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504]) {
      server.clear();
      server.script(json(status, {}), json(200, { status }));
      await expect(makeCore(server.url).request(getThing)).resolves.toEqual({ status });
      expect(server.requests).toHaveLength(2);
    }
  });

  it('gives up after maxRetries and throws the typed error', async () => {
    server.fallback = json(503, { message: 'still busy' });
    await expect(makeCore(server.url).request(getThing)).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(3);
  });

  it('honours maxRetries per client and per call; 0 disables', async () => {
    server.fallback = json(500, {});
    await expect(makeCore(server.url, { maxRetries: 0 }).request(getThing)).rejects.toThrow(/^500/);
    expect(server.requests).toHaveLength(1);
    server.clear();
    server.fallback = json(500, {});
    await expect(makeCore(server.url, { maxRetries: 0 }).request(getThing, {}, { maxRetries: 4 })).rejects.toThrow();
    expect(server.requests).toHaveLength(5);
    server.clear();
    server.fallback = json(500, {});
    await expect(makeCore(server.url).request(getThing, {}, { maxRetries: 0 })).rejects.toThrow();
    expect(server.requests).toHaveLength(1);
  });

  it('lets idempotent: false turn retries off for a GET', async () => {
    server.fallback = json(503, {});
    await expect(makeCore(server.url).request(getThing, {}, { idempotent: false })).rejects.toThrow(/^503/);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry other statuses', async () => {
    server.script(json(404, { detail: 'Not Found' }));
    await expect(makeCore(server.url).request(getThing)).rejects.toBeInstanceOf(NotFoundError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries connection resets', async () => {
    server.script(reset(), reset(), json(200, { ok: 1 }));
    await expect(makeCore(server.url).request(getThing)).resolves.toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(3);
  });

  it('throws ConnectionError once resets exhaust the retries', async () => {
    server.fallback = reset();
    const error = await makeCore(server.url).request(getThing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).operationId).toBe('getThing');
    expect((error as Error).message).toMatch(/^Connection error from getThing \(GET http:\/\/127\.0\.0\.1:\d+\/things\)/);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry POST by default', async () => {
    server.fallback = json(503, {});
    await expect(makeCore(server.url).request(createThing, { body: { a: 1 } })).rejects.toThrow(/^503/);
    expect(server.requests).toHaveLength(1);
    server.clear();
    server.fallback = reset();
    await expect(makeCore(server.url).request(createThing, { body: { a: 1 } })).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries POST when marked idempotent or carrying an Idempotency-Key, replaying the body', async () => {
    server.script(json(503, {}), json(201, { id: 1 }));
    await makeCore(server.url).request(createThing, { body: { name: 'x' } }, { idempotent: true });
    expect(server.requests.map((r) => r.text)).toEqual(['{"name":"x"}', '{"name":"x"}']);
    server.clear();
    server.script(json(503, {}), json(201, { id: 1 }));
    await makeCore(server.url).request(createThing, { body: { name: 'y' } }, { headers: { 'Idempotency-Key': 'k1' } });
    expect(server.requests.map((r) => r.text)).toEqual(['{"name":"y"}', '{"name":"y"}']);
  });

  it('replays the request body (including streams) on every attempt of a PUT', async () => {
    server.script(json(503, {}), reset(), json(200, {}));
    await makeCore(server.url).request(putThing, { body: { big: 'x'.repeat(100_000) } });
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.text)).size).toBe(1);
    expect(server.requests[2]!.text.length).toBeGreaterThan(100_000);

    server.clear();
    server.script(json(503, {}), json(200, {}));
    const upload = op({ id: 'upload', method: 'PUT', body: { mediaType: 'application/octet-stream', required: true, encode: binaryBody } });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('chunk-1 '));
        c.enqueue(new TextEncoder().encode('chunk-2'));
        c.close();
      },
    });
    await makeCore(server.url).request(upload, { body: stream });
    expect(server.requests.map((r) => r.text)).toEqual(['chunk-1 chunk-2', 'chunk-1 chunk-2']);
  });

  it('uses exponential backoff with full jitter', async () => {
    server.fallback = json(503, {});
    const sleeps: number[] = [];
    const core = makeCore(server.url, { maxRetries: 5, [INTERNAL]: { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 } });
    await expect(core.request(getThing)).rejects.toThrow();
    expect(sleeps).toEqual([250, 500, 1000, 2000, 4000]);
    expect(retryDelay(10, undefined, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(retryDelay(1, undefined, () => 0)).toBe(0);
  });

  it('honours Retry-After in seconds with a real wait', async () => {
    server.script(json(429, {}, { 'retry-after': '1' }), json(200, { ok: true }));
    const core = makeCore(server.url, {}, undefined, true);
    await expect(core.request(getThing)).resolves.toEqual({ ok: true });
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.at - first!.at).toBeLessThan(3000);
  });

  it('uses small real backoff delays when the server gives no hint', async () => {
    server.script(json(503, {}), json(502, {}), json(200, { ok: true }));
    const core = makeCore(server.url, { [INTERNAL]: { random: () => 0.1 } }, undefined, true);
    const started = Date.now();
    await expect(core.request(getThing)).resolves.toEqual({ ok: true });
    // 0.1 * 500 + 0.1 * 1000 = 150 ms of real sleeping
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('honours Retry-After as an HTTP date, X-RateLimit-Reset, and caps server delays at 60 s', async () => {
    const core = makeCore(server.url);
    server.script(json(503, {}, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() }), json(200, {}));
    await core.request(getThing);
    expect(core.sleeps[0]).toBeGreaterThan(28_000);
    expect(core.sleeps[0]).toBeLessThanOrEqual(30_000);

    server.script(json(429, {}, { 'x-ratelimit-reset': '7' }), json(200, {}));
    await core.request(getThing);
    expect(core.sleeps[1]).toBe(7000);

    server.script(json(429, {}, { 'retry-after': '3600' }), json(200, {}));
    await core.request(getThing);
    expect(core.sleeps[2]).toBe(60_000);

    server.script(json(429, {}, { 'retry-after': 'soon' }), json(200, {}));
    await core.request(getThing);
    expect(core.sleeps[3]).toBeLessThanOrEqual(500);
  });

  it('exposes the last response as RateLimitError when 429s persist', async () => {
    server.fallback = json(429, { errors: ['Rate limit exceeded'] }, { 'x-ratelimit-reset': '1' });
    const core = makeCore(server.url);
    const error = await core.request(getThing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).message).toContain('Rate limit exceeded');
    expect(core.sleeps).toEqual([1000, 1000]);
  });

  it('never retries after the caller aborts, even during the backoff wait', async () => {
    const controller = new AbortController();
    server.fallback = json(503, {});
    const core = makeCore(server.url, {
      [INTERNAL]: {
        sleep: async () => {
          controller.abort();
        },
      },
    });
    const error = await core.request(getThing, {}, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(1);
  });

  it('stops a real backoff wait as soon as the caller aborts', async () => {
    const controller = new AbortController();
    server.fallback = json(503, {}, { 'retry-after': '30' });
    const core = makeCore(server.url, {}, undefined, true);
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(core.request(getThing, {}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });
});
