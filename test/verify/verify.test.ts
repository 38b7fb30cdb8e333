/**
 * `clientgen verify`: the Datadog Model Lab recordings (what the real API
 * received and answered, from Datadog's own client's test suite) against the
 * vendored spec; doctored copies of them produce exactly the findings they
 * were doctored with; a HAR written by the runtime's recorder round-trips.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '@clientgen/datadog-model-lab';
import { harRecorder } from '@clientgen/runtime';
import { loadSpec } from '../../generator/src/load/load-spec.js';
import { readRecordings } from '../../generator/src/verify/recordings.js';
import { verifyExchanges, type Finding } from '../../generator/src/verify/verify.js';
import { repoRoot, runCli } from '../generator/support/packages.js';

const recordingsFile = join(repoRoot, '../shared/conformance/datadog-model-lab/recordings.json');
const vendored = join(repoRoot, 'specs/datadog-model-lab/openapi.yaml');
const upstream = join(repoRoot, '../shared/upstream/datadog-model-lab.openapi.yaml');
const work = mkdtempSync(join(tmpdir(), 'clientgen-verify-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Recordings {
  recordings: { scenario: string; interactions: { request: { method: string; path: string; query: [string, string][] }; response: { status: number; body: { value: string } } }[] }[];
}
const original = JSON.parse(readFileSync(recordingsFile, 'utf8')) as Recordings;

async function verify(spec: string, file: string) {
  const { document } = await loadSpec(spec);
  return verifyExchanges(document, readRecordings(file, repoRoot));
}

const brief = (f: Finding) => `${f.operation} | ${f.where} | #${f.pointer} | ${f.message} | ${f.source.replace(/^.*#/, '')}`;

describe('clientgen verify on the real Datadog recordings', () => {
  it('matches all 23 exchanges to the 16 operations; against the upstream spec, the one lie it tells: page[number] starts at 0, not 1', async () => {
    const result = await verify(upstream, recordingsFile);
    expect(result.exchanges).toBe(23);
    expect(result.operations).toHaveLength(16);
    expect(result.findings.map(brief)).toEqual([
      'GET /api/v2/model-lab-api/projects | response body /meta/page/number | #/paths/~1api~1v2~1model-lab-api~1projects/get/parameters/5/schema/default | query parameter "page[number]" defaults to 1 in the spec, but the server answered page 0 when it was left out | List Model Lab projects returns "OK" response',
      'GET /api/v2/model-lab-api/runs | response body /meta/page/number | #/paths/~1api~1v2~1model-lab-api~1runs/get/parameters/13/schema/default | query parameter "page[number]" defaults to 1 in the spec, but the server answered page 0 when it was left out | List Model Lab runs returns "OK" response',
    ]);
  });

  it('against the vendored spec, corrected by the page[number] overlay, the recordings verify with zero findings', async () => {
    const result = await verify(vendored, recordingsFile);
    expect(result.exchanges).toBe(23);
    expect(result.findings.map(brief)).toEqual([]);
  });

  it('doctored copies produce exactly the findings they were doctored with, each with its pointer and recording', async () => {
    const copy = structuredClone(original);
    const scenario = (name: string) => copy.recordings.find((r) => r.scenario === name)!.interactions[0]!;
    const edit = (name: string, change: (body: Record<string, any>) => void) => {
      const interaction = scenario(name);
      const body = JSON.parse(interaction.response.body.value) as Record<string, any>;
      change(body);
      interaction.response.body.value = JSON.stringify(body);
    };
    edit('Get a Model Lab run returns "OK" response', (b) => {
      b.data.id = 70158; // a changed type: the id is a string
      b.data.attributes.status = 'exploded'; // an unknown enum value
    });
    edit('Get a Model Lab project returns "OK" response', (b) => delete b.data); // a missing required property
    scenario('Delete a Model Lab run returns "No Content" response').response.status = 409; // an undocumented status
    scenario('List Model Lab project facet keys returns "OK" response').request.path = '/api/v2/model-lab-api/nowhere'; // an unmatched path
    const doctored = join(work, 'doctored.json');
    writeFileSync(doctored, JSON.stringify(copy));

    const found = (await verify(vendored, doctored)).findings.map(brief);
    expect(found.sort()).toEqual(
      [
        'DELETE /api/v2/model-lab-api/runs/{run_id} | response status | #/paths/~1api~1v2~1model-lab-api~1runs~1{run_id}/delete/responses | undocumented status 409 | Delete a Model Lab run returns "No Content" response',
        'GET /api/v2/model-lab-api/nowhere | request | #/paths | no operation matches GET /api/v2/model-lab-api/nowhere | List Model Lab project facet keys returns "OK" response',
        'GET /api/v2/model-lab-api/projects/{project_id} | response body  | #/components/schemas/ModelLabProjectResponse | required property "data" missing | Get a Model Lab project returns "OK" response',
        'GET /api/v2/model-lab-api/runs/{run_id} | response body /data/attributes/status | #/components/schemas/ModelLabRunStatus | value "exploded" not in enum | Get a Model Lab run returns "OK" response',
        'GET /api/v2/model-lab-api/runs/{run_id} | response body /data/id | #/components/schemas/ModelLabRunData/properties/id | type string, recorded 70158 | Get a Model Lab run returns "OK" response',
      ].sort(),
    );
  });

  it('the command prints a line per operation and each finding, exits 1 on findings; --json for machines', async () => {
    const run = await runCli(['verify', '--spec', upstream, '--recordings', recordingsFile]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^GET \/api\/v2\/model-lab-api\/runs +1 exchange +✗ 1 finding {2}\(ListModelLabRuns\)$/m);
    expect(run.stdout).toMatch(/^DELETE \/api\/v2\/model-lab-api\/runs\/\{run_id\} +2 exchanges +✓ {2}\(DeleteModelLabRun\)$/m);
    expect(run.stdout).toContain('\n  recorded in ../shared/conformance/datadog-model-lab/recordings.json#List Model Lab runs returns "OK" response\n');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('23 exchanges, 16 operations: 2 findings in 2 operations');
    const asJson = await runCli(['verify', '--spec', upstream, '--recordings', recordingsFile, '--json']);
    expect(asJson.code).toBe(1);
    const parsed = JSON.parse(asJson.stdout) as { findings: Finding[]; exchanges: number };
    expect(parsed.exchanges).toBe(23);
    expect(parsed.findings.map((f) => f.operationId)).toEqual(['ListModelLabProjects', 'ListModelLabRuns']);
    const usage = await runCli(['verify', '--spec', upstream]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('missing --recordings');
  });
});

describe('recording from the runtime', () => {
  it('a HAR written by harRecorder from real calls round-trips through verify, without the credentials', async () => {
    // A loopback Datadog that answers each recorded request with its recorded response.
    const byRequest = new Map<string, { status: number; body: string }>();
    for (const r of original.recordings) {
      for (const { request, response } of r.interactions) {
        const query = request.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        byRequest.set(`${request.method} ${request.path}${query ? `?${query}` : ''}`, { status: response.status, body: response.body.value });
      }
    }
    const server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const query = [...url.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
      const hit = byRequest.get(`${req.method} ${url.pathname}${query ? `?${query}` : ''}`);
      res.writeHead(hit?.status ?? 599, hit?.body ? { 'content-type': 'application/json' } : {});
      res.end(hit?.body || undefined);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const recorder = harRecorder();
      const keys = { apiKey: 'dd_api_SECRET_0001', appKey: 'dd_app_SECRET_0002' };
      const dd = createClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, fetch: recorder.fetch, maxRetries: 0, ...keys });
      await dd.getModelLabRun({ run_id: 70158 });
      await dd.getModelLabProject({ project_id: 2387 });
      await dd.listModelLabRuns();
      await dd.listModelLabRunFacetValues({ facet_name: 'model', facet_type: 'tag', 'filter[project_id]': 2387 });
      await expect(dd.getModelLabRun({ run_id: 999999 })).rejects.toThrow();
      const har = join(work, 'calls.har');
      const text = JSON.stringify(await recorder.har(), null, 2);
      writeFileSync(har, text);
      for (const key of Object.values(keys)) expect(text).not.toContain(key);

      const fromHar = await verify(vendored, har);
      expect(fromHar.exchanges).toBe(5);
      expect(fromHar.operations.map((o) => `${o.operationId} ${o.exchanges}`).sort()).toEqual([
        'GetModelLabProject 1',
        'GetModelLabRun 2',
        'ListModelLabRunFacetValues 1',
        'ListModelLabRuns 1',
      ]);
      expect(fromHar.findings.map(brief)).toEqual([]);
      // Against the upstream spec the recorded HAR shows the same finding as Datadog's recordings of the same call.
      const upstreamFindings = (await verify(upstream, har)).findings.map((f) => `${f.operation} ${f.where} #${f.pointer}: ${f.message}`);
      expect(upstreamFindings).toEqual([
        'GET /api/v2/model-lab-api/runs response body /meta/page/number #/paths/~1api~1v2~1model-lab-api~1runs/get/parameters/13/schema/default: query parameter "page[number]" defaults to 1 in the spec, but the server answered page 0 when it was left out',
      ]);
    } finally {
      server.close();
    }
  });
});
