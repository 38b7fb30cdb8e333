/**
 * Child process of the runtime section: calls per second of one typed GET
 * through the generated client, plain openapi-fetch and bare fetch, with the
 * same fetch underneath (an in-process fake returning a prebuilt JSON body, or
 * the real fetch against a loopback server). Prints one JSON line.
 *
 *   node --expose-gc --import tsx scripts/bench/runtime-worker.ts '<config json>'
 */
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
}

export interface WorkerResult {
  variants: Record<string, { callsPerSec: number | null; samples: number[]; error?: string }>;
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
  const result: WorkerResult = { variants: {} };
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
      result.variants[name] = { callsPerSec: null, samples: [] };
    } catch (error) {
      result.variants[name] = { callsPerSec: null, samples: [], error: String((error as Error)?.message ?? error) };
    }
  }
  for (let s = 0; s < config.samples; s++) {
    // Rotate the order so that no variant always runs right after another's garbage.
    for (let i = 0; i < live.length; i++) {
      const [name, call] = live[(i + s) % live.length]!;
      gc?.();
      result.variants[name]!.samples.push(await loop(call, config.sampleMs));
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
