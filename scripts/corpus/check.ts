/**
 * One spec through one tool, in a corpus worker process:
 *
 * - `clientgen`: generate the package (the CLI's pipeline, in process), then
 *   type-check its `src/` with the generated tsconfig.json's options (strict,
 *   `skipLibCheck` as a consumer builds it), against the built
 *   `@clientgen/runtime`.
 * - `openapi-typescript`: its Node API (`openapiTS`, types only, with its own
 *   Redocly validation), then the same type-check of the one file.
 *
 * A worker checks many specs: the compiler host keeps every file outside the
 * spec's own folder (TypeScript's lib, the runtime's .d.ts, openapi-fetch) parsed
 * and bound across programs, as an editor does, so a small spec costs its own
 * files only.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { generatePackage } from '../../generator/src/generate.js';
import { SpecError } from '../../generator/src/load/spec-error.js';
import { emitTsconfig } from '../../generator/src/emit/package-files.js';
import { writePackageAtomically } from '../../generator/src/write/output.js';
import { repoRoot } from './fetch.js';

export type Tool = 'clientgen' | 'openapi-typescript';
export type Status = 'ok' | 'refused' | 'generate-error' | 'type-error' | 'timeout' | 'crash';

export interface CheckResult {
  status: Status;
  /** First problem, one line (refusals: the loader's; type errors: tsc's). */
  reason?: string;
  /** Problems of this kind in total. */
  problems?: number;
  /** Warnings clientgen printed (tolerated findings, lossy constructs). */
  warnings?: number;
  operations?: number;
  generateMs: number;
  typecheckMs: number;
  /** Bytes of generated TypeScript. */
  outputBytes?: number;
}

const runtimeDir = join(repoRoot, 'packages/runtime');
/** The part of openapi-typescript's Node API used here (it is the generator's dependency, not the scripts'). */
interface OpenapiTypescript {
  default: (source: URL, options: { silent: boolean }) => Promise<unknown>;
  astToString: (ast: unknown) => string;
}
/** The generator's openapi-typescript (the version clientgen's types.ts comes from). */
const openapiTypescript = pathToFileURL(createRequire(join(repoRoot, 'generator/package.json')).resolve('openapi-typescript')).href;

/** A folder where `@clientgen/runtime` and `openapi-fetch` resolve, as after `npm install`. */
export function prepareWorkdir(dir: string): void {
  if (!existsSync(join(runtimeDir, 'dist/index.d.ts'))) throw new Error('build @clientgen/runtime first: pnpm run build');
  mkdirSync(join(dir, 'node_modules/@clientgen'), { recursive: true });
  const link = (from: string, to: string) => existsSync(to) || symlinkSync(from, to, 'dir');
  link(runtimeDir, join(dir, 'node_modules/@clientgen/runtime'));
  link(join(runtimeDir, 'node_modules/openapi-fetch'), join(dir, 'node_modules/openapi-fetch'));
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
}

const compilerOptions = (() => {
  const { compilerOptions: json } = JSON.parse(emitTsconfig()) as { compilerOptions: Record<string, unknown> };
  const { options, errors } = ts.convertCompilerOptionsFromJson({ ...json, noEmit: true, declaration: false, rootDir: undefined, outDir: undefined }, repoRoot);
  if (errors.length) throw new Error(ts.flattenDiagnosticMessageText(errors[0]!.messageText, '\n'));
  return options;
})();

const shared = new Map<string, ts.SourceFile | undefined>();
const baseHost = ts.createCompilerHost(compilerOptions);

/** Type-checks `files` (absolute); files outside `ownDir` are parsed once per worker. */
export function typecheck(files: string[], ownDir: string): ts.Diagnostic[] {
  const host: ts.CompilerHost = {
    ...baseHost,
    getSourceFile(fileName, languageVersion, onError, shouldCreate) {
      if (fileName.startsWith(ownDir)) return baseHost.getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (!shared.has(fileName)) shared.set(fileName, baseHost.getSourceFile(fileName, languageVersion, onError, shouldCreate));
      return shared.get(fileName);
    },
  };
  const program = ts.createProgram({ rootNames: files, options: compilerOptions, host });
  return [...ts.getPreEmitDiagnostics(program)];
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listTs(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function oneLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? text;
  return line.length > 400 ? `${line.slice(0, 400)}…` : line;
}

function formatDiagnostic(d: ts.Diagnostic, base: string): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (!d.file || d.start === undefined) return `TS${d.code}: ${message}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${relative(base, d.file.fileName)}:${line + 1}:${character + 1} TS${d.code}: ${message}`;
}

export interface SpecJob {
  file: string;
  /** Folder name for the output. */
  slug: string;
}

interface Generated {
  result?: CheckResult;
  files: string[];
  generateMs: number;
  extra: Partial<CheckResult>;
}

/** Generates one spec's TypeScript into `dir/src` (or says why not). */
async function generate(tool: Tool, specFile: string, dir: string, slug: string): Promise<Generated> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  if (tool === 'clientgen') {
    let result;
    try {
      result = await generatePackage({ specFile, outDir: dir, packageName: `@corpus/${slug.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}` });
    } catch (error) {
      if (error instanceof SpecError) {
        const first = error.problems[0];
        const reason = first ? `${first.pointer ? `#${first.pointer}: ` : ''}${first.message}` : error.message;
        return { result: { status: 'refused', reason: oneLine(reason), problems: error.problems.length, generateMs: ms(), typecheckMs: 0 }, files: [], generateMs: ms(), extra: {} };
      }
      return { result: { status: 'generate-error', reason: oneLine((error as Error).stack ?? String(error)), generateMs: ms(), typecheckMs: 0 }, files: [], generateMs: ms(), extra: {} };
    }
    writePackageAtomically(dir, result.files);
    return { files: listTs(join(dir, 'src')), generateMs: ms(), extra: { warnings: result.warnings.length, operations: result.model.operations.length } };
  }
  let types: string;
  try {
    const { default: openapiTS, astToString } = (await import(openapiTypescript)) as OpenapiTypescript;
    types = astToString(await openapiTS(pathToFileURL(specFile), { silent: true }));
  } catch (error) {
    return { result: { status: 'refused', reason: oneLine((error as Error).message), generateMs: ms(), typecheckMs: 0 }, files: [], generateMs: ms(), extra: {} };
  }
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src/types.ts'), types);
  return { files: [join(dir, 'src/types.ts')], generateMs: ms(), extra: {} };
}

/**
 * Runs `tool` on each spec, generating under `workdir/<batch>/<slug>`, and
 * type-checks all of them in one program (the checker's set-up, with the DOM
 * lib and the runtime's types, is paid once per batch); diagnostics are
 * attributed to the spec whose folder they are in. Removed afterwards unless `keep`.
 */
export async function checkSpecs(tool: Tool, specs: SpecJob[], workdir: string, keep = false): Promise<CheckResult[]> {
  const batchDir = join(workdir, `batch-${process.pid}`);
  rmSync(batchDir, { recursive: true, force: true });
  try {
    const generated: Generated[] = [];
    for (const spec of specs) generated.push(await generate(tool, spec.file, join(batchDir, spec.slug), spec.slug));
    const files = generated.flatMap((g) => (g.result ? [] : g.files));
    const checkStarted = performance.now();
    const diagnostics = files.length ? typecheck(files, batchDir) : [];
    const typecheckMs = (performance.now() - checkStarted) / Math.max(1, generated.filter((g) => !g.result).length);
    return generated.map((g, i) => {
      if (g.result) return g.result;
      const dir = join(batchDir, specs[i]!.slug);
      const outputBytes = g.files.reduce((n, f) => n + readFileSync(f).length, 0);
      const mine = diagnostics.filter((d) => !d.file || d.file.fileName.startsWith(`${dir}/`));
      const base = { generateMs: g.generateMs, typecheckMs, outputBytes, ...g.extra };
      if (mine.length) return { status: 'type-error' as const, reason: formatDiagnostic(mine[0]!, dir), problems: mine.length, ...base };
      return { status: 'ok' as const, ...base };
    });
  } finally {
    if (!keep) rmSync(batchDir, { recursive: true, force: true });
  }
}
