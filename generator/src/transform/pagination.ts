/**
 * Pagination of list operations: taken from provider.yaml when it says,
 * otherwise detected from the parameter names, their types and the response
 * (body shape and declared headers). In order:
 *
 * - a declared `Link` response header → `link` (GitHub; the body may be a bare array);
 * - a cursor parameter with a next token in the body → `cursor` with `nextCursor`
 *   (`cursor`/`next_cursor`, `pageToken`/`nextPageToken`, and a string-typed `page`
 *   with a string `next_page`, as Stripe's search);
 * - `starting_after` with a `has_more` flag and items that have an `id` → `cursor`
 *   with `itemCursor: id` (Stripe's lists);
 * - a numeric page parameter → `page-number`, following `next_number`/`links.next` when the body has them;
 * - `offset` → `offset`.
 */
import type { PaginationDescriptor } from '../../../packages/runtime/src/core/descriptor.js';
import type { OpenAPIDocument, Referenced, ResponseObject, SchemaObject } from '../model/openapi.js';
import type { ParameterModel } from '../model/api-model.js';
import { arrayProperties, schemaAt, schemaTypes } from './schema-object.js';
import { deref } from './ref.js';

const PAGE_PARAMS = ['page', 'page[number]', 'pageNumber', 'page_number'];
const SIZE_PARAMS = ['page_size', 'page[size]', 'pageSize', 'per_page', 'perPage', 'limit', 'size'];
const CURSOR_PARAMS = ['cursor', 'page[cursor]', 'starting_after', 'after', 'next_token', 'pageToken', 'page_token'];
const NEXT_CURSOR = ['next_cursor', 'nextCursor', 'meta.page.after', 'meta.next_cursor', 'next_page_token', 'nextPageToken', 'cursor.next'];
const TOTAL_PAGES = ['total_pages', 'totalPages', 'meta.total_pages', 'meta.page.last_number'];
const TOTAL_ITEMS = ['meta.page.total', 'total', 'total_count', 'count', 'meta.total'];
const NEXT_PAGE = ['meta.page.next_number', 'next_page', 'nextPage'];
const NEXT_LINK = ['links.next', 'next'];
const HAS_MORE = ['has_more', 'hasMore'];
const ITEMS = ['data', 'items', 'results', 'records'];

export function detectPagination(
  doc: OpenAPIDocument,
  params: ParameterModel[],
  successSchema: Referenced<SchemaObject> | undefined,
  successResponse?: ResponseObject,
): PaginationDescriptor | undefined {
  if (!successSchema) return undefined;
  const query = new Map(params.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  const isString = (p: ParameterModel) => /\bstring\b/.test(p.typeText) && !/\b(integer|number)\b/.test(p.typeText);
  const bareArray = schemaTypes(doc, successSchema).includes('array');
  const arrays = arrayProperties(doc, successSchema);
  const items = bareArray ? '' : (ITEMS.find((n) => arrays.includes(n)) ?? (arrays.length === 1 ? arrays[0] : undefined));
  if (items === undefined) return undefined;
  /** The first candidate path the body has, optionally only of a JSON type. */
  const first = (candidates: string[], type?: 'string' | 'number' | 'boolean') =>
    candidates.find((c) => {
      const s = schemaAt(doc, successSchema, c);
      if (!s || !type) return s !== undefined;
      const types = schemaTypes(doc, s);
      return type === 'number' ? types.includes('integer') || types.includes('number') : types.includes(type);
    });

  if (Object.keys(successResponse?.headers ?? {}).some((h) => h.toLowerCase() === 'link')) return { style: 'link', items, nextLink: 'header:link' };
  if (bareArray) return undefined; // without a Link header a bare array has no pointer to the next page

  const hasMore = first(HAS_MORE, 'boolean');
  const withHasMore = (d: PaginationDescriptor & { style: 'cursor' }): PaginationDescriptor => (hasMore ? { ...d, hasMore } : d);
  const cursorParam = CURSOR_PARAMS.find((p) => query.has(p));
  const nextCursor = first(NEXT_CURSOR);
  if (cursorParam && nextCursor) return withHasMore({ style: 'cursor', cursorParam, nextCursor, items });

  // A page parameter that takes a string is a token, not a number (Stripe search: `page` ← `next_page`).
  const tokenParam = PAGE_PARAMS.find((p) => query.has(p) && isString(query.get(p)!));
  const nextToken = first(NEXT_PAGE, 'string');
  if (tokenParam && nextToken) return withHasMore({ style: 'cursor', cursorParam: tokenParam, nextCursor: nextToken, items });

  // Stripe lists: `has_more`, and the next page starts after the last item's id.
  if (query.has('starting_after') && hasMore && itemsHaveId(doc, schemaAt(doc, successSchema, items)?.items)) {
    return { style: 'cursor', cursorParam: 'starting_after', itemCursor: 'id', hasMore, ...(query.has('ending_before') ? { reverseParam: 'ending_before' } : {}), items };
  }

  const pageParam = PAGE_PARAMS.find((p) => query.has(p) && !isString(query.get(p)!));
  if (pageParam) {
    const out: PaginationDescriptor = { style: 'page-number', pageParam, items };
    const sizeParam = SIZE_PARAMS.find((p) => query.has(p));
    if (sizeParam) out.sizeParam = sizeParam;
    const totalPages = first(TOTAL_PAGES, 'number');
    if (totalPages) out.totalPages = totalPages;
    const nextPage = first(NEXT_PAGE, 'number');
    if (nextPage) out.nextPage = nextPage;
    const totalItems = first(TOTAL_ITEMS.filter((t) => t !== items), 'number');
    if (totalItems && !totalPages) out.totalItems = totalItems;
    const nextLink = first(NEXT_LINK, 'string');
    if (nextLink) out.nextLink = nextLink;
    return out;
  }

  if (query.has('offset')) {
    const out: PaginationDescriptor = { style: 'offset', offsetParam: 'offset', items };
    const limitParam = ['limit', 'page_size', 'count'].find((p) => query.has(p));
    if (limitParam) out.limitParam = limitParam;
    const totalItems = first(TOTAL_ITEMS.filter((t) => t !== items), 'number');
    if (totalItems) out.totalItems = totalItems;
    return out;
  }
  return undefined;
}

/** Does every item have an `id` (in every `anyOf`/`oneOf` variant when the items are polymorphic)? */
function itemsHaveId(doc: OpenAPIDocument, items: Referenced<SchemaObject> | undefined): boolean {
  if (!items) return false;
  const s = deref<SchemaObject>(doc, items);
  if (schemaAt(doc, s, 'id')) return true;
  const variants = s.anyOf ?? s.oneOf;
  return !!variants?.length && variants.every((v) => schemaAt(doc, v, 'id') !== undefined);
}
