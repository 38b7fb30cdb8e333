// Each pagination style against a loopback server answering in the shape of
// the real API that uses it (test/support/paged-apis.ts): every item exactly
// once, in order, the first request carrying only what the caller passed, and
// maxItems/maxPages stopping the walk without fetching further pages.
import { describe, expect, it } from 'vitest';
import { BaseCore, paginate, type ClientOptions, type PaginationDescriptor } from '../../packages/runtime/src/index.js';
import { json, useFaultServer } from '../support/fault-server.js';
import { githubList, googleList, jsonApiList, makeItems, stripeList, stripeSearch } from '../support/paged-apis.js';
import { makeCore, op, testApi } from './fixtures.js';

const server = await useFaultServer();
const query = (name: string) => server.requests.map((r) => r.query.get(name));
const ids = (items: unknown[]) => items.map((i) => (i as { id: string }).id);

/** The descriptors the generator detects for these APIs (test/wire/pagination.test.ts checks that on the real specs). */
const STRIPE_LIST: PaginationDescriptor = { style: 'cursor', cursorParam: 'starting_after', itemCursor: 'id', hasMore: 'has_more', reverseParam: 'ending_before', items: 'data' };
const STRIPE_SEARCH: PaginationDescriptor = { style: 'cursor', cursorParam: 'page', nextCursor: 'next_page', hasMore: 'has_more', items: 'data' };
const GITHUB: PaginationDescriptor = { style: 'link', items: '', nextLink: 'header:link' };
const DATADOG: PaginationDescriptor = {
  style: 'page-number',
  pageParam: 'page[number]',
  sizeParam: 'page[size]',
  firstPage: 0,
  items: 'data',
  nextPage: 'meta.page.next_number',
  totalItems: 'meta.page.total',
  nextLink: 'links.next',
};
const GOOGLE: PaginationDescriptor = { style: 'cursor', cursorParam: 'pageToken', nextCursor: 'nextPageToken', items: 'items' };

const listCustomers = op({ id: 'GetCustomers', path: '/v1/customers', params: { query: ['email', 'ending_before', 'limit', 'starting_after'] }, pagination: STRIPE_LIST });
const searchCustomers = op({ id: 'GetCustomersSearch', path: '/v1/customers/search', params: { query: ['limit', 'page', 'query'] }, pagination: STRIPE_SEARCH });
const listIssues = op({ id: 'issues/list-for-repo', path: '/repos/{owner}/{repo}/issues', params: { path: ['owner', 'repo'], query: ['state', 'per_page', 'page'] }, pagination: GITHUB });
const listRuns = op({ id: 'ListModelLabRuns', path: '/api/v2/model-lab-api/runs', params: { query: ['filter[status]', 'page[number]', 'page[size]'] }, pagination: DATADOG });
const listEvents = op({ id: 'calendar.events.list', path: '/calendars/{calendarId}/events', params: { path: ['calendarId'], query: ['maxResults', 'pageToken'] }, pagination: GOOGLE });

describe('Stripe lists: has_more + starting_after = the last item’s id', () => {
  const customers = makeItems('cus', 25);

  it('walks to the end: every customer once, in order, the first request without a cursor', async () => {
    server.fallback = stripeList(customers, '/v1/customers');
    const items = await makeCore(server.url).paginate(listCustomers, { limit: 10, email: 'a@b.c' }).toArray();
    expect(ids(items)).toEqual(ids(customers));
    expect(query('starting_after')).toEqual([null, 'cus_010', 'cus_020']);
    expect(server.requests.every((r) => r.query.get('limit') === '10' && r.query.get('email') === 'a@b.c' && !r.query.has('ending_before'))).toBe(true);
  });

  it('stops on has_more: false even when the last page is full', async () => {
    server.fallback = stripeList(customers, '/v1/customers');
    expect(await makeCore(server.url).paginate(listCustomers, { limit: 5 }).toArray()).toHaveLength(25);
    expect(server.requests).toHaveLength(5);
  });

  it('starts after the caller’s cursor, and pages backwards from ending_before with the first item’s id', async () => {
    server.fallback = stripeList(customers, '/v1/customers');
    const core = makeCore(server.url);
    expect(ids(await core.paginate(listCustomers, { limit: 7, starting_after: 'cus_015' }).toArray())).toEqual(ids(customers.slice(15)));
    expect(query('starting_after')).toEqual(['cus_015', 'cus_022']);
    server.requests.length = 0;
    const pages: string[][] = [];
    for await (const page of core.paginate<{ data: { id: string }[] }, unknown>(listCustomers, { limit: 5, ending_before: 'cus_013' }).pages()) pages.push(ids(page.data));
    expect(pages).toEqual([ids(customers.slice(7, 12)), ids(customers.slice(2, 7)), ids(customers.slice(0, 2))]);
    expect(query('ending_before')).toEqual(['cus_013', 'cus_008', 'cus_003']);
    expect(query('starting_after')).toEqual([null, null, null]);
  });

  it('maxItems and maxPages end the walk without asking for more', async () => {
    server.fallback = stripeList(customers, '/v1/customers');
    const core = makeCore(server.url);
    expect(ids(await core.paginate(listCustomers, { limit: 10 }, { maxItems: 15 }).toArray())).toEqual(ids(customers.slice(0, 15)));
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    expect(ids(await core.paginate(listCustomers, { limit: 10 }, { maxPages: 2 }).toArray())).toEqual(ids(customers.slice(0, 20)));
    expect(server.requests).toHaveLength(2);
  });

  it('never loops on a server that ignores the cursor', async () => {
    server.fallback = () => json(200, { object: 'list', url: '/v1/customers', has_more: true, data: customers.slice(0, 3) });
    await makeCore(server.url).paginate(listCustomers).toArray();
    expect(query('starting_after')).toEqual([null, 'cus_003']);
  });
});

describe('Stripe search: page = the previous next_page token', () => {
  const customers = makeItems('cus', 23);

  it('follows next_page to the end, the token passed back verbatim', async () => {
    server.fallback = stripeSearch(customers, '/v1/customers/search');
    const items = await makeCore(server.url).paginate(searchCustomers, { query: "email:'a@b.c'", limit: 10 }).toArray();
    expect(ids(items)).toEqual(ids(customers));
    const pages = query('page');
    expect(pages[0]).toBeNull();
    expect(pages.slice(1).every((p) => typeof p === 'string' && !/^\d+$/.test(p))).toBe(true); // tokens, not numbers
    expect(pages).toHaveLength(3);
    expect(server.requests.every((r) => r.query.get('query') === "email:'a@b.c'")).toBe(true);
  });

  it('maxItems and maxPages', async () => {
    server.fallback = stripeSearch(customers, '/v1/customers/search');
    const core = makeCore(server.url);
    expect(await core.paginate(searchCustomers, { query: 'x', limit: 10 }, { maxItems: 10 }).toArray()).toHaveLength(10);
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    expect(ids(await core.paginate(searchCustomers, { query: 'x', limit: 10 }, { maxPages: 2 }).toArray())).toEqual(ids(customers.slice(0, 20)));
    expect(server.requests).toHaveLength(2);
  });
});

describe('GitHub: a bare array, the next page in the Link header', () => {
  const issues = makeItems('issue', 65);

  it('follows rel="next" to the end with the caller’s other parameters kept', async () => {
    server.fallback = githubList(issues, () => server.url);
    const items = await makeCore(server.url).paginate(listIssues, { owner: 'octo', repo: 'hello', state: 'all' }).toArray();
    expect(ids(items)).toEqual(ids(issues));
    expect(server.requests.map((r) => r.url)).toEqual([
      '/repos/octo/hello/issues?state=all',
      '/repos/octo/hello/issues?state=all&page=2',
      '/repos/octo/hello/issues?state=all&page=3',
    ]);
  });

  it('maxItems and maxPages', async () => {
    server.fallback = githubList(issues, () => server.url);
    const core = makeCore(server.url);
    expect(ids(await core.paginate(listIssues, { owner: 'o', repo: 'r', per_page: 20 }, { maxItems: 21 }).toArray())).toEqual(ids(issues.slice(0, 21)));
    expect(query('page')).toEqual([null, '2']);
    server.requests.length = 0;
    expect(await core.paginate(listIssues, { owner: 'o', repo: 'r', per_page: 20 }, { maxPages: 3 }).toArray()).toHaveLength(60);
    expect(query('page')).toEqual([null, '2', '3']);
  });
});

describe('paginate(core, …) on a BaseCore, as the /ops modules page', () => {
  const issues = makeItems('issue', 65);

  it('walks a Link-header list like Core.paginate, with the same requests', async () => {
    server.fallback = githubList(issues, () => server.url);
    const params = { owner: 'octo', repo: 'hello', state: 'all' };
    const core = new BaseCore(testApi(), { baseUrl: server.url, env: {}, apiKey: 'k' } as ClientOptions);
    expect(core).not.toHaveProperty('paginate');
    expect(ids(await paginate(core, listIssues, params).toArray())).toEqual(ids(issues));
    const viaBase = server.requests.map((r) => r.url);
    server.requests.length = 0;
    await makeCore(server.url).paginate(listIssues, params).toArray();
    expect(server.requests.map((r) => r.url)).toEqual(viaBase);
    expect(viaBase).toHaveLength(3);
  });

  it('does not follow a next link to another origin (credentials go to the base URL only)', async () => {
    server.fallback = () => ({ status: 200, headers: { link: '<https://elsewhere.example/repos/o/r/issues?page=2>; rel="next"' }, body: '[{"id":"a"}]' });
    const core = new BaseCore(testApi(), { baseUrl: server.url, env: {}, apiKey: 'k' } as ClientOptions);
    await expect(paginate(core, listIssues, { owner: 'o', repo: 'r' }).toArray()).rejects.toThrow(/Refusing to follow the next-page link of issues\/list-for-repo to https:\/\/elsewhere\.example/);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses an operation without pagination, before any request', () => {
    const core = new BaseCore(testApi(), { baseUrl: server.url, env: {}, apiKey: 'k' } as ClientOptions);
    expect(() => paginate(core, op({ id: 'getIssue', path: '/issue' }), {})).toThrow('getIssue is not paginated.');
    expect(server.requests).toHaveLength(0);
  });
});

describe('JSON:API as Datadog answers it: the first page is page 0', () => {
  const runs = makeItems('run', 60);

  it('starts where the server starts and follows meta.page.next_number', async () => {
    server.fallback = jsonApiList(runs, `${server.url}/api/v2/model-lab-api/runs`);
    const items = await makeCore(server.url).paginate(listRuns, { 'filter[status]': 'running' }).toArray();
    expect(ids(items)).toEqual(ids(runs)); // the first 25 (page 0) included
    expect(query('page[number]')).toEqual([null, '1', '2']);
    expect(server.requests.every((r) => r.query.get('filter[status]') === 'running')).toBe(true);
  });

  it('with a page size, a caller’s start page, maxItems and maxPages', async () => {
    server.fallback = jsonApiList(runs, `${server.url}/api/v2/model-lab-api/runs`);
    const core = makeCore(server.url);
    expect(ids(await core.paginate(listRuns, { 'page[size]': 20 }).toArray())).toEqual(ids(runs));
    expect(query('page[number]')).toEqual([null, '1', '2']);
    server.requests.length = 0;
    expect(ids(await core.paginate(listRuns, { 'page[size]': 20, 'page[number]': 1 }).toArray())).toEqual(ids(runs.slice(20)));
    expect(query('page[number]')).toEqual(['1', '2']);
    server.requests.length = 0;
    expect(ids(await core.paginate(listRuns, {}, { maxItems: 30 }).toArray())).toEqual(ids(runs.slice(0, 30)));
    expect(query('page[number]')).toEqual([null, '1']);
    server.requests.length = 0;
    expect(await core.paginate(listRuns, {}, { maxPages: 1 }).toArray()).toHaveLength(25);
    expect(server.requests).toHaveLength(1);
  });

  it('counts up from firstPage when a page carries no pointer', async () => {
    server.fallback = (r) => {
      const n = Number(r.query.get('page[number]') ?? 0);
      return json(200, { data: runs.slice(n * 25, (n + 1) * 25), meta: { page: { total: runs.length } } });
    };
    const { nextPage: _n, nextLink: _l, ...counting } = DATADOG as Extract<PaginationDescriptor, { style: 'page-number' }>;
    expect(ids(await makeCore(server.url).paginate({ ...listRuns, pagination: counting }).toArray())).toEqual(ids(runs));
    expect(query('page[number]')).toEqual([null, '1', '2']);
  });
});

describe('Google: pageToken = the previous nextPageToken', () => {
  const events = makeItems('evt', 250);

  it('follows nextPageToken until it is absent; maxItems and maxPages', async () => {
    server.fallback = googleList(events, 'calendar#events');
    const core = makeCore(server.url);
    expect(ids(await core.paginate(listEvents, { calendarId: 'primary' }).toArray())).toEqual(ids(events));
    expect(query('pageToken').map((t) => t !== null)).toEqual([false, true, true]);
    server.requests.length = 0;
    expect(ids(await core.paginate(listEvents, { calendarId: 'primary', maxResults: 50 }, { maxItems: 120 }).toArray())).toEqual(ids(events.slice(0, 120)));
    expect(server.requests).toHaveLength(3);
    server.requests.length = 0;
    expect(await core.paginate(listEvents, { calendarId: 'primary', maxResults: 50 }, { maxPages: 2 }).toArray()).toHaveLength(100);
    expect(server.requests).toHaveLength(2);
  });
});
