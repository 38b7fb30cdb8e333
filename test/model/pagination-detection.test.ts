// Pagination detected from the spec alone (no provider.yaml): parameter names
// and types, body shape and declared response headers. The real Stripe and
// GitHub specs are covered by test/wire/pagination.test.ts.
import { describe, expect, it } from 'vitest';
import type { OpenAPIDocument, SchemaObject } from '../../generator/src/model/openapi.js';
import { transformOpenAPIDocument } from '../../generator/src/transform/openapi-document.js';

type Param = { name: string; type: string; nullable?: boolean };

/** The pagination detected for `GET /things` with these query parameters, 200 body and response headers. */
function detect(query: Param[], body: SchemaObject, headers?: Record<string, unknown>) {
  const doc: OpenAPIDocument = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          parameters: query.map((p) => ({ name: p.name, in: 'query', schema: { type: p.type, ...(p.nullable ? { nullable: true } : {}) } })),
          responses: { '200': { description: 'ok', ...(headers ? { headers } : {}), content: { 'application/json': { schema: body } } } },
        },
      },
    },
  } as OpenAPIDocument;
  return transformOpenAPIDocument(doc, { name: 't' }, { envPrefix: 'T' }).operations[0]!.pagination;
}

const obj = (properties: Record<string, SchemaObject>): SchemaObject => ({ type: 'object', properties });
const list = (item: SchemaObject = obj({ id: { type: 'string' } })): SchemaObject => ({ type: 'array', items: item });

describe('pagination detection', () => {
  it('a string page with a string next_page is a token (Stripe search), an integer one a page number', () => {
    const body = (nextType: string) => obj({ data: list(), has_more: { type: 'boolean' }, next_page: { type: nextType, nullable: true } });
    expect(detect([{ name: 'page', type: 'string' }, { name: 'limit', type: 'integer' }], body('string'))).toEqual({
      style: 'cursor',
      cursorParam: 'page',
      nextCursor: 'next_page',
      hasMore: 'has_more',
      items: 'data',
    });
    expect(detect([{ name: 'page', type: 'integer' }, { name: 'limit', type: 'integer' }], body('integer'))).toEqual({
      style: 'page-number',
      pageParam: 'page',
      sizeParam: 'limit',
      nextPage: 'next_page',
      items: 'data',
    });
    // A token in the body is never read as the next page number.
    expect(detect([{ name: 'page', type: 'integer' }], body('string'))).toEqual({ style: 'page-number', pageParam: 'page', items: 'data' });
  });

  it('starting_after + has_more + items with an id: the cursor is the last item’s id (Stripe lists)', () => {
    const params = [{ name: 'starting_after', type: 'string' }, { name: 'ending_before', type: 'string' }, { name: 'limit', type: 'integer' }];
    expect(detect(params, obj({ object: { type: 'string' }, data: list(), has_more: { type: 'boolean' }, url: { type: 'string' } }))).toEqual({
      style: 'cursor',
      cursorParam: 'starting_after',
      itemCursor: 'id',
      hasMore: 'has_more',
      reverseParam: 'ending_before',
      items: 'data',
    });
    // Polymorphic items qualify when every variant has an id; items without one do not.
    const polymorphic = list({ anyOf: [obj({ id: { type: 'string' }, a: { type: 'string' } }), obj({ id: { type: 'string' }, b: { type: 'string' } })] });
    expect(detect(params.slice(0, 1), obj({ data: polymorphic, has_more: { type: 'boolean' } }))).toMatchObject({ itemCursor: 'id' });
    expect(detect(params.slice(0, 1), obj({ data: list(obj({ name: { type: 'string' } })), has_more: { type: 'boolean' } }))).toBeUndefined();
  });

  it('Google: pageToken → nextPageToken', () => {
    expect(detect([{ name: 'pageToken', type: 'string' }, { name: 'maxResults', type: 'integer' }], obj({ kind: { type: 'string' }, items: list(), nextPageToken: { type: 'string' } }))).toEqual({
      style: 'cursor',
      cursorParam: 'pageToken',
      nextCursor: 'nextPageToken',
      items: 'items',
    });
  });

  it('a declared Link header: link style, over a bare array or an object with one array (GitHub)', () => {
    const link = { Link: { schema: { type: 'string' } } };
    const params = [{ name: 'per_page', type: 'integer' }, { name: 'page', type: 'integer' }];
    expect(detect(params, list(), link)).toEqual({ style: 'link', items: '', nextLink: 'header:link' });
    expect(detect(params, obj({ total_count: { type: 'integer' }, workflow_runs: list() }), { link: { schema: { type: 'string' } } })).toEqual({
      style: 'link',
      items: 'workflow_runs',
      nextLink: 'header:link',
    });
    // Without the header a bare array has no pointer to a next page.
    expect(detect(params, list())).toBeUndefined();
  });

  it('JSON:API: page[number] following meta.page.next_number and links.next', () => {
    const body = obj({
      data: list(),
      meta: obj({ page: obj({ number: { type: 'integer' }, next_number: { type: 'integer', nullable: true }, total: { type: 'integer' } }) }),
      links: obj({ next: { type: 'string', nullable: true } }),
    });
    expect(detect([{ name: 'page[number]', type: 'integer' }, { name: 'page[size]', type: 'integer' }], body)).toEqual({
      style: 'page-number',
      pageParam: 'page[number]',
      sizeParam: 'page[size]',
      nextPage: 'meta.page.next_number',
      totalItems: 'meta.page.total',
      nextLink: 'links.next',
      items: 'data',
    });
  });
});
