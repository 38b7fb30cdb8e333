/**
 * 4. Type-check cost of using a client: `tsc --noEmit --extendedDiagnostics`
 * (strict) of a consumer that creates the client and awaits three operations,
 * reading one property of each result.
 *
 * Each client is consumed the way its tool intends: clientgen's as the
 * published package (built `dist/*.d.ts`), hey-api's as the `.ts` it writes
 * into your project, openapi-fetch with openapi-typescript's `schema.d.ts`
 * (its documented `-o schema.d.ts`). clientgen's sources consumed directly
 * are measured too, for comparison.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { measureJobs, summarize, type BenchContext, type Job, type Summary } from './context.js';
import type { ConsumerSetup } from './prepare.js';
import type { BenchOperation } from './spec.js';
import { TOOLS, freshDir, medianOrNull, round } from './util.js';

export interface TypecheckFigures extends Summary {
  /** From --extendedDiagnostics (medians). */
  totalTimeS: number | null;
  checkTimeS: number | null;
  memoryUsedMb: number | null;
  types: number | null;
  instantiations: number | null;
  files: number | null;
  linesOfTypeScript: number | null;
  linesOfDefinitions: number | null;
  operations: string[];
}

const KEY = /^[A-Za-z_$][\w$]*$/;
const prop = (name: string) => (KEY.test(name) ? name : JSON.stringify(name));
const lit = (v: string | number | boolean) => JSON.stringify(v);
const spec = (dir: string, target: string) => {
  const r = relative(dir, target).split('\\').join('/');
  return r.startsWith('.') ? r : `./${r}`;
};

function readOf(op: BenchOperation, v: string, optional: boolean): string {
  const q = optional ? '?.' : '.';
  if (op.array) return `${v}${q}length`;
  if (op.property) return `${v}${q}${op.property}`;
  return v;
}

/** The package of a one-operation API, built next to the others (pnpm bench --big): the baseline of the `/ops` consumer. */
export interface OneOperationBaseline {
  packageName: string;
  /** Its one operation's function, called three times, and the argument object it takes. */
  method: string;
  args: string;
  /** A property of its result to read. */
  read: string;
}

/** A consumer of `/core` and `/ops/<name>`: three calls, each function from its own module. */
function opsConsumer(packageName: string, calls: { method: string; args: string; read: string }[]): string {
  const methods = [...new Set(calls.map((c) => c.method))];
  return [
    `import { createCore } from ${JSON.stringify(`${packageName}/core`)};`,
    ...methods.map((m) => `import { ${m} } from ${JSON.stringify(`${packageName}/ops/${m}`)};`),
    '',
    `const core = createCore({ baseUrl: 'http://127.0.0.1:9' });`,
    '',
    'export async function main(): Promise<unknown[]> {',
    ...calls.map((c, i) => `  const r${i} = await ${c.method}(core${c.args ? `, ${c.args}` : ''});`),
    `  return [${calls.map((c, i) => c.read.replace('$', `r${i}`)).join(', ')}];`,
    '}',
    '',
  ].join('\n');
}

export function consumers(dir: string, setup: ConsumerSetup, ops: BenchOperation[], packageName: string, baseline?: OneOperationBaseline): Record<string, string | undefined> {
  const ours = (from: string) => {
    const calls = ops.map((op, i) => {
      const args = op.pathParams.length ? `{ ${op.pathParams.map((p) => `${prop(p.name)}: ${lit(p.value)}`).join(', ')} }` : '';
      return `  const r${i} = await client.${setup.clientgenMethods[op.operationId]}(${args});`;
    });
    return [
      `import { createClient } from ${JSON.stringify(from)};`,
      '',
      `const client = createClient({ baseUrl: 'http://127.0.0.1:9' });`,
      '',
      'export async function main(): Promise<unknown[]> {',
      ...calls,
      `  return [${ops.map((op, i) => readOf(op, `r${i}`, false)).join(', ')}];`,
      '}',
      '',
    ].join('\n');
  };
  const funcs = (from: string) => {
    const names = ops.map((op) => setup.clientgenMethods[op.operationId]!);
    return [
      `import { createCore, ${[...new Set(names)].join(', ')} } from ${JSON.stringify(from)};`,
      '',
      `const core = createCore({ baseUrl: 'http://127.0.0.1:9' });`,
      '',
      'export async function main(): Promise<unknown[]> {',
      ...ops.map((op, i) => {
        const args = op.pathParams.length ? `, { ${op.pathParams.map((p) => `${prop(p.name)}: ${lit(p.value)}`).join(', ')} }` : '';
        return `  const r${i} = await ${names[i]}(core${args});`;
      }),
      `  return [${ops.map((op, i) => readOf(op, `r${i}`, false)).join(', ')}];`,
      '}',
      '',
    ].join('\n');
  };
  const hey = () => {
    const fns = ops.map((op) => setup.heyApiFunctions[op.operationId]);
    if (fns.some((f) => !f)) return undefined;
    const heyDir = setup.outputs.heyApiDir;
    return [
      `import { createClient, createConfig } from ${JSON.stringify(spec(join(dir, 'hey-api'), join(heyDir, 'client/index.js')))};`,
      `import { ${[...new Set(fns)].join(', ')} } from ${JSON.stringify(spec(join(dir, 'hey-api'), join(heyDir, 'sdk.gen.js')))};`,
      '',
      `const client = createClient(createConfig({ baseUrl: 'http://127.0.0.1:9' }));`,
      '',
      'export async function main(): Promise<unknown[]> {',
      ...ops.map((op, i) => {
        const path = op.pathParams.length ? `, path: { ${op.pathParams.map((p) => `${prop(p.name)}: ${lit(p.value)}`).join(', ')} }` : '';
        return `  const { data: r${i} } = await ${fns[i]}({ client${path} });`;
      }),
      `  return [${ops.map((op, i) => readOf(op, `r${i}`, true)).join(', ')}];`,
      '}',
      '',
    ].join('\n');
  };
  const fetchConsumer = () =>
    [
      `import createClient from 'openapi-fetch';`,
      `import type { paths } from ${JSON.stringify(spec(join(dir, 'openapi-fetch'), setup.outputs.openapiTypescriptFile.replace(/\.d\.ts$/, '.js')))};`,
      '',
      `const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:9' });`,
      '',
      'export async function main(): Promise<unknown[]> {',
      ...ops.map((op, i) => {
        const init = op.pathParams.length ? `, { params: { path: { ${op.pathParams.map((p) => `${prop(p.name)}: ${lit(p.value)}`).join(', ')} } } }` : '';
        return `  const { data: r${i} } = await client.GET(${JSON.stringify(op.path)}${init});`;
      }),
      `  return [${ops.map((op, i) => readOf(op, `r${i}`, true)).join(', ')}];`,
      '}',
      '',
    ].join('\n');
  const haveOurs = ops.every((op) => setup.clientgenMethods[op.operationId]);
  const opsCalls = ops.map((op) => ({
    method: setup.clientgenMethods[op.operationId]!,
    args: op.pathParams.length ? `{ ${op.pathParams.map((p) => `${prop(p.name)}: ${lit(p.value)}`).join(', ')} }` : '',
    read: readOf(op, '$', false),
  }));
  return {
    clientgen: haveOurs ? ours(packageName) : undefined,
    'clientgen /funcs': haveOurs ? funcs(`${packageName}/funcs`) : undefined,
    'clientgen /ops': haveOurs ? opsConsumer(packageName, opsCalls) : undefined,
    ...(baseline ? { 'one-operation API /ops': opsConsumer(baseline.packageName, [0, 1, 2].map(() => baseline)) } : {}),
    'clientgen (sources)': haveOurs ? ours(spec(join(dir, 'clientgen-src'), join(setup.outputs.clientgenDir, 'src/index.js'))) : undefined,
    'hey-api': hey(),
    'openapi-fetch': fetchConsumer(),
  };
}

const FOLDER: Record<string, string> = {
  clientgen: 'clientgen',
  'clientgen /funcs': 'clientgen-funcs',
  'clientgen /ops': 'clientgen-ops',
  'one-operation API /ops': 'one-operation-ops',
  'clientgen (sources)': 'clientgen-src',
  'hey-api': 'hey-api',
  'openapi-fetch': 'openapi-fetch',
};

function diagnostics(stdout: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of stdout.matchAll(/^([A-Za-z][\w /]*?):\s+([\d.]+)([sK]?)\s*$/gm)) out[m[1]!.trim()] = Number(m[2]);
  return out;
}

/**
 * `withFuncs`: also consumers of the package's `/funcs` and `/core` + `/ops/<name>` (pnpm bench --big); `baseline`: and
 * the `/ops` consumer of a one-operation API, measured in the same runs.
 */
export async function benchTypecheck(
  ctx: BenchContext,
  setup: ConsumerSetup,
  skipHeyApi: boolean,
  withFuncs = false,
  baseline?: OneOperationBaseline,
  /** Runs of the two `/ops` consumers (a few seconds each; their ratio is the goal): at least `ctx.runs`. */
  opsRuns = ctx.runs,
): Promise<Record<string, TypecheckFigures>> {
  const dir = freshDir(join(ctx.work, 'typecheck'));
  const ops = ctx.operations;
  const sources = consumers(dir, setup, ops, ctx.packageName, baseline);
  const jobs: Job[] = [];
  const diag: Record<string, Record<string, number>[]> = {};
  const errors: Record<string, string> = {};
  for (const [name, source] of Object.entries(sources)) {
    if ((name === 'hey-api' && skipHeyApi) || ((name === 'clientgen /funcs' || name === 'clientgen /ops') && !withFuncs)) continue;
    if (!source) {
      errors[name] = 'operations not found in the generated code';
      continue;
    }
    const d = join(dir, FOLDER[name]!);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'consumer.ts'), source);
    writeFileSync(join(d, 'package.json'), '{ "type": "module", "private": true }\n');
    writeFileSync(
      join(d, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ['consumer.ts'],
        },
        null,
        2,
      )}\n`,
    );
    diag[name] = [];
    jobs.push({
      name,
      cmd: process.execPath,
      args: [TOOLS.tsc, '-p', join(d, 'tsconfig.json'), '--extendedDiagnostics'],
      onResult: (m, warm) => {
        if (!warm) diag[name]!.push(diagnostics(m.stdout));
      },
    });
  }
  ctx.log(`type-check: ${jobs.map((j) => j.name).join(', ')} × ${ctx.runs}${opsRuns > ctx.runs ? ` (the /ops ones × ${opsRuns})` : ''}${ctx.warmup ? ' (+ warm-up)' : ''} (${ops.map((o) => o.operationId).join(', ')})`);
  const light = new Set(['clientgen /ops', 'one-operation API /ops']);
  const runs = Math.max(ctx.runs, opsRuns);
  const series = { ...(await measureJobs(ctx, jobs.filter((j) => !light.has(j.name)))), ...(await measureJobs(ctx, jobs.filter((j) => light.has(j.name)), runs)) };
  const result: Record<string, TypecheckFigures> = {};
  for (const job of jobs) {
    const d = diag[job.name] ?? [];
    const med = (key: string) => medianOrNull(d.map((x) => x[key] ?? null));
    const s = series[job.name]!;
    // tsc exits 2 on type errors: the consumer must compile for the figure to mean anything.
    result[job.name] = {
      ...summarize(s),
      totalTimeS: round(med('Total time'), 2),
      checkTimeS: round(med('Check time'), 2),
      memoryUsedMb: round((med('Memory used') ?? NaN) / 1024, 0),
      types: med('Types'),
      instantiations: med('Instantiations'),
      files: med('Files'),
      linesOfTypeScript: med('Lines of TypeScript'),
      linesOfDefinitions: med('Lines of Definitions'),
      operations: ops.map((o) => o.operationId),
    };
  }
  for (const [name, error] of Object.entries(errors)) {
    result[name] = { wallMs: null, cpuMs: null, peakRssMb: null, contention: null, samples: 0, wallMsRuns: [], discardedRuns: 0, error, totalTimeS: null, checkTimeS: null, memoryUsedMb: null, types: null, instantiations: null, files: null, linesOfTypeScript: null, linesOfDefinitions: null, operations: [] };
  }
  return result;
}
