/**
 * GitHub: the same calls through `@octokit/core` and through the package
 * generated from a slice of GitHub's public spec
 * (test/fixtures/specs/real/github.slice.json), against one recording
 * loopback server. Method, path, the decoded and sorted query pairs, the JSON
 * body (as sent, byte for byte) and the `Authorization` header must be equal.
 * Octokit's own headers (User-Agent, Accept) are not in the spec and are not
 * compared.
 *
 * GitHub's spec declares no `securitySchemes` (the token is documented in
 * prose), so the generated client has no credential option: the token goes in
 * the `headers` client option, as Octokit's `auth` sends it (`token <pat>`).
 */
import { Octokit } from '@octokit/core';
import { describe, expect, it } from 'vitest';
import { useFaultServer } from '../support/fault-server.js';
import { useGeneratedPackage, wire } from './support.js';

type Client = Record<string, (params?: object) => Promise<unknown>>;
const generated = useGeneratedPackage<{ createClient(options: object): Client }>('github.slice.json', 'github');
const server = await useFaultServer();

const TOKEN = 'ghp_wireConformance0123456789abcdefABCD';
const octokit = () => new Octokit({ baseUrl: server.url, auth: TOKEN, request: { retries: 0 } });
const ours = () => generated().createClient({ baseUrl: server.url, env: {}, maxRetries: 0, headers: { Authorization: `token ${TOKEN}` } });

interface Case {
  name: string;
  octokit: (o: Octokit) => Promise<unknown>;
  ours: (c: Client) => Promise<unknown>;
  /** The path as both must send it (percent-encoding kept). */
  path: string;
}

const CASES: Case[] = [
  {
    name: 'create an issue: JSON body with labels and assignees arrays',
    octokit: (o) => o.request('POST /repos/{owner}/{repo}/issues', { owner: 'octo-org', repo: 'hello.world', title: 'Found a bug', body: 'It says "héllo" & <b>bye</b>', labels: ['bug', 'help wanted'], assignees: ['octocat'] }),
    ours: (c) => c.issuesCreate!({ owner: 'octo-org', repo: 'hello.world', body: { title: 'Found a bug', body: 'It says "héllo" & <b>bye</b>', labels: ['bug', 'help wanted'], assignees: ['octocat'] } }),
    path: '/repos/octo-org/hello.world/issues',
  },
  {
    name: 'list issues: a comma list of labels, a timestamp, paging',
    octokit: (o) => o.request('GET /repos/{owner}/{repo}/issues', { owner: 'octo-org', repo: 'hello.world', labels: 'bug,ui,good first issue', state: 'all', since: '2024-01-01T00:00:00Z', per_page: 50, page: 2 }),
    ours: (c) => c.issuesListForRepo!({ owner: 'octo-org', repo: 'hello.world', labels: 'bug,ui,good first issue', state: 'all', since: '2024-01-01T00:00:00Z', per_page: 50, page: 2 }),
    path: '/repos/octo-org/hello.world/issues',
  },
  {
    name: 'search issues: q with spaces, quotes and qualifiers',
    octokit: (o) => o.request('GET /search/issues', { q: 'repo:octo-org/hello.world is:open label:"help wanted" author:octocat crash in:title', sort: 'created', order: 'asc', per_page: 10 }),
    ours: (c) => c.searchIssuesAndPullRequests!({ q: 'repo:octo-org/hello.world is:open label:"help wanted" author:octocat crash in:title', sort: 'created', order: 'asc', per_page: 10 }),
    path: '/search/issues',
  },
  {
    name: 'list organization repositories',
    octokit: (o) => o.request('GET /orgs/{org}/repos', { org: 'octo-org', type: 'public', sort: 'updated', direction: 'desc', per_page: 100 }),
    ours: (c) => c.reposListForOrg!({ org: 'octo-org', type: 'public', sort: 'updated', direction: 'desc', per_page: 100 }),
    path: '/orgs/octo-org/repos',
  },
  {
    name: 'list pull requests: head with a colon and a slash',
    octokit: (o) => o.request('GET /repos/{owner}/{repo}/pulls', { owner: 'octo-org', repo: 'hello.world', state: 'open', head: 'octocat:feature/wire', base: 'main' }),
    ours: (c) => c.pullsList!({ owner: 'octo-org', repo: 'hello.world', state: 'open', head: 'octocat:feature/wire', base: 'main' }),
    path: '/repos/octo-org/hello.world/pulls',
  },
  {
    // The spec's `path` is one parameter holding a file path (`x-multi-segment: true`: it may contain `/`). Octokit
    // still expands `{path}` as a URI template simple string, `/` and space percent-encoded; the runtime encodes
    // every path parameter the same way (a value can never add path segments), and GitHub resolves
    // `docs%2Fguide%2F…` to the file. So they agree.
    name: 'get contents: a path parameter holding a file path',
    octokit: (o) => o.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: 'octo-org', repo: 'hello.world', path: 'docs/guide/READ ME.md', ref: 'feature/wire' }),
    ours: (c) => c.reposGetContent!({ owner: 'octo-org', repo: 'hello.world', path: 'docs/guide/READ ME.md', ref: 'feature/wire' }),
    path: '/repos/octo-org/hello.world/contents/docs%2Fguide%2FREAD%20ME.md',
  },
  {
    name: 'add labels to an issue',
    octokit: (o) => o.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { owner: 'octo-org', repo: 'hello.world', issue_number: 1347, labels: ['bug', 'needs triage'] }),
    ours: (c) => c.issuesAddLabels!({ owner: 'octo-org', repo: 'hello.world', issue_number: 1347, body: { labels: ['bug', 'needs triage'] } }),
    path: '/repos/octo-org/hello.world/issues/1347/labels',
  },
  {
    name: 'close an issue: PATCH with a nullable field set to null',
    octokit: (o) => o.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner: 'octo-org', repo: 'hello.world', issue_number: 1347, state: 'closed', state_reason: 'completed', milestone: null }),
    ours: (c) => c.issuesUpdate!({ owner: 'octo-org', repo: 'hello.world', issue_number: 1347, body: { state: 'closed', state_reason: 'completed', milestone: null } }),
    path: '/repos/octo-org/hello.world/issues/1347',
  },
];

describe('GitHub wire conformance (@octokit/core@7.0.8 vs the generated client)', () => {
  it.each(CASES)('$name', async ({ octokit: viaOctokit, ours: viaOurs, path }) => {
    server.clear();
    await viaOctokit(octokit());
    await viaOurs(ours());
    expect(server.requests).toHaveLength(2);
    const [theirs, mine] = server.requests as [(typeof server.requests)[0], (typeof server.requests)[0]];
    expect(await wire(mine)).toEqual(await wire(theirs));
    expect(mine.path).toBe(path);
    expect(mine.url).toBe(theirs.url); // query too, before decoding
    expect(mine.headers.authorization).toBe(theirs.headers.authorization);
    expect(theirs.headers.authorization).toBe(`token ${TOKEN}`);
  });
});
