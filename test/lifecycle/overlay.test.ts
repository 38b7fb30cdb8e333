import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyOverlay, applyOverlays, OverlayError, queryJsonPath, type Json } from '../../generator/src/lifecycle/overlay.js';
import { readOverlays } from '../../generator/src/lifecycle/convert/vendor.js';

const DATADOG = readFileSync(new URL('../../../shared/upstream/datadog-model-lab.openapi.yaml', import.meta.url), 'utf8');
type Any = Record<string, any>;

const overlay = (actions: unknown[]) => ({ overlay: '1.0.0', info: { title: 't', version: '1' }, actions });

describe('JSONPath subset', () => {
  const doc = parse(DATADOG) as Json;
  const values = (path: string) => queryJsonPath(doc, path).map((m) => m.value);
  const paths = (path: string) => queryJsonPath(doc, path).map((m) => m.path);

  it('root, dot and bracket names, indices', () => {
    expect(values('$')).toEqual([doc]);
    expect(values('$.info.title')).toEqual(['Datadog API V2 Collection']);
    expect(values("$['info']['title']")).toEqual(['Datadog API V2 Collection']);
    expect(values('$["info"].version')).toEqual(['1.0']);
    expect(values('$.servers[1].url')).toEqual(['{protocol}://{name}']);
    expect(values('$.servers[-1].variables.site.description')).toEqual(['Any Datadog deployment.']);
    expect(values("$.paths['/api/v2/model-lab-api/runs'].get.operationId")).toEqual(['ListModelLabRuns']);
    expect(values("$.components.schemas['ModelLabTag', 'ModelLabRunParam'].description")).toHaveLength(2);
    expect(values('$.nope.deeper')).toEqual([]);
  });

  it('wildcards', () => {
    expect(values('$.servers[*].url')).toEqual(['https://{subdomain}.{site}', '{protocol}://{name}', 'https://{subdomain}.{site}']);
    expect(values('$.paths.*.*.operationId')).toHaveLength(16);
    expect(values('$.paths[*][*].operationId')).toHaveLength(16);
  });

  it('descendants', () => {
    expect(values('$..operationId')).toHaveLength(16);
    expect(values("$.paths..parameters[?(@.name == 'page[size]')].schema.maximum")).toEqual([100, 100]);
    expect(new Set(values('$..x-unstable')).size).toBe(1);
    expect(values('$..[?(@.operationId == "PinModelLabRun")].summary')).toEqual(['Pin a Model Lab run']);
  });

  it('filters: ==, !=, existence, negation, && and ||', () => {
    expect(values("$.servers[0].variables.site.enum[?(@ == 'uk1.datadoghq.com')]")).toEqual(['uk1.datadoghq.com', 'uk1.datadoghq.com']);
    expect(paths("$.servers[0].variables.site.enum[?(@ == 'uk1.datadoghq.com')]")).toEqual([
      "$['servers'][0]['variables']['site']['enum'][5]",
      "$['servers'][0]['variables']['site']['enum'][9]",
    ]);
    expect(values("$.servers[?(@.url == '{protocol}://{name}')].variables.name.default")).toEqual(['api.datadoghq.com']);
    expect(values("$.servers[?(@.variables.site.description == 'Any Datadog deployment.')]")).toHaveLength(1);
    expect(values("$.servers[?(@.url != '{protocol}://{name}')]")).toHaveLength(2);
    expect(values('$.components.schemas[?(@.enum)]').length).toBe(9);
    expect(values('$.components.schemas[?(!@.properties && !@.enum)]')).toEqual([]);
    expect(values("$.components.schemas[?(@.type == 'string' && @.example == 'runs')].enum")).toEqual([['runs']]);
    expect(values("$.components.schemas[?(@.example == 'runs' || @.example == 'projects')]")).toHaveLength(2);
    expect(values("$.components.parameters[?(@['in'] == 'path')].name")).toEqual(['project_id', 'run_id']);
    expect(values('$.components.schemas.ModelLabPageMetaPage.properties[?(@.example > 30)].example')).toEqual([100]);
    expect(values('$.paths.*.*.parameters[?(@.required == true && @.in == "query")].name').length).toBeGreaterThan(0);
  });

  it('rejects what it does not understand', () => {
    expect(() => queryJsonPath(doc, 'info.title')).toThrow(/must start with \$/);
    expect(() => queryJsonPath(doc, "$.paths['/x'")).toThrow(/invalid JSONPath/);
    expect(() => queryJsonPath(doc, '$.servers[?(@.url == )]')).toThrow(/invalid JSONPath/);
  });
});

describe('applyOverlay', () => {
  const base = (): Any => ({ a: { b: 1, list: [1, 2], nested: { x: 'y' } }, arr: [{ id: 1 }, { id: 2 }, { id: 3 }], s: 'str' });

  it('update deep-merges objects: nested objects merged, arrays appended, scalars replaced', () => {
    const out = applyOverlay(base(), overlay([{ target: '$.a', update: { b: 2, list: [3], nested: { z: 1 }, c: true } }]));
    expect(out.a).toEqual({ b: 2, list: [1, 2, 3], nested: { x: 'y', z: 1 }, c: true });
  });

  it('update on an array appends the value as one entry', () => {
    const out = applyOverlay(base(), overlay([{ target: '$.arr', update: { id: 4 } }]));
    expect(out.arr).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
  });

  it('update on the root and on every match of a wildcard', () => {
    const out = applyOverlay(base(), overlay([{ target: '$', update: { added: 1 } }, { target: '$.arr[*]', update: { ok: true } }]));
    expect(out.added).toBe(1);
    expect(out.arr.every((x: Any) => x.ok)).toBe(true);
  });

  it('remove deletes object members and array entries (several at once, indices stay right)', () => {
    const out = applyOverlay(base(), overlay([{ target: '$.a.nested', remove: true }, { target: '$.arr[?(@.id != 2)]', remove: true }]));
    expect(out.a).toEqual({ b: 1, list: [1, 2] });
    expect(out.arr).toEqual([{ id: 2 }]);
  });

  it('remove then update replaces a value', () => {
    const out = applyOverlay(base(), overlay([{ target: '$.a.list', remove: true }, { target: '$.a', update: { list: ['new'] } }]));
    expect(out.a.list).toEqual(['new']);
  });

  it('does not share structure with the overlay', () => {
    const ov = overlay([{ target: '$.a', update: { shared: { v: 1 } } }]);
    const out = applyOverlay(base(), ov);
    (out.a as Any).shared.v = 2;
    expect((ov.actions[0] as Any).update.shared.v).toBe(1);
  });

  it('a target that matches nothing is an error that says the upstream may have moved', () => {
    const ov = overlay([{ target: '$.a', update: {} }, { target: '$.a', update: {} }, { target: "$.paths['/x']", remove: true }]);
    expect(() => applyOverlay(base(), ov, '02-fix-examples.yaml')).toThrow(
      "overlay 02-fix-examples.yaml action 3: target $.paths['/x'] matched nothing — did the upstream document change?",
    );
    expect(() => applyOverlay(base(), ov, '02-fix-examples.yaml')).toThrow(OverlayError);
  });

  it('validates the overlay document', () => {
    expect(() => applyOverlay(base(), { overlay: '2.0.0', info: { title: 't', version: '1' }, actions: [{ target: '$', update: {} }] }, 'o.yaml')).toThrow(/overlay o.yaml: unsupported `overlay` version/);
    expect(() => applyOverlay(base(), { overlay: '1.0.0', actions: [{ target: '$', update: {} }] }, 'o.yaml')).toThrow(/`info` needs/);
    expect(() => applyOverlay(base(), overlay([]), 'o.yaml')).toThrow(/non-empty/);
    expect(() => applyOverlay(base(), overlay([{ target: '$.a' }]), 'o.yaml')).toThrow(/action 1: needs `update` or `remove: true`/);
    expect(() => applyOverlay(base(), overlay([{ target: 'a.b', remove: true }]), 'o.yaml')).toThrow(/action 1: invalid JSONPath/);
    expect(() => applyOverlay(base(), overlay([{ target: '$', remove: true }]), 'o.yaml')).toThrow(/cannot remove the root/);
    expect(() => applyOverlay(base(), overlay([{ target: '$.a', update: 'scalar' }]), 'o.yaml')).toThrow(/must be an object/);
  });
});

describe('the Datadog Model Lab overlays', () => {
  const dir = new URL('../../specs/datadog-model-lab/overlays/', import.meta.url).pathname;

  it('leave one server whose site enum is the eight documented sites', () => {
    const out = applyOverlays(parse(DATADOG) as Any, readOverlays(dir));
    expect(out.servers).toEqual([
      {
        url: 'https://{subdomain}.{site}',
        variables: {
          site: {
            default: 'datadoghq.com',
            description: 'The regional site for Datadog customers.',
            enum: ['datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'ap1.datadoghq.com', 'ap2.datadoghq.com', 'datadoghq.eu', 'ddog-gov.com', 'us2.ddog-gov.com'],
          },
          subdomain: { default: 'api', description: 'The subdomain where the API is deployed.' },
        },
      },
    ]);
  });

  it('fail loudly when the upstream servers change shape', () => {
    const moved = parse(DATADOG) as Any;
    moved.servers = [moved.servers[0]];
    expect(() => applyOverlays(moved, readOverlays(dir))).toThrow(/overlay 01-servers.yaml action 1: target .* matched nothing — did the upstream document change\?/);
  });
});
