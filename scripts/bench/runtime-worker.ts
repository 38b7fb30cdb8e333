/**
 * Child process of the runtime section: calls per second of one typed GET
 * through the generated client, plain openapi-fetch and bare fetch, with the
 * same fetch underneath (an in-process fake returning a prebuilt JSON body, or
 * the real fetch against a loopback server). Prints one JSON line.
 *
 *   node --expose-gc --import tsx scripts/bench/runtime-worker.ts '<config json>'
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

export interface WorkerConfig {
  mode: 'fake' | 'http';
  baseUrl: string;
  /** Generated package entry (built dist/index.js). */
  clientgenEntry: string;
  /** openapi-fetch's ESM entry (the copy the runtime uses). */
  openapiFetchEntry: string;
  method: string;
  path: string;
  pathParams: Record<string, string | number | boolean>;
  clientOptions: Record<string, string>;
  headers: Record<string, string>;
  payload: string;
  warmupMs: number;
  sampleMs: number;
  samples: number;
  /** Repeat a sample during which other processes used more than this share of the machine (at most `samples` times in all). */
  maxContention: number;
  /** The loopback server's pid: its CPU time is part of the measurement, not contention. */
  serverPid?: number;
}

export interface WorkerResult {
  variants: Record<string, { callsPerSec: number | null; samples: number[]; contention: number[]; error?: string }>;
  /** Samples repeated because other processes disturbed them. */
  discardedSamples: number;
}

/** CPU time (user + system) of process `pid` so far, ms. */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14, 15) in jiffies
  } catch {
    return 0;
  }
}

/** Busy and total jiffies of the machine (/proc/stat), or null off Linux. */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
  } catch {
    return null;
  }
}

type Call = () => Promise<unknown>;

async function main(config: WorkerConfig): Promise<WorkerResult> {
  const contentType = { 'content-type': 'application/json' };
  const fakeFetch = async (_input: unknown, _init?: unknown): Promise<Response> => new Response(config.payload, { status: 200, headers: contentType });
  const fetchImpl = config.mode === 'fake' ? fakeFetch : (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init);

  const { default: createFetchClient } = (await import(pathToFileURL(config.openapiFetchEntry).href)) as {
    default: (options: Record<string, unknown>) => { GET(path: string, init: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown }> };
  };
  const generated = (await import(pathToFileURL(config.clientgenEntry).href)) as {
    createClient(options: Record<string, unknown>): Record<string, (params?: object) => Promise<unknown>>;
  };

  let url = config.baseUrl + config.path;
  for (const [k, v] of Object.entries(config.pathParams)) url = url.replace(`{${k}}`, encodeURIComponent(String(v)));
  const hasParams = Object.keys(config.pathParams).length > 0;

  const bare: Call = async () => {
    const res = await fetchImpl(url, { headers: config.headers });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  };
  const fetchClient = createFetchClient({ baseUrl: config.baseUrl, headers: config.headers, ...(config.mode === 'fake' ? { fetch: fakeFetch } : {}) });
  const viaOpenapiFetch: Call = async () => {
    const { data, error } = await fetchClient.GET(config.path, hasParams ? { params: { path: config.pathParams } } : {});
    if (error !== undefined) throw new Error('error response');
    return data;
  };
  const client = generated.createClient({ baseUrl: config.baseUrl, ...config.clientOptions, ...(config.mode === 'fake' ? { fetch: fakeFetch } : {}) });
  const method = client[config.method]!.bind(client);
  const viaClientgen: Call = () => (hasParams ? method({ ...config.pathParams }) : method());

  const variants: [string, Call][] = [
    ['bare fetch', bare],
    ['openapi-fetch', viaOpenapiFetch],
    ['clientgen', viaClientgen],
  ];
  const result: WorkerResult = { variants: {}, discardedSamples: 0 };
  const gc = (globalThis as { gc?: () => void }).gc;

  const loop = async (call: Call, ms: number): Promise<number> => {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      await call();
      n++;
      now = performance.now();
    }
    return n / ((now - start) / 1000);
  };

  const live: [string, Call][] = [];
  for (const [name, call] of variants) {
    try {
      const first = await call();
      if (first === undefined || first === null) throw new Error('no data returned');
      await loop(call, config.warmupMs);
      live.push([name, call]);
      result.variants[name] = { callsPerSec: null, samples: [], contention: [] };
    } catch (error) {
      result.variants[name] = { callsPerSec: null, samples: [], contention: [], error: String((error as Error)?.message ?? error) };
    }
  }
  for (let s = 0; s < config.samples; s++) {
    // Rotate the order so that no variant always runs right after another's garbage.
    for (let i = 0; i < live.length; i++) {
      const [name, call] = live[(i + s) % live.length]!;
      for (;;) {
        gc?.();
        const before = machineCpu();
        const own = process.cpuUsage();
        const server = processCpuMs(config.serverPid);
        const t0 = performance.now();
        const rate = await loop(call, config.sampleMs);
        const after = machineCpu();
        const used = process.cpuUsage(own);
        const ownMs = (used.user + used.system) / 1000 + processCpuMs(config.serverPid) - server;
        const wall = performance.now() - t0;
        // Others' share of the machine: machine busy time (jiffies = 10 ms) minus ours, over wall × cores.
        const others = before && after ? Math.max(0, ((after.busy - before.busy) * 10 - ownMs) / (wall * cpus().length)) : 0;
        if (others <= config.maxContention || result.discardedSamples >= config.samples) {
          result.variants[name]!.samples.push(rate);
          result.variants[name]!.contention.push(Math.round(others * 100) / 100);
          break;
        }
        result.discardedSamples++;
      }
    }
  }
  for (const v of Object.values(result.variants)) {
    const sorted = [...v.samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    v.callsPerSec = sorted.length ? Math.round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2) : null;
    v.samples = v.samples.map(Math.round);
  }
  return result;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
main(config).then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
