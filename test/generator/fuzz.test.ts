/**
 * Fuzzing, bounded for the test command: random valid OpenAPI documents
 * (hostile names and texts, nested schemas with $refs, random parameter
 * sets, every body kind; see support/arbitrary.ts) must generate, type-check
 * (one TypeScript program for the whole batch) and import cleanly, with
 * every method callable and nothing from the spec executed. Longer runs:
 * `node_modules/.bin/tsx scripts/fuzz.ts --runs 500`. A failure prints the
 * seed and keeps the specs: re-run with FUZZ_SEED=<seed>.
 */
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { openApiDocument } from './support/arbitrary.js';
import { checkDocuments, formatFailures } from './support/check-documents.js';
import { makeWorkdir, removeWorkdir } from './support/packages.js';

const RUNS = 20;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
let workdir: string | undefined;
let failed = false;
afterAll(() => {
  if (!failed) removeWorkdir(workdir);
});

it(`${RUNS} random OpenAPI documents generate, type-check and import cleanly (seed ${seed})`, async () => {
  const docs = fc.sample(openApiDocument, { numRuns: RUNS, seed });
  workdir = makeWorkdir('fuzz');
  const failures = await checkDocuments(workdir, docs);
  failed = failures.length > 0;
  expect(failures, `seed ${seed}; specs kept in ${workdir}/specs\n${formatFailures(failures)}`).toEqual([]);
}, 90_000);
