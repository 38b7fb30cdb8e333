/**
 * Walking paginated operations: `Paginator` is an async iterable of items
 * with `.pages()` for whole pages; the `PaginationDescriptor` decides how the
 * next page is requested and when to stop.
 */
import type { PaginationDescriptor } from './descriptor.js';

/** What the next page needs: new call parameters, or a URL to GET (link style). */
export type PageRequest = { params: Record<string, unknown> } | { url: string };

/** Fetches one page; `Core.paginate` supplies it. */
export type PageFetcher<Page> = (request: PageRequest) => Promise<{ data: Page; response: Response }>;

/** Limits of one walk. */
export interface PageLimits {
  maxItems?: number | undefined;
  maxPages?: number | undefined;
}

/**
 * Lazily pages through an operation: nothing is requested until iteration.
 *
 * ```ts
 * for await (const run of client.paginate.listMonitorRuns({ id: 7 }, { maxItems: 100 })) …
 * for await (const page of client.paginate.listMonitorRuns({ id: 7 }).pages()) …
 * ```
 */
export class Paginator<Page, Item> implements AsyncIterable<Item> {
  readonly #descriptor: PaginationDescriptor;
  readonly #params: Record<string, unknown>;
  readonly #fetch: PageFetcher<Page>;
  readonly #limits: PageLimits;

  constructor(descriptor: PaginationDescriptor, params: Record<string, unknown>, fetch: PageFetcher<Page>, limits: PageLimits = {}) {
    this.#descriptor = descriptor;
    this.#params = params;
    this.#fetch = fetch;
    this.#limits = limits;
  }

  /** Every page, up to `maxPages` (and no further once `maxItems` items were seen). */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    const d = this.#descriptor;
    const { maxItems = Infinity, maxPages = Infinity } = this.#limits;
    // The first request is the caller's: no page number, offset or cursor is added.
    let next: PageRequest | undefined = { params: { ...this.#params } };
    const seen = new Set<string>();
    let pages = 0;
    let items = 0;
    while (next && pages < maxPages && items < maxItems) {
      const key = 'url' in next ? next.url : JSON.stringify(next.params);
      if (seen.has(key)) return; // the server pointed back at a page already fetched
      seen.add(key);
      const { data, response } = await this.#fetch(next);
      pages++;
      const pageItems = itemsOf<unknown>(d, data);
      items += pageItems.length;
      yield data;
      next = nextPage(d, next, data, response, pageItems, items);
    }
  }

  /** Every item of every page, up to `maxItems`. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    const { maxItems = Infinity } = this.#limits;
    let count = 0;
    if (maxItems <= 0) return;
    for await (const page of this.pages()) {
      for (const item of itemsOf<Item>(this.#descriptor, page)) {
        yield item;
        if (++count >= maxItems) return;
      }
    }
  }

  /** All items (up to `maxItems`) in an array. */
  async toArray(): Promise<Item[]> {
    const out: Item[] = [];
    for await (const item of this) out.push(item);
    return out;
  }
}

/** The value at a dot path (`meta.page.total`); `''` is the value itself (a body that is a bare array). */
export function getPath(value: unknown, path: string): unknown {
  if (!path) return value;
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

/** The items array of a page (empty when missing). */
function itemsOf<T>(d: PaginationDescriptor, page: unknown): T[] {
  const items = getPath(page, d.items);
  return Array.isArray(items) ? (items as T[]) : [];
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const absent = (value: unknown) => value === null || value === undefined || value === '';

/** The request for the page after `page` (whose items are `pageItems`), or `undefined` when it was the last one. */
function nextPage(
  d: PaginationDescriptor,
  current: PageRequest,
  page: unknown,
  response: Response,
  pageItems: unknown[],
  total: number,
): PageRequest | undefined {
  const params = 'params' in current ? current.params : {};
  const count = pageItems.length;
  /** A number in the body at `path` (none without a path); `Infinity` stands for "no limit" below. */
  const bodyNumber = (path: string | undefined) => (path ? num(getPath(page, path)) : undefined);
  const next = (param: string, value: unknown) => ({ params: { ...params, [param]: value } });
  switch (d.style) {
    case 'page-number': {
      if (!count) return undefined;
      const first = d.firstPage ?? 1;
      const number = num(params[d.pageParam]) ?? first; // no number sent: the server answered its first page
      const index = number - first + 1; // 1-based position of this page
      const size = d.sizeParam ? num(params[d.sizeParam]) : undefined;
      // A pointer from the server: a next number, a next link in the body, or a paging `Link` header (GitHub search).
      const header = response.headers.get('link');
      const headerPaged = !d.nextLink && !d.nextPage && /\brel\s*=\s*"?([^";,]*\s)?(next|prev|first|last)\b/i.test(header ?? '');
      const link = d.nextLink ? getPath(page, d.nextLink) : headerPaged ? nextFromLinkHeader(header) : undefined;
      if ((d.nextLink || headerPaged) && absent(link)) return undefined;
      const following = d.nextPage ? num(getPath(page, d.nextPage)) : (pageNumberIn(link, d.pageParam) ?? number + 1);
      if (following === undefined) return undefined;
      if (index >= (bodyNumber(d.totalPages) ?? Infinity)) return undefined;
      if ((size ? (index - 1) * size + count : total) >= (bodyNumber(d.totalItems) ?? Infinity)) return undefined;
      return size && count < size ? undefined : next(d.pageParam, following);
    }
    case 'offset': {
      if (!count) return undefined;
      const offset = (num(params[d.offsetParam]) ?? 0) + count;
      const limit = d.limitParam ? num(params[d.limitParam]) : undefined;
      return offset >= (bodyNumber(d.totalItems) ?? Infinity) || (limit && count < limit) ? undefined : next(d.offsetParam, offset);
    }
    case 'cursor': {
      if (d.hasMore && getPath(page, d.hasMore) === false) return undefined;
      if (d.nextCursor) {
        const cursor = getPath(page, d.nextCursor);
        return absent(cursor) ? undefined : next(d.cursorParam, cursor);
      }
      if (!d.itemCursor || !count) return undefined;
      const backwards = d.reverseParam !== undefined && !absent(params[d.reverseParam]);
      const cursor = getPath(backwards ? pageItems[0] : pageItems[count - 1], d.itemCursor);
      return absent(cursor) ? undefined : next(backwards ? d.reverseParam! : d.cursorParam, cursor);
    }
    case 'link': {
      const link = d.nextLink === 'header:link' ? nextFromLinkHeader(response.headers.get('link')) : getPath(page, d.nextLink);
      return typeof link === 'string' && link ? { url: link } : undefined;
    }
  }
}

/** The number in the `param` query parameter of a next-page link (`…?page[number]=1`), if it has one. */
function pageNumberIn(link: unknown, param: string): number | undefined {
  if (typeof link !== 'string') return undefined;
  try {
    return num(new URL(link, 'http://relative.invalid').searchParams.get(param));
  } catch {
    return undefined;
  }
}

/** The `rel="next"` target of an RFC 8288 `Link` header. */
export function nextFromLinkHeader(header: string | null): string | undefined {
  for (const [, target, attributes] of (header ?? '').matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(attributes ?? '');
    if (rel && (rel[1] ?? rel[2] ?? '').toLowerCase().split(/\s+/).includes('next')) return target;
  }
  return undefined;
}
