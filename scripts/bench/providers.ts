/**
 * 3. Three providers: `clientgen generate-all` (what `pnpm generate` runs) in
 * a temporary copy of the workspace, cold (no packages/<provider>) and again
 * with nothing changed.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { measureJobs, summarize, type BenchContext, type Summary } from './context.js';
import { ROOT, link } from './util.js';

export interface ProvidersResult {
  providers: string[];
  cold: Summary;
  noop: Summary;
  /** After a no-op run: files whose content changed, and files rewritten (mtime changed) with the same content. */
  noopChangedFiles: number;
  noopRewrittenFiles: number;
  generatedFiles: number;
}

function snapshot(dir: string): Map<string, { hash: string; mtimeMs: number }> {
  const out = new Map<string, { hash: string; mtimeMs: number }>();
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(dir, full), { hash: createHash('sha1').update(readFileSync(full)).digest('hex'), mtimeMs: statSync(full).mtimeMs });
    }
  };
  walk(dir);
  return out;
}

/** A workspace with the generator, the specs and the runtime's package.json, and no generated packages. */
export function copyWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'clientgen-bench-ws-'));
  for (const f of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', 'tsconfig.base.json']) if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(ws, f));
  cpSync(join(ROOT, 'specs'), join(ws, 'specs'), { recursive: true });
  for (const f of ['bin', 'src', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, 'generator', f), join(ws, 'generator', f), { recursive: true });
  link(join(ROOT, 'generator/node_modules'), join(ws, 'generator/node_modules'));
  mkdirSync(join(ws, 'packages/runtime'), { recursive: true });
  cpSync(join(ROOT, 'packages/runtime/package.json'), join(ws, 'packages/runtime/package.json'));
  return ws;
}

export async function benchProviders(ctx: BenchContext): Promise<ProvidersResult> {
  const ws = copyWorkspace();
  try {
    const providers = readdirSync(join(ws, 'specs')).filter((p) => existsSync(join(ws, 'specs', p, 'openapi.yaml'))).sort();
    const packages = join(ws, 'packages');
    // Cold: no packages and no no-op cache (generate-all keeps it in node_modules/.cache/clientgen).
    const clean = () => {
      for (const p of providers) rmSync(join(packages, p), { recursive: true, force: true });
      rmSync(join(ws, 'node_modules/.cache'), { recursive: true, force: true });
    };
    const cmd = { cmd: process.execPath, args: [join(ws, 'generator/bin/clientgen.js'), 'generate-all'], opts: { cwd: ws } };
    let before: ReturnType<typeof snapshot> | undefined;
    let changed = 0;
    let rewritten = 0;
    ctx.log(`providers: generate-all (${providers.join(', ')}) cold, then no-op × ${ctx.runs}${ctx.warmup ? ' (+ warm-up)' : ''}`);
    const series = await measureJobs(ctx, [
      { name: 'cold', ...cmd, before: clean },
      {
        name: 'noop',
        ...cmd,
        before: () => {
          before = snapshot(packages);
        },
        check: () => {
          const after = snapshot(packages);
          for (const [f, a] of after) {
            const b = before?.get(f);
            if (!b || b.hash !== a.hash) changed++;
            else if (b.mtimeMs !== a.mtimeMs) rewritten++;
          }
          return undefined;
        },
      },
    ]);
    const rounds = series.noop!.wallMs.length + (ctx.warmup ? 1 : 0) || 1;
    return {
      providers,
      cold: summarize(series.cold!),
      noop: summarize(series.noop!),
      noopChangedFiles: Math.round(changed / rounds),
      noopRewrittenFiles: Math.round(rewritten / rounds),
      generatedFiles: snapshot(packages).size,
    };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}
