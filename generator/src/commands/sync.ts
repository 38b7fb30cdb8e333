/**
 * `clientgen sync [provider…]` (`pnpm sync`): fetch every provider's upstream
 * sources, convert, merge, overlay, lint, diff against specs/<p>/openapi.yaml
 * and, when it changed, write the spec, bump provider.yaml's version, add a
 * CHANGELOG.md entry and regenerate packages/<p>. See lifecycle/sync.ts. A changed
 * spec is checked against specs/<p>/recordings/ when there are any (sync-verify.ts).
 *
 * Options:
 *   --source-base <url>     fetch http(s) sources from <url>/<host><path> instead
 *                           (also CLIENTGEN_SYNC_BASE; see lifecycle/fetcher.ts)
 *   --root <dir>            workspace root (default: the one around the current directory)
 *   --date <YYYY-MM-DD>     changelog date (default today, UTC, or SOURCE_DATE_EPOCH)
 *   --dry-run               report, write nothing
 *   --allow-overlay-drift   sync even when upstream changed under an overlay
 *   --report <file.md>      write the run's report as Markdown (a pull-request body; lifecycle/report.ts)
 *   --json <file>           write the same report as JSON (`title`, `status`, per provider: sources,
 *                           changes, bump and why, changelog entry, warnings, verify, files)
 *   --verbose               progress on stderr
 *
 * Output, per provider:
 *
 *   <provider>: up to date (<version>)
 *   <provider>: <n> change(s), <old> → <new> (bump <level>[; below 1.0.0 that is a <level> bump])
 *     <level> <rule> [<METHOD> <path> ]#<pointer>: <message>     (as `clientgen diff`)
 *     wrote <files…>
 *   <provider>: skipped (<why>)
 *
 * then one last line: `sync: up to date` or `sync: <n> updated (<names>), <m> up to date`.
 *
 * Exit codes. With --report or --json (what a workflow runs), each outcome has its own:
 *   0 changed (something to review: open the pull request), 3 up to date, 1 failed
 *   (nothing written; the report names the provider and the error), 2 wrong usage.
 * Without them, as before: 0 whether or not anything changed, 1 failed, 2 wrong usage.
 * 0 is the outcome with work for the next step; "up to date" gets a code that neither
 * a failure (1, also Node's for an uncaught error) nor a usage error (2) can produce.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { today } from '../lifecycle/changelog.js';
import { formatChange } from '../lifecycle/diff.js';
import { EXIT_CODES, buildReport, renderJson, renderMarkdown, type ReportInput } from '../lifecycle/report.js';
import { SyncError, describeBump, syncProviders, type ProviderSyncResult } from '../lifecycle/sync.js';
import { recordingsVerifier } from '../lifecycle/sync-verify.js';
import { findWorkspace, generatorWorkspace } from '../workspace.js';
import { parseArgs, stringFlag } from './args.js';

const USAGE = `usage: clientgen sync [provider...] [--source-base <url>] [--root <dir>] [--date YYYY-MM-DD] [--dry-run] [--allow-overlay-drift] [--report <file.md>] [--json <file>] [--verbose]

exit codes with --report/--json: 0 changed, 3 up to date, 1 failed, 2 usage
           without:              0 changed or up to date, 1 failed, 2 usage
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['dry-run', 'allow-overlay-drift', 'verbose', 'help']);
  if (args.flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const known = new Set(['source-base', 'root', 'date', 'dry-run', 'allow-overlay-drift', 'report', 'json', 'verbose', 'help']);
  const unknown = Object.keys(args.flags).filter((f) => !known.has(f));
  if (unknown.length) {
    process.stderr.write(`clientgen sync: unknown option --${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const rootFlag = stringFlag(args, 'root');
  const root = rootFlag ?? findWorkspace(process.cwd())?.root ?? generatorWorkspace().root;
  const sourceBase = stringFlag(args, 'source-base') ?? (process.env.CLIENTGEN_SYNC_BASE || undefined);
  const date = stringFlag(args, 'date');
  const dryRun = args.flags['dry-run'] === true;
  const reportFiles: [string, (input: ReportInput) => string][] = [];
  for (const [flag, render] of [
    ['report', (i: ReportInput) => renderMarkdown(buildReport(i))],
    ['json', (i: ReportInput) => renderJson(buildReport(i))],
  ] as const) {
    const value = args.flags[flag];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') {
      process.stderr.write(`clientgen sync: --${flag} needs a file name\n${USAGE}`);
      return EXIT_CODES.usage;
    }
    const file = resolve(value);
    // Found out now, before anything is synced, rather than after specs/ and packages/ were written.
    if (!writeReport(file, '')) return EXIT_CODES.failed;
    reportFiles.push([file, render]);
  }
  const reportDate = date ?? today();
  const writeReports = (input: ReportInput): boolean => reportFiles.every(([file, render]) => writeReport(file, render(input)));

  let results: ProviderSyncResult[];
  try {
    results = await syncProviders({
      root,
      providers: args.positionals,
      ...(sourceBase ? { sourceBase } : {}),
      date: reportDate,
      dryRun,
      verify: recordingsVerifier,
      allowOverlayDrift: args.flags['allow-overlay-drift'] === true,
      ...(args.flags.verbose === true ? { log: (line: string) => process.stderr.write(`${line}\n`) } : {}),
    });
  } catch (error) {
    const where = error instanceof SyncError && error.provider ? `${error.provider}: ` : '';
    const message = error instanceof SyncError ? error.message : ((error as Error)?.stack ?? String(error));
    process.stderr.write(`clientgen sync: ${where}${message.replace(/\n/g, '\n  ')}\n`);
    process.stderr.write(`sync: failed; ${dryRun ? 'dry run, nothing written' : 'specs/ and packages/ are as they were'}\n`);
    writeReports({ date: reportDate, dryRun, error: { ...(error instanceof SyncError && error.provider ? { provider: error.provider } : {}), message } });
    return EXIT_CODES.failed;
  }

  const out: string[] = [];
  for (const r of results) {
    if (r.status === 'skipped') out.push(`${r.provider}: skipped (${r.note ?? 'nothing to do'})`);
    else if (r.status === 'up-to-date') out.push(`${r.provider}: up to date (${r.oldVersion})${r.note ? `; ${r.note}` : ''}`);
    else {
      out.push(`${r.provider}: ${r.changes.length} change${r.changes.length === 1 ? '' : 's'}, ${describeBump(r)}`);
      for (const c of r.changes) out.push(`  ${formatChange(c)}`);
      if (dryRun) out.push(`  dry run: would write specs/${r.provider}/openapi.yaml, specs/${r.provider}/provider.yaml, packages/${r.provider}/ (CHANGELOG.md ${r.newVersion})`);
      else out.push(`  wrote ${r.written.join(', ')} (CHANGELOG.md ${r.newVersion})`);
    }
    for (const d of r.drift) out.push(`  warning: overlays/${d.overlay} action ${d.action} hides an upstream change at #${d.pointer} (--allow-overlay-drift)`);
  }
  const changed = results.filter((r) => r.status === 'changed');
  const upToDate = results.filter((r) => r.status === 'up-to-date').length;
  if (changed.length === 0) out.push('sync: up to date');
  else out.push(`sync: ${changed.length} ${dryRun ? 'would be updated' : 'updated'} (${changed.map((r) => r.provider).join(', ')}), ${upToDate} up to date`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (!writeReports({ date: reportDate, dryRun, results })) return EXIT_CODES.failed;
  if (reportFiles.length === 0) return 0;
  return changed.length ? EXIT_CODES.changed : EXIT_CODES.unchanged;
}

/** Writes one report file; false (and a message on stderr) when it cannot. */
function writeReport(file: string, text: string): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return true;
  } catch (error) {
    process.stderr.write(`clientgen sync: cannot write the report ${file}: ${(error as Error).message}\n`);
    return false;
  }
}
