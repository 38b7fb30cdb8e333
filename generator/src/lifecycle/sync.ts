/**
 * `clientgen sync [provider…]` (`pnpm sync`): bring specs/ and packages/ up
 * to date with what the providers publish.
 *
 * For each provider whose `specs/<p>/provider.yaml` lists `upstream` sources:
 *
 *   fetch every source (fetcher.ts) → convert per format → merge → apply
 *   specs/<p>/overlays/*.yaml in order (convert/vendor.ts) → overlay drift
 *   check (overlay-drift.ts) → lint gate (the generator's own `loadSpec` on a
 *   staged copy, plus provider.yaml against the new spec) → diff against the
 *   vendored specs/<p>/openapi.yaml (diff.ts)
 *
 * and, when something changed: write the new spec (keeping the existing
 * header comment), bump `version` in provider.yaml (semver.ts), regenerate
 * packages/<p> with a new CHANGELOG.md entry (changelog.ts).
 *
 * Up to date: when the staged text equals the vendored file byte for byte,
 * or when the diff finds no change at all (the documents differ only in key
 * order or YAML style), nothing is written. A second run after a sync is
 * therefore always a no-op.
 *
 * All or nothing: every provider is fetched, converted and checked before
 * anything is written; one failure anywhere stops the whole run with nothing
 * written. The write phase records the previous content of every file and
 * package it replaces and puts it all back if any step fails, so specs/ and
 * packages/ end up either fully synced or exactly as they were.
 *
 * Each provider's result also carries what the review report (report.ts,
 * `clientgen sync --report`) shows: what each source returned (size,
 * SHA-256), the changelog entry, warnings about the new spec, the outcome of
 * the recorded-traffic verification (`verify`: sync-verify.ts, through `clientgen verify`),
 * and every file written with its added/removed line counts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocumentText } from '../load/read-document.js';
import { SpecError, formatProblem, type SpecProblem } from '../load/spec-error.js';
import type { OpenAPIDocument } from '../model/openapi.js';
import { checkProviderAgainstSpec, loadProviderConfig } from '../provider/load-provider.js';
import type { UpstreamSource } from '../provider/provider-config.js';
import { inputFingerprint, recordStamp } from '../write/fingerprint.js';
import { listOwnedFiles, writePackageAtomically, type FileSet } from '../write/output.js';
import { toYaml } from './convert/serialize.js';
import { readOverlays, vendorSpec, type UpstreamText } from './convert/vendor.js';
import { prependEntry, renderEntry, today } from './changelog.js';
import { diffSpecs, type Change } from './diff.js';
import type { BumpLevel } from './diff-rules.js';
import { httpFetcher, type Fetcher } from './fetcher.js';
import { lineCounts } from './line-diff.js';
import { overlayDrift, type OverlayDrift } from './overlay-drift.js';
import { bumpVersion, effectiveLevel, readProviderVersion, setProviderVersion } from './semver.js';

export interface SyncOptions {
  /** Workspace root (holds specs/ and packages/). */
  root: string;
  /** Provider folder names; default every provider with `upstream` in provider.yaml. */
  providers?: string[];
  /** Default: `httpFetcher({ sourceBase })`. */
  fetcher?: Fetcher;
  /** See fetcher.ts; ignored when `fetcher` is given. */
  sourceBase?: string;
  /** Changelog date, `YYYY-MM-DD`; default today (or SOURCE_DATE_EPOCH). */
  date?: string;
  /** Report what would change; write nothing. */
  dryRun?: boolean;
  /** Continue (with a warning) when upstream changed under an overlay. */
  allowOverlayDrift?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Test seam: called after everything is written, before the run is final; throwing rolls back. */
  beforeCommit?: () => void;
  /**
   * Checks a changed provider's new spec against recorded traffic; return
   * `undefined` when there are no recordings for it. `clientgen sync` uses
   * recordingsVerifier (sync-verify.ts: `specs/<p>/recordings/` through
   * `clientgen verify`); without a hook the report says "not run".
   */
  verify?: VerifyHook;
}

export type VerifyHook = (input: { provider: string; root: string; document: OpenAPIDocument }) => Promise<VerifyCheck | undefined> | VerifyCheck | undefined;

/** What a verifier found in the recordings of one provider. */
export interface VerifyCheck {
  /** Recorded exchanges checked. */
  exchanges: number;
  findings: VerifyFinding[];
}

/** One disagreement between the spec and a recorded request or response. */
export interface VerifyFinding {
  /** `GET /path` when the finding is about one operation. */
  operation?: string;
  /** JSON pointer into the new spec, without `#`. */
  pointer?: string;
  message: string;
  /** The recording it comes from (`file#entry`). */
  recording?: string;
}

/** `unavailable`: no verifier (SyncOptions.verify) ran; `no-recordings`: it has none for this provider. */
export type VerifyOutcome = { status: 'unavailable' } | { status: 'no-recordings' } | ({ status: 'checked' } & VerifyCheck);

/** One upstream source as fetched this run. */
export interface FetchedSource {
  url: string;
  format: string;
  bytes: number;
  sha256: string;
}

/** A file the sync wrote, with `git diff --numstat`-style line counts. */
export interface FileChange {
  /** Workspace-relative, `/`-separated. */
  path: string;
  change: 'added' | 'modified' | 'deleted';
  added: number;
  removed: number;
}

export type ProviderStatus = 'up-to-date' | 'changed' | 'skipped';

export interface ProviderSyncResult {
  provider: string;
  status: ProviderStatus;
  /** Why it was skipped, or a remark on an up-to-date provider. */
  note?: string;
  sources: string[];
  /** What each source returned (empty when skipped). */
  fetched: FetchedSource[];
  changes: Change[];
  bump: BumpLevel;
  oldVersion: string;
  newVersion: string;
  /** Overlay drift that was allowed with `allowOverlayDrift`. */
  drift: OverlayDrift[];
  /** Workspace-relative paths written (empty on a dry run or when up to date). */
  written: string[];
  /** The CHANGELOG.md entry for the new version (changed providers). */
  changelogEntry?: string;
  /** Lint warnings and lossy constructs in the new spec (changed providers), located in specs/<p>/openapi.yaml. */
  warnings: SpecProblem[];
  /** Recorded-traffic verification of the new spec (changed providers). */
  verify: VerifyOutcome;
  /** Every file written with its line counts (empty on a dry run or when up to date). */
  files: FileChange[];
}

/** A sync failure; `provider` names the provider it is about. */
export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly provider: string | undefined,
    message: string,
    readonly causeError?: unknown,
  ) {
    super(message);
  }
}

/** Provider folders with a provider.yaml (synced when they list `upstream`). */
export function syncableProviders(root: string): string[] {
  const specs = join(root, 'specs');
  if (!existsSync(specs)) return [];
  return readdirNames(specs).filter((n) => existsSync(join(specs, n, 'provider.yaml')));
}

function readdirNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** The leading `#` comment block of a YAML file (with its newlines), or ''. */
export function headerComment(text: string): string {
  return /^(?:#[^\n]*\n)*/.exec(text)?.[0] ?? '';
}

function defaultHeader(sources: readonly UpstreamSource[]): string {
  return [
    `# Synced by \`clientgen sync\` from ${sources.length === 1 ? 'this upstream source' : 'these upstream sources'}:`,
    ...sources.map((s) => `#   ${s.url} (${s.format})`),
    '# then overlays/*.yaml applied in order. Do not edit by hand; change an overlay instead.',
    '',
  ].join('\n');
}

/** Where an upstream `url` is fetched from: URLs as they are, paths relative to specs/<p>/. */
function sourceUrl(url: string, providerDir: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith('file:')) return url;
  return pathToFileURL(isAbsolute(url) ? url : resolve(providerDir, url)).href;
}

interface Plan extends ProviderSyncResult {
  specFile: string;
  providerFile: string;
  specText?: string;
  providerText?: string;
}

export async function syncProviders(options: SyncOptions): Promise<ProviderSyncResult[]> {
  const root = resolve(options.root);
  const log = options.log ?? (() => undefined);
  const fetcher = options.fetcher ?? httpFetcher(options.sourceBase ? { sourceBase: options.sourceBase } : {});
  const all = syncableProviders(root);
  const names = options.providers?.length ? options.providers : all;
  for (const n of names) if (!all.includes(n)) throw new SyncError(n, `no provider "${n}": specs/${n}/provider.yaml does not exist (providers: ${all.join(', ') || 'none'})`);
  const date = options.date ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new SyncError(undefined, `invalid date "${date}" (expected YYYY-MM-DD)`);

  const staging = mkdtempSync(join(tmpdir(), 'clientgen-sync-'));
  let keepStaging = false;
  try {
    // Phase 1: read, fetch, convert, check and diff every provider; write nothing.
    const plans: Plan[] = [];
    for (const name of names) {
      try {
        plans.push(await planProvider(root, name, fetcher, staging, date, options, log));
      } catch (error) {
        if (error instanceof StagedSpecError) keepStaging = true;
        throw error instanceof SyncError ? error : new SyncError(name, messageOf(error), error);
      }
    }
    // Phase 2: write, all or nothing.
    const changed = plans.filter((p) => p.status === 'changed');
    if (changed.length && !options.dryRun) await commit(root, changed, options);
    return plans.map(({ specFile: _s, providerFile: _p, specText: _t, providerText: _x, ...result }) => result);
  } finally {
    if (!keepStaging) rmSync(staging, { recursive: true, force: true });
  }
}

/** A lint-gate failure; the rejected spec stays in the staging directory for inspection. */
class StagedSpecError extends SyncError {}

function messageOf(error: unknown): string {
  if (error instanceof SpecError) return `${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:\n${error.message}`;
  return (error as Error)?.message ?? String(error);
}

async function planProvider(root: string, name: string, fetcher: Fetcher, staging: string, date: string, options: SyncOptions, log: (line: string) => void): Promise<Plan> {
  const providerDir = join(root, 'specs', name);
  const providerFile = join(providerDir, 'provider.yaml');
  const specFile = join(providerDir, 'openapi.yaml');
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  const providerText = readFileSync(providerFile, 'utf8');
  const config = loadProviderConfig(providerFile, name, rel(providerFile));
  const oldVersion = readProviderVersion(providerText);
  const sources = config.upstream ?? [];
  const base: Plan = {
    provider: name,
    status: 'skipped',
    sources: sources.map((s) => s.url),
    fetched: [],
    changes: [],
    bump: 'none',
    oldVersion,
    newVersion: oldVersion,
    drift: [],
    written: [],
    warnings: [],
    verify: { status: 'unavailable' },
    files: [],
    specFile,
    providerFile,
  };
  if (sources.length === 0) return { ...base, note: 'no `upstream` in provider.yaml' };

  // Fetch (all sources of a provider at once).
  log(`${name}: fetching ${sources.length} source${sources.length === 1 ? '' : 's'}`);
  const texts: UpstreamText[] = await Promise.all(
    sources.map(async (s) => ({
      format: s.format,
      source: s.url,
      text: await fetcher(sourceUrl(s.url, providerDir)),
      ...(s.filter ? { filter: s.filter } : {}),
    })),
  );
  base.fetched = texts.map((t) => ({ url: t.source, format: t.format, bytes: Buffer.byteLength(t.text), sha256: createHash('sha256').update(t.text).digest('hex') }));

  // Convert, merge, overlay.
  const overlays = readOverlays(join(providerDir, 'overlays'));
  const document = vendorSpec(texts, overlays);
  const drift = overlays.length ? overlayDrift(vendorSpec(texts, []), overlays, document) : [];
  if (drift.length && !options.allowOverlayDrift) {
    throw new SyncError(
      name,
      [
        'upstream changed where an overlay replaces its content, so the change would not reach the vendored spec:',
        ...drift.flatMap((d) => [
          `  specs/${name}/overlays/${d.overlay} action ${d.action} (target ${d.target}) replaces #${d.pointer}; upstream now differs there:`,
          ...(d.changes.length ? d.changes.map((c) => `    ${c.level} ${c.rule}: ${c.message}`) : ['    (differences no diff rule classifies)']),
        ]),
        `  → update specs/${name}/overlays/${drift[0]!.overlay} to carry the upstream change (or run with --allow-overlay-drift to sync anyway)`,
      ].join('\n'),
    );
  }

  // Serialise with the vendored file's header comment.
  const existing = existsSync(specFile) ? readFileSync(specFile, 'utf8') : undefined;
  const header = existing !== undefined ? headerComment(existing) : defaultHeader(sources);
  const specText = `${header}${toYaml(document)}`;
  if (existing === specText) return { ...base, status: 'up-to-date', drift };

  // Lint gate: the generator's own loader on a staged copy, and provider.yaml against the new spec.
  const staged = join(staging, name, 'openapi.yaml');
  mkdirSync(join(staging, name), { recursive: true });
  writeFileSync(staged, specText);
  let loadedDocument;
  let warnings: SpecProblem[];
  try {
    // Loaded on demand: Redocly is not needed when the spec is up to date.
    const { loadSpec } = await import('../load/load-spec.js');
    const loaded = await loadSpec(staged, { strict: true });
    loadedDocument = loaded.document;
    // The staged copy has the same text, so lines and columns hold for the vendored file.
    warnings = loaded.warnings.map((w) => (w.file === staged ? { ...w, file: rel(specFile) } : w));
    checkProviderAgainstSpec(providerFile, config, loadedDocument, { displayAs: rel(providerFile), folder: name });
  } catch (error) {
    throw new StagedSpecError(
      name,
      `the synced spec does not pass the lint gate; specs/${name}/ and packages/${name}/ were left untouched.\n${messageOf(error)}\n(the rejected spec is kept at ${staged})`,
      error,
    );
  }

  // Diff against the vendored spec.
  const oldDoc = existing !== undefined ? parseDocumentText(rel(specFile), existing) : { openapi: '3.1.0', info: { title: name, version: '' }, paths: {} };
  const newDoc = parseDocumentText(staged, specText);
  const report = diffSpecs(oldDoc, newDoc);
  if (report.changes.length === 0) {
    return { ...base, status: 'up-to-date', drift, note: `specs/${name}/openapi.yaml differs from the pipeline's output only in key order or YAML style; left as is` };
  }
  const newVersion = existing === undefined ? oldVersion : bumpVersion(oldVersion, report.bump);
  const entry = renderEntry({
    version: newVersion,
    date,
    bump: report.bump,
    changes: report.changes,
    ...(existing === undefined ? { summary: 'First version synced from upstream.' } : {}),
  });
  return {
    ...base,
    status: 'changed',
    changes: report.changes,
    bump: report.bump,
    newVersion,
    drift,
    specText,
    providerText: newVersion === oldVersion ? providerText : setProviderVersion(providerText, newVersion),
    changelogEntry: entry,
    warnings,
    verify: await runVerify(options.verify, { provider: name, root, document: loadedDocument }),
  };
}

async function runVerify(hook: VerifyHook | undefined, input: Parameters<VerifyHook>[0]): Promise<VerifyOutcome> {
  if (!hook) return { status: 'unavailable' };
  const check = await hook(input);
  return check === undefined ? { status: 'no-recordings' } : { status: 'checked', exchanges: check.exchanges, findings: check.findings };
}

/** `a` plus the problems of `b` not already in it (same text). */
function mergeWarnings(a: readonly SpecProblem[], b: readonly SpecProblem[]): SpecProblem[] {
  const seen = new Set(a.map(formatProblem));
  return [...a, ...b.filter((w) => !seen.has(formatProblem(w)))];
}

function fileChange(path: string, before: string | undefined, after: string | undefined): FileChange | undefined {
  if (before === after) return undefined;
  const change = before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified';
  return { path, change, ...lineCounts(before, after) };
}

// ---------------------------------------------------------------------------
// Phase 2: write with rollback.

interface PackageSnapshot {
  dir: string;
  existed: boolean;
  files: FileSet;
  changelog?: string;
}

function snapshotPackage(dir: string): PackageSnapshot {
  if (!existsSync(dir)) return { dir, existed: false, files: new Map() };
  const files: FileSet = new Map(listOwnedFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const changelogFile = join(dir, 'CHANGELOG.md');
  return { dir, existed: true, files, ...(existsSync(changelogFile) ? { changelog: readFileSync(changelogFile, 'utf8') } : {}) };
}

function restorePackage(s: PackageSnapshot): void {
  if (!s.existed) {
    rmSync(s.dir, { recursive: true, force: true });
    return;
  }
  const files = new Map(s.files);
  if (s.changelog !== undefined) files.set('CHANGELOG.md', s.changelog);
  writePackageAtomically(s.dir, files);
  if (s.changelog === undefined) rmSync(join(s.dir, 'CHANGELOG.md'), { force: true });
}

/** Writes `content` to `file` through a temporary sibling and a rename. */
function writeFileAtomically(file: string, content: string): void {
  const temp = `${file}.clientgen-tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

async function commit(root: string, plans: Plan[], options: SyncOptions): Promise<void> {
  const fileBackups = new Map<string, string | undefined>();
  const packageBackups: PackageSnapshot[] = [];
  const writeFile = (file: string, content: string) => {
    if (!fileBackups.has(file)) fileBackups.set(file, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    writeFileAtomically(file, content);
  };
  const rel = (p: string) => relative(root, p).split('\\').join('/');
  const generated: [Plan, string, FileSet, FileSet][] = [];
  try {
    // Specs and provider.yaml first: generation reads them from their real
    // place, so that generated headers name specs/<p>/openapi.yaml.
    for (const p of plans) {
      const oldSpec = existsSync(p.specFile) ? readFileSync(p.specFile, 'utf8') : undefined;
      writeFile(p.specFile, p.specText!);
      p.written.push(rel(p.specFile));
      const specChange = fileChange(rel(p.specFile), oldSpec, p.specText);
      if (specChange) p.files.push(specChange);
      const oldProvider = readFileSync(p.providerFile, 'utf8');
      if (p.providerText !== oldProvider) {
        writeFile(p.providerFile, p.providerText!);
        p.written.push(rel(p.providerFile));
        p.files.push(fileChange(rel(p.providerFile), oldProvider, p.providerText)!);
      }
    }
    // Loaded on demand: the emit pipeline (openapi-typescript, ts-morph) takes seconds to import.
    const { generatePackage } = await import('../generate.js');
    for (const p of plans) {
      const outDir = join(root, 'packages', p.provider);
      let result;
      try {
        result = await generatePackage({ specFile: p.specFile, outDir, providerFolder: p.provider, contractTests: true });
      } catch (error) {
        throw new SyncError(p.provider, `regenerating packages/${p.provider} failed:\n${messageOf(error)}`, error);
      }
      const changelogFile = join(outDir, 'CHANGELOG.md');
      const changelog = prependEntry(existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : undefined, p.changelogEntry!);
      const files = new Map(result.files);
      files.set('CHANGELOG.md', changelog);
      p.warnings = mergeWarnings(p.warnings, result.warnings);
      generated.push([p, outDir, files, result.files]);
    }
    for (const [p, outDir, files] of generated) {
      const before = snapshotPackage(outDir);
      packageBackups.push(before);
      p.files.push(...packageChanges(rel(outDir), before, files));
      writePackageAtomically(outDir, files);
      p.written.push(`${rel(outDir)}/`);
    }
    options.beforeCommit?.();
  } catch (error) {
    const problems: string[] = [];
    for (const s of packageBackups.reverse()) {
      try {
        restorePackage(s);
      } catch (e) {
        problems.push(`${s.dir}: ${(e as Error).message}`);
      }
    }
    for (const [file, content] of fileBackups) {
      try {
        if (content === undefined) rmSync(file, { force: true });
        else writeFileAtomically(file, content);
      } catch (e) {
        problems.push(`${file}: ${(e as Error).message}`);
      }
    }
    for (const p of plans) {
      p.written = [];
      p.files = [];
    }
    const note = problems.length ? `\nrollback was incomplete:\n  ${problems.join('\n  ')}` : '\nspecs/ and packages/ were restored to their previous state.';
    if (error instanceof SyncError) throw new SyncError(error.provider, `${error.message}${note}`, error.causeError);
    throw new SyncError(undefined, `${messageOf(error)}${note}`, error);
  }
  recordStamps(root, generated);
}

/** The changes writing `files` over the package snapshot `before` makes, file by file, in path order. */
function packageChanges(dir: string, before: PackageSnapshot, files: FileSet): FileChange[] {
  const old = new Map(before.files);
  if (before.changelog !== undefined) old.set('CHANGELOG.md', before.changelog);
  // NOTICE is kept across regenerations but replaced when the generator makes one.
  if (files.has('NOTICE') && existsSync(join(before.dir, 'NOTICE'))) old.set('NOTICE', readFileSync(join(before.dir, 'NOTICE'), 'utf8'));
  const paths = [...new Set([...old.keys(), ...files.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return paths.flatMap((f) => fileChange(`${dir}/${f}`, old.get(f), files.get(f)) ?? []);
}

/** Lets the next `pnpm generate` skip the packages just written (best effort; see write/fingerprint.ts). */
function recordStamps(root: string, generated: readonly [Plan, string, FileSet, FileSet][]): void {
  if (!existsSync(join(root, 'generator', 'src'))) return;
  for (const [p, , , files] of generated) {
    try {
      recordStamp(root, p.provider, inputFingerprint(root, p.provider), files);
    } catch {
      // The cache is an optimisation; generate-all recomputes without it.
    }
  }
}

/** One-line summary of the version change: `0.1.0 → 0.2.0 (major; 0.x: minor)`. */
export function describeBump(r: ProviderSyncResult): string {
  if (r.newVersion === r.oldVersion) return `version ${r.oldVersion} (first sync of this spec; not bumped)`;
  const eff = effectiveLevel(r.oldVersion, r.bump);
  return `${r.oldVersion} → ${r.newVersion} (bump ${r.bump}${eff !== r.bump ? `; below 1.0.0 that is a ${eff} bump` : ''})`;
}
