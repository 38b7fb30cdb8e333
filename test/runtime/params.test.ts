import { describe, expect, it } from 'vitest';
import { ClientValidationError, Core, jsonBody, formBody, multipartBody, binaryBody, textBody, styledQuery } from '../../packages/runtime/src/index.js';
import { useFaultServer } from '../support/fault-server.js';
import { SECRET, listMonitorRuns, makeCore, op, testApi } from './fixtures.js';

const server = await useFaultServer();

const last = () => server.requests[server.requests.length - 1]!;

describe('flat parameters', () => {
  it('splits path, query, header and cookie parameters', async () => {
    const getRun = op({
      id: 'getRun',
      path: '/monitors/{id}/runs/{run_id}',
      params: { path: ['id', 'run_id'], query: ['start_time'], header: ['X-Trace'], cookie: ['lang'] },
    });
    await makeCore(server.url).request(getRun, { id: 7, run_id: 'r1', start_time: '2024-01-01T00:00:00Z', 'X-Trace': 't1', lang: 'en' });
    expect(last().path).toBe('/monitors/7/runs/r1');
    expect(last().query.get('start_time')).toBe('2024-01-01T00:00:00Z');
    expect(last().headers['x-trace']).toBe('t1');
    expect(last().headers.cookie).toBe('lang=en');
  });

  it('rejects unknown parameters, naming the parameter and the operation', async () => {
    const error = await makeCore(server.url).request(listMonitorRuns, { id: 1, pgae: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect((error as Error).message).toMatch(/"pgae".*listMonitorRuns/);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a missing path parameter', async () => {
    await expect(makeCore(server.url).request(listMonitorRuns, { page: 1 })).rejects.toThrow(/Missing path parameter "id" for listMonitorRuns/);
    await expect(makeCore(server.url).request(op({ id: 'noBody', method: 'POST', body: { mediaType: 'application/json', required: true, encode: jsonBody } }))).rejects.toThrow(
      /Missing request body for noBody/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('percent-encodes path parameters so they cannot change the path', async () => {
    const core = makeCore(server.url);
    for (const [value, sent] of [
      ['../admin', '..%2Fadmin'],
      ['a/b', 'a%2Fb'],
      ['%2e', '%252e'],
      ['%2e%2e', '%252e%252e'],
      ['x?y=1#z', 'x%3Fy%3D1%23z'],
      ['...', '...'],
    ]) {
      await core.request(listMonitorRuns, { id: value });
      expect(last().url).toBe(`/api/v1/monitors/${sent}/runs`);
    }
  });

  it('rejects ".", ".." and empty path parameters before sending', async () => {
    const core = makeCore(server.url);
    for (const value of ['..', '.', '']) {
      const error = await core.request(listMonitorRuns, { id: value }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientValidationError);
      expect((error as Error).message).toContain('"id"');
    }
    // The raw client uses the same path serializer.
    const raw = core.raw as unknown as { GET(path: string, init: unknown): Promise<unknown> };
    await expect(raw.GET('/api/v1/monitors/{id}/runs', { params: { path: { id: '..' } } })).rejects.toThrow(ClientValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects CR/LF in header parameters, per-call headers and client headers', async () => {
    const withHeader = op({ id: 'withHeader', params: { header: ['X-Tag'] } });
    const core = makeCore(server.url);
    await expect(core.request(withHeader, { 'X-Tag': 'a\r\nX-Evil: 1' })).rejects.toThrow(ClientValidationError);
    await expect(core.request(withHeader, {}, { headers: { 'X-Other': 'v\n' } })).rejects.toThrow(/X-Other/);
    expect(() => makeCore(server.url, { headers: { 'X-Client': 'v\r' } })).toThrow(ClientValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('query serialisation', () => {
  it('sends bracketed names literally and explodes arrays by default', async () => {
    const list = op({ id: 'listRuns', params: { query: ['filter[status]', 'page[size]', 'tag'] } });
    await makeCore(server.url).request(list, { 'filter[status]': 'running', 'page[size]': 25, tag: ['a', 'b c'] });
    expect(last().url).toBe('/things?filter[status]=running&page[size]=25&tag=a&tag=b%20c');
    expect(last().query.get('filter[status]')).toBe('running');
  });

  it('honours query styles through styledQuery', async () => {
    const list = op({
      id: 'styled',
      params: { query: ['csv', 'pipes', 'spaces', 'deep', 'spread', 'skip'] },
      encodeQuery: styledQuery({
        csv: { explode: false },
        pipes: { style: 'pipeDelimited', explode: false },
        spaces: { style: 'spaceDelimited', explode: false },
        deep: { style: 'deepObject', explode: true },
      }),
    });
    await makeCore(server.url).request(list, {
      csv: [1, 2],
      pipes: ['x', 'y'],
      spaces: ['p', 'q'],
      deep: { a: 1, b: { c: 'd' } },
      spread: { role: 'admin' },
      skip: null,
    });
    expect(last().url).toBe('/things?csv=1,2&pipes=x|y&spaces=p%20q&deep[a]=1&deep[b][c]=d&role=admin');
  });
});

describe('request bodies', () => {
  const encoders = { json: jsonBody, form: formBody, multipart: multipartBody, binary: binaryBody, text: textBody };
  const bodyOp = (kind: keyof typeof encoders, mediaType: string) =>
    op({ id: `send_${kind}`, method: 'POST', body: { mediaType, required: true, encode: encoders[kind] } });

  it('sends JSON with the operation media type', async () => {
    await makeCore(server.url).request(bodyOp('json', 'application/vnd.api+json'), { body: { data: { type: 'runs' } } });
    expect(last().headers['content-type']).toBe('application/vnd.api+json');
    expect(JSON.parse(last().text)).toEqual({ data: { type: 'runs' } });
  });

  it('sends URL-encoded forms', async () => {
    await makeCore(server.url).request(bodyOp('form', 'application/x-www-form-urlencoded'), { body: { a: '1 2', list: ['x', 'y'] } });
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(last().text).toBe('a=1+2&list=x&list=y');
  });

  it('sends multipart forms with files', async () => {
    const file = new File(['hello file'], 'hello.txt', { type: 'text/plain' });
    await makeCore(server.url).request(bodyOp('multipart', 'multipart/form-data'), { body: { name: 'n1', file } });
    expect(last().headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(last().text).toContain('filename="hello.txt"');
    expect(last().text).toContain('hello file');
    expect(last().text).toContain('name="name"');
  });

  it('sends binary bodies as is (bytes, Blob, ReadableStream)', async () => {
    const core = makeCore(server.url);
    const send = bodyOp('binary', 'application/octet-stream');
    await core.request(send, { body: new Uint8Array([0, 1, 2, 255]) });
    expect([...last().body]).toEqual([0, 1, 2, 255]);
    expect(last().headers['content-type']).toBe('application/octet-stream');
    await core.request(bodyOp('binary', '*/*'), { body: new Blob(['png!'], { type: 'image/png' }) });
    expect(last().text).toBe('png!');
    expect(last().headers['content-type']).toBe('image/png');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed '));
        controller.enqueue(new TextEncoder().encode('bytes'));
        controller.close();
      },
    });
    await core.request(send, { body: stream });
    expect(last().text).toBe('streamed bytes');
  });

  it('sends text bodies', async () => {
    await makeCore(server.url).request(bodyOp('text', 'text/csv'), { body: 'a,b\n1,2' });
    expect(last().headers['content-type']).toBe('text/csv');
    expect(last().text).toBe('a,b\n1,2');
  });

  it('never sends the credential anywhere but the auth header', async () => {
    await new Core(testApi(), { baseUrl: server.url, env: {}, apiKey: SECRET } as never).request(listMonitorRuns, { id: 1 });
    expect(last().url).not.toContain(SECRET);
  });
});

describe('header values outside ISO-8859-1', () => {
  it('are a ClientValidationError naming the header, not a bare TypeError from fetch', async () => {
    const { assertHeaderValue } = await import('../../packages/runtime/src/core/params.js');
    const { ClientValidationError } = await import('../../packages/runtime/src/index.js');
    expect(() => assertHeaderValue('X-Name', 'caf\u00e9')).not.toThrow();
    expect(() => assertHeaderValue('X-Name', 'snow \u2603')).toThrow(ClientValidationError);
    expect(() => assertHeaderValue('X-Name', 'snow \u2603')).toThrow(/X-Name/);
    expect(() => assertHeaderValue('X-Name', 'a\r\nInjected: 1')).toThrow(ClientValidationError);
  });
});
