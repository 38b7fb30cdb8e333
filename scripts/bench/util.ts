/**
 * Shared helpers of the benchmark: where things are, running a child process
 * with wall time and peak RSS, statistics.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, lstatSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

/** The monorepo root (scripts/bench/ → ../..). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** Resolves a package the way the generator (openapi-typescript, js-yaml, …) or the runtime (openapi-fetch) sees it. */
export const generatorRequire = createRequire(join(ROOT, 'generator/package.json'));
export const runtimeRequire = createRequire(join(ROOT, 'packages/runtime/package.json'));
export const rootRequire = createRequire(join(ROOT, 'package.json'));

/** Directory of an installed package (its package.json's folder), resolved from `req`. */
export function packageDir(req: NodeJS.Require, name: string): string {
  // Not req.resolve(name): packages whose `exports` have no `require`/main entry (hey-api) cannot be resolved that way.
  for (const base of req.resolve.paths(name) ?? []) {
    if (existsSync(join(base, name, 'package.json'))) return realpathSync(join(base, name));
  }
  throw new Error(`cannot find the package folder of ${name}`);
}

export const TOOLS = {
  clientgenBin: join(ROOT, 'generator/bin/clientgen.js'),
  get openapiTypescriptCli(): string {
    return join(packageDir(generatorRequire, 'openapi-typescript'), 'bin/cli.js');
  },
  /** hey-api's bin/run.js only re-spawns node on dist/run.mjs; run that directly (saves it one node start-up). */
  get heyApiCli(): string {
    return join(packageDir(rootRequire, '@hey-api/openapi-ts'), 'dist/run.mjs');
  },
  get tsc(): string {
    return join(packageDir(rootRequire, 'typescript'), 'lib/tsc.js');
  },
  get tsxLoader(): string {
    return join(packageDir(rootRequire, 'tsx'), 'dist/loader.mjs');
  },
  get openapiFetchDir(): string {
    return packageDir(runtimeRequire, 'openapi-fetch');
  },
};

export function versionOf(req: NodeJS.Require, name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(req, name), 'package.json'), 'utf8')) as { version: string }).version;
}

export interface Measured {
  wallMs: number;
  /** User + system CPU time of the child (and its waited-for descendants), ms. */
  cpuMs: number | null;
  /** Peak resident set size of the child (and its waited-for descendants), MB. */
  peakRssMb: number | null;
  /**
   * Share of the machine's CPU capacity used by *other* processes during the
   * run (machine busy time − the child's CPU time) / (wall × cores): how
   * disturbed the figure is.
   */
  contention: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Busy and total CPU time of the whole machine from /proc/stat, ms. */
export function machineCpu(): { busyMs: number; totalMs: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    return { busyMs: (total - idle) * 10, totalMs: total * 10 }; // USER_HZ = 100
  } catch {
    return null;
  }
}

const CORES = cpus().length;

/** Contention of every measured child process in this bench run. */
export const contentionLog: number[] = [];

/** Fraction of all cores busy over the next `ms`. */
export async function busyFraction(ms = 500): Promise<number | null> {
  const a = machineCpu();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineCpu();
  if (!a || !b || b.totalMs === a.totalMs) return null;
  return (b.busyMs - a.busyMs) / (b.totalMs - a.totalMs);
}

/**
 * Waits (up to `maxMs`) until other processes leave the machine mostly idle
 * (< `threshold` of all cores busy over half a second), so that runs are not
 * measured while something else hogs the CPUs. Returns the last busy fraction.
 */
let lastWaitTimedOut = false;
export async function waitForQuiet(maxMs: number, threshold = 0.25): Promise<number | null> {
  // While the machine stays busy, do not wait the full time before every run.
  const deadline = Date.now() + (lastWaitTimedOut ? Math.min(maxMs, 5000) : maxMs);
  let busy = await busyFraction(maxMs > 0 ? 500 : 100);
  while (busy !== null && busy >= threshold && Date.now() < deadline) busy = await busyFraction(500);
  lastWaitTimedOut = busy !== null && busy >= threshold;
  return busy;
}

let gnuTime: boolean | undefined;
/** Whether `/usr/bin/time` is GNU time (supports `-f %M -o file`). */
export async function hasGnuTime(): Promise<boolean> {
  if (gnuTime !== undefined) return gnuTime;
  if (!existsSync('/usr/bin/time')) return (gnuTime = false);
  const probe = join(tmpdir(), `clientgen-bench-time-${process.pid}`);
  const r = await spawnCollect('/usr/bin/time', ['-f', '%M', '-o', probe, process.execPath, '-e', '0'], {});
  gnuTime = r.code === 0 && existsSync(probe) && /^\d+$/.test(readFileSync(probe, 'utf8').trim().split('\n').pop() ?? '');
  rmSync(probe, { force: true });
  return gnuTime;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill after this many ms (recorded as code null). */
  timeoutMs?: number;
}

function spawnCollect(cmd: string, args: string[], opts: RunOptions, onSpawn?: (pid: number) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // With a time limit the child leads its own process group, so that the kill reaches what it runs (GNU time's child).
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.timeoutMs !== undefined });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }, opts.timeoutMs)
      : undefined;
    if (child.pid !== undefined) onSpawn?.(child.pid);
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs `cmd args` and measures its wall time and peak RSS: with GNU
 * `/usr/bin/time -f %M` when present (the RSS high-water mark the kernel
 * keeps for the child), else by polling `/proc/<pid>/status` VmHWM.
 */
export async function measure(cmd: string, args: string[], opts: RunOptions = {}): Promise<Measured> {
  const cpuBefore = machineCpu();
  const contention = (wallMs: number, cpuMs: number | null): number | null => {
    const after = machineCpu();
    if (!cpuBefore || !after || cpuMs === null || wallMs <= 0) return null;
    return Math.max(0, (after.busyMs - cpuBefore.busyMs - cpuMs) / (wallMs * CORES));
  };
  if (await hasGnuTime()) {
    const out = join(tmpdir(), `clientgen-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const started = performance.now();
    const r = await spawnCollect('/usr/bin/time', ['-f', '%U %S %M', '-o', out, cmd, ...args], opts);
    const wallMs = performance.now() - started;
    let peakRssMb: number | null = null;
    let cpuMs: number | null = null;
    if (existsSync(out)) {
      // GNU time writes "Command exited with non-zero status N" before the figures on failure.
      const m = /^([\d.]+) ([\d.]+) (\d+)$/.exec(readFileSync(out, 'utf8').trim().split('\n').pop() ?? '');
      if (m) {
        cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
        peakRssMb = Number(m[3]) / 1024;
      }
      rmSync(out, { force: true });
    }
    const c = contention(wallMs, cpuMs);
    if (c !== null) contentionLog.push(c);
    return { wallMs, cpuMs, peakRssMb, contention: c, ...r };
  }
  let hwmKb = 0;
  let poll: NodeJS.Timeout | undefined;
  const started = performance.now();
  const r = await spawnCollect(cmd, args, opts, (pid) => {
    poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
      } catch {
        /* exited */
      }
    }, 10);
  });
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  return { wallMs, cpuMs: null, peakRssMb: hwmKb ? hwmKb / 1024 : null, contention: null, ...r };
}

/** Runs a command, failing with its output when it exits non-zero. */
export async function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<{ stdout: string; stderr: string }> {
  const r = await spawnCollect(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${[cmd, ...args].join(' ')} exited with ${r.code}\n${tail(r.stderr || r.stdout, 20)}`);
  return r;
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** First line that looks like an error message, for reports. */
export function errorLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = clean.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /error|✘|cannot|can't|failed/i.test(l)) ?? lines[0] ?? '').slice(0, 300);
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function medianOrNull(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? median(v) : null;
}

export function round(n: number | null | undefined, digits = 1): number | null {
  if (n === null || n === undefined || !Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function freshDir(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Creates/replaces a symlink `link` → `target` (directories). */
export function link(target: string, linkPath: string): void {
  mkdirSync(dirname(linkPath), { recursive: true });
  try {
    lstatSync(linkPath);
    unlinkSync(linkPath);
  } catch {
    /* absent */
  }
  symlinkSync(target, linkPath, 'dir');
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Times an async step of the bench itself. */
export async function timed<T>(timings: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round(performance.now() - started);
  }
}
