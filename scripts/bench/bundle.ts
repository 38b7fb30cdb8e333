/**
 * 6. Bundle size: esbuild (bundle, minify, tree-shake, platform browser, ESM)
 * of a consumer that imports one operation (the package's standalone function,
 * `<package>/funcs`) and calls it, gzipped with zlib level 9; vs openapi-fetch
 * alone (and, for reference, the same call through the client class and
 * hey-api's SDK function).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BenchContext } from './context.js';
import type { ConsumerSetup } from './prepare.js';
import { freshDir } from './util.js';

export interface BundleFigures {
  minBytes: number;
  gzipBytes: number;
  /** Minified bytes contributed by each input group (clientgen's bundles only). */
  breakdown?: Record<string, number>;
  error?: string;
}

export interface BundleResult {
  operation: string;
  bundles: Record<string, BundleFigures>;
  /** clientgen − openapi-fetch, gzipped. */
  deltaGzipBytes: number | null;
}

/** Groups esbuild's metafile inputs (paths relative to the cwd, symlinks resolved). */
function group(path: string, setup: ConsumerSetup): string {
  const abs = resolve(path);
  if (abs.includes('/openapi-fetch/')) return 'openapi-fetch';
  if (abs.includes('/packages/runtime/')) return `runtime: ${abs.replace(/^.*\/dist\//, '')}`;
  if (abs.startsWith(`${setup.outputs.clientgenDir}/`)) return `generated: ${abs.replace(/^.*\/dist\//, '')}`;
  return `consumer: ${basename(abs)}`;
}

export async function benchBundle(ctx: BenchContext, setup: ConsumerSetup): Promise<BundleResult> {
  const dir = freshDir(join(ctx.work, 'bundle'));
  const op = ctx.operations[0];
  if (!op) throw new Error('no operation to call');
  const pathArgs = op.pathParams.map((p) => `${JSON.stringify(p.name)}: ${JSON.stringify(p.value)}`).join(', ');
  const method = setup.clientgenMethods[op.operationId];
  const args = pathArgs ? `{ ${pathArgs} }` : '';
  const entries: Record<string, string | undefined> = {
    // The standalone function (`<package>/funcs`): what a one-operation import is.
    clientgen: method
      ? `import { createCore, ${method} } from ${JSON.stringify(`${ctx.packageName}/funcs`)};\nexport const call = () => ${method}(createCore({ baseUrl: 'https://api.example.test' })${args ? `, ${args}` : ''});\n`
      : undefined,
    // The client class: every operation, pagination and openapi-fetch (`raw`) come along.
    'clientgen (client class)': method
      ? `import { createClient } from ${JSON.stringify(ctx.packageName)};\nexport const call = () => createClient({ baseUrl: 'https://api.example.test' }).${method}(${args});\n`
      : undefined,
    'openapi-fetch': `import createClient from 'openapi-fetch';\nexport const call = () => createClient({ baseUrl: 'https://api.example.test' }).GET(${JSON.stringify(op.path)}${pathArgs ? `, { params: { path: { ${pathArgs} } } }` : ''});\n`,
  };
  const heyFn = setup.heyApiFunctions[op.operationId];
  if (heyFn && !ctx.skip.has('hey-api')) {
    const sdk = relative(dir, join(setup.outputs.heyApiDir, 'sdk.gen.ts')).split('\\').join('/');
    entries['hey-api'] = `import { ${heyFn} } from ${JSON.stringify(sdk.startsWith('.') ? sdk : `./${sdk}`)};\nexport const call = () => ${heyFn}(${pathArgs ? `{ path: { ${pathArgs} } }` : ''});\n`;
  }
  const bundles: Record<string, BundleFigures> = {};
  for (const [name, source] of Object.entries(entries)) {
    if (!source) {
      bundles[name] = { minBytes: 0, gzipBytes: 0, error: `${op.operationId} not found in the generated client` };
      continue;
    }
    const entry = join(dir, `${name.replace(/\W+/g, '-')}.ts`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(entry, source);
    try {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        treeShaking: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        metafile: true,
        logLevel: 'silent',
        outfile: join(dir, `${name}.js`),
      });
      const code = result.outputFiles[0]!.contents;
      const figures: BundleFigures = { minBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
      if (name.startsWith('clientgen')) {
        const breakdown: Record<string, number> = {};
        for (const out of Object.values(result.metafile.outputs)) {
          for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
            const g = group(input, setup);
            breakdown[g] = (breakdown[g] ?? 0) + bytesInOutput;
          }
        }
        figures.breakdown = Object.fromEntries(Object.entries(breakdown).sort(([, a], [, b]) => b - a));
      }
      bundles[name] = figures;
    } catch (error) {
      bundles[name] = { minBytes: 0, gzipBytes: 0, error: (error as Error).message.split('\n')[0] ?? 'build failed' };
    }
  }
  const ours = bundles.clientgen;
  const base = bundles['openapi-fetch'];
  return {
    operation: `${op.operationId} (GET ${op.path})`,
    bundles,
    deltaGzipBytes: ours && base && !ours.error && !base.error ? ours.gzipBytes - base.gzipBytes : null,
  };
}
