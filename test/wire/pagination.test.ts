// Pagination of Stripe and GitHub through packages generated in the test from
// slices of their real specs (test/fixtures/specs/real/), with no provider.yaml:
// the styles are detected. Each walk goes to the end against a loopback server
// answering in the API's real shape (test/support/paged-apis.ts) and is
// compared with the provider's own SDK over the same pages: Octokit's
// `paginate` (@octokit/plugin-paginate-rest) for GitHub, stripe-node's
// auto-pagination for Stripe. Same requests, same items.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationDescriptor, Paginator } from '../../packages/runtime/src/index.js';
import { compilePackages, generateInto, makeWorkdir, removeWorkdir, repoRoot } from '../generator/support/packages.js';
import { useFaultServer, type RecordedRequest } from '../support/fault-server.js';
import { githubList, githubSearch, makeItems, stripeList, stripeSearch } from '../support/paged-apis.js';

interface GeneratedModule {
  createClient(options: Record<string, unknown>): { paginate: Record<string, (params?: object, options?: object) => Paginator<unknown, unknown>> };
}
interface ApiModule {
  operations: Record<string, OperationDescriptor>;
}

const server = await useFaultServer();
let workdir: string | undefined;
const loaded: Record<'stripe' | 'github', { mod: GeneratedModule; api: ApiModule }> = {} as never;

beforeAll(async () => {
  workdir = makeWorkdir('wire-pagination');
  for (const name of ['stripe', 'github'] as const) await generateInto(workdir, join(repoRoot, `test/fixtures/specs/real/${name}.slice.json`), name);
  const compiled = compilePackages(workdir, ['stripe', 'github'], { emit: true });
  expect(compiled.text).toBe('');
  for (const name of ['stripe', 'github'] as const) {
    const base = join(workdir, '.out', name, 'src');
    loaded[name] = {
      mod: (await import(pathToFileURL(join(base, 'index.js')).href)) as GeneratedModule,
      api: (await import(pathToFileURL(join(base, 'api.js')).href)) as ApiModule,
    };
  }
}, 180_000);
afterAll(() => removeWorkdir(workdir));

/** Method, path and query of a request, the query in the order sent. */
const wire = (r: RecordedRequest) => `${r.method} ${r.path}?${[...r.query].map(([k, v]) => `${k}=${v}`).join('&')}`;
const ids = (items: unknown[]) => items.map((i) => (i as { id: string }).id);

describe('Stripe (spec slice, detected pagination)', () => {
  const customers = makeItems('cus', 47);
  const stripeClient = () => loaded.stripe.mod.createClient({ baseUrl: server.url, bearerToken: 'sk_test_123', maxRetries: 0 });
  const stripeNode = () => new Stripe('sk_test_123', { host: '127.0.0.1', port: new URL(server.url).port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });

  it('lists page by has_more + starting_after = the last id; search by page = next_page', () => {
    const { operations } = loaded.stripe.api;
    const list = { style: 'cursor', cursorParam: 'starting_after', itemCursor: 'id', hasMore: 'has_more', reverseParam: 'ending_before', items: 'data' };
    for (const name of ['getCustomers', 'getCharges', 'getCheckoutSessions', 'getFiles', 'getPaymentIntents', 'getSubscriptions']) expect(operations[name]!.pagination, name).toEqual(list);
    for (const name of ['getCustomersSearch', 'getInvoicesSearch']) {
      expect(operations[name]!.pagination, name).toEqual({ style: 'cursor', cursorParam: 'page', nextCursor: 'next_page', hasMore: 'has_more', items: 'data' });
    }
    expect(Object.keys(stripeClient().paginate).sort()).toEqual(
      ['getCharges', 'getCheckoutSessions', 'getCustomers', 'getCustomersSearch', 'getFiles', 'getInvoicesSearch', 'getPaymentIntents', 'getSubscriptions'].sort(),
    );
  });

  it('listCustomers walks to the end like stripe-node’s auto-pagination: same requests, same customers', async () => {
    server.fallback = stripeList(customers, '/v1/customers');
    const ours = await stripeClient().paginate.getCustomers!({ limit: 10 }).toArray();
    const ourRequests = server.requests.map(wire);
    server.requests.length = 0;
    const theirs = await stripeNode().customers.list({ limit: 10 }).autoPagingToArray({ limit: 1000 });
    expect(ids(ours)).toEqual(ids(customers));
    expect(ids(theirs)).toEqual(ids(customers));
    expect(ourRequests).toEqual(server.requests.map(wire));
    expect(ourRequests).toEqual([
      'GET /v1/customers?limit=10',
      'GET /v1/customers?limit=10&starting_after=cus_010',
      'GET /v1/customers?limit=10&starting_after=cus_020',
      'GET /v1/customers?limit=10&starting_after=cus_030',
      'GET /v1/customers?limit=10&starting_after=cus_040',
    ]);
  });

  it('listCustomers under maxItems and maxPages', async () => {
    server.fallback = stripeList(customers, '/v1/customers');
    expect(ids(await stripeClient().paginate.getCustomers!({ limit: 10 }, { maxItems: 25 }).toArray())).toEqual(ids(customers.slice(0, 25)));
    expect(server.requests).toHaveLength(3);
    server.requests.length = 0;
    expect(ids(await stripeClient().paginate.getCustomers!({ limit: 10 }, { maxPages: 2 }).toArray())).toEqual(ids(customers.slice(0, 20)));
    expect(server.requests).toHaveLength(2);
  });

  it('searchCustomers follows next_page like stripe-node: same requests, same customers', async () => {
    server.fallback = stripeSearch(customers, '/v1/customers/search');
    const ours = await stripeClient().paginate.getCustomersSearch!({ query: "name:'x'", limit: 20 }).toArray();
    const ourRequests = server.requests.map(wire);
    server.requests.length = 0;
    const theirs = await stripeNode().customers.search({ query: "name:'x'", limit: 20 }).autoPagingToArray({ limit: 1000 });
    expect(ids(ours)).toEqual(ids(customers));
    expect(ids(theirs)).toEqual(ids(customers));
    expect(ourRequests).toHaveLength(3);
    expect(ourRequests[0]).not.toContain('page=');
    expect(ourRequests.map((r) => r.split('?')[1]!.split('&').sort())).toEqual(server.requests.map((r) => wire(r).split('?')[1]!.split('&').sort()));
  });

  it('searchCustomers under maxItems and maxPages', async () => {
    server.fallback = stripeSearch(customers, '/v1/customers/search');
    expect(await stripeClient().paginate.getCustomersSearch!({ query: 'q', limit: 20 }, { maxItems: 21 }).toArray()).toHaveLength(21);
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    expect(await stripeClient().paginate.getCustomersSearch!({ query: 'q', limit: 20 }, { maxPages: 1 }).toArray()).toHaveLength(20);
    expect(server.requests).toHaveLength(1);
  });
});

describe('GitHub (spec slice, detected pagination) against Octokit’s paginate', () => {
  const issues = makeItems('issue', 95);
  const githubClient = () => loaded.github.mod.createClient({ baseUrl: server.url, maxRetries: 0 });
  const octokit = () => new (Octokit.plugin(paginateRest))({ baseUrl: server.url });

  it('list operations with a Link response header page by rel="next" over a bare array', () => {
    const { operations } = loaded.github.api;
    for (const name of ['issuesListForRepo', 'pullsList', 'reposListForOrg', 'issuesListLabelsOnIssue']) {
      expect(operations[name]!.pagination, name).toEqual({ style: 'link', items: '', nextLink: 'header:link' });
    }
    expect(Object.keys(githubClient().paginate)).toEqual(expect.arrayContaining(['issuesListForRepo', 'pullsList', 'reposListForOrg', 'issuesListLabelsOnIssue']));
  });

  it('issuesListForRepo walks to the end: the same requests and the same issues as octokit.paginate', async () => {
    server.fallback = githubList(issues, () => server.url);
    const params = { owner: 'octo', repo: 'hello', state: 'all' as const, per_page: 20 };
    const ours = await githubClient().paginate.issuesListForRepo!(params).toArray();
    const ourRequests = server.requests.map(wire);
    server.requests.length = 0;
    const theirs = await octokit().paginate('GET /repos/{owner}/{repo}/issues', params);
    const theirRequests = server.requests.map(wire);
    expect(ids(ours)).toEqual(ids(issues));
    expect(ids(theirs)).toEqual(ids(issues));
    expect(ourRequests).toHaveLength(5);
    // The first request: the same parameters (each client orders the query its own way); then both follow the Link URLs verbatim.
    expect(ourRequests[0]!.split(/[?&]/).sort()).toEqual(theirRequests[0]!.split(/[?&]/).sort());
    expect(ourRequests.slice(1)).toEqual(theirRequests.slice(1));
  });

  it('the same with GitHub’s default page size, and for pullsList', async () => {
    server.fallback = githubList(issues, () => server.url);
    const ours = await githubClient().paginate.pullsList!({ owner: 'o', repo: 'r' }).toArray();
    const ourRequests = server.requests.map(wire);
    server.requests.length = 0;
    const theirs = await octokit().paginate('GET /repos/{owner}/{repo}/pulls', { owner: 'o', repo: 'r' });
    expect(ids(ours)).toEqual(ids(theirs));
    expect(ids(ours)).toEqual(ids(issues));
    expect(ourRequests).toEqual(server.requests.map(wire));
    expect(ourRequests).toEqual(['GET /repos/o/r/pulls?', 'GET /repos/o/r/pulls?page=2', 'GET /repos/o/r/pulls?page=3', 'GET /repos/o/r/pulls?page=4']);
  });

  it('search (page numbers, the spec declares no Link header) follows the Link header GitHub sends: stops at the 1000-result cap like Octokit', async () => {
    expect(loaded.github.api.operations.searchIssuesAndPullRequests!.pagination).toEqual({ style: 'page-number', pageParam: 'page', sizeParam: 'per_page', totalItems: 'total_count', items: 'items' });
    const results = makeItems('hit', 1234);
    server.fallback = githubSearch(results, () => server.url);
    const params = { q: 'repo:o/r is:issue', per_page: 100 };
    const ours = await githubClient().paginate.searchIssuesAndPullRequests!(params).toArray();
    const ourRequests = server.requests.map(wire);
    server.requests.length = 0;
    const theirs = await octokit().paginate('GET /search/issues', params);
    expect(ids(ours)).toEqual(ids(results.slice(0, 1000)));
    expect(ids(theirs)).toEqual(ids(ours));
    expect(server.requests.every((r) => r.query.get('q') === 'repo:o/r is:issue')).toBe(true);
    const sorted = (requests: string[]) => requests.map((r) => r.split(/[?&]/).sort().join(' '));
    expect(sorted(ourRequests)).toEqual(sorted(server.requests.map(wire)));
    expect(ourRequests).toHaveLength(10); // no 11th request for results past the cap (a 422)
  });

  it('maxItems and maxPages stop where Octokit’s done() would', async () => {
    server.fallback = githubList(issues, () => server.url);
    const params = { owner: 'o', repo: 'r', per_page: 30 };
    const ours = await githubClient().paginate.issuesListForRepo!(params, { maxItems: 45 }).toArray();
    expect(ids(ours)).toEqual(ids(issues.slice(0, 45)));
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    let pages = 0;
    const theirs = await octokit().paginate('GET /repos/{owner}/{repo}/issues', params, (response, done) => {
      if (++pages === 2) done();
      return response.data;
    });
    expect(ids(theirs)).toEqual(ids(issues.slice(0, 60)));
    const theirRequests = server.requests.map(wire);
    server.requests.length = 0;
    expect(ids(await githubClient().paginate.issuesListForRepo!(params, { maxPages: 2 }).toArray())).toEqual(ids(theirs));
    expect(server.requests.map(wire).slice(1)).toEqual(theirRequests.slice(1));
  });
});
