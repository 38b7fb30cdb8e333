import { describe, expect, it } from 'vitest';
import { ClientgenError, ClientValidationError, Paginator, type OperationDescriptor, type PaginationDescriptor } from '../../packages/runtime/src/index.js';
import { nextFromLinkHeader } from '../../packages/runtime/src/core/pagination.js';
import { json, useFaultServer, type RecordedRequest } from '../support/fault-server.js';
import { listMonitorRuns, makeCore, op } from './fixtures.js';

const server = await useFaultServer();

/** Items 1..total, served `size` per page. */
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i + 1);
const paged = (pagination: PaginationDescriptor, extra: Partial<OperationDescriptor> = {}) =>
  op({ id: 'listItems', path: '/items', params: { query: ['page', 'page_size', 'offset', 'limit', 'cursor', 'q'] }, pagination, ...extra });
const pagesRequested = (param = 'page') => server.requests.map((r) => r.query.get(param));

type Page = { runs: number[] };

describe('page-number pagination', () => {
  const total = 7;
  const pageOf = (r: RecordedRequest, size = Number(r.query.get('page_size') ?? 3), first = 1) => {
    const page = Number(r.query.get('page') ?? first); // no page asked for: the server answers its first one
    return range((page - first) * size, Math.min((page - first + 1) * size, total));
  };

  it('follows total_pages and yields every item, the first request without a page number', async () => {
    server.fallback = (r) => json(200, { runs: pageOf(r), total_pages: 3 });
    const items = await makeCore(server.url).paginate<Page, number>(listMonitorRuns, { id: 7, page_size: 3 }).toArray();
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pagesRequested()).toEqual([null, '2', '3']);
    expect(server.requests.every((r) => r.path === '/api/v1/monitors/7/runs' && r.query.get('page_size') === '3')).toBe(true);
  });

  it('stops when the nextPage path is null', async () => {
    server.fallback = (r) => {
      const page = Number(r.query.get('page') ?? 1);
      return json(200, { data: pageOf(r, 3), meta: { page: { next_number: page < 3 ? page + 1 : null } } });
    };
    const items = await makeCore(server.url).paginate(paged({ style: 'page-number', pageParam: 'page', items: 'data', nextPage: 'meta.page.next_number' })).toArray();
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pagesRequested()).toEqual([null, '2', '3']);
  });

  it('stops when totalItems is reached', async () => {
    server.fallback = (r) => json(200, { data: pageOf(r, 5), meta: { total: total } });
    const items = await makeCore(server.url)
      .paginate(paged({ style: 'page-number', pageParam: 'page', items: 'data', totalItems: 'meta.total' }))
      .toArray();
    expect(items).toHaveLength(7);
    expect(pagesRequested()).toEqual([null, '2']);
  });

  it('stops when nextLink is absent, and takes the next number from the link', async () => {
    server.fallback = (r) => json(200, { data: pageOf(r, 3), links: Number(r.query.get('page') ?? 1) < 3 ? { next: '/whatever' } : {} });
    await makeCore(server.url).paginate(paged({ style: 'page-number', pageParam: 'page', items: 'data', nextLink: 'links.next' })).toArray();
    expect(pagesRequested()).toEqual([null, '2', '3']); // the link has no page number: counted up
    server.clear();
    // JSON:API: pages numbered from 0, pointed at by links.next only.
    server.fallback = (r) => {
      const page = Number(r.query.get('page') ?? 0);
      return json(200, { data: pageOf(r, 3, 0), links: page < 2 ? { next: `https://elsewhere.example.com/items?page=${page + 1}&page_size=3` } : {} });
    };
    expect(await makeCore(server.url).paginate(paged({ style: 'page-number', pageParam: 'page', items: 'data', nextLink: 'links.next' })).toArray()).toEqual(range(0, 7));
    expect(pagesRequested()).toEqual([null, '1', '2']);
  });

  it('without a body pointer, follows a paging Link header (rel="next"; none on the last page)', async () => {
    server.fallback = (r) => {
      const page = Number(r.query.get('page') ?? 1);
      const link = page < 3 ? `<${server.url}/items?q=x&page=${page + 1}>; rel="next", <${server.url}/items?q=x&page=3>; rel="last"` : `<${server.url}/items?q=x&page=1>; rel="first"`;
      return json(200, { data: pageOf(r, 2), total: 100 }, { link });
    };
    const desc: PaginationDescriptor = { style: 'page-number', pageParam: 'page', items: 'data', totalItems: 'total' };
    expect(await makeCore(server.url).paginate(paged(desc), { q: 'x' }).toArray()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pagesRequested()).toEqual([null, '2', '3']); // total says 100, the server's Link says page 3 is the last
    server.clear();
    // A Link header that is not about paging leaves counting up as it was.
    server.fallback = (r) => json(200, { data: pageOf(r, 3) }, { link: '</schema.json>; rel="describedby"' });
    await makeCore(server.url).paginate(paged(desc)).toArray();
    expect(pagesRequested()).toEqual([null, '2', '3', '4']);
  });

  it('stops on an empty page, and on a short page when a size was sent', async () => {
    server.fallback = (r) => json(200, { data: pageOf(r, 3) });
    const desc: PaginationDescriptor = { style: 'page-number', pageParam: 'page', sizeParam: 'page_size', items: 'data' };
    await makeCore(server.url).paginate(paged(desc)).toArray();
    expect(pagesRequested()).toEqual([null, '2', '3', '4']); // no size sent: page 4 is empty
    server.clear();
    server.fallback = (r) => json(200, { data: pageOf(r, 3) });
    await makeCore(server.url).paginate(paged(desc), { page_size: 3 }).toArray();
    expect(pagesRequested()).toEqual([null, '2', '3']); // page 3 has 1 < 3 items
  });

  it("starts from the caller's page, else where the server starts (firstPage counts from there)", async () => {
    server.fallback = (r) => json(200, { runs: pageOf(r), total_pages: 3 });
    await makeCore(server.url).paginate(listMonitorRuns, { id: 1, page: 2 }).toArray();
    expect(pagesRequested()).toEqual(['2', '3']);
    server.clear();
    server.fallback = (r) => json(200, { data: pageOf(r, 3, 0) });
    const zeroBased = paged({ style: 'page-number', pageParam: 'page', items: 'data', firstPage: 0, sizeParam: 'page_size' });
    expect(await makeCore(server.url).paginate(zeroBased, { page_size: 3 }).toArray()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pagesRequested()).toEqual([null, '1', '2']);
  });

  it('honours maxItems and maxPages without fetching further pages', async () => {
    server.fallback = (r) => json(200, { runs: pageOf(r), total_pages: 3 });
    const core = makeCore(server.url);
    expect(await core.paginate(listMonitorRuns, { id: 1, page_size: 3 }, { maxItems: 4 }).toArray()).toEqual([1, 2, 3, 4]);
    expect(pagesRequested()).toEqual([null, '2']);
    server.requests.length = 0;
    expect(await core.paginate(listMonitorRuns, { id: 1, page_size: 3 }, { maxItems: 3 }).toArray()).toEqual([1, 2, 3]);
    expect(pagesRequested()).toEqual([null]);
    server.requests.length = 0;
    const pages: Page[] = [];
    for await (const page of core.paginate<Page, number>(listMonitorRuns, { id: 1, page_size: 3 }, { maxPages: 2 }).pages()) pages.push(page);
    expect(pages.map((p) => p.runs)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(pagesRequested()).toEqual([null, '2']);
  });

  it('is lazy, validates parameters up front, and rejects unpaginated operations', async () => {
    const core = makeCore(server.url);
    const paginator = core.paginate(listMonitorRuns, { id: 1 });
    expect(paginator).toBeInstanceOf(Paginator);
    expect(server.requests).toHaveLength(0);
    expect(() => core.paginate(listMonitorRuns, { id: 1, bogus: 1 })).toThrow(ClientValidationError);
    expect(() => core.paginate(listMonitorRuns, {})).toThrow(/Missing path parameter "id"/);
    expect(() => core.paginate(op({ id: 'flat' }))).toThrow(/flat is not paginated/);
  });
});

describe('offset and cursor pagination', () => {
  it('advances the offset by the items received until totalItems', async () => {
    server.fallback = (r) => {
      const offset = Number(r.query.get('offset') ?? 0);
      return json(200, { items: range(offset, Math.min(offset + 4, 10)), total: 10 });
    };
    const items = await makeCore(server.url).paginate(paged({ style: 'offset', offsetParam: 'offset', limitParam: 'limit', items: 'items', totalItems: 'total' })).toArray();
    expect(items).toEqual(range(0, 10));
    expect(pagesRequested('offset')).toEqual([null, '4', '8']);
  });

  it('stops on a short page when a limit was sent', async () => {
    server.fallback = (r) => {
      const offset = Number(r.query.get('offset') ?? 0);
      return json(200, { items: range(offset, Math.min(offset + 4, 6)) });
    };
    const desc: PaginationDescriptor = { style: 'offset', offsetParam: 'offset', limitParam: 'limit', items: 'items' };
    expect(await makeCore(server.url).paginate(paged(desc), { limit: 4, offset: 0 }).toArray()).toEqual(range(0, 6));
    expect(pagesRequested('offset')).toEqual(['0', '4']);
  });

  it('passes the next cursor until it is null or empty, and stops on a repeated cursor', async () => {
    const cursors: Record<string, unknown> = { '': 'c2', c2: 'c3', c3: '' };
    server.fallback = (r) => {
      const cursor = r.query.get('cursor') ?? '';
      return json(200, { data: [cursor || 'first'], meta: { next_cursor: cursors[cursor] ?? null } });
    };
    const desc: PaginationDescriptor = { style: 'cursor', cursorParam: 'cursor', nextCursor: 'meta.next_cursor', items: 'data' };
    expect(await makeCore(server.url).paginate(paged(desc)).toArray()).toEqual(['first', 'c2', 'c3']);
    server.clear();
    server.fallback = () => json(200, { data: ['again'], meta: { next_cursor: 'same' } });
    expect(await makeCore(server.url).paginate(paged(desc)).toArray()).toEqual(['again', 'again']);
    expect(server.requests).toHaveLength(2);
  });
});

describe('link pagination', () => {
  it('follows a next link from the body, with credentials, relative or absolute', async () => {
    server.fallback = (r) => {
      const page = Number(r.query.get('page') ?? 1);
      const next = page === 1 ? `${server.url}/items?page=2&q=x` : page === 2 ? '/items?page=3' : null;
      return json(200, { data: [page], links: { next } });
    };
    const core = makeCore(server.url);
    expect(await core.paginate(paged({ style: 'link', items: 'data', nextLink: 'links.next' }), { q: 'x' }).toArray()).toEqual([1, 2, 3]);
    expect(server.requests.map((r) => r.url)).toEqual(['/items?q=x', '/items?page=2&q=x', '/items?page=3']);
    expect(server.requests.every((r) => r.headers.authorization?.startsWith('Key '))).toBe(true);
  });

  it('follows an RFC 8288 Link header', async () => {
    server.fallback = (r) => {
      const page = Number(r.query.get('page') ?? 1);
      const headers: Record<string, string> =
        page < 3 ? { link: `<${server.url}/items?page=1>; rel="first", <${server.url}/items?page=${page + 1}>; rel="next"` } : {};
      return json(200, [page], headers);
    };
    // items: '' — the body is the array (GitHub style)
    expect(await makeCore(server.url).paginate(paged({ style: 'link', items: '', nextLink: 'header:link' })).toArray()).toEqual([1, 2, 3]);
    server.clear();
    server.fallback = (r) => {
      const page = Number(r.query.get('page') ?? 1);
      return json(200, { data: [page] }, page < 3 ? { link: `<${server.url}/items?page=${page + 1}>; rel=next` } : {});
    };
    expect(await makeCore(server.url).paginate(paged({ style: 'link', items: 'data', nextLink: 'header:link' })).toArray()).toEqual([1, 2, 3]);
    expect(nextFromLinkHeader('<https://a/x?p=2>; rel="prev", <https://a/x?p=4>; rel="last next"')).toBe('https://a/x?p=4');
    expect(nextFromLinkHeader(null)).toBeUndefined();
  });

  it('refuses to send credentials to another origin', async () => {
    server.script(json(200, { data: [1], links: { next: 'https://evil.example.com/items?page=2' } }));
    const items: unknown[] = [];
    const walk = async () => {
      for await (const item of makeCore(server.url).paginate(paged({ style: 'link', items: 'data', nextLink: 'links.next' }))) items.push(item);
    };
    await expect(walk()).rejects.toThrow(ClientgenError);
    expect(items).toEqual([1]);
    expect(server.requests).toHaveLength(1);
  });
});
