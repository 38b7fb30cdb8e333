/**
 * `pnpm bench`: clientgen measured against openapi-typescript and
 * @hey-api/openapi-ts on a large real spec (Datadog v1, 235 operations).
 * `pnpm bench --big [...]`: the same comparison on Stripe, Kubernetes,
 * GitHub and Microsoft Graph (scripts/bench/big.ts, its own options).
 *
 *   pnpm bench [--runs N] [--quick] [--spec <file>] [--skip hey-api,scaling,providers,typecheck,runtime,bundle]
 *              [--scale 1,2,4,8] [--ops OpA,OpB,OpC] [--out .bench/results.json] [--work .bench/work] [--quiet-wait 30]
 *              [--max-contention 0.2]
 *
 * Every figure is the median of `--runs` runs (default 5) after one warm-up
 * run, with the alternatives measured in the same run, round-robin. Prints a
 * table and writes the same figures to `.bench/results.json`.
 *
 * Before each measured run the bench waits (up to --quiet-wait seconds,
 * default 30, 0 with --quick) for other processes to leave the CPUs idle, and
 * records per run how much of the machine others used meanwhile
 * (`contention`) and the child's CPU time next to its wall time. A run that
 * others disturbed (contention > --max-contention, default 0.2) is repeated,
 * at most `runs` extra times per command.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { runBig } from './bench/big.js';
import { benchBundle, type BundleResult } from './bench/bundle.js';
import type { BenchContext } from './bench/context.js';
import { benchGeneration, type GenerationResult } from './bench/generation.js';
import { prepareConsumers, type ConsumerSetup } from './bench/prepare.js';
import { benchProviders, type ProvidersResult } from './bench/providers.js';
import { formatTable, status, type Row } from './bench/report.js';
import { benchRuntime, type RuntimeResult } from './bench/runtime.js';
import { benchScaling, type ScalingPoint } from './bench/scaling.js';
import { countOperations, loadSpecObject, pickOperations, prepareSpec } from './bench/spec.js';
import { benchTypecheck, type TypecheckFigures } from './bench/typecheck.js';
import { ROOT, contentionLog, freshDir, generatorRequire, hasGnuTime, log, medianOrNull, rootRequire, round, runtimeRequire, timed, versionOf } from './bench/util.js';

const DEFAULT_SPEC = fileURLToPath(new URL('../../shared/bench/datadog-v1.openapi.yaml', import.meta.url));
const DEFAULT_OPS = ['GetMonitor', 'ListMonitors', 'GetDashboard'];
const SECTIONS = ['hey-api', 'scaling', 'providers', 'typecheck', 'runtime', 'bundle'];

const TARGETS = {
  generationVsOpenapiTypescript: 1.5,
  generationVsHeyApi: 3,
  generationRssMb: 400,
  scalingTimeGrowth8x: 9,
  scalingRssMb8x: 1024,
  noopMs: 1000,
  runtimeVsOpenapiFetch: 0.8,
  bundleDeltaGzipBytes: 4000,
};

interface Options {
  runs: number;
  quick: boolean;
  spec: string;
  skip: Set<string>;
  scale: number[];
  ops: string[];
  out: string;
  work: string;
  name?: string;
  quietMs: number;
  maxContention: number;
}

function parseOptions(argv: string[]): Options {
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [k, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(k, inline);
    else if (k === 'quick' || k === 'help') flags.set(k, true);
    else if (i + 1 < argv.length) flags.set(k, argv[++i]!);
    else throw new Error(`--${k} needs a value`);
  }
  if (flags.has('help')) {
    process.stdout.write(`${readUsage()}\n`);
    process.exit(0);
  }
  const known = new Set(['runs', 'quick', 'spec', 'skip', 'scale', 'ops', 'out', 'work', 'name', 'quiet-wait', 'max-contention']);
  for (const k of flags.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}`);
  const quick = flags.get('quick') === true;
  const str = (k: string) => (typeof flags.get(k) === 'string' ? (flags.get(k) as string) : undefined);
  const runs = str('runs') ? Number(str('runs')) : quick ? 1 : 5;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const skip = new Set((str('skip') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  for (const s of skip) if (!SECTIONS.includes(s)) throw new Error(`--skip: unknown section ${s} (one of ${SECTIONS.join(', ')})`);
  const scale = (str('scale') ?? (quick ? '1,2' : '1,2,4,8')).split(',').map(Number);
  if (scale.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--scale takes positive integers, e.g. 1,2,4,8');
  return {
    runs,
    quick,
    spec: str('spec') ? abs(str('spec')!) : DEFAULT_SPEC,
    skip,
    scale,
    ops: str('ops') ? str('ops')!.split(',') : DEFAULT_OPS,
    out: str('out') ? abs(str('out')!) : join(ROOT, '.bench/results.json'),
    work: str('work') ? abs(str('work')!) : join(ROOT, '.bench/work'),
    ...(str('name') ? { name: str('name')! } : {}),
    quietMs: Math.max(0, Number(str('quiet-wait') ?? (quick ? 0 : 30))) * 1000,
    maxContention: Number(str('max-contention') ?? (quick ? 1 : 0.2)),
  };
}

function readUsage(): string {
  return 'usage: pnpm bench --big [--only stripe,kubernetes,github,graph] [--runs 3] [--skip hey-api,build,typecheck] [--hey-api-limit 120] [--directory-api <dir>] [--github-spec <file>]\n       pnpm bench [--runs N] [--quick] [--spec <file>] [--skip hey-api,scaling,providers,typecheck,runtime,bundle] [--scale 1,2,4,8] [--ops OpA,OpB,OpC] [--out <json>] [--work <dir>] [--name <npm-name>] [--quiet-wait <s>] [--max-contention 0.2]';
}

function gitDescribe(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'generator', 'packages/runtime'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return `${head}${dirty ? ' (+ uncommitted changes in generator/ or packages/runtime/)' : ''}`;
  } catch {
    return null;
  }
}

const ratio = (a: number | null | undefined, b: number | null | undefined): number | null => (a && b ? a / b : null);
const x = (n: number | null) => (n === null ? '—' : `${n.toFixed(2)}×`);

function generationRows(g: GenerationResult): Row[] {
  const ours = g.tools.clientgen;
  const ot = g.tools['openapi-typescript'];
  const hey = g.tools['hey-api'];
  const others = (key: 'wallMs' | 'peakRssMb') =>
    Object.fromEntries(Object.entries(g.tools).filter(([k]) => k !== 'clientgen').map(([k, v]) => [k, v[key]]));
  const vsOt = ratio(ours?.wallMs, ot?.wallMs);
  const vsHey = ratio(hey?.wallMs, ours?.wallMs);
  const rows: Row[] = [
    {
      id: 'generation.time',
      section: 'Generation',
      metric: 'wall time',
      unit: 'ms',
      clientgen: ours?.wallMs ?? null,
      others: others('wallMs'),
      comparison: `clientgen ÷ openapi-typescript = ${x(vsOt)}`,
      target: `≤ ${TARGETS.generationVsOpenapiTypescript}× openapi-typescript`,
      status: status(vsOt === null ? null : vsOt <= TARGETS.generationVsOpenapiTypescript),
      ...(ours?.error ? { note: ours.error } : {}),
    },
  ];
  if (hey) {
    rows.push({
      id: 'generation.vs-hey-api',
      section: 'Generation',
      metric: 'speed-up over hey-api',
      unit: 'ms',
      clientgen: ours?.wallMs ?? null,
      others: { 'hey-api': hey.wallMs },
      comparison: `hey-api ÷ clientgen = ${x(vsHey)}`,
      target: `≥ ${TARGETS.generationVsHeyApi}× faster than hey-api`,
      status: status(vsHey === null ? null : vsHey >= TARGETS.generationVsHeyApi),
      ...(hey.error ? { note: hey.error } : {}),
    });
  }
  const cpuVsOt = ratio(ours?.cpuMs, ot?.cpuMs);
  rows.push({
    id: 'generation.cpu',
    section: 'Generation',
    metric: 'CPU time (user+sys)',
    unit: 'ms',
    clientgen: ours?.cpuMs ?? null,
    others: Object.fromEntries(Object.entries(g.tools).filter(([k]) => k !== 'clientgen').map(([k, v]) => [k, v.cpuMs])),
    comparison: `clientgen ÷ openapi-typescript = ${x(cpuVsOt)}${hey ? `, hey-api ÷ clientgen = ${x(ratio(hey.cpuMs, ours?.cpuMs))}` : ''}`,
    status: 'INFO',
  });
  rows.push({
    id: 'generation.rss',
    section: 'Generation',
    metric: 'peak RSS',
    unit: 'MB',
    clientgen: ours?.peakRssMb ?? null,
    others: others('peakRssMb'),
    comparison: `clientgen ÷ openapi-typescript = ${x(ratio(ours?.peakRssMb, ot?.peakRssMb))}`,
    target: `< ${TARGETS.generationRssMb} MB`,
    status: status(ours?.peakRssMb == null ? null : ours.peakRssMb < TARGETS.generationRssMb),
  });
  if (g.rawSpec) {
    const failing = Object.entries(g.rawSpec).filter(([, r]) => !r.ok);
    rows.push({
      id: 'generation.raw-spec',
      section: 'Generation',
      metric: 'spec as given (missing externalValue files)',
      unit: '',
      clientgen: null,
      others: {},
      comparison: failing.length ? `fails: ${failing.map(([k]) => k).join(', ')}` : 'all tools ok',
      target: 'must not break any tool',
      status: g.rawSpec.clientgen?.ok === false ? 'MISS' : 'PASS',
      ...(g.rawSpec.clientgen?.error ? { note: `clientgen: ${g.rawSpec.clientgen.error}` } : {}),
    });
  }
  return rows;
}

function scalingRows(points: ScalingPoint[]): Row[] {
  const last = points[points.length - 1];
  return points.map((p) => {
    const isLast = p === last && p.factor > 1;
    const pass = isLast && p.timeGrowth !== null && p.peakRssMb !== null ? p.timeGrowth <= TARGETS.scalingTimeGrowth8x && p.peakRssMb < TARGETS.scalingRssMb8x : null;
    return {
      id: `scaling.x${p.factor}`,
      section: 'Scaling',
      metric: `${p.factor}× (${p.operations} ops, ${(p.specBytes / 1e6).toFixed(1)} MB)`,
      unit: 'ms',
      clientgen: p.wallMs,
      others: { 'peak RSS': p.peakRssMb },
      otherUnits: { 'peak RSS': 'MB' },
      comparison: `time ${x(p.timeGrowth)}, RSS ${x(p.rssGrowth)} of 1×`,
      ...(isLast ? { target: `time ≤ ${TARGETS.scalingTimeGrowth8x}× of 1×, RSS < ${TARGETS.scalingRssMb8x} MB` } : {}),
      status: isLast ? status(pass) : p.error ? 'ERROR' : 'INFO',
      ...(p.error ? { note: p.error } : {}),
    };
  });
}

function providerRows(p: ProvidersResult): Row[] {
  return [
    {
      id: 'providers.cold',
      section: 'Providers',
      metric: `generate-all cold (${p.providers.length} providers)`,
      unit: 'ms',
      clientgen: p.cold.wallMs,
      others: { 'peak RSS': p.cold.peakRssMb },
      otherUnits: { 'peak RSS': 'MB' },
      status: p.cold.error ? 'ERROR' : 'INFO',
      ...(p.cold.error ? { note: p.cold.error } : {}),
    },
    {
      id: 'providers.noop',
      section: 'Providers',
      metric: 'generate-all, nothing changed',
      unit: 'ms',
      clientgen: p.noop.wallMs,
      others: { 'peak RSS': p.noop.peakRssMb },
      otherUnits: { 'peak RSS': 'MB' },
      comparison: `${p.noopChangedFiles} changed, ${p.noopRewrittenFiles}/${p.generatedFiles} files rewritten`,
      target: `< ${TARGETS.noopMs} ms`,
      status: status(p.noop.wallMs === null ? null : p.noop.wallMs < TARGETS.noopMs),
      ...(p.noop.error ? { note: p.noop.error } : {}),
    },
  ];
}

function typecheckRows(t: Record<string, TypecheckFigures>): Row[] {
  const ours = t.clientgen;
  const alternatives = Object.entries(t).filter(([k]) => k !== 'clientgen');
  const main = alternatives.filter(([k]) => k !== 'clientgen (sources)');
  const faster = ours?.totalTimeS != null && main.length > 0 && main.every(([, v]) => v.totalTimeS != null && ours.totalTimeS! < v.totalTimeS);
  const errors = Object.entries(t).filter(([, v]) => v.error).map(([k, v]) => `${k}: ${v.error}`);
  return [
    {
      id: 'typecheck.time',
      section: 'Type-check',
      metric: 'tsc total time (--extendedDiagnostics)',
      unit: 's',
      clientgen: ours?.totalTimeS ?? null,
      others: Object.fromEntries(alternatives.map(([k, v]) => [k, v.totalTimeS])),
      comparison: main.map(([k, v]) => `clientgen ÷ ${k} = ${x(ratio(ours?.totalTimeS, v.totalTimeS))}`).join(', '),
      target: 'faster than hey-api and openapi-fetch',
      status: ours?.totalTimeS == null || main.some(([, v]) => v.totalTimeS == null) ? 'ERROR' : faster ? 'PASS' : 'MISS',
      ...(errors.length ? { note: errors.join('; ') } : {}),
    },
    {
      id: 'typecheck.wall',
      section: 'Type-check',
      metric: 'tsc wall time (incl. node start-up)',
      unit: 'ms',
      clientgen: ours?.wallMs ?? null,
      others: Object.fromEntries(alternatives.map(([k, v]) => [k, v.wallMs])),
      status: 'INFO',
    },
    {
      id: 'typecheck.cpu',
      section: 'Type-check',
      metric: 'tsc CPU time (user+sys)',
      unit: 'ms',
      clientgen: ours?.cpuMs ?? null,
      others: Object.fromEntries(alternatives.map(([k, v]) => [k, v.cpuMs])),
      comparison: main.map(([k, v]) => `clientgen ÷ ${k} = ${x(ratio(ours?.cpuMs, v.cpuMs))}`).join(', '),
      status: 'INFO',
    },
    {
      id: 'typecheck.memory',
      section: 'Type-check',
      metric: 'tsc memory used',
      unit: 'MB',
      clientgen: ours?.memoryUsedMb ?? null,
      others: Object.fromEntries(alternatives.map(([k, v]) => [k, v.memoryUsedMb])),
      comparison: `peak RSS ${[['clientgen', ours] as const, ...alternatives].map(([k, v]) => `${k} ${v?.peakRssMb ?? '—'}`).join(', ')} MB`,
      status: 'INFO',
    },
  ];
}

function runtimeRows(r: RuntimeResult): Row[] {
  return (['fake', 'http'] as const).map((mode): Row => {
    const v = r[mode];
    const label = mode === 'fake' ? 'in-process fake fetch' : 'loopback node:http';
    if ('error' in v && typeof v.error === 'string') {
      return { id: `runtime.${mode}`, section: 'Runtime', metric: `calls/s, ${label}`, unit: 'calls/s', clientgen: null, others: {}, status: 'ERROR', note: v.error };
    }
    const variants = v as Exclude<RuntimeResult['fake'], { error: string }>;
    const ours = variants.clientgen?.callsPerSec ?? null;
    const of = variants['openapi-fetch']?.callsPerSec ?? null;
    const rel = ratio(ours, of);
    const errors = Object.entries(variants).filter(([, s]) => s.error).map(([k, s]) => `${k}: ${s.error}`);
    return {
      id: `runtime.${mode}`,
      section: 'Runtime',
      metric: `calls/s, ${label}`,
      unit: 'calls/s',
      clientgen: ours,
      others: { 'openapi-fetch': of, 'bare fetch': variants['bare fetch']?.callsPerSec ?? null },
      comparison: `clientgen ÷ openapi-fetch = ${x(rel)}`,
      target: `≥ ${TARGETS.runtimeVsOpenapiFetch}× openapi-fetch`,
      status: status(rel === null ? null : rel >= TARGETS.runtimeVsOpenapiFetch),
      ...(errors.length ? { note: errors.join('; ') } : {}),
    };
  });
}

function bundleRows(b: BundleResult): Row[] {
  const ours = b.bundles.clientgen;
  const others = Object.fromEntries(Object.entries(b.bundles).filter(([k]) => k !== 'clientgen').map(([k, v]) => [k, v.error ? null : v.gzipBytes]));
  const base = b.bundles['openapi-fetch'];
  const classBundle = b.bundles['clientgen (client class)'];
  const errors = Object.entries(b.bundles).filter(([, v]) => v.error).map(([k, v]) => `${k}: ${v.error}`);
  return [
    {
      id: 'bundle.gzip',
      section: 'Bundle',
      metric: 'min+gzip, one operation (standalone function)',
      unit: 'B',
      clientgen: ours && !ours.error ? ours.gzipBytes : null,
      others,
      comparison: b.deltaGzipBytes === null ? '' : `+${b.deltaGzipBytes.toLocaleString('en-US')} B over openapi-fetch`,
      target: `≤ ${TARGETS.bundleDeltaGzipBytes.toLocaleString('en-US')} B over openapi-fetch`,
      status: status(b.deltaGzipBytes === null ? null : b.deltaGzipBytes <= TARGETS.bundleDeltaGzipBytes),
      ...(errors.length ? { note: errors.join('; ') } : {}),
    },
    {
      id: 'bundle.min',
      section: 'Bundle',
      metric: 'minified',
      unit: 'B',
      clientgen: ours && !ours.error ? ours.minBytes : null,
      others: Object.fromEntries(Object.entries(b.bundles).filter(([k]) => k !== 'clientgen').map(([k, v]) => [k, v.error ? null : v.minBytes])),
      status: 'INFO',
    },
    {
      id: 'bundle.class.gzip',
      section: 'Bundle',
      metric: 'min+gzip, the same call through the client class',
      unit: 'B',
      clientgen: classBundle && !classBundle.error ? classBundle.gzipBytes : null,
      others: {},
      comparison: classBundle && !classBundle.error && base && !base.error ? `+${(classBundle.gzipBytes - base.gzipBytes).toLocaleString('en-US')} B over openapi-fetch` : '',
      status: 'INFO',
    },
  ];
}

function errorRow(id: string, section: string, error: unknown): Row {
  return { id, section, metric: 'section failed', unit: '', clientgen: null, others: {}, status: 'ERROR', note: String((error as Error)?.message ?? error).split('\n')[0] };
}

async function main(): Promise<number> {
  if (process.argv[2] === '--big') return runBig(process.argv.slice(3));
  const started = performance.now();
  const opts = parseOptions(process.argv.slice(2));
  const timings: Record<string, number> = {};
  const cpu = cpus();
  const machine = {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    node: process.version,
    os: `${platform()} ${release()}`,
    memoryGb: round(totalmem() / 2 ** 30, 1),
    rssMethod: (await hasGnuTime()) ? '/usr/bin/time -f %M (max RSS of the child)' : '/proc/<pid>/status VmHWM polling',
  };
  log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; runs ${opts.runs}${opts.quick ? ' (quick)' : ''}`);

  freshDir(opts.work);
  const spec = prepareSpec(opts.spec, join(opts.work, basename(opts.spec)));
  if (spec.droppedExternalValues.length) {
    log(`spec: dropped ${spec.droppedExternalValues.length} externalValue(s) whose files do not exist: ${spec.droppedExternalValues.map((d) => d.value).join(', ')}`);
  }
  const doc = await loadSpecObject(spec.file);
  const operations = pickOperations(doc, 3, opts.ops);
  const specName = basename(opts.spec).replace(/\.(openapi\.)?(ya?ml|json)$/, '').replace(/\.openapi$/, '');
  const folder = basename(dirname(opts.spec));
  const packageName = opts.name ?? `@bench/${specName === 'openapi' ? folder : specName}`.toLowerCase().replace(/[^a-z0-9@/._-]+/g, '-');
  const ctx: BenchContext = { runs: opts.runs, quick: opts.quick, warmup: !opts.quick, work: opts.work, spec, packageName, operations, skip: opts.skip, quietMs: opts.quietMs, maxContention: opts.maxContention, log };

  const results: {
    generation?: GenerationResult;
    scaling?: ScalingPoint[];
    providers?: ProvidersResult;
    consumers?: Omit<ConsumerSetup, 'outputs' | 'nodeModules'>;
    typecheck?: Record<string, TypecheckFigures>;
    runtime?: RuntimeResult;
    bundle?: BundleResult;
  } = {};
  const rows: Row[] = [];
  const errors: Record<string, string> = {};
  const section = async <T>(name: string, id: string, title: string, fn: () => Promise<T>, toRows: (r: T) => Row[]): Promise<T | undefined> => {
    try {
      const r = await timed(timings, name, fn);
      rows.push(...toRows(r));
      return r;
    } catch (error) {
      errors[name] = String((error as Error)?.stack ?? error);
      log(`${name} failed: ${(error as Error)?.message ?? error}`);
      rows.push(errorRow(id, title, error));
      return undefined;
    }
  };

  results.generation = await section('generation', 'generation.time', 'Generation', () => benchGeneration(ctx), generationRows);
  if (!opts.skip.has('scaling')) results.scaling = await section('scaling', 'scaling.x1', 'Scaling', () => benchScaling(ctx, opts.scale), scalingRows);
  if (!opts.skip.has('providers')) results.providers = await section('providers', 'providers.noop', 'Providers', () => benchProviders(ctx), providerRows);

  let setup: ConsumerSetup | undefined;
  const needsConsumers = ['typecheck', 'runtime', 'bundle'].some((s) => !opts.skip.has(s));
  if (results.generation && needsConsumers) {
    setup = await timed(timings, 'consumer setup (runtime + package build)', () => prepareConsumers(ctx, results.generation!.outputs, operations));
    const { outputs: _o, nodeModules: _n, ...rest } = setup;
    results.consumers = rest;
    for (const e of setup.errors) log(`consumers: ${e}`);
  }
  if (!opts.skip.has('typecheck')) {
    results.typecheck = await section('typecheck', 'typecheck.time', 'Type-check', async () => {
      if (!setup) throw new Error('no generated code to type-check');
      return benchTypecheck(ctx, setup, opts.skip.has('hey-api'));
    }, typecheckRows);
  }
  if (!opts.skip.has('runtime')) {
    results.runtime = await section('runtime', 'runtime.fake', 'Runtime', async () => {
      if (!setup) throw new Error('no generated client');
      return benchRuntime(ctx, setup);
    }, runtimeRows);
  }
  if (!opts.skip.has('bundle')) {
    results.bundle = await section('bundle', 'bundle.gzip', 'Bundle', async () => {
      if (!setup) throw new Error('no generated client');
      return benchBundle(ctx, setup);
    }, bundleRows);
  }

  timings.total = Math.round(performance.now() - started);
  const contention = {
    medianOfRuns: round(medianOrNull(contentionLog), 2),
    maxOfRuns: round(contentionLog.length ? Math.max(...contentionLog) : null, 2),
    loadAverage: loadavg().map((l) => round(l, 2)),
  };
  const report = {
    generatedAt: new Date().toISOString(),
    machine,
    settings: {
      runs: opts.runs,
      warmup: ctx.warmup,
      quick: opts.quick,
      skipped: [...opts.skip],
      scale: opts.skip.has('scaling') ? [] : opts.scale,
      commit: gitDescribe(),
    },
    spec: {
      file: opts.spec,
      benchCopy: spec.file,
      bytes: spec.bytes,
      operations: countOperations(doc),
      droppedExternalValues: spec.droppedExternalValues,
      consumerOperations: operations,
      packageName,
    },
    tools: {
      'openapi-typescript': versionOf(generatorRequire, 'openapi-typescript'),
      '@hey-api/openapi-ts': versionOf(rootRequire, '@hey-api/openapi-ts'),
      'openapi-fetch': versionOf(runtimeRequire, 'openapi-fetch'),
      typescript: versionOf(rootRequire, 'typescript'),
      esbuild: versionOf(rootRequire, 'esbuild'),
    },
    targets: TARGETS,
    contention,
    rows,
    results,
    errors,
    benchTimingMs: timings,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);

  const out = process.stdout;
  out.write(`\nclientgen benchmark: ${basename(opts.spec)} (${report.spec.operations} operations, ${(spec.bytes / 1e6).toFixed(2)} MB)\n`);
  out.write(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.os}\n`);
  out.write(`median of ${opts.runs} run(s)${ctx.warmup ? ' after a warm-up' : ''}; peak RSS via ${machine.rssMethod}\n`);
  out.write(`other processes used ${Math.round((contention.medianOfRuns ?? 0) * 100)}% of the CPUs during the median run (max ${Math.round((contention.maxOfRuns ?? 0) * 100)}%)\n`);
  if ((contention.medianOfRuns ?? 0) > opts.maxContention) {
    out.write('WARNING: the machine was busy with other work during most runs; wall times are inflated, compare the CPU-time rows.\n');
  }
  out.write('\n');
  out.write(`${formatTable(rows)}\n\n`);
  for (const r of rows.filter((r) => r.note)) out.write(`  ${r.id}: ${r.note}\n`);
  const misses = rows.filter((r) => r.status === 'MISS').length;
  const failed = rows.filter((r) => r.status === 'ERROR').length;
  out.write(`\n${rows.filter((r) => r.status === 'PASS').length} PASS, ${misses} MISS, ${failed} ERROR · bench took ${(timings.total / 1000).toFixed(1)} s (${Object.entries(timings).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')})\n`);
  out.write(`results: ${opts.out}\n`);
  // Targets are reported, not enforced: a MISS is a finding, not a crash. Errors fail the run.
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
