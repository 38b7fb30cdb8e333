/**
 * List endpoints of real APIs, answering the way those APIs do (body shape,
 * parameter defaults, where the next-page pointer is), over a fixed list of
 * items. Each is a fault-server behaviour: `server.fallback = stripeList(items)`.
 *
 * - Stripe lists: `limit` (default 10), `starting_after`/`ending_before` = an item id,
 *   `{ object: 'list', url, has_more, data }`.
 * - Stripe search: `limit`, `page` = the previous `next_page` (an opaque token),
 *   `{ object: 'search_result', url, has_more, next_page, total_count, data }`.
 * - GitHub: `per_page` (default 30), `page` (default 1), a bare array body and
 *   `Link: <…&page=2>; rel="next", <…>; rel="last"` (first/prev too) keeping the other query parameters;
 *   search: the items in `{ total_count, incomplete_results, items }`, only the first 1000 reachable.
 * - JSON:API as Datadog answers it: `page[number]` (default 0: the first page is 0 although
 *   Datadog's spec said 1), `page[size]` (default 25), `meta.page` with `number`, `next_number`,
 *   `last_number`, `total`, and `links` with `first`, `last`, `next` (absent on the last page).
 * - Google: `pageToken` = the previous `nextPageToken`, `maxResults`; no token on the last page.
 */
import type { RecordedRequest, Reply } from './fault-server.js';
import { json } from './fault-server.js';

export interface Identified {
  id: string;
}

/** `count` items with ids `${prefix}_001`…, newest first as Stripe and GitHub list them. */
export function makeItems(prefix: string, count: number): (Identified & { n: number })[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}_${String(i + 1).padStart(3, '0')}`, n: i + 1 }));
}

const int = (value: string | null, fallback: number) => (value === null || value === '' ? fallback : Number.parseInt(value, 10));
/** An opaque token for an offset, as search APIs hand out. */
const token = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
const untoken = (value: string) => Number(/^offset:(\d+)$/.exec(Buffer.from(value, 'base64url').toString())?.[1] ?? Number.NaN);

export function stripeList<T extends Identified>(items: readonly T[], url: string): (r: RecordedRequest) => Reply {
  return (r) => {
    const limit = int(r.query.get('limit'), 10);
    const after = r.query.get('starting_after');
    const before = r.query.get('ending_before');
    const index = (id: string) => items.findIndex((i) => i.id === id);
    if ((after && index(after) < 0) || (before && index(before) < 0)) {
      return json(400, { error: { type: 'invalid_request_error', message: `No such object: '${after ?? before}'`, param: after ? 'starting_after' : 'ending_before' } });
    }
    if (before) {
      const end = index(before);
      const start = Math.max(0, end - limit);
      return json(200, { object: 'list', url, has_more: start > 0, data: items.slice(start, end) });
    }
    const start = after ? index(after) + 1 : 0;
    return json(200, { object: 'list', url, has_more: start + limit < items.length, data: items.slice(start, start + limit) });
  };
}

export function stripeSearch<T>(items: readonly T[], url: string): (r: RecordedRequest) => Reply {
  return (r) => {
    const limit = int(r.query.get('limit'), 10);
    const page = r.query.get('page');
    const start = page ? untoken(page) : 0;
    if (Number.isNaN(start)) return json(400, { error: { type: 'invalid_request_error', message: 'Invalid page', param: 'page' } });
    const end = start + limit;
    const more = end < items.length;
    return json(200, { object: 'search_result', url, has_more: more, next_page: more ? token(end) : null, total_count: items.length, data: items.slice(start, end) });
  };
}

export function githubList<T>(items: readonly T[], origin: () => string): (r: RecordedRequest) => Reply {
  return (r) => {
    const { perPage, page, link } = githubPage(r, items.length, origin);
    return json(200, items.slice((page - 1) * perPage, page * perPage), link);
  };
}

/**
 * GitHub search (`/search/issues`): `{ total_count, incomplete_results, items }` with the same
 * Link header, and only the first 1000 results reachable (422 beyond, no rel="next" to them).
 */
export function githubSearch<T>(items: readonly T[], origin: () => string): (r: RecordedRequest) => Reply {
  return (r) => {
    const { perPage, page, link } = githubPage(r, Math.min(items.length, 1000), origin);
    if ((page - 1) * perPage >= 1000) return json(422, { message: 'Only the first 1000 search results are available', documentation_url: 'https://docs.github.com/v3/search/' });
    return json(200, { total_count: items.length, incomplete_results: false, items: items.slice((page - 1) * perPage, page * perPage) }, link);
  };
}

/** `per_page`, `page` and the `Link` header GitHub sends for `reachable` results. */
function githubPage(r: RecordedRequest, reachable: number, origin: () => string) {
  const perPage = Math.min(int(r.query.get('per_page'), 30), 100);
  const page = int(r.query.get('page'), 1);
  const last = Math.max(1, Math.ceil(reachable / perPage));
  const target = (n: number, rel: string) => {
    const query = new URLSearchParams(r.query);
    query.set('page', String(n));
    return `<${origin()}${r.path}?${query}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [target(page - 1, 'prev')] : []),
    ...(page < last ? [target(page + 1, 'next'), target(last, 'last')] : []),
    ...(page > 1 ? [target(1, 'first')] : []),
  ];
  const link: Record<string, string> = links.length ? { link: links.join(', ') } : {};
  return { perPage, page, link };
}

export function jsonApiList<T>(items: readonly T[], self: string): (r: RecordedRequest) => Reply {
  return (r) => {
    const size = int(r.query.get('page[size]'), 25);
    const number = int(r.query.get('page[number]'), 0);
    const last = Math.max(0, Math.ceil(items.length / size) - 1);
    const at = (n: number) => `${self}?page[number]=${n}&page[size]=${size}`;
    return json(200, {
      data: items.slice(number * size, (number + 1) * size),
      meta: {
        page: {
          type: 'number_size',
          number,
          size,
          total: items.length,
          first_number: 0,
          prev_number: number > 0 ? number - 1 : null,
          next_number: number < last ? number + 1 : null,
          last_number: last,
        },
      },
      links: { self: r.query.size ? `${self}?${r.query}` : self, first: at(0), last: at(last), ...(number < last ? { next: at(number + 1) } : {}) },
    });
  };
}

export function googleList<T>(items: readonly T[], kind: string): (r: RecordedRequest) => Reply {
  return (r) => {
    const max = int(r.query.get('maxResults'), 100);
    const pageToken = r.query.get('pageToken');
    const start = pageToken ? untoken(pageToken) : 0;
    if (Number.isNaN(start)) return json(400, { error: { code: 400, message: 'Invalid page token', status: 'INVALID_ARGUMENT' } });
    const end = start + max;
    return json(200, { kind, items: items.slice(start, end), ...(end < items.length ? { nextPageToken: token(end) } : {}) });
  };
}
