// Datadog Model Lab client → Prism mock of specs/datadog-model-lab/openapi.yaml:
// every operation of the vendored spec, over real HTTP.
import { describe, expect, expectTypeOf, inject, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ClientValidationError,
  MissingCredentialsError,
  createClient,
  type ListModelLabRunsErrorBody,
  type ListModelLabRunsItem,
  type ListModelLabRunsParams,
  type ListModelLabRunsResponse,
} from '@clientgen/datadog-model-lab';
import { recordingFetch } from '../support/recording-fetch.js';

const baseUrl = inject('prism')['datadog-model-lab']!;
const keys = { apiKey: 'dd-api-secret', appKey: 'dd-app-secret' };
const client = createClient({ baseUrl, ...keys });

describe('datadog-model-lab via Prism: every operation', () => {
  it('getModelLabArtifactContent resolves to a Blob (application/octet-stream)', async () => {
    const blob = await client.getModelLabArtifactContent({ project_id: '1', artifact_path: 'runs/42/model/weights.pt' });
    expectTypeOf(blob).toEqualTypeOf<Blob>();
    expect(blob).toBeInstanceOf(Blob);
    expect(await blob.text()).toBe('<binary file content>');
  });

  it('listModelLabRunFacetKeys sends filter[project_id] literally', async () => {
    const rec = recordingFetch();
    const c = createClient({ baseUrl, ...keys, fetch: rec.fetch });
    const res = await c.listModelLabRunFacetKeys({ 'filter[project_id]': 101 });
    expect(res.data.attributes.metrics).toEqual(['accuracy', 'loss']);
    expect(rec.sent[0]!.url.searchParams.get('filter[project_id]')).toBe('101');
  });

  it('listModelLabRunFacetValues', async () => {
    const res = await client.listModelLabRunFacetValues({ 'filter[project_id]': 101, facet_type: 'parameter', facet_name: 'algorithm' });
    expect(res.data.type).toBe('facet_values');
    expect(Array.isArray(res.data.attributes.values)).toBe(true);
  });

  it('listModelLabProjectFacetKeys (no parameters)', async () => {
    const res = await client.listModelLabProjectFacetKeys();
    expect(res.data.attributes.tags).toContain('model');
  });

  it('listModelLabProjectFacetValues', async () => {
    const res = await client.listModelLabProjectFacetValues({ facet_type: 'tag', facet_name: 'model' });
    expect(res.data.id).toBeTypeOf('string');
  });

  it('listModelLabProjects', async () => {
    const res = await client.listModelLabProjects({ 'page[size]': 25, sort: '-updated_at' });
    expect(res.data[0]?.attributes.name).toBe('active-project');
    expect(res.meta.page.total).toBe(1);
  });

  it('getModelLabProject', async () => {
    const res = await client.getModelLabProject({ project_id: 1 });
    expect(res.data.type).toBe('projects');
    expect(res.data.attributes.artifact_storage_location).toMatch(/^s3:/);
  });

  it('listModelLabProjectArtifacts', async () => {
    const res = await client.listModelLabProjectArtifacts({ project_id: 1 });
    expect(res.data.attributes.files[0]?.filename).toBe('model.pkl');
  });

  it('starModelLabProject and unstarModelLabProject resolve to undefined (204)', async () => {
    await expect(client.starModelLabProject({ project_id: 1 })).resolves.toBeUndefined();
    await expect(client.unstarModelLabProject({ project_id: 1 })).resolves.toBeUndefined();
  });

  it('listModelLabRuns with bracketed filters and pages', async () => {
    const rec = recordingFetch();
    const c = createClient({ baseUrl, ...keys, fetch: rec.fetch });
    const res = await c.listModelLabRuns({ 'filter[status]': 'running', 'page[size]': 25, 'page[number]': 1, pinned_first: true });
    expectTypeOf(res).toEqualTypeOf<ListModelLabRunsResponse>();
    expect(res.data[0]?.attributes.status).toBe('running');
    expect(res.meta.page).toMatchObject({ number: 1, size: 25 });
    const sent = rec.sent[0]!.url;
    expect(sent.pathname).toBe('/api/v2/model-lab-api/runs');
    expect(sent.searchParams.get('filter[status]')).toBe('running');
    expect(sent.searchParams.get('page[size]')).toBe('25');
    expect(sent.searchParams.get('pinned_first')).toBe('true');
  });

  it('getModelLabRun, listModelLabRunArtifacts', async () => {
    const run = await client.getModelLabRun({ run_id: 42 });
    expect(run.data.attributes.name).toBe('active-run');
    const artifacts = await client.listModelLabRunArtifacts({ run_id: 42, path: 'model' });
    expect(artifacts.data.attributes.files.length).toBeGreaterThan(0);
  });

  it('deleteModelLabRun, pinModelLabRun, unpinModelLabRun resolve to undefined (204)', async () => {
    await expect(client.deleteModelLabRun({ run_id: 42 })).resolves.toBeUndefined();
    await expect(client.pinModelLabRun({ run_id: 42 })).resolves.toBeUndefined();
    await expect(client.unpinModelLabRun({ run_id: 42 })).resolves.toBeUndefined();
  });
});

describe('datadog-model-lab auth, regions, errors', () => {
  it('sends DD-API-KEY and DD-APPLICATION-KEY together', async () => {
    const rec = recordingFetch();
    await createClient({ baseUrl, ...keys, fetch: rec.fetch }).getModelLabRun({ run_id: 42 });
    expect(rec.sent[0]!.headers.get('dd-api-key')).toBe('dd-api-secret');
    expect(rec.sent[0]!.headers.get('dd-application-key')).toBe('dd-app-secret');
  });

  it('only one of the two keys: createClient names both options and env vars', () => {
    expect(() => createClient({ baseUrl, apiKey: 'x', env: {} })).toThrow(MissingCredentialsError);
    expect(() => createClient({ baseUrl, apiKey: 'x', env: {} })).toThrow(/appKey[\s\S]*DD_APP_KEY/);
    expect(() => createClient({ baseUrl, env: { DD_API_KEY: 'a', DD_APP_KEY: 'b' } })).not.toThrow();
  });

  it('Prism answers 401 when the application key header is not sent', async () => {
    const c = createClient({ baseUrl, ...keys, fetch: (input, init) => { const r = new Request(input, init); const h = new Headers(r.headers); h.delete('dd-application-key'); return fetch(new Request(r, { headers: h })); } });
    const error = await c.getModelLabRun({ run_id: 42 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error)).not.toContain('dd-api-secret');
  });

  it('site selects the regional server and is validated against the enum', () => {
    expect(createClient({ ...keys, site: 'datadoghq.eu' }).core.baseUrl).toBe('https://api.datadoghq.eu');
    expect(createClient({ ...keys, site: 'us5.datadoghq.com' }).core.baseUrl).toBe('https://api.us5.datadoghq.com');
    expect(createClient({ ...keys, env: { DD_SITE: 'ap1.datadoghq.com' } }).core.baseUrl).toBe('https://api.ap1.datadoghq.com');
    expect(createClient({ ...keys, env: {} }).core.baseUrl).toBe('https://api.datadoghq.com');
    expect(() => createClient({ ...keys, site: 'evil.example.com' as 'datadoghq.eu' })).toThrow(/site[\s\S]*datadoghq\.eu/);
  });

  it('invalid input → BadRequestError with the typed JSON:API body', async () => {
    const error = await client.listModelLabRuns({ 'page[size]': 'abc' as unknown as number }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    const body = (error as BadRequestError).body as ListModelLabRunsErrorBody;
    expect('errors' in body && Array.isArray(body.errors)).toBe(true);
    expect((error as BadRequestError).operationId).toBe('ListModelLabRuns');
  });

  it('path parameters cannot change the path', async () => {
    await expect(client.getModelLabRun({ run_id: '..' as unknown as number })).rejects.toBeInstanceOf(ClientValidationError);
    await expect(client.getModelLabRun({ run_id: '42/pin' as unknown as number })).rejects.toMatchObject({ status: 400 });
  });

  it('paginate.listModelLabRuns stops on meta.page.next_number / total', async () => {
    const rec = recordingFetch();
    const c = createClient({ baseUrl, ...keys, fetch: rec.fetch });
    const runs: ListModelLabRunsItem[] = [];
    for await (const run of c.paginate.listModelLabRuns({ 'filter[status]': 'running' })) runs.push(run);
    expect(runs).toHaveLength(1);
    expect(rec.sent).toHaveLength(1);
  });

  it('types', () => {
    expectTypeOf<ListModelLabRunsParams['filter[status]']>().toEqualTypeOf<'pending' | 'running' | 'completed' | 'failed' | 'killed' | 'unresponsive' | 'paused' | undefined>();
    // @ts-expect-error not a status
    void (() => client.listModelLabRuns({ 'filter[status]': 'done' }));
    // @ts-expect-error unknown parameter name
    void (() => client.listModelLabRuns({ filterStatus: 'running' }));
    // @ts-expect-error run_id is an integer
    void (() => client.getModelLabRun({ run_id: 'x' }));
    // @ts-expect-error site outside the enum
    void (() => createClient({ site: 'datadoghq.co' }));
  });
});
