/**
 * Form and multipart bodies that follow the OpenAPI Encoding Object
 * (`styledForm`), and deepObject query parameters sharing its bracket
 * encoder, over a loopback server.
 */
import { describe, expect, it } from 'vitest';
import { formBody, styledForm, styledQuery, type FieldEncoding } from '../../packages/runtime/src/index.js';
import { useFaultServer, type RecordedRequest } from '../support/fault-server.js';
import { makeCore, op } from './fixtures.js';

const server = await useFaultServer();
const last = () => server.requests[server.requests.length - 1]!;

/** Decoded `name=value` pairs of a URL-encoded text, in order. */
const pairs = (text: string) => [...new URLSearchParams(text)].map(([k, v]) => `${k}=${v}`);

/** Parts of a multipart body: text parts as `name=value`, files as `name=<filename;type>content`. */
async function parts(request: RecordedRequest): Promise<string[]> {
  const form = await new Response(new Uint8Array(request.body), { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
  return Promise.all(
    [...form].map(async ([k, v]) => (typeof v === 'string' ? `${k}=${v}` : `${k}=<${v.name};${v.type}>${await v.text()}`)),
  );
}

const deep: FieldEncoding = { style: 'deepObject', explode: true };
const send = (mediaType: string, encodings: Record<string, FieldEncoding>) =>
  op({ id: 'send', method: 'POST', body: { mediaType, required: true, encode: styledForm(encodings) } });

describe('styledForm, URL-encoded', () => {
  const form = (encodings: Record<string, FieldEncoding>, body: unknown) =>
    makeCore(server.url).request(send('application/x-www-form-urlencoded', encodings), { body });

  it('writes deepObject fields in brackets at every level (objects, arrays of scalars and of objects)', async () => {
    await form(
      { address: deep, metadata: deep, preferred_locales: deep, line_items: deep, expand: deep },
      {
        email: 'a b@example.com',
        address: { city: 'Paris', line1: '1 rue' },
        metadata: { plan: 'pro', unset: '' },
        preferred_locales: ['fr', 'en'],
        line_items: [{ price: 'price_1', quantity: 2, adjustable_quantity: { enabled: true } }, { price: 'price_2' }],
        expand: ['customer'],
      },
    );
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(pairs(last().text)).toEqual([
      'email=a b@example.com',
      'address[city]=Paris',
      'address[line1]=1 rue',
      'metadata[plan]=pro',
      'metadata[unset]=',
      'preferred_locales[0]=fr',
      'preferred_locales[1]=en',
      'line_items[0][price]=price_1',
      'line_items[0][quantity]=2',
      'line_items[0][adjustable_quantity][enabled]=true',
      'line_items[1][price]=price_2',
      'expand[0]=customer',
    ]);
  });

  it('follows form and explode like a query parameter: repeated, comma-joined, delimited, spread', async () => {
    await form(
      {
        tags: { style: 'form', explode: true },
        ids: { explode: false },
        pipes: { style: 'pipeDelimited', explode: false },
        spaces: { style: 'spaceDelimited', explode: false },
        point: { explode: false },
        filter: { style: 'form', explode: true },
      },
      { tags: ['a', 'b'], ids: [1, 2, 3], pipes: ['x', 'y'], spaces: ['p', 'q'], point: { x: 1, y: 2 }, filter: { role: 'admin', team: { id: 7 } }, skipped: null },
    );
    expect(pairs(last().text)).toEqual(['tags=a', 'tags=b', 'ids=1,2,3', 'pipes=x|y', 'spaces=p q', 'point=x,1,y,2', 'role=admin', 'team[id]=7']);
  });

  it('keeps a comma inside a value apart from the separator of explode: false', async () => {
    await form({ codes: { explode: false } }, { codes: ['a,b', 'c'] });
    expect(last().text).toBe('codes=a%2Cb,c');
  });

  it('sends fields without an encoding as formBody does (arrays repeated, objects as JSON)', async () => {
    const body = { name: 'n', list: ['x', 'y'], extra: { a: 1 } };
    await form({ other: deep }, body);
    const styled = last().text;
    await makeCore(server.url).request(op({ id: 'plain', method: 'POST', body: { mediaType: 'application/x-www-form-urlencoded', required: true, encode: formBody } }), { body });
    expect(pairs(styled)).toEqual(pairs(last().text));
    expect(pairs(styled)).toEqual(['name=n', 'list=x', 'list=y', 'extra={"a":1}']);
  });

  it('passes URLSearchParams through as is', async () => {
    await form({ a: deep }, new URLSearchParams('a[b]=1&c=2'));
    expect(pairs(last().text)).toEqual(['a[b]=1', 'c=2']);
  });
});

describe('styledForm, multipart', () => {
  const multipart = (encodings: Record<string, FieldEncoding>, body: unknown) =>
    makeCore(server.url).request(send('multipart/form-data', encodings), { body });

  it('writes deepObject fields as bracketed text parts next to files (Stripe file upload)', async () => {
    const file = new File(['%PDF-1.4'], 'doc.pdf', { type: 'application/pdf' });
    await multipart(
      { file_link_data: deep, expand: deep },
      { purpose: 'dispute_evidence', file, file_link_data: { create: true, metadata: { order: '6735' } }, expand: ['links'] },
    );
    expect(last().headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(await parts(last())).toEqual([
      'purpose=dispute_evidence',
      'file=<doc.pdf;application/pdf>%PDF-1.4',
      'file_link_data[create]=true',
      'file_link_data[metadata][order]=6735',
      'expand[0]=links',
    ]);
  });

  it('sends objects as JSON parts by default and honours a contentType', async () => {
    await multipart(
      { meta: { contentType: 'application/json' }, note: { contentType: 'text/plain' }, csv: { contentType: 'text/csv' } },
      { meta: { a: 1 }, plain: { b: 2 }, note: 'hello', csv: 'a,b', list: ['x', 'y'] },
    );
    expect(await parts(last())).toEqual(['meta=<blob;application/json>{"a":1}', 'plain={"b":2}', 'note=hello', 'csv=<blob;text/csv>a,b', 'list=x', 'list=y']);
  });
});

describe('deepObject query parameters share the bracket encoder', () => {
  it('sends arrays as name[i]=v and nested objects as name[k][j]=v (Stripe expand and created filters)', async () => {
    const list = op({
      id: 'list',
      params: { query: ['expand', 'created', 'limit'] },
      encodeQuery: styledQuery({ expand: { style: 'deepObject', explode: true }, created: { style: 'deepObject', explode: true } }),
    });
    await makeCore(server.url).request(list, { expand: ['data.customer', 'data.invoice'], created: { gte: 1700000000, lt: 1800000000 }, limit: 3 });
    expect(last().url).toBe('/things?expand[0]=data.customer&expand[1]=data.invoice&created[gte]=1700000000&created[lt]=1800000000&limit=3');
  });
});
