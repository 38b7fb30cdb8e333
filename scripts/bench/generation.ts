/**
 * 1. Generation: `clientgen generate` end to end vs openapi-typescript (types
 * only) vs @hey-api/openapi-ts (fetch client + SDK), each a child process.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { measureJobs, summarize, type BenchContext, type Job, type Summary } from './context.js';
import { TOOLS, errorLine, freshDir, measure } from './util.js';

export interface GenerationOutputs {
  clientgenDir: string;
  /** openapi-typescript output, as its docs suggest (`-o schema.d.ts`). */
  openapiTypescriptFile: string;
  heyApiDir: string;
}

export interface GenerationResult {
  tools: Record<string, Summary & { outputBytes?: number }>;
  /** Each tool run once on the spec as given (with its missing externalValue files). */
  rawSpec?: Record<string, { ok: boolean; error?: string }>;
  outputs: GenerationOutputs;
}

function dirBytes(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, e) => (e === 'node_modules' || e === 'dist' ? n : n + dirBytes(join(path, e))), 0);
}

export function generationJobs(ctx: BenchContext, spec: string, out: string, includeHeyApi: boolean): { jobs: Job[]; outputs: GenerationOutputs } {
  const outputs: GenerationOutputs = {
    clientgenDir: join(out, 'clientgen'),
    openapiTypescriptFile: join(out, 'openapi-typescript', 'schema.d.ts'),
    heyApiDir: join(out, 'hey-api'),
  };
  const jobs: Job[] = [
    {
      name: 'clientgen',
      cmd: process.execPath,
      args: [TOOLS.clientgenBin, 'generate', '--spec', spec, '--out', outputs.clientgenDir, '--name', ctx.packageName],
      before: () => rmSync(outputs.clientgenDir, { recursive: true, force: true }),
      check: () => (existsSync(join(outputs.clientgenDir, 'src/client.ts')) ? undefined : 'no src/client.ts written'),
    },
    {
      name: 'openapi-typescript',
      cmd: process.execPath,
      args: [TOOLS.openapiTypescriptCli, spec, '-o', outputs.openapiTypescriptFile],
      before: () => freshDir(join(out, 'openapi-typescript')),
      check: () => (existsSync(outputs.openapiTypescriptFile) ? undefined : 'no output written'),
    },
  ];
  if (includeHeyApi) {
    jobs.push({
      name: 'hey-api',
      cmd: process.execPath,
      args: [TOOLS.heyApiCli, '-i', spec, '-o', outputs.heyApiDir, '-c', '@hey-api/client-fetch', '--no-log-file'],
      ...(ctx.heyApiTimeoutMs ? { opts: { timeoutMs: ctx.heyApiTimeoutMs } } : {}),
      before: () => rmSync(outputs.heyApiDir, { recursive: true, force: true }),
      check: () => (existsSync(join(outputs.heyApiDir, 'sdk.gen.ts')) ? undefined : 'no sdk.gen.ts written'),
    });
  }
  return { jobs, outputs };
}

export async function benchGeneration(ctx: BenchContext): Promise<GenerationResult> {
  const out = freshDir(join(ctx.work, 'gen'));
  const { jobs, outputs } = generationJobs(ctx, ctx.spec.file, out, !ctx.skip.has('hey-api'));
  ctx.log(`generation: ${jobs.map((j) => j.name).join(', ')} × ${ctx.runs}${ctx.warmup ? ' (+ warm-up)' : ''}`);
  const series = await measureJobs(ctx, jobs);
  const tools: GenerationResult['tools'] = {};
  for (const job of jobs) {
    const s = summarize(series[job.name]!);
    const path = job.name === 'clientgen' ? outputs.clientgenDir : job.name === 'hey-api' ? outputs.heyApiDir : outputs.openapiTypescriptFile;
    tools[job.name] = { ...s, outputBytes: dirBytes(path) };
  }

  let rawSpec: GenerationResult['rawSpec'];
  if (!ctx.quick && ctx.spec.droppedExternalValues.length > 0) {
    ctx.log('generation: each tool once on the spec as given (missing externalValue files)');
    rawSpec = {};
    const rawOut = freshDir(join(ctx.work, 'gen-raw'));
    for (const job of generationJobs(ctx, ctx.spec.original, rawOut, !ctx.skip.has('hey-api')).jobs) {
      job.before?.();
      const m = await measure(job.cmd, job.args, job.opts);
      const problem = m.code !== 0 ? errorLine(m.stderr || m.stdout) : job.check?.(m);
      rawSpec[job.name] = problem ? { ok: false, error: problem } : { ok: true };
      ctx.log(`  ${job.name}: ${problem ? `fails: ${problem}` : 'ok'}`);
    }
    rmSync(rawOut, { recursive: true, force: true });
  }
  return { tools, ...(rawSpec ? { rawSpec } : {}), outputs };
}
