/** 2. Scaling: clientgen on the spec replicated 1×, 2×, 4×, 8×. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { measureJobs, summarize, type BenchContext, type Job, type Summary } from './context.js';
import { countOperations, loadSpecObject, replicate, writeYaml } from './spec.js';
import { TOOLS, freshDir, round } from './util.js';

export interface ScalingPoint extends Summary {
  factor: number;
  specBytes: number;
  operations: number;
  /** wall(N×) / wall(1×) and peakRss(N×) / peakRss(1×). */
  timeGrowth: number | null;
  rssGrowth: number | null;
}

export async function benchScaling(ctx: BenchContext, factors: number[]): Promise<ScalingPoint[]> {
  const dir = freshDir(join(ctx.work, 'scale'));
  const doc = await loadSpecObject(ctx.spec.file);
  const inputs: { factor: number; file: string; bytes: number; operations: number }[] = [];
  for (const factor of factors) {
    const copy = replicate(doc, factor);
    const file = join(dir, `spec-x${factor}.yaml`);
    const bytes = await writeYaml(file, copy);
    inputs.push({ factor, file, bytes, operations: countOperations(copy) });
    ctx.log(`scaling: wrote ${factor}× (${(bytes / 1e6).toFixed(1)} MB, ${countOperations(copy)} operations)`);
  }
  const jobs: Job[] = inputs.map(({ factor, file }) => {
    const out = join(dir, `out-x${factor}`);
    return {
      name: `${factor}x`,
      cmd: process.execPath,
      args: [TOOLS.clientgenBin, 'generate', '--spec', file, '--out', out, '--name', ctx.packageName],
      before: () => rmSync(out, { recursive: true, force: true }),
    };
  });
  const series = await measureJobs(ctx, jobs);
  const points = inputs.map(({ factor, bytes, operations }) => ({ factor, specBytes: bytes, operations, ...summarize(series[`${factor}x`]!) }));
  const base = points[0];
  const result = points.map((p) => ({
    ...p,
    timeGrowth: base?.wallMs && p.wallMs ? round(p.wallMs / base.wallMs, 2) : null,
    rssGrowth: base?.peakRssMb && p.peakRssMb ? round(p.peakRssMb / base.peakRssMb, 2) : null,
  }));
  for (const { factor } of inputs) rmSync(join(dir, `out-x${factor}`), { recursive: true, force: true });
  return result;
}
