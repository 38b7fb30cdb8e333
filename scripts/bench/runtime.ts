/**
 * 5. Runtime overhead: calls/s of one typed GET through the generated client
 * vs plain openapi-fetch vs bare fetch (runtime-worker.ts), with an
 * in-process fake fetch and against a loopback node:http server.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchContext } from './context.js';
import type { ConsumerSetup } from './prepare.js';
import type { WorkerConfig, WorkerResult } from './runtime-worker.js';
import { ROOT, TOOLS, errorLine, run, waitForQuiet } from './util.js';

export interface RuntimeResult {
  operation: string;
  discardedSamples: { fake: number; http: number };
  payloadBytes: number;
  sampleMs: number;
  fake: WorkerResult['variants'] | { error: string };
  http: WorkerResult['variants'] | { error: string };
}

const WORKER = join(ROOT, 'scripts/bench/runtime-worker.ts');
const SERVER = join(ROOT, 'scripts/bench/http-server.ts');

/** A response body of a realistic size (~1 kB) containing the property the consumer reads. */
function payload(property: string | undefined, array: boolean): string {
  const item: Record<string, unknown> = {
    id: 1234567,
    name: 'Bench monitor',
    type: 'metric alert',
    query: 'avg(last_5m):avg:system.cpu.user{env:prod} by {host} > 90',
    message: 'CPU is high on {{host.name}}. @pagerduty-oncall',
    tags: ['env:prod', 'team:platform', 'service:api'],
    options: { thresholds: { critical: 90, warning: 80 }, notify_no_data: false, renotify_interval: 0, include_tags: true },
    overall_state: 'OK',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-06-01T00:00:00.000Z',
    creator: { email: 'bench@example.com', handle: 'bench@example.com', name: 'Bench' },
    state: { groups: { 'host:a': { status: 'OK', last_triggered_ts: 1700000000 }, 'host:b': { status: 'OK', last_triggered_ts: 1700000001 } } },
  };
  if (property && !(property in item)) item[property] = 'bench';
  return JSON.stringify(array ? [item] : item);
}

async function startServer(body: string): Promise<{ url: string; pid: number | undefined; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, body], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`loopback server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () => {
      child.stdin.end();
      if (child.pid !== undefined) setTimeout(() => child.kill('SIGTERM'), 1000).unref();
    },
  };
}

export async function benchRuntime(ctx: BenchContext, setup: ConsumerSetup): Promise<RuntimeResult> {
  const op = ctx.operations[0];
  if (!op) throw new Error('no operation to call');
  const method = setup.clientgenMethods[op.operationId];
  if (!method) throw new Error(`${op.operationId} not found in the generated client`);
  const body = payload(op.property, op.array);
  const sampleMs = ctx.quick ? 100 : 1000;
  const base: Omit<WorkerConfig, 'mode' | 'baseUrl'> = {
    clientgenEntry: join(setup.outputs.clientgenDir, 'dist/index.js'),
    openapiFetchEntry: join(TOOLS.openapiFetchDir, 'dist/index.mjs'),
    method,
    path: op.path,
    pathParams: Object.fromEntries(op.pathParams.map((p) => [p.name, p.value])),
    clientOptions: setup.credentials.options,
    headers: setup.credentials.headers,
    payload: body,
    warmupMs: ctx.quick ? 50 : 500,
    sampleMs,
    samples: ctx.runs,
    maxContention: ctx.maxContention,
  };
  const discardedSamples = { fake: 0, http: 0 };
  const work = async (config: WorkerConfig): Promise<RuntimeResult['fake']> => {
    if (ctx.quietMs > 0) await waitForQuiet(ctx.quietMs);
    try {
      const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', WORKER, JSON.stringify(config)], { cwd: ROOT, timeoutMs: 600_000 });
      const r = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as WorkerResult;
      discardedSamples[config.mode] = r.discardedSamples;
      return r.variants;
    } catch (error) {
      return { error: errorLine((error as Error).message) };
    }
  };
  ctx.log(`runtime: ${op.operationId} (${method}) in-process fake fetch, ${ctx.runs} × ${sampleMs} ms per variant`);
  const fake = await work({ ...base, mode: 'fake', baseUrl: 'https://api.example.test' });
  ctx.log('runtime: loopback node:http server');
  let http: RuntimeResult['http'];
  const server = await startServer(body).catch((error: Error) => error);
  if (server instanceof Error) http = { error: server.message };
  else {
    try {
      http = await work({ ...base, mode: 'http', baseUrl: server.url, ...(server.pid !== undefined ? { serverPid: server.pid } : {}) });
    } finally {
      server.stop();
    }
  }
  return { operation: `${op.operationId} (GET ${op.path})`, discardedSamples, payloadBytes: Buffer.byteLength(body), sampleMs, fake, http };
}
