/**
 * Pagination of list operations: taken from provider.yaml when it says,
 * otherwise detected from the parameter names and the response shape.
 */
import type { PaginationDescriptor } from '../../../packages/runtime/src/core/descriptor.js';
import type { OpenAPIDocument, Referenced, SchemaObject } from '../model/openapi.js';
import type { ParameterModel } from '../model/api-model.js';
import { arrayProperties, hasPath } from './schema-object.js';

const PAGE_PARAMS = ['page', 'page[number]', 'pageNumber', 'page_number'];
const SIZE_PARAMS = ['page_size', 'page[size]', 'pageSize', 'per_page', 'perPage', 'limit', 'size'];
const CURSOR_PARAMS = ['cursor', 'page[cursor]', 'starting_after', 'after', 'next_token', 'pageToken', 'page_token'];
const NEXT_CURSOR = ['next_cursor', 'nextCursor', 'meta.page.after', 'meta.next_cursor', 'next_page_token', 'nextPageToken', 'cursor.next'];
const TOTAL_PAGES = ['total_pages', 'totalPages', 'meta.total_pages', 'meta.page.last_number'];
const TOTAL_ITEMS = ['meta.page.total', 'total', 'total_count', 'count', 'meta.total'];
const NEXT_PAGE = ['meta.page.next_number', 'next_page', 'nextPage'];
const NEXT_LINK = ['links.next', 'next'];
const ITEMS = ['data', 'items', 'results', 'records'];

export function detectPagination(
  doc: OpenAPIDocument,
  params: ParameterModel[],
  successSchema: Referenced<SchemaObject> | undefined,
): PaginationDescriptor | undefined {
  if (!successSchema) return undefined;
  const query = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
  const arrays = arrayProperties(doc, successSchema);
  const items = ITEMS.find((n) => arrays.includes(n)) ?? (arrays.length === 1 ? arrays[0] : undefined);
  if (!items) return undefined;
  const first = (candidates: string[]) => candidates.find((c) => hasPath(doc, successSchema, c));

  const cursorParam = CURSOR_PARAMS.find((p) => query.has(p));
  const nextCursor = first(NEXT_CURSOR);
  if (cursorParam && nextCursor) return { style: 'cursor', cursorParam, nextCursor, items };

  const pageParam = PAGE_PARAMS.find((p) => query.has(p));
  if (pageParam) {
    const out: PaginationDescriptor = { style: 'page-number', pageParam, items };
    const sizeParam = SIZE_PARAMS.find((p) => query.has(p));
    if (sizeParam) out.sizeParam = sizeParam;
    const totalPages = first(TOTAL_PAGES);
    if (totalPages) out.totalPages = totalPages;
    const nextPage = first(NEXT_PAGE);
    if (nextPage) out.nextPage = nextPage;
    const totalItems = first(TOTAL_ITEMS.filter((t) => t !== items));
    if (totalItems && !totalPages) out.totalItems = totalItems;
    const nextLink = first(NEXT_LINK);
    if (nextLink) out.nextLink = nextLink;
    return out;
  }

  if (query.has('offset')) {
    const out: PaginationDescriptor = { style: 'offset', offsetParam: 'offset', items };
    const limitParam = ['limit', 'page_size', 'count'].find((p) => query.has(p));
    if (limitParam) out.limitParam = limitParam;
    const totalItems = first(TOTAL_ITEMS.filter((t) => t !== items));
    if (totalItems) out.totalItems = totalItems;
    return out;
  }
  return undefined;
}
