/** What every section of the bench gets, and how it reports figures. */
import type { BenchOperation, PreparedSpec } from './spec.js';
import { errorLine, measure, median, medianOrNull, round, waitForQuiet, type Measured, type RunOptions } from './util.js';

/** Below this share of all cores busy, the machine counts as quiet. */
const QUIET = 0.25;

export interface BenchContext {
  runs: number;
  quick: boolean;
  /** One discarded run before the measured ones. */
  warmup: boolean;
  /** Scratch directory (generated code, consumers, replicas). */
  work: string;
  spec: PreparedSpec;
  /** npm name given to the generated package. */
  packageName: string;
  operations: BenchOperation[];
  skip: Set<string>;
  /** Before each measured run, wait up to this long for other processes to leave the CPUs idle. */
  quietMs: number;
  /**
   * A measured run during which other processes used more than this share of
   * the machine is repeated (at most `runs` extra times per job) instead of
   * counted; 1 disables.
   */
  maxContention: number;
  /** Kill hey-api's generation after this long (it takes minutes on the largest specs); none by default. */
  heyApiTimeoutMs?: number;
  log: (message: string) => void;
}

/** Samples of one measured command. */
export interface Series {
  wallMs: number[];
  cpuMs: (number | null)[];
  peakRssMb: (number | null)[];
  contention: (number | null)[];
  /** Runs thrown away because other processes disturbed them. */
  discarded: number;
  error?: string;
}

export interface Summary {
  /** Median wall time. */
  wallMs: number | null;
  /** Median user + system CPU time of the child. */
  cpuMs: number | null;
  peakRssMb: number | null;
  /** Median share of the machine used by other processes during the runs (0–1). */
  contention: number | null;
  samples: number;
  wallMsRuns: number[];
  /** Runs repeated because others used > maxContention of the machine meanwhile. */
  discardedRuns: number;
  error?: string;
}

export function summarize(s: Series): Summary {
  return {
    wallMs: s.wallMs.length ? round(median(s.wallMs), 0) : null,
    cpuMs: round(medianOrNull(s.cpuMs), 0),
    peakRssMb: round(medianOrNull(s.peakRssMb), 0),
    contention: round(medianOrNull(s.contention), 2),
    samples: s.wallMs.length,
    wallMsRuns: s.wallMs.map((v) => Math.round(v)),
    discardedRuns: s.discarded,
    ...(s.error ? { error: s.error } : {}),
  };
}

export interface Job {
  name: string;
  cmd: string;
  args: string[];
  opts?: RunOptions;
  /** Called before each run, untimed (e.g. empty the output folder). */
  before?: () => void;
  /** Checks a run's result; return an error message to mark the job failed. */
  check?: (m: Measured) => string | undefined;
  /** Sees every successful run's result (`warm`: the discarded warm-up run). */
  onResult?: (m: Measured, warm: boolean) => void;
}

/**
 * Runs the jobs round-robin (job A, B, C, A, B, C, …) so that drift in the
 * machine's state spreads over all of them: one warm-up round, then
 * `runs` measured rounds. A job that fails is not run again.
 */
export async function measureJobs(ctx: BenchContext, jobs: Job[], runs = ctx.runs): Promise<Record<string, Series>> {
  const series: Record<string, Series> = Object.fromEntries(jobs.map((j) => [j.name, { wallMs: [], cpuMs: [], peakRssMb: [], contention: [], discarded: 0 }]));
  const rounds = runs + (ctx.warmup ? 1 : 0);
  for (let r = 0; r < rounds; r++) {
    const warm = ctx.warmup && r === 0;
    for (const job of jobs) {
      const s = series[job.name]!;
      if (s.error) continue;
      let m: Measured;
      for (;;) {
        job.before?.();
        let quiet = true;
        if (!warm && ctx.quietMs > 0) {
          const busy = await waitForQuiet(ctx.quietMs);
          quiet = busy === null || busy < QUIET;
          if (!quiet) ctx.log(`  (machine ${Math.round(busy! * 100)}% busy with other work; measuring anyway)`);
        }
        m = await measure(job.cmd, job.args, job.opts);
        // Repeat a run that something else disturbed after a quiet start; when the
        // machine is busy all along, repeating would not help: keep it, flagged by its contention.
        if (warm || !quiet || m.code !== 0 || m.contention === null || m.contention <= ctx.maxContention || s.discarded >= runs) break;
        s.discarded++;
        ctx.log(`  ${job.name}: run disturbed (others used ${Math.round(m.contention * 100)}% of the machine), repeating`);
      }
      const killed = m.code === null && job.opts?.timeoutMs !== undefined ? `killed after ${Math.round(job.opts.timeoutMs / 1000)} s` : undefined;
      const problem = killed ?? (m.code !== 0 ? `exit ${m.code}: ${errorLine(m.stderr || m.stdout)}` : job.check?.(m));
      if (problem) {
        s.error = problem;
        ctx.log(`  ${job.name}: FAILED (${problem})`);
        continue;
      }
      job.onResult?.(m, warm);
      const others = m.contention === null ? '' : `, others ${Math.round(m.contention * 100)}%`;
      ctx.log(`  ${job.name}${warm ? ' (warm-up)' : ` run ${ctx.warmup ? r : r + 1}/${runs}`}: ${Math.round(m.wallMs)} ms wall, ${m.cpuMs === null ? '?' : Math.round(m.cpuMs)} ms CPU, ${m.peakRssMb?.toFixed(0) ?? '?'} MB${others}`);
      if (warm) continue;
      s.wallMs.push(m.wallMs);
      s.cpuMs.push(m.cpuMs);
      s.peakRssMb.push(m.peakRssMb);
      s.contention.push(m.contention);
    }
  }
  return series;
}
