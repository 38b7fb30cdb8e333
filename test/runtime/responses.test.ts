import { describe, expect, it } from 'vitest';
import { json, useFaultServer } from '../support/fault-server.js';
import { makeCore, op } from './fixtures.js';

const server = await useFaultServer();

describe('responses', () => {
  it('parses JSON, including vendor +json types', async () => {
    server.script(json(200, { a: 1 }), { status: 200, headers: { 'content-type': 'application/vnd.api+json' }, body: '{"data":[]}' });
    const core = makeCore(server.url);
    await expect(core.request(op({ id: 'a' }))).resolves.toEqual({ a: 1 });
    await expect(core.request(op({ id: 'b' }))).resolves.toEqual({ data: [] });
  });

  it('returns undefined for 204 and for "none" operations', async () => {
    server.script({ status: 204 }, json(200, { ignored: true }), json(202, { queued: true }));
    const core = makeCore(server.url);
    await expect(core.request(op({ id: 'del', method: 'DELETE' }))).resolves.toBeUndefined();
    await expect(core.request(op({ id: 'ping', response: 'none' }))).resolves.toBeUndefined();
    await expect(core.request(op({ id: 'queue', method: 'POST' }))).resolves.toEqual({ queued: true });
  });

  it('returns text, Blob and ReadableStream bodies by response kind', async () => {
    const core = makeCore(server.url);
    server.script({ status: 200, headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' });
    await expect(core.request(op({ id: 'csv', response: 'text' }))).resolves.toBe('a,b\n1,2');
    server.script({ status: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([137, 80, 78, 71]) });
    const blob = await core.request<Blob>(op({ id: 'png', response: 'blob' }));
    expect(blob).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([137, 80, 78, 71]);
    server.script({ status: 200, headers: { 'content-type': 'application/x-ndjson' }, body: '{"a":1}\n{"a":2}\n' });
    const stream = await core.request<ReadableStream<Uint8Array>>(op({ id: 'events', response: 'stream' }));
    expect(await new Response(stream).text()).toBe('{"a":1}\n{"a":2}\n');
  });

  it('handles a multi-megabyte JSON body', async () => {
    const runs = Array.from({ length: 40_000 }, (_, i) => ({ id: i, name: `run-${i}`, note: 'x'.repeat(64) }));
    server.script(json(200, { runs }));
    const body = await makeCore(server.url).request<{ runs: unknown[] }>(op({ id: 'big' }));
    expect(body.runs).toHaveLength(40_000);
    expect(JSON.stringify(runs).length).toBeGreaterThan(3_000_000);
  });

  it('exposes the Response through requestWithResponse', async () => {
    server.script(json(200, { ok: true }, { 'x-total': '42' }));
    const { data, response } = await makeCore(server.url).requestWithResponse(op({ id: 'withHeaders' }));
    expect(data).toEqual({ ok: true });
    expect(response.headers.get('x-total')).toBe('42');
  });
});
