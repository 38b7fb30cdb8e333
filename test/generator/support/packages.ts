/**
 * Generating packages into a scratch directory outside the workspace and
 * checking them the way a user would: one TypeScript program over several
 * packages (strict, the generated tsconfig's options), then a child Node
 * process that imports each package and calls every method against a
 * loopback server.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { generatePackage, type GenerateResult } from '../../../generator/src/generate.js';
import { writePackageAtomically } from '../../../generator/src/write/output.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const runtimeDir = join(repoRoot, 'packages/runtime');
export const clientgenBin = join(repoRoot, 'generator/bin/clientgen.js');

/** A fresh directory where `@clientgen/runtime` and `openapi-fetch` resolve (as after `npm install`). */
export function makeWorkdir(prefix: string): string {
  if (!existsSync(join(runtimeDir, 'dist/index.js'))) throw new Error('build @clientgen/runtime first: cd packages/runtime && npx tsc -p tsconfig.json');
  const dir = mkdtempSync(join(tmpdir(), `clientgen-${prefix}-`));
  mkdirSync(join(dir, 'node_modules/@clientgen'), { recursive: true });
  symlinkSync(runtimeDir, join(dir, 'node_modules/@clientgen/runtime'), 'dir');
  symlinkSync(join(runtimeDir, 'node_modules/openapi-fetch'), join(dir, 'node_modules/openapi-fetch'), 'dir');
  // Files outside the packages (type assertions) are ES modules too.
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  return dir;
}

export function removeWorkdir(dir: string | undefined): void {
  if (dir && !process.env.KEEP_WORKDIR) rmSync(dir, { recursive: true, force: true });
}

export interface Generated {
  /** Folder name under the workdir, also the unscoped package name. */
  name: string;
  dir: string;
  result: GenerateResult;
}

/** `clientgen generate --spec <spec> --out <workdir>/<name> --name @fixture/<name>`, programmatically. */
export async function generateInto(workdir: string, specFile: string, name: string): Promise<Generated> {
  const dir = join(workdir, name);
  const result = await generatePackage({ specFile, outDir: dir, packageName: `@fixture/${name}` });
  writePackageAtomically(dir, result.files);
  return { name, dir, result };
}

export interface CompileResult {
  /** Formatted diagnostics per package folder (`''` for files outside packages). */
  errors: Map<string, string[]>;
  /** All diagnostics, formatted, relative to the workdir. */
  text: string;
}

/**
 * One TypeScript program over `<workdir>/<name>/src/**` of every package plus
 * `extraFiles` (type-level assertions), with the compiler options of the
 * generated tsconfig.json. With `emit`, JavaScript goes to `<workdir>/.out/<name>/src`.
 */
export function compilePackages(workdir: string, names: string[], options: { extraFiles?: string[]; emit?: boolean } = {}): CompileResult {
  const tsconfig = JSON.parse(readFileSync(join(workdir, names[0]!, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  const { options: compilerOptions, errors: optionErrors } = ts.convertCompilerOptionsFromJson(
    { ...tsconfig.compilerOptions, rootDir: '.', outDir: '.out', declaration: false, noEmit: !options.emit },
    workdir,
  );
  if (optionErrors.length) throw new Error(ts.formatDiagnostics(optionErrors, host(workdir)));
  const rootNames = [...names.flatMap((n) => listTs(join(workdir, n, 'src'))), ...(options.extraFiles ?? [])];
  const program = ts.createProgram({ rootNames, options: compilerOptions });
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (options.emit && diagnostics.length === 0) {
    const emitted = program.emit();
    diagnostics.push(...emitted.diagnostics);
  }
  const errors = new Map<string, string[]>();
  for (const d of diagnostics) {
    const file = d.file ? relative(workdir, d.file.fileName) : '';
    const pkg = names.find((n) => file.startsWith(`${n}/`)) ?? '';
    const list = errors.get(pkg) ?? [];
    list.push(ts.formatDiagnostic(d, host(workdir)).trim());
    errors.set(pkg, list);
  }
  return { errors, text: diagnostics.length ? ts.formatDiagnostics(diagnostics, host(workdir)) : '' };
}

function host(workdir: string): ts.FormatDiagnosticsHost {
  return { getCanonicalFileName: (f) => f, getCurrentDirectory: () => workdir, getNewLine: () => '\n' };
}

function listTs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listTs(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

export interface ImportReport {
  name: string;
  /** `globalThis.pwned` after importing the package. */
  pwnedAfterImport: unknown;
  /** `globalThis.pwned` after calling every method. */
  pwnedAfterCalls: unknown;
  /** Methods called. */
  calls: string[];
  /** Requests the loopback server received (method + path). */
  requests: string[];
  /** Failures that are not the runtime's own errors (a generated package should throw nothing else). */
  unexpected: string[];
}

/**
 * In a child Node process: start a loopback server answering `200 {}`,
 * import each compiled package (`<workdir>/.out/<name>/src/index.js`),
 * create a client (every credential set, `baseUrl` the server) and call
 * every method with its path parameters and a body when required.
 */
export async function importAndCall(workdir: string, names: string[]): Promise<ImportReport[]> {
  const runner = join(workdir, '.out', 'run-all.mjs');
  writeFileSync(runner, RUNNER);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [runner, ...names], { cwd: workdir, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      if (error) reject(new Error(`runner failed: ${error.message}\n${err}`));
      else resolve(out);
    });
  });
  return JSON.parse(stdout.slice(stdout.indexOf('\n@@REPORT@@\n') + 12)) as ImportReport[];
}

const RUNNER = String.raw`
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const requests = [];
const server = createServer((req, res) => {
  requests.push(req.method + ' ' + req.url);
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.method === 'HEAD' ? undefined : '{}');
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const baseUrl = 'http://127.0.0.1:' + server.address().port;
const reports = [];
for (const name of process.argv.slice(2)) {
  const report = { name, calls: [], requests: [], unexpected: [] };
  requests.length = 0;
  const base = join(process.cwd(), '.out', name, 'src');
  try {
    const mod = await import(pathToFileURL(join(base, 'index.js')).href);
    report.pwnedAfterImport = globalThis.pwned;
    const { api, operations } = await import(pathToFileURL(join(base, 'api.js')).href);
    const options = { baseUrl, maxRetries: 0, timeoutMs: 5000, env: {} };
    for (const option of Object.keys(api.credentials)) options[option] = 'credential';
    for (const s of Object.values(api.securitySchemes)) {
      options[s.option] = 'credential';
      if (s.passwordOption) options[s.passwordOption] = 'credential';
    }
    const client = mod.createClient(options);
    for (const [method, op] of Object.entries(operations)) {
      const params = {};
      for (const p of op.params?.path ?? []) params[p] = 'v';
      // Objects for JSON, form and multipart bodies (styledForm's encoder has no name), a string for the others.
      if (op.body) params.body = ['jsonBody', 'formBody', 'multipartBody', ''].includes(op.body.encode.name) ? {} : 'body';
      report.calls.push(method);
      try {
        await client[method](params);
      } catch (error) {
        if (!(error instanceof mod.ClientgenError)) report.unexpected.push(method + ': ' + (error?.stack ?? String(error)));
      }
    }
  } catch (error) {
    report.unexpected.push('import: ' + (error?.stack ?? String(error)));
  }
  report.pwnedAfterCalls = globalThis.pwned;
  report.requests = [...requests];
  reports.push(report);
}
server.close();
process.stdout.write('\n@@REPORT@@\n' + JSON.stringify(reports));
`;

/** Every file of a directory (relative path → content), for byte-for-byte comparisons. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** Run the CLI; resolves with exit code and output (never rejects on a non-zero exit). */
export function runCli(args: string[], cwd = repoRoot): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [clientgenBin, ...args], { cwd, timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, INIT_CWD: cwd } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
