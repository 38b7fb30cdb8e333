/**
 * Shared helpers of the benchmark: where things are, running a child process
 * with wall time and peak RSS, statistics.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, lstatSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
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
  /** Peak resident set size of the child (and its waited-for descendants), MB. */
  peakRssMb: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

let gnuTime: boolean | undefined;
/** Whether `/usr/bin/time` is GNU time (supports `-f %M -o file`). */
export async function hasGnuTime(): Promise<boolean> {
  if (gnuTime !== undefined) return gnuTime;
  if (!existsSync('/usr/bin/time')) return (gnuTime = false);
  const probe = join(tmpdir(), `clientgen-bench-time-${process.pid}`);
  const r = await spawnCollect('/usr/bin/time', ['-f', '%M', '-o', probe, process.execPath, '-e', '0'], {});
  gnuTime = r.code === 0 && existsSync(probe) && /^\d+\s*$/.test(readFileSync(probe, 'utf8').trim().split('\n').pop() ?? '');
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
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
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
  if (await hasGnuTime()) {
    const out = join(tmpdir(), `clientgen-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const started = performance.now();
    const r = await spawnCollect('/usr/bin/time', ['-f', '%M', '-o', out, cmd, ...args], opts);
    const wallMs = performance.now() - started;
    let peakRssMb: number | null = null;
    if (existsSync(out)) {
      // GNU time writes "Command exited with non-zero status N" before the figure on failure.
      const last = readFileSync(out, 'utf8').trim().split('\n').pop() ?? '';
      if (/^\d+$/.test(last)) peakRssMb = Number(last) / 1024;
      rmSync(out, { force: true });
    }
    return { wallMs, peakRssMb, ...r };
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
  return { wallMs, peakRssMb: hwmKb ? hwmKb / 1024 : null, ...r };
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
