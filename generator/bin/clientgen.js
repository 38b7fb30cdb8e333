#!/usr/bin/env node
// clientgen's entry point.
//
// Runs CommonJS bundles of generator/src *and its dependencies*, built by
// esbuild and cached in node_modules/.cache/clientgen-bin/, keyed by hashes of
// everything that shapes them: the sources, generator/package.json, this file
// (the build options) and the lockfile (the dependencies' exact code). An edit
// to any of them rebuilds what it affects on the next run, so they can never
// be stale. (A hand edit inside node_modules is not seen: delete
// node_modules/.cache/clientgen-bin/ after one.) Without esbuild it falls back
// to compiling the sources through tsx.
//
// Two bundles:
// - clientgen-deps-<key>.cjs (12 MB): ts-morph, openapi-typescript, Redocly and
//   the TypeScript compiler. Keyed without the sources: an edit of src/
//   rebuilds neither it nor its code cache. Loaded on the first `require` of
//   one of them, so a command that needs none (a no-op `generate-all`) does
//   not read it.
// - clientgen-<key>.cjs (0.4 MB): the sources and the small dependencies;
//   rebuilt in ≈0.1 s after an edit.
//
// Why bundle the dependencies (≈0.45 s of a 1.6 s run on Datadog v1, a 1.6 MB spec):
// - One TypeScript instead of two. ts-morph ships its own copy of the compiler
//   (@ts-morph/common/dist/typescript.js) next to the workspace `typescript`
//   that openapi-typescript imports; loading both cost ≈0.2 s. The bundle
//   resolves ts-morph's copy to the workspace `typescript`: src/types.ts is
//   printed by the TypeScript openapi-typescript is made for (its peer range is
//   ^5), and ts-morph only prints structures (emit/client-file.ts), which is
//   string building that calls nothing in the compiler.
// - A V8 code cache per bundle (`vm.Script` cachedData, the way
//   v8-compile-cache does it), saved after the run that compiled the code, so
//   later runs neither parse nor compile the ≈12 MB of JavaScript (≈0.3 s).
//   It is keyed by a SHA-256 of the bundle's bytes and by Node's version, V8
//   itself rejects it after a change of flags, and a rejected, corrupt or
//   unreadable cache is simply rebuilt: it can slow a run, never change what runs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import zlib from 'node:zlib';

const generatorDir = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(generatorDir, 'src');
// Inside generator/node_modules, so whatever the bundle still requires resolves like the sources do.
const cacheDir = join(generatorDir, 'node_modules', '.cache', 'clientgen-bin');
const argv = process.argv.slice(2);

/** The lockfiles of the install the generator's dependencies come from: the first folder up from generator/ that has one. */
function lockfiles() {
  const names = ['pnpm-lock.yaml', 'node_modules/.pnpm/lock.yaml', 'package-lock.json', 'node_modules/.package-lock.json', 'yarn.lock'];
  for (let dir = generatorDir; ; dir = dirname(dir)) {
    const found = names.map((n) => join(dir, n)).filter((f) => existsSync(f));
    if (found.length || dirname(dir) === dir) return found;
  }
}

/**
 * The bundles' keys. The dependency bundle's: generator/package.json, this file and the
 * lockfiles; the main bundle's: that and the sources. An edit of src/ rebuilds only the main
 * bundle (0.4 MB, ≈0.1 s) and the dependency bundle keeps its code cache.
 */
function bundleKeys() {
  const deps = createHash('sha256');
  deps.update(readFileSync(join(generatorDir, 'package.json'))).update('\0');
  deps.update(readFileSync(fileURLToPath(import.meta.url))).update('\0');
  for (const file of lockfiles()) deps.update(file.slice(dirname(generatorDir).length)).update('\0').update(readFileSync(file)).update('\0');
  const depsKey = deps.digest('hex').slice(0, 16);
  const main = createHash('sha256').update(depsKey).update('\0');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) main.update(full.slice(srcDir.length)).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(srcDir);
  return { main: main.digest('hex').slice(0, 16), deps: depsKey };
}

/** esbuild plugin: ts-morph's bundled compiler → the workspace `typescript`, so the bundle holds one TypeScript. */
const oneTypeScript = {
  name: 'one-typescript',
  setup(build) {
    let workspaceTypescript;
    try {
      workspaceTypescript = createRequire(join(generatorDir, 'package.json')).resolve('typescript');
    } catch {
      return; // no workspace copy: keep ts-morph's
    }
    build.onResolve({ filter: /^\.\/typescript(\.js)?$/ }, (args) => (/[\\/]@ts-morph[\\/]common[\\/]/.test(args.importer) ? { path: workspaceTypescript } : undefined));
  },
};

/**
 * What goes into the dependency bundle: the bulk of the code, and js-yaml, which Redocly uses
 * too (one copy). The main bundle gets them through the `require` that bundled() hands it.
 */
const DEPENDENCY_BUNDLE = ['ts-morph', 'openapi-typescript', '@redocly/openapi-core', 'js-yaml'];

async function build(outfile, entry) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  mkdirSync(cacheDir, { recursive: true });
  const temp = `${outfile}.${process.pid}.tmp`;
  await esbuild.build({
    ...entry,
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    plugins: [oneTypeScript],
    // 16 → 12 MB, and no comment is left to make the text non-Latin-1 (a two-byte string
    // decodes and compiles slower): ≈40 ms per run. Names are kept (no minifyIdentifiers).
    minifyWhitespace: true,
    // The file is the function `require` would wrap it in, so load() compiles it as read.
    banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
    footer: { js: '})' },
    // A bundle is shared by every checkout with the same sources (the cache may be linked);
    // it locates its workspace from the bin that loads it, set in bundled() below.
    define: { 'import.meta.url': 'globalThis.__CLIENTGEN_SOURCE_URL__' },
  });
  renameSync(temp, outfile);
  prune(basename(outfile));
  return true;
}

const buildMain = (outfile) => build(outfile, { entryPoints: [join(srcDir, 'cli.ts')], external: DEPENDENCY_BUNDLE });
const buildDeps = (outfile) =>
  build(outfile, {
    stdin: {
      contents: DEPENDENCY_BUNDLE.map((name) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => require(${JSON.stringify(name)}) });`).join('\n'),
      resolveDir: generatorDir,
      sourcefile: 'clientgen-deps.js',
      loader: 'js',
    },
  });

/**
 * A main bundle and its code cache weigh ≈0.7 MB, a dependency bundle and its cache ≈21 MB: keep
 * the newest three of each (and the one just built), and drop temp files a crashed run left.
 */
function prune(justBuilt) {
  const stemOf = (name) => /^clientgen-(?:deps-)?[0-9a-f]+/.exec(name)?.[0];
  try {
    const entries = readdirSync(cacheDir).map((name) => ({ name, mtime: statSync(join(cacheDir, name)).mtimeMs }));
    const newest = (pattern) => entries.filter((e) => pattern.test(e.name)).sort((a, b) => b.mtime - a.mtime).slice(0, 3).map((e) => e.name);
    const kept = new Set([justBuilt, ...newest(/^clientgen-[0-9a-f]+\.cjs$/), ...newest(/^clientgen-deps-[0-9a-f]+\.cjs$/)].map(stemOf));
    for (const e of entries) {
      const stem = stemOf(e.name);
      if (e.name.endsWith('.tmp') ? Date.now() - e.mtime > 3600_000 : stem !== undefined && !kept.has(stem)) rmSync(join(cacheDir, e.name), { force: true });
    }
  } catch {
    // Pruning is housekeeping: another run may be pruning too.
  }
}

// Code cache file: "clientgen-v8cache\n", a JSON header line, V8's data. V8 checks its data's
// version, flags and length, not its content (a flipped bit can crash the process), so the
// header holds a checksum of it as well as the hash of the bundle it was made from.
const CACHE_MAGIC = 'clientgen-v8cache\n';
const checksum = (data) => (zlib.crc32 ? zlib.crc32(data).toString(16) : createHash('sha256').update(data).digest('hex'));

function readCodeCache(file, sourceHash) {
  try {
    const bytes = readFileSync(file);
    const headerEnd = bytes.indexOf(10, CACHE_MAGIC.length);
    if (bytes.toString('latin1', 0, CACHE_MAGIC.length) !== CACHE_MAGIC || headerEnd < 0) return undefined;
    const header = JSON.parse(bytes.toString('utf8', CACHE_MAGIC.length, headerEnd));
    const data = bytes.subarray(headerEnd + 1);
    return header.source === sourceHash && header.checksum === checksum(data) ? { header, data } : undefined;
  } catch {
    return undefined;
  }
}

function writeCodeCache(file, header, data) {
  try {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([Buffer.from(`${CACHE_MAGIC}${JSON.stringify({ ...header, checksum: checksum(data) })}\n`), data]));
    renameSync(temp, file);
  } catch {
    // A cache is an optimisation: a read-only or full disk just means the next run compiles again.
  }
}

/** Runs a bundle like `require` would (with `require` as given), from a code cache when there is a valid one. */
function load(bundleFile, bytes, require) {
  const sourceHash = createHash('sha256').update(bytes).digest('hex');
  const cacheFile = `${bundleFile}.${process.version}-${process.arch}.v8cache`;
  const cached = readCodeCache(cacheFile, sourceHash);
  const script = new vm.Script(bytes.toString('utf8'), {
    filename: bundleFile,
    ...(cached ? { cachedData: cached.data } : {}),
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  // The cache holds the functions the run that wrote it compiled. Write it when there is none
  // (or V8 rejected it), and once more after a run that did far more work than that one
  // (e.g. a first run that had nothing to regenerate, then a real generation).
  process.once('exit', () => {
    const { user, system } = process.cpuUsage();
    const cpuMs = Math.round((user + system) / 1000);
    if (cached && !script.cachedDataRejected && cpuMs < 2 * cached.header.cpuMs + 250) return;
    writeCodeCache(cacheFile, { source: sourceHash, cpuMs }, script.createCachedData());
  });
  const mod = new Module(bundleFile);
  mod.filename = bundleFile;
  script.runInThisContext().call(mod.exports, mod.exports, require, mod, bundleFile, dirname(bundleFile));
  return mod.exports;
}

function readBundle(file) {
  try {
    return readFileSync(file);
  } catch (error) {
    if (error?.code === 'ENOENT') return undefined;
    throw error;
  }
}

async function bundled() {
  const keys = bundleKeys();
  const files = { main: join(cacheDir, `clientgen-${keys.main}.cjs`), deps: join(cacheDir, `clientgen-deps-${keys.deps}.cjs`) };
  // Not there yet, or pruned by a run of another checkout just now: build them.
  if (!existsSync(files.deps) && !(await buildDeps(files.deps))) return undefined;
  let bytes = readBundle(files.main);
  if (!bytes) {
    if (!(await buildMain(files.main))) return undefined;
    bytes = readFileSync(files.main);
  }
  globalThis.__CLIENTGEN_SOURCE_URL__ = pathToFileURL(join(srcDir, 'cli.ts')).href;
  const requireFromBundles = createRequire(files.main);
  let deps;
  const fromDeps = (name) => {
    // Should another checkout prune it mid-run, the installed packages are the same code.
    deps ??= ((depsBytes) => (depsBytes ? load(files.deps, depsBytes, createRequire(files.deps)) : null))(readBundle(files.deps));
    return deps ? deps[name] : requireFromBundles(name);
  };
  const require = Object.assign((id) => (DEPENDENCY_BUNDLE.includes(id) ? fromDeps(id) : requireFromBundles(id)), requireFromBundles);
  return load(files.main, bytes, require);
}

const cli = (await bundled()) ?? (await (async () => {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli.ts');
})());
process.exitCode = await cli.main(argv);
