/**
 * A corpus worker process (forked by pool.ts): checks one batch of specs per
 * message with `checkSpecs`, answers with the results and its peak RSS so far.
 */
import { checkSpecs, prepareWorkdir, type CheckResult, type SpecJob, type Tool } from './check.js';

export interface Job {
  key: number;
  tool: Tool;
  specs: SpecJob[];
  keep?: boolean;
}

export interface JobDone {
  key: number;
  results: CheckResult[];
  /** Peak resident set size of this worker so far, bytes. */
  maxRss: number;
  /** CPU time (user + system) the batch took, ms: unlike wall time, not inflated by a busy machine. */
  cpuMs: number;
}

const workdir = process.argv[2];
if (!workdir) throw new Error('usage: worker.ts <workdir>');
prepareWorkdir(workdir);

process.on('message', (job: Job) => {
  const cpu = process.cpuUsage();
  void checkSpecs(job.tool, job.specs, workdir, job.keep)
    .catch((error: unknown): CheckResult[] => job.specs.map(() => ({ status: 'crash', reason: String((error as Error)?.stack ?? error).split('\n')[0], generateMs: 0, typecheckMs: 0 })))
    .then((results) => process.send!({ key: job.key, results, maxRss: process.resourceUsage().maxRSS * 1024, cpuMs: cpuMs(process.cpuUsage(cpu)) } satisfies JobDone));
});
process.send!({ ready: true });

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
