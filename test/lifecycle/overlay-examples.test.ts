/**
 * Overlays for real fixes: the "List Model Lab runs" docs page shows a 200
 * example whose optional fields hold type-name placeholders
 * (`"duration": "number"`, `"first_step": "integer"`, …) that contradict the
 * response schema. Served by Prism with `--errors`, such an example is caught
 * by Prism's own response validation: a 500 problem+json whose `validation`
 * lists the violations (also sent in an `sl-violations` header).
 * `fixtures/overlay-examples/fix-examples.yaml` replaces every placeholder
 * with a realistic value, after which Prism answers a clean 200.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { applyOverlay, OverlayError } from '../../generator/src/lifecycle/overlay.js';
import { startPrism, type PrismServer } from '../support/prism.js';

type Any = Record<string, any>;

const RUNS = '/api/v2/model-lab-api/runs';
const vendored = readFileSync(new URL('../../specs/datadog-model-lab/openapi.yaml', import.meta.url), 'utf8');
const seedPage = readFileSync(new URL('../../../shared/seeds/datadog-list-model-lab-runs.md', import.meta.url), 'utf8');
const overlayFile = new URL('../fixtures/overlay-examples/fix-examples.yaml', import.meta.url);
const fixOverlay = parse(readFileSync(overlayFile, 'utf8')) as unknown;

/** The JSON of the "Example" tab inside the page's "200" response tab. */
function seedExample200(): Any {
  const start = seedPage.indexOf('{% tab title="200" %}');
  const end = seedPage.indexOf('{% tab title="400" %}', start);
  expect(start, 'the seed page has a 200 tab').toBeGreaterThanOrEqual(0);
  expect(end, 'the seed page has a 400 tab after it').toBeGreaterThan(start);
  const tab = seedPage.slice(start, end);
  const match = /\{% tab title="Example" %\}\s*```json\n([\s\S]*?)\n```/.exec(tab);
  expect(match, 'the 200 tab has a JSON example').not.toBeNull();
  return JSON.parse(match![1]!) as Any;
}

/** The vendored spec with the ListModelLabRuns 200 example replaced by the page's. */
function specWithSeedExample(): Any {
  const spec = parse(vendored) as Any;
  const op = spec.paths[RUNS].get;
  expect(op.operationId).toBe('ListModelLabRuns');
  op.responses['200'].content['application/json'].examples.default.value = seedExample200();
  return spec;
}

const auth = { accept: 'application/json', 'DD-API-KEY': 'test-api-key', 'DD-APPLICATION-KEY': 'test-app-key' };

describe('an overlay fixes the Datadog example values that contradict their schema', () => {
  let dir: string;
  const servers: PrismServer[] = [];
  let broken: PrismServer;
  let fixed: PrismServer;
  let fixedSpec: Any;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clientgen-overlay-examples-'));
    const brokenFile = join(dir, 'seed-example.yaml');
    const fixedFile = join(dir, 'fixed-example.yaml');
    writeFileSync(brokenFile, stringify(specWithSeedExample()));
    fixedSpec = applyOverlay(specWithSeedExample(), fixOverlay, 'fix-examples.yaml');
    writeFileSync(fixedFile, stringify(fixedSpec));
    const started = await Promise.allSettled([startPrism(brokenFile, ['--errors']), startPrism(fixedFile, ['--errors'])]);
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    [broken, fixed] = servers as [PrismServer, PrismServer];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the seed page example carries type-name placeholders', () => {
    const ex = seedExample200();
    const attrs = ex.data[0].attributes;
    expect(attrs.duration).toBe('number');
    expect(attrs.metric_summaries[0].first_step).toBe('integer');
    expect(attrs.metric_summaries[0].latest).toBe('number');
    expect(ex.meta.page.first_number).toBe('integer');
  });

  it('Prism --errors flags the seed example as violating the response schema', async () => {
    const res = await fetch(`${broken.url}${RUNS}`, { headers: auth });
    const text = await res.text();
    expect(res.status, broken.output()).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const body = JSON.parse(text) as Any;
    expect(body.type).toBe('https://stoplight.io/prism/errors#VIOLATIONS');
    const violations = body.validation as { location: string[]; severity: string; code: string; message: string }[];
    const located = violations.map((v) => v.location.join('.'));
    expect(located).toEqual(
      expect.arrayContaining([
        'response.body.data.0.attributes.duration',
        'response.body.data.0.attributes.metric_summaries.0.first_step',
        'response.body.data.0.attributes.metric_summaries.0.latest',
        'response.body.meta.page.first_number',
      ]),
    );
    const duration = violations.find((v) => v.location.at(-1) === 'duration');
    expect(duration).toMatchObject({ severity: 'Error', code: 'type' });
    expect(duration!.message).toMatch(/duration must be number/);
    // The same list travels in a header.
    const header = JSON.parse(res.headers.get('sl-violations') ?? '[]') as { location: string[] }[];
    expect(header.map((v) => v.location.join('.'))).toEqual(located);
  });

  it('after the overlay, Prism --errors answers a clean 200 with the fixed values', async () => {
    const res = await fetch(`${fixed.url}${RUNS}`, { headers: auth });
    const text = await res.text();
    expect(res.status, `${text}\n${fixed.output()}`).toBe(200);
    expect(res.headers.get('sl-violations')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text) as Any;
    const attrs = body.data[0].attributes;
    expect(attrs).toMatchObject({
      completed_at: null,
      deleted_at: null,
      duration: 3600.5,
      external_url: 'https://mlflow.example.com/#/experiments/101/runs/42',
      owner_id: '3ad549bf-eba0-11e9-a77a-0705486660d0',
      // Untouched values of the page's example survive.
      name: 'training-run-1',
      status: 'running',
      project_id: 101,
    });
    expect(attrs.metric_summaries).toEqual([
      { count: 100, key: 'accuracy', first_step: 0, last_step: 99, latest: 0.912, max: 0.925, mean: 0.874, min: 0.512, stddev: 0.081 },
    ]);
    expect(body.links).toEqual({
      first: 'https://api.datadoghq.com/api/v2/model-lab-api/runs?page[number]=1&page[size]=25',
      last: 'https://api.datadoghq.com/api/v2/model-lab-api/runs?page[number]=4&page[size]=25',
      next: 'https://api.datadoghq.com/api/v2/model-lab-api/runs?page[number]=2&page[size]=25',
      prev: null,
      self: 'https://api.datadoghq.com/api/v2/model-lab-api/runs?page[number]=1&page[size]=25',
    });
    expect(body.meta.page).toEqual({
      first_number: 1,
      last_number: 4,
      next_number: 2,
      number: 1,
      prev_number: null,
      size: 25,
      total: 100,
      type: 'number_size',
    });
    // Prism served the overlaid example as is.
    expect(body).toEqual(fixedSpec.paths[RUNS].get.responses['200'].content['application/json'].examples.default.value);
    // No placeholder value is left anywhere in it.
    expect(text).not.toMatch(/:"(string|number|integer)"/);
  });

  it('the overlay fails loudly when its target moved upstream', () => {
    const moved = specWithSeedExample();
    moved.paths[`${RUNS}-renamed`] = moved.paths[RUNS];
    delete moved.paths[RUNS];
    expect(() => applyOverlay(moved, fixOverlay, 'fix-examples.yaml')).toThrow(OverlayError);
    expect(() => applyOverlay(moved, fixOverlay, 'fix-examples.yaml')).toThrow(
      /^overlay fix-examples\.yaml action 1: target \$\.paths\['\/api\/v2\/model-lab-api\/runs'\]\S* matched nothing/,
    );
  });
});
