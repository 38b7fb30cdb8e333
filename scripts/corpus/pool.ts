/**
 * Worker processes for the corpus: one batch of specs (one tool) at a time
 * each, a time limit per batch (the worker is killed and replaced; a batch
 * of several specs is retried one spec at a time, and a single spec over the
 * limit is reported as `timeout`), a heap limit per worker (an out-of-memory
 * death is a `crash`), and lowered CPU priority so a long run leaves the
 * machine usable.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { CheckResult, SpecJob, Tool } from './check.js';
import { repoRoot } from './fetch.js';
import type { Job, JobDone } from './worker.js';

export interface PoolOptions {
  workers: number;
  /** Per batch, and so per spec. */
  timeoutMs: number;
  /** V8 heap limit per worker, MB. */
  heapMb: number;
  /** Scratch folder; each worker generates under `<workdir>/w<n>`. */
  workdir: string;
  /** A fresh worker for every spec, one spec per batch (peak RSS per spec). */
  fresh?: boolean;
  /** Specs per type-check program (default 8); specs over `batchBytes` always go alone. */
  batch?: number;
  batchBytes?: number;
  keep?: boolean;
  /** Niceness of the workers (default 10: a long run yields to interactive work). */
  nice?: number;
}

export interface Unit extends SpecJob {
  tool: Tool;
}

export interface Done {
  unit: Unit;
  result: CheckResult;
  /** Peak RSS of the worker that ran it, bytes (of this spec alone with `fresh`). */
  maxRss: number;
  /** Wall time of its batch, divided among the batch's specs. */
  wallMs: number;
  /** CPU time of its batch, divided likewise. */
  cpuMs: number;
}

interface Outcome {
  alive: boolean;
  results?: CheckResult[];
  /** Why there are no results. */
  failure?: CheckResult;
  maxRss: number;
  cpuMs: number;
}

export async function runUnits(units: Unit[], options: PoolOptions, onDone: (done: Done) => void = () => {}): Promise<Done[]> {
  const results: Done[] = new Array(units.length);
  const queue = batches(units, options);
  let serial = 0;
  let key = 0;
  mkdirSync(options.workdir, { recursive: true });

  const startWorker = (): Promise<ChildProcess> => {
    const dir = join(options.workdir, `w${serial++}`);
    const child = fork(join(repoRoot, 'scripts/corpus/worker.ts'), [dir], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx', `--max-old-space-size=${options.heapMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr!.resume();
    try {
      if (child.pid) setPriority(child.pid, options.nice ?? 10);
    } catch {
      // Not allowed here: run at normal priority.
    }
    return new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`corpus worker exited with ${code} before it was ready`)));
    }).then(() => {
      child.removeAllListeners('exit');
      child.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      return child;
    });
  };

  /** Runs one batch; `undefined` results when the worker died or timed out. */
  const runOn = (child: ChildProcess, indexes: number[]): Promise<Outcome> => {
    const k = key++;
    const first = units[indexes[0]!]!;
    const job: Job = { key: k, tool: first.tool, specs: indexes.map((i) => ({ file: units[i]!.file, slug: units[i]!.slug })), ...(options.keep ? { keep: true } : {}) };
    return new Promise((resolve) => {
      const finish = (outcome: Outcome) => {
        clearTimeout(timer);
        child.removeListener('message', onMessage);
        child.removeListener('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (message: JobDone) => {
        if (message.key === k) finish({ alive: true, results: message.results, maxRss: message.maxRss, cpuMs: message.cpuMs });
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish({ alive: false, maxRss: 0, cpuMs: 0, failure: { status: 'crash', reason: `worker died (${signal ?? `exit ${code}`}${code === 134 || signal === 'SIGABRT' ? ', out of memory' : ''})`, generateMs: 0, typecheckMs: 0 } });
      const timer = setTimeout(() => {
        child.removeListener('exit', onExit);
        child.kill('SIGKILL');
        finish({ alive: false, maxRss: 0, cpuMs: 0, failure: { status: 'timeout', reason: `over ${options.timeoutMs / 1000} s`, generateMs: 0, typecheckMs: 0 } });
      }, options.timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(job);
    });
  };

  const lane = async () => {
    let child: ChildProcess | undefined;
    for (let indexes = queue.shift(); indexes; indexes = queue.shift()) {
      child ??= await startWorker();
      const started = performance.now();
      const outcome = await runOn(child, indexes);
      const wallMs = (performance.now() - started) / indexes.length;
      if (!outcome.alive) child = undefined;
      if (!outcome.results && indexes.length > 1) {
        queue.unshift(...indexes.map((i) => [i]));
        continue;
      }
      indexes.forEach((i, n) => {
        results[i] = { unit: units[i]!, result: outcome.results?.[n] ?? outcome.failure!, maxRss: outcome.maxRss, wallMs, cpuMs: outcome.cpuMs / indexes.length };
        onDone(results[i]!);
      });
      if (options.fresh && child) {
        child.kill();
        child = undefined;
      }
    }
    child?.kill();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers, units.length)) }, lane));
  return results;
}

/** Small specs of one tool grouped into batches, in order; big ones alone. */
function batches(units: Unit[], options: PoolOptions): number[][] {
  const size = options.fresh ? 1 : (options.batch ?? 8);
  const limit = options.batchBytes ?? 150_000;
  const open = new Map<Tool, number[]>();
  const out: number[][] = [];
  units.forEach((unit, i) => {
    if (size === 1 || statSync(unit.file).size > limit) {
      out.push([i]);
      return;
    }
    const current = open.get(unit.tool) ?? [];
    current.push(i);
    if (current.length >= size) {
      out.push(current);
      open.delete(unit.tool);
    } else open.set(unit.tool, current);
  });
  out.push(...open.values());
  return out;
}
