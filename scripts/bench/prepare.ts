/**
 * What the consumer-side sections (type-check, runtime, bundle) need: the
 * runtime's dist, the generated package built like it is published, package
 * links in `<work>/node_modules`, and the names each tool gave the operations.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext } from './context.js';
import type { GenerationOutputs } from './generation.js';
import type { BenchOperation } from './spec.js';
import { ROOT, TOOLS, errorLine, link, measure, round } from './util.js';

export interface ConsumerSetup {
  outputs: GenerationOutputs;
  /** `<work>/node_modules`: @clientgen/runtime, openapi-fetch and the generated package. */
  nodeModules: string;
  runtimeBuildMs: number | null;
  packageBuildMs: number | null;
  /** The generated package's `tsc -p` build: wall and CPU time, peak RSS. */
  packageBuild: { wallMs: number | null; cpuMs: number | null; peakRssMb: number | null };
  /** operationId → method of the generated client. */
  clientgenMethods: Record<string, string>;
  /** operationId → exported function of hey-api's sdk.gen.ts (matched by method and path). */
  heyApiFunctions: Record<string, string>;
  /** Options giving the generated client a value for each credential, and the equivalent static headers. */
  credentials: { options: Record<string, string>; headers: Record<string, string> };
  errors: string[];
}

interface ApiModule {
  api: {
    securitySchemes?: Record<string, { type: string; in?: string; name?: string; scheme?: string; option?: string }>;
    credentials?: Record<string, unknown>;
    security?: readonly (readonly string[])[];
  };
  operations: Record<string, { id: string; method: string; path: string }>;
}

/** Builds packages/runtime (tsc) so that dist/ is current. */
export async function buildRuntime(): Promise<{ ms: number | null; error?: string }> {
  const m = await measure(process.execPath, [TOOLS.tsc, '-p', join(ROOT, 'packages/runtime/tsconfig.json')]);
  if (m.code !== 0) return { ms: null, error: `runtime build: ${errorLine(m.stdout || m.stderr)}` };
  return { ms: round(m.wallMs, 0) };
}

function parseHeyApiSdk(file: string): Map<string, string> {
  // export const getMonitor = <…>(options: …) => (options.client ?? client).get<…>({ … url: '/api/v1/monitor/{monitor_id}', … });
  const byRoute = new Map<string, string>();
  if (!existsSync(file)) return byRoute;
  const text = readFileSync(file, 'utf8');
  const re = /export const (\w+) = [\s\S]*?\(options\??\.client \?\? client\)\.(\w+)<[\s\S]*?url: '([^']+)'/g;
  for (const m of text.matchAll(re)) byRoute.set(`${m[2]!.toUpperCase()} ${m[3]}`, m[1]!);
  return byRoute;
}

export async function prepareConsumers(ctx: BenchContext, outputs: GenerationOutputs, operations: BenchOperation[]): Promise<ConsumerSetup> {
  const errors: string[] = [];
  const nodeModules = join(ctx.work, 'node_modules');
  link(join(ROOT, 'packages/runtime'), join(nodeModules, '@clientgen/runtime'));
  link(TOOLS.openapiFetchDir, join(nodeModules, 'openapi-fetch'));
  link(outputs.clientgenDir, join(nodeModules, ...ctx.packageName.split('/')));

  ctx.log('consumers: building packages/runtime and the generated package (tsc)');
  const runtime = await buildRuntime();
  if (runtime.error) errors.push(runtime.error);
  let packageBuildMs: number | null = null;
  const pkgBuild = await measure(process.execPath, [TOOLS.tsc, '-p', join(outputs.clientgenDir, 'tsconfig.json')]);
  if (pkgBuild.code === 0 || existsSync(join(outputs.clientgenDir, 'dist/index.js'))) packageBuildMs = round(pkgBuild.wallMs, 0);
  if (pkgBuild.code !== 0) errors.push(`generated package build: ${errorLine(pkgBuild.stdout || pkgBuild.stderr)}`);

  const clientgenMethods: Record<string, string> = {};
  const credentials: ConsumerSetup['credentials'] = { options: {}, headers: {} };
  try {
    const mod = (await import(pathToFileURL(join(outputs.clientgenDir, 'dist/api.js')).href)) as ApiModule;
    for (const [method, op] of Object.entries(mod.operations)) clientgenMethods[op.id] = method;
    const schemes = mod.api.securitySchemes ?? {};
    for (const [name, s] of Object.entries(schemes)) {
      if (!s.option) continue;
      credentials.options[s.option] = 'bench-credential';
      if ((mod.api.security?.[0] ?? []).includes(name)) {
        if (s.type === 'apiKey' && s.in === 'header' && s.name) credentials.headers[s.name] = 'bench-credential';
        if (s.type === 'http') credentials.headers.Authorization = `${s.scheme === 'basic' ? 'Basic' : 'Bearer'} bench-credential`;
      }
    }
  } catch (error) {
    errors.push(`generated dist/api.js: ${(error as Error).message}`);
  }

  const heyRoutes = parseHeyApiSdk(join(outputs.heyApiDir, 'sdk.gen.ts'));
  const heyApiFunctions: Record<string, string> = {};
  for (const op of operations) {
    const fn = heyRoutes.get(`GET ${op.path}`);
    if (fn) heyApiFunctions[op.operationId] = fn;
  }
  const packageBuild = { wallMs: packageBuildMs, cpuMs: round(pkgBuild.cpuMs, 0), peakRssMb: round(pkgBuild.peakRssMb, 0) };
  return { outputs, nodeModules, runtimeBuildMs: runtime.ms, packageBuildMs, packageBuild, clientgenMethods, heyApiFunctions, credentials, errors };
}
