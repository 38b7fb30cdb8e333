import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AbortedError, ClientgenError, ConnectionError, TimeoutError } from '../../packages/runtime/src/index.js';
import { anySignal } from '../../packages/runtime/src/core/timeout.js';
import { json, useFaultServer } from '../support/fault-server.js';
import { makeCore, op } from './fixtures.js';

const server = await useFaultServer();

const getThing = op({ id: 'getThing' });
const slow = (ms: number) => ({ ...json(200, { slow: true }), delayMs: ms });

describe('timeouts and cancellation', () => {
  it('throws TimeoutError when the client timeout elapses', async () => {
    server.script(slow(2000));
    const started = Date.now();
    const error = await makeCore(server.url, { timeoutMs: 150, maxRetries: 0 }).request(getThing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(ClientgenError);
    expect((error as TimeoutError).timeoutMs).toBe(150);
    expect((error as Error).message).toMatch(/^Timed out after 150 ms from getThing \(GET http/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('lets the per-call timeout override the client one', async () => {
    server.script(slow(2000));
    const core = makeCore(server.url, { timeoutMs: 60_000, maxRetries: 0 });
    await expect(core.request(getThing, {}, { timeoutMs: 100 })).rejects.toBeInstanceOf(TimeoutError);
    server.script(slow(200));
    await expect(makeCore(server.url, { timeoutMs: 50 }).request(getThing, {}, { timeoutMs: 2000 })).resolves.toEqual({ slow: true });
  });

  it('applies the timeout per attempt and retries timed-out idempotent requests', async () => {
    server.script(slow(2000), slow(150), json(200, { third: true }));
    const core = makeCore(server.url, { timeoutMs: 300 });
    await expect(core.request(getThing)).resolves.toEqual({ slow: true });
    expect(server.requests).toHaveLength(2); // 2nd attempt (150 ms) fits its own 300 ms budget
  });

  it('covers reading the body, not just the headers', async () => {
    server.script({ ...json(200, { a: 'x'.repeat(1000) }), bodyDelayMs: 2000 });
    const started = Date.now();
    const error = await makeCore(server.url, { timeoutMs: 200 }).request(getThing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1500);
    server.script({ ...json(200, { a: 1 }), bodyDelayMs: 100 });
    await expect(makeCore(server.url, { timeoutMs: 1000 }).request(getThing)).resolves.toEqual({ a: 1 });
  });

  it('still times out when garbage is collected during the attempt', async () => {
    // undici links a Request's signal to its init signal only weakly (nodejs/undici#4068):
    // an attempt whose Request nobody references is no longer aborted after a GC.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const collecting = setInterval(gc, 10);
    try {
      server.script(slow(1500), { ...json(200, { a: 'x'.repeat(1000) }), bodyDelayMs: 1500 });
      const core = makeCore(server.url, { timeoutMs: 150, maxRetries: 0 });
      await expect(core.request(getThing)).rejects.toBeInstanceOf(TimeoutError); // waiting for headers
      await expect(core.request(getThing)).rejects.toBeInstanceOf(TimeoutError); // reading the body
    } finally {
      clearInterval(collecting);
    }
  });

  it('throws ConnectionError when the body is cut off', async () => {
    server.script({ ...json(200, { a: 'x'.repeat(1000) }), cutBody: true });
    await expect(makeCore(server.url).request(getThing)).rejects.toBeInstanceOf(ConnectionError);
  });

  it('rethrows a caller abort as AbortError, distinct from TimeoutError', async () => {
    server.script(slow(2000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await makeCore(server.url, { timeoutMs: 5000 }).request(getThing, {}, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(1); // not retried
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(makeCore(server.url).request(getThing, {}, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(0);
  });

  it('aborts a streamed body read', async () => {
    const streamOp = op({ id: 'download', response: 'stream' });
    server.script({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(64) });
    const controller = new AbortController();
    const stream = await makeCore(server.url).request<ReadableStream<Uint8Array>>(streamOp, {}, { signal: controller.signal });
    const reader = stream.getReader();
    controller.abort();
    await expect(reader.read().then(() => reader.read())).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('anySignal works without AbortSignal.any too', () => {
    const original = AbortSignal.any;
    try {
      (AbortSignal as { any?: unknown }).any = undefined;
      const a = new AbortController();
      const any = anySignal([a.signal, new AbortController().signal]);
      expect(any.aborted).toBe(false);
      a.abort('first');
      expect(any.reason).toBe('first');
      const pre = new AbortController();
      pre.abort('early');
      expect(anySignal([pre.signal]).reason).toBe('early');
    } finally {
      AbortSignal.any = original;
    }
  });

  it('anySignal follows whichever signal aborts first', () => {
    const a = new AbortController();
    const b = new AbortController();
    const any = anySignal([a.signal, b.signal]);
    expect(any.aborted).toBe(false);
    b.abort('why');
    expect(any.aborted).toBe(true);
    expect(any.reason).toBe('why');
  });
});
