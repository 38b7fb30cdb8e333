import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintOpenApi } from '../../generator/src/lifecycle/convert/lint.js';
import { readOverlays, vendorSpec, type UpstreamText } from '../../generator/src/lifecycle/convert/vendor.js';
import { fileURLToPath } from 'node:url';
import { checkProviderAgainstSpec, loadProviderConfig } from '../../generator/src/provider/load-provider.js';
import type { OpenAPIDocument } from '../../generator/src/model/openapi.js';

const specsDir = new URL('../../specs/', import.meta.url);
const shared = new URL('../../../shared/', import.meta.url);
const providers = readdirSync(specsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/openapi.yaml`, specsDir)))
  .map((d) => d.name)
  .sort();

/**
 * Warnings accepted per provider, with the reason:
 * - info-license: none of the upstream documents declares an API license, and
 *   inventing one in `info.license` would misstate the API's terms (Datadog's
 *   Apache-2.0 covers the spec file and is recorded in its header comment).
 * - operation-4xx-response (mangrove): the upstream page documents only the
 *   200 response; adding an error response would invent its shape.
 */
const ACCEPTED: Record<string, string[]> = {
  mangrove: ['info-license', 'operation-4xx-response'],
  datafold: ['info-license'],
  'datadog-model-lab': ['info-license'],
};

const read = (p: string) => readFileSync(new URL(p, specsDir), 'utf8');

describe('vendored specs', () => {
  it('has the three providers', () => {
    expect(providers).toEqual(['datadog-model-lab', 'datafold', 'mangrove']);
  });

  for (const name of providers) {
    describe(name, () => {
      const text = read(`${name}/openapi.yaml`);
      const doc = parse(text) as Record<string, unknown>;

      it('lints clean (recommended ruleset)', async () => {
        const problems = await lintOpenApi(text, `specs/${name}/openapi.yaml`);
        const unexpected = problems.filter((p) => p.severity === 'error' || !(ACCEPTED[name] ?? []).includes(p.ruleId));
        expect(unexpected).toEqual([]);
      });

      it('reads the same as YAML 1.1 and 1.2', () => {
        expect(parse(text, { version: '1.1' })).toEqual(doc);
      });

      it('has a valid provider.yaml (the generator\'s own validator)', () => {
        const file = fileURLToPath(new URL(`${name}/provider.yaml`, specsDir));
        const cfg = loadProviderConfig(file, name);
        expect(cfg.name).toBe(name);
        expect(() => checkProviderAgainstSpec(file, cfg, doc as unknown as OpenAPIDocument, { folder: name })).not.toThrow();
      });

      it('has unique operationIds', () => {
        const ids: string[] = [];
        for (const item of Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>)) {
          for (const op of Object.values(item)) if (op && typeof op === 'object' && op.operationId) ids.push(op.operationId);
        }
        expect(new Set(ids).size).toBe(ids.length);
      });
    });
  }
});

/** Local copies (in /work/shared) of each provider's upstream source as listed in provider.yaml. */
const FIXTURES: Record<string, string> = {
  mangrove: 'seeds/mangrove-list-model-runs.md',
  datafold: 'seeds/datafold-list-monitor-runs.md',
  'datadog-model-lab': 'upstream/datadog-model-lab.openapi.yaml',
};

describe('vendored specs are reproducible', () => {
  for (const name of providers) {
    it(`${name}: convert(upstream) + overlays/*.yaml == openapi.yaml`, () => {
      const cfg = parse(read(`${name}/provider.yaml`)) as { upstream: { url: string; format: UpstreamText['format']; filter?: UpstreamText['filter'] }[] };
      expect(cfg.upstream).toHaveLength(1);
      const [up] = cfg.upstream;
      const text = readFileSync(new URL(FIXTURES[name]!, shared), 'utf8');
      const doc = vendorSpec(
        [{ format: up!.format, source: up!.url, text, ...(up!.filter ? { filter: up!.filter } : {}) }],
        readOverlays(new URL(`${name}/overlays/`, specsDir).pathname),
      );
      expect(doc).toEqual(parse(read(`${name}/openapi.yaml`)));
    });
  }
});

describe('datadog-model-lab', () => {
  const doc = parse(read('datadog-model-lab/openapi.yaml'));

  it('has one server with the eight documented sites', () => {
    expect(doc.servers).toHaveLength(1);
    expect(doc.servers[0].url).toBe('https://{subdomain}.{site}');
    expect(doc.servers[0].variables.site.enum).toEqual([
      'datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'ap1.datadoghq.com', 'ap2.datadoghq.com',
      'datadoghq.eu', 'ddog-gov.com', 'us2.ddog-gov.com',
    ]);
    expect(doc.servers[0].variables.site.default).toBe('datadoghq.com');
    expect(doc.servers[0].variables.subdomain.default).toBe('api');
  });

  it('keeps all 16 operations, 3.0, and the upstream security', () => {
    expect(doc.openapi).toBe('3.0.0');
    const ops = Object.values(doc.paths as Record<string, object>).flatMap((p) => Object.keys(p));
    expect(ops).toHaveLength(16);
    expect(doc.security).toEqual([{ apiKeyAuth: [], appKeyAuth: [] }, { AuthZ: [] }]);
    expect(doc.paths['/api/v2/model-lab-api/runs'].get.parameters.map((p: { name: string }) => p.name)).toContain('filter[status]');
  });
});
