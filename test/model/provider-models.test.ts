// Generator unit tests: spec → intermediate model, for each vendored provider.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../generator/src/load/load-spec.js';
import { loadProviderConfig } from '../../generator/src/provider/load-provider.js';
import { transformOpenAPIDocument } from '../../generator/src/transform/openapi-document.js';
import type { ApiModel } from '../../generator/src/model/api-model.js';
import { repoRoot } from '../support/prism.js';

async function model(provider: string): Promise<ApiModel> {
  const dir = join(repoRoot, 'specs', provider);
  const { document } = await loadSpec(join(dir, 'openapi.yaml'));
  const config = loadProviderConfig(join(dir, 'provider.yaml'), provider);
  return transformOpenAPIDocument(document, config, { envPrefix: provider.toUpperCase() });
}

describe('spec → model', () => {
  it('mangrove: one paginated GET, API key sent as given', async () => {
    const m = await model('mangrove');
    expect(m.operations).toHaveLength(1);
    const op = m.operations[0]!;
    expect(op).toMatchObject({ operationId: 'list-model-runs', name: 'listModelRuns', method: 'get', path: '/models/{model_id}/model_runs' });
    expect(op.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['model_id', 'path', true],
      ['page', 'query', false],
      ['page_size', 'query', false],
    ]);
    expect(op.parameters[1]!.default).toBe(1);
    expect(op.success).toMatchObject({ status: '200', mediaType: 'application/json', kind: 'json' });
    expect(op.pagination).toEqual({ style: 'page-number', pageParam: 'page', sizeParam: 'page_size', items: 'data' });
    expect(m.securitySchemes).toEqual({ sec0: { type: 'apiKey', in: 'header', name: 'Authorization', option: 'apiKey' } });
    expect(m.credentials.apiKey).toMatchObject({ env: 'MANGROVE_API_KEY', scheme: 'sec0' });
    expect(m.servers).toEqual([{ url: 'https://app.gomangrove.com/api/v1' }]);
  });

  it('datafold: FastAPI operationId → listMonitorRuns, Key format, nullable date-time params, 422 body', async () => {
    const m = await model('datafold');
    const op = m.operations[0]!;
    expect(op.operationId).toBe('list_monitor_runs_api_v1_monitors__id__runs_get');
    expect(op.name).toBe('listMonitorRuns');
    expect(op.parameters.find((p) => p.name === 'start_time')).toMatchObject({ in: 'query', required: false, typeText: 'string (date-time) | null' });
    expect(op.errors).toEqual([{ status: '422', mediaType: 'application/json', kind: 'json', description: 'Validation Error' }]);
    expect(m.securitySchemes.ApiKeyAuth).toEqual({ type: 'apiKey', in: 'header', name: 'Authorization', option: 'apiKey', format: 'Key {value}' });
    expect(op.pagination).toMatchObject({ style: 'page-number', items: 'runs', totalPages: 'total_pages' });
  });

  it('datadog-model-lab: all 16 operations, two-key auth or bearer, site enum, octet-stream, 204s, x-unstable', async () => {
    const m = await model('datadog-model-lab');
    expect(m.operations).toHaveLength(16);
    expect(new Set(m.operations.map((o) => o.name)).size).toBe(16);
    expect(m.operations.every((o) => o.unstable?.includes('preview'))).toBe(true);
    expect(m.security).toEqual([['apiKeyAuth', 'appKeyAuth'], ['AuthZ']]);
    expect(m.securitySchemes).toMatchObject({
      apiKeyAuth: { type: 'apiKey', in: 'header', name: 'DD-API-KEY', option: 'apiKey' },
      appKeyAuth: { type: 'apiKey', in: 'header', name: 'DD-APPLICATION-KEY', option: 'appKey' },
      AuthZ: { type: 'http', scheme: 'bearer', option: 'accessToken' },
    });
    const site = m.servers[0]!.variables!.site!;
    expect(m.servers).toHaveLength(1);
    expect(site.enum).toEqual(['datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'ap1.datadoghq.com', 'ap2.datadoghq.com', 'datadoghq.eu', 'ddog-gov.com', 'us2.ddog-gov.com']);
    expect(site).toMatchObject({ default: 'datadoghq.com', option: 'site', env: 'DD_SITE' });
    const byName = Object.fromEntries(m.operations.map((o) => [o.name, o]));
    expect(byName.getModelLabArtifactContent!.success).toMatchObject({ kind: 'blob', mediaType: 'application/octet-stream' });
    expect(byName.deleteModelLabRun!.success).toMatchObject({ status: '204', kind: 'none' });
    expect(byName.listModelLabRuns!.parameters.map((p) => p.name)).toContain('filter[status]');
    expect(byName.listModelLabRuns!.parameters.find((p) => p.name === 'filter[status]')!.enumValues).toEqual(['pending', 'running', 'completed', 'failed', 'killed', 'unresponsive', 'paused']);
    expect(byName.listModelLabRuns!.errors.map((e) => e.status)).toEqual(['400', '429', '500']);
    expect(byName.getModelLabRun!.parameters).toEqual([expect.objectContaining({ name: 'run_id', in: 'path', required: true, typeText: 'integer (int64)' })]);
    expect(byName.listModelLabRuns!.pagination).toMatchObject({ pageParam: 'page[number]', sizeParam: 'page[size]', nextPage: 'meta.page.next_number' });
  });
});
