/**
 * The sync report: what a reviewer needs to judge one `clientgen sync` run,
 * as a pull-request body (Markdown) and as JSON for scripts.
 *
 *   buildReport({ date, dryRun, results } | { date, dryRun, error }) → SyncReport
 *   renderMarkdown(report), renderJson(report)
 *
 * Per changed provider: the upstream sources fetched (size, SHA-256), the
 * version bump and why, the breaking-change report (level, rule, operation,
 * JSON pointer), the rules hit, the CHANGELOG.md entry, lint warnings, the
 * recorded-traffic verification (`specs/<p>/recordings/` through `clientgen
 * verify`, when there are recordings), and every file written with its
 * added/removed line counts.
 *
 * The report holds no absolute paths, ports or timestamps beyond the run's
 * date, so the same run renders the same bytes. A pull-request body holds at
 * most 65,536 characters: past `maxChars` the long lists (changes, files,
 * the changelog entry) are cut to their first rows, and say how many more
 * there are and where to find them (the JSON report has everything).
 */
import { formatProblem } from '../load/spec-error.js';
import type { Change } from './diff.js';
import { LEVELS, type BumpLevel, type ChangeLevel } from './diff-rules.js';
import { effectiveLevel } from './semver.js';
import { recordingsDir } from './sync-verify.js';
import type { FetchedSource, FileChange, ProviderStatus, ProviderSyncResult, VerifyOutcome } from './sync.js';

export type RunStatus = 'changed' | 'unchanged' | 'failed';

/**
 * `clientgen sync --report/--json` exit codes, for a workflow to branch on.
 * 0 is the run that has work for the next step (open the pull request); "up
 * to date" gets a code of its own that `1` (any failure, also Node's own for
 * an uncaught error) and `2` (wrong usage) cannot be mistaken for.
 */
export const EXIT_CODES = { changed: 0, failed: 1, usage: 2, unchanged: 3 } as const;

export interface ReportChange {
  level: ChangeLevel;
  rule: string;
  operation?: string;
  /** JSON pointer with `#`: into the old spec for removals, the new one otherwise. */
  pointer: string;
  message: string;
}

export interface RuleHit {
  rule: string;
  level: ChangeLevel;
  count: number;
}

export interface ProviderReport {
  provider: string;
  status: ProviderStatus;
  note?: string;
  oldVersion: string;
  newVersion: string;
  /** The diff's level. */
  bump: BumpLevel;
  /** What the version moved by (below 1.0.0 one place to the right); `none` when it did not move. */
  versionBump: BumpLevel;
  /** Why the version moved (or did not), in words. */
  bumpReason: string;
  sources: FetchedSource[];
  changes: ReportChange[];
  rules: RuleHit[];
  changelogEntry?: string;
  /** `file:line:column #/pointer: message` (with `→ hint` lines). */
  warnings: string[];
  verify: VerifyOutcome;
  /** Upstream changes hidden by an overlay, synced anyway with --allow-overlay-drift. */
  drift: string[];
  files: FileChange[];
}

export interface SyncReport {
  status: RunStatus;
  /** Pull-request and commit title. */
  title: string;
  date: string;
  dryRun: boolean;
  providers: ProviderReport[];
  error?: { provider?: string; message: string };
}

export type ReportInput = { date: string; dryRun: boolean } & ({ results: readonly ProviderSyncResult[] } | { error: { provider?: string; message: string } });

export function buildReport(input: ReportInput): SyncReport {
  const dry = input.dryRun ? ' (dry run)' : '';
  if ('error' in input) {
    return {
      status: 'failed',
      title: `Upstream sync ${input.date}: failed${input.error.provider ? ` (${input.error.provider})` : ''}${dry}`,
      date: input.date,
      dryRun: input.dryRun,
      providers: [],
      error: input.error,
    };
  }
  const providers = input.results.map(providerReport);
  const changed = providers.filter((p) => p.status === 'changed');
  const title = changed.length
    ? `Upstream sync ${input.date}: ${changed.map((p) => `${p.provider} ${versionMove(p)}${p.bump === 'major' ? ' (breaking)' : ''}`).join(', ')}${dry}`
    : `Upstream sync ${input.date}: up to date${dry}`;
  return { status: changed.length ? 'changed' : 'unchanged', title, date: input.date, dryRun: input.dryRun, providers };
}

function versionMove(p: ProviderReport): string {
  return p.newVersion === p.oldVersion ? p.newVersion : `${p.oldVersion} → ${p.newVersion}`;
}

function providerReport(r: ProviderSyncResult): ProviderReport {
  const versionBump: BumpLevel = r.newVersion === r.oldVersion ? 'none' : effectiveLevel(r.oldVersion, r.bump);
  return {
    provider: r.provider,
    status: r.status,
    ...(r.note ? { note: r.note } : {}),
    oldVersion: r.oldVersion,
    newVersion: r.newVersion,
    bump: r.bump,
    versionBump,
    bumpReason: bumpReason(r, versionBump),
    sources: r.fetched,
    changes: r.changes.map(reportChange),
    rules: ruleHits(r.changes),
    ...(r.changelogEntry ? { changelogEntry: r.changelogEntry } : {}),
    warnings: r.warnings.map(formatProblem),
    verify: r.verify,
    drift: r.drift.map((d) => `overlays/${d.overlay} action ${d.action} (target ${d.target}) hides an upstream change at #${d.pointer}`),
    files: r.files,
  };
}

function reportChange(c: Change): ReportChange {
  return { level: c.level, rule: c.rule, ...(c.location.operation ? { operation: c.location.operation } : {}), pointer: `#${c.location.pointer}`, message: c.message };
}

/** Rules in the order of their first change (most severe first), with counts. */
function ruleHits(changes: readonly Change[]): RuleHit[] {
  const hits = new Map<string, RuleHit>();
  for (const c of changes) {
    const hit = hits.get(c.rule);
    if (hit) hit.count++;
    else hits.set(c.rule, { rule: c.rule, level: c.level, count: 1 });
  }
  return [...hits.values()];
}

function bumpReason(r: ProviderSyncResult, versionBump: BumpLevel): string {
  if (r.status === 'skipped') return 'not synced; version unchanged';
  if (r.status === 'up-to-date') return 'no change upstream; version unchanged';
  if (versionBump === 'none') return 'first sync of this spec: the version in provider.yaml is kept';
  const rules = [...new Set(r.changes.filter((c) => c.level === r.bump).map((c) => c.rule))];
  const why = `${r.bump} because of ${rules.map((x) => `\`${x}\``).join(', ')}`;
  const meaning: Record<ChangeLevel, string> = {
    major: 'code written against the old client can break',
    minor: 'nothing breaking: existing code keeps working',
    patch: 'documentation only',
  };
  const zero = versionBump !== r.bump ? `; below 1.0.0 a ${r.bump} change is a ${versionBump} version bump` : '';
  return `${why} (${meaning[r.bump as ChangeLevel]})${zero}`;
}

export function renderJson(report: SyncReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

// ---------------------------------------------------------------------------
// Markdown

/** A code span that holds `text` literally, whatever backticks it contains. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block that holds `text` literally. */
function fenced(text: string, info = ''): string {
  const longest = Math.max(2, ...(text.match(/^`{3,}/gm) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** Text for one table cell: one line, no column breaks. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A Markdown table; nothing when there are no rows. */
function table(head: string[], rows: string[][]): string[] {
  if (rows.length === 0) return [];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** Lines followed by a blank line; nothing for no lines. */
function block(lines: string[]): string[] {
  return lines.length ? [...lines, ''] : [];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} B`;
}

const LEVEL_WORD: Record<ChangeLevel, string> = { major: 'breaking', minor: 'non-breaking', patch: 'documentation' };

/** GitHub refuses pull-request bodies over 65,536 characters; leave room for what a workflow may add. */
export const MAX_BODY_CHARS = 60_000;

/** Rows kept per list, tried in order until the body fits. */
const ROW_LIMITS = [Infinity, 200, 50, 10, 0];

export function renderMarkdown(report: SyncReport, options: { maxChars?: number } = {}): string {
  const max = options.maxChars ?? MAX_BODY_CHARS;
  let text = '';
  for (const rows of ROW_LIMITS) {
    text = renderWithLimit(report, rows);
    if (text.length <= max) return text;
  }
  return text;
}

function renderWithLimit(report: SyncReport, rows: number): string {
  const out: string[] = [`# ${report.title}`, ''];
  if (report.status === 'failed') {
    const e = report.error!;
    out.push(
      `\`clientgen sync\` failed${e.provider ? ` on **${e.provider}**` : ''}; nothing was written (all or nothing).`,
      '',
      fenced(e.message),
      '',
    );
    return `${out.join('\n')}`;
  }
  const changed = report.providers.filter((p) => p.status === 'changed');
  const rest = report.providers.filter((p) => p.status !== 'changed');
  if (changed.length === 0) {
    out.push(`Every upstream source matches the vendored spec: nothing to review.${report.dryRun ? ' (Dry run.)' : ''}`, '');
  } else {
    const breaking = changed.filter((p) => p.bump === 'major').length;
    out.push(
      `\`clientgen sync\` found upstream changes in ${plural(changed.length, 'provider')}${breaking ? ` (${breaking} breaking)` : ''}${report.dryRun ? '; dry run, nothing written' : ''}. ` +
        'Review the change report and the files below, then merge: merging to `main` publishes the new versions.',
      '',
    );
    out.push(
      ...table(
        ['Provider', 'Version', 'Diff level', 'Changes'],
        changed.map((p) => [p.provider, versionMove(p), `${p.bump} (${LEVEL_WORD[p.bump as ChangeLevel]})`, summaryOfChanges(p)]),
      ),
      '',
    );
  }
  for (const p of changed) out.push(...providerSection(p, report.dryRun, rows));
  if (rest.length) {
    out.push(changed.length ? '## Unchanged providers' : '## Providers', '');
    out.push(
      ...table(
        ['Provider', 'Version', 'Status', 'Sources fetched'],
        rest.map((p) => [p.provider, p.oldVersion, p.status === 'skipped' ? `skipped: ${p.note ?? ''}` : `up to date${p.note ? ` (${p.note})` : ''}`, p.sources.map(sourceLine).join('; ') || '–']),
      ),
      '',
    );
  }
  return `${out.join('\n')}`;
}

function summaryOfChanges(p: ProviderReport): string {
  return LEVELS.filter((l): l is ChangeLevel => l !== 'none')
    .map((l) => [l, p.changes.filter((c) => c.level === l).length] as const)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${n} ${LEVEL_WORD[l]}`)
    .reverse()
    .join(', ');
}

function sourceLine(s: FetchedSource): string {
  return `${s.url} (${s.format}, ${bytes(s.bytes)}, sha256 ${s.sha256.slice(0, 12)})`;
}

/** The first `rows` items, and a line that says what was left out (and where it is), or nothing. */
function limited<T>(items: readonly T[], rows: number, what: string, where: string): [T[], string[]] {
  if (items.length <= rows) return [[...items], []];
  return [items.slice(0, rows), [`… and ${plural(items.length - rows, `more ${what}`)}, left out to fit a pull-request body (${where}).`, '']];
}

function providerSection(p: ProviderReport, dryRun: boolean, rows: number): string[] {
  const out: string[] = [`## ${p.provider}: ${versionMove(p)}`, ''];
  out.push(`**Version:** ${versionMove(p)}: ${p.bumpReason}.`, '');

  out.push('### Upstream sources', '');
  out.push(...table(['Source', 'Format', 'Size', 'SHA-256'], p.sources.map((s) => [s.url, s.format, bytes(s.bytes), code(s.sha256.slice(0, 16))])), '');

  out.push('### Breaking-change report', '');
  const [changes, moreChanges] = limited(p.changes, rows, 'change', 'all of them: the JSON report, `--json`');
  out.push(
    ...block(
      table(
        ['Level', 'Rule', 'Operation', 'Pointer', 'Change'],
        changes.map((c) => [c.level, code(c.rule), c.operation ? code(c.operation) : '–', code(c.pointer), c.message]),
      ),
    ),
    ...moreChanges,
  );
  out.push(`Rules hit: ${p.rules.map((r) => `${code(r.rule)} (${r.level}, ${r.count})`).join(', ')}.`, '');
  if (p.drift.length) out.push('Overlay drift allowed with `--allow-overlay-drift`:', '', ...p.drift.map((d) => `- ${d}`), '');

  out.push('### CHANGELOG entry', '');
  if (p.changelogEntry) {
    const [lines, moreLines] = limited(p.changelogEntry.replace(/\n$/, '').split('\n'), rows === Infinity ? Infinity : rows + 6, 'line', `the whole entry: \`packages/${p.provider}/CHANGELOG.md\` in this change`);
    out.push(fenced(`${lines.join('\n')}\n`, 'markdown'), '', ...moreLines);
  } else {
    out.push('None.', '');
  }

  out.push('### Lint warnings', '');
  if (p.warnings.length === 0) {
    out.push('None.', '');
  } else {
    const [warnings, moreWarnings] = limited(p.warnings, rows, 'warning', 'all of them: the JSON report, `--json`');
    if (warnings.length) out.push(fenced(warnings.join('\n')), '');
    out.push(...moreWarnings);
  }

  out.push('### Verify (recorded traffic)', '');
  out.push(...verifyText(p.provider, p.verify, rows));

  out.push('### Files changed', '');
  if (dryRun) {
    out.push(`Dry run: nothing written. A real run writes \`specs/${p.provider}/openapi.yaml\`, \`specs/${p.provider}/provider.yaml\` and \`packages/${p.provider}/\`.`, '');
  } else {
    const added = p.files.reduce((n, f) => n + f.added, 0);
    const removed = p.files.reduce((n, f) => n + f.removed, 0);
    const [files, moreFiles] = limited(p.files, rows, 'file', 'every file: the JSON report, `--json`, and this change itself');
    out.push(...block(table(['File', 'Change', 'Lines'], files.map((f) => [code(f.path), f.change, `+${f.added} −${f.removed}`]))), ...moreFiles);
    out.push(`${plural(p.files.length, 'file')} changed, ${added} lines added, ${removed} removed.`, '');
  }
  return out;
}

function verifyText(provider: string, v: VerifyOutcome, rows: number): string[] {
  switch (v.status) {
    case 'unavailable':
      return ['Not run: no verifier was given (`SyncOptions.verify`).', ''];
    case 'no-recordings':
      return [`No recordings: HAR files (or Datadog recordings) in \`${recordingsDir(provider)}/\` would check the new spec against real traffic (\`clientgen verify\`).`, ''];
    case 'checked': {
      if (v.findings.length === 0) return [`The ${plural(v.exchanges, 'recorded exchange')} in \`${recordingsDir(provider)}/\` match the new spec.`, ''];
      const [findings, more] = limited(v.findings, rows, 'finding', 'all of them: the JSON report, `--json`');
      return [
        `${plural(v.findings.length, 'finding')} in ${plural(v.exchanges, 'recorded exchange')} (\`${recordingsDir(provider)}/\`, \`clientgen verify\`):`,
        '',
        ...block(
          table(
            ['Operation', 'Pointer', 'Finding', 'Recording'],
            findings.map((f) => [f.operation ? code(f.operation) : '–', f.pointer !== undefined ? code(`#${f.pointer}`) : '–', f.message, f.recording ?? '–']),
          ),
        ),
        ...more,
      ];
    }
  }
}
