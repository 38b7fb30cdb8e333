/**
 * Fuzz the generator: random valid OpenAPI documents with hostile names and
 * texts → generate → type-check (one TypeScript program per batch) → import
 * and call every method against a loopback server. The same property as
 * test/generator/fuzz.test.ts, for longer runs.
 *
 *   node_modules/.bin/tsx scripts/fuzz.ts [--runs 200] [--batch 20] [--seed <n>] [--keep]
 *
 * Each batch uses seed + batch index, so a failing batch can be re-run alone
 * (`--seed <printed seed> --runs <batch size>`). With --keep (or on failure)
 * the scratch directory with the specs and packages is kept. Exit 1 when any
 * document fails. Needs a built runtime (packages/runtime/dist).
 */
import fc from 'fast-check';
import { openApiDocument } from '../test/generator/support/arbitrary.js';
import { checkDocuments, formatFailures } from '../test/generator/support/check-documents.js';
import { makeWorkdir, removeWorkdir } from '../test/generator/support/packages.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const runs = Number(flag('runs') ?? 100);
const batch = Number(flag('batch') ?? 20);
const seed = Number(flag('seed') ?? Date.now() % 2 ** 31);
const keep = process.argv.includes('--keep');
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(batch) || batch < 1 || !Number.isInteger(seed)) {
  process.stderr.write('usage: tsx scripts/fuzz.ts [--runs N] [--batch N] [--seed N] [--keep]\n');
  process.exit(2);
}

let failed = 0;
const started = Date.now();
for (let b = 0, done = 0; done < runs; b++) {
  const size = Math.min(batch, runs - done);
  const batchSeed = seed + b;
  const docs = fc.sample(openApiDocument, { numRuns: size, seed: batchSeed });
  const workdir = makeWorkdir('fuzz');
  const failures = await checkDocuments(workdir, docs);
  done += size;
  if (failures.length) {
    failed += failures.length;
    process.stdout.write(`batch ${b} (seed ${batchSeed}, ${size} documents): ${failures.length} failing, kept in ${workdir}\n${formatFailures(failures)}\n\n`);
  } else {
    process.stdout.write(`batch ${b} (seed ${batchSeed}): ${size} documents ok (${done}/${runs}, ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    if (!keep) removeWorkdir(workdir);
    else process.stdout.write(`  kept ${workdir}\n`);
  }
}
process.stdout.write(`${runs} documents, ${failed} failing, seed ${seed}\n`);
process.exitCode = failed ? 1 : 0;
