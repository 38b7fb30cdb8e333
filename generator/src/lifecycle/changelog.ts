/**
 * `packages/<provider>/CHANGELOG.md`: one entry per version, newest first,
 * written by `clientgen sync` from the diff report. The generator keeps the
 * file across regenerations (write/output.ts PRESERVED).
 *
 * ```md
 * # Changelog
 *
 * ## 0.2.0 (2026-11-25)
 *
 * Upstream spec changes (bump: major).
 *
 * ### Breaking changes
 *
 * - `GET /models/{model_id}/model_runs`: property `data[].state` was removed from the 200 response.
 *
 * ### Non-breaking changes
 *
 * - `GET /models/{model_id}/model_runs`: optional query parameter "state" was added.
 *
 * ### Documentation
 * …
 * ```
 */
import type { Change } from './diff.js';
import type { BumpLevel, ChangeLevel } from './diff-rules.js';

export interface ChangelogEntry {
  version: string;
  /** `YYYY-MM-DD`. */
  date: string;
  bump: BumpLevel;
  changes: readonly Change[];
  /** First paragraph; default `Upstream spec changes (bump: <level>).` */
  summary?: string;
}

const GROUPS: [ChangeLevel, string][] = [
  ['major', 'Breaking changes'],
  ['minor', 'Non-breaking changes'],
  ['patch', 'Documentation'],
];

export const CHANGELOG_TITLE = '# Changelog';

/** One change as a sentence: `` `GET /a`: query parameter "q" was removed. `` */
export function changeInWords(c: Change): string {
  const text = `${c.location.operation ? `\`${c.location.operation}\`: ` : ''}${c.message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function renderEntry(e: ChangelogEntry): string {
  const out = [`## ${e.version} (${e.date})`, '', e.summary ?? `Upstream spec changes (bump: ${e.bump}).`];
  for (const [level, title] of GROUPS) {
    const items = e.changes.filter((c) => c.level === level);
    if (items.length === 0) continue;
    // The same sentence for several locations (a shared schema) is listed once.
    const lines = [...new Set(items.map(changeInWords))];
    out.push('', `### ${title}`, '', ...lines.map((l) => `- ${l}`));
  }
  return `${out.join('\n')}\n`;
}

/**
 * Puts `entry` (rendered) at the top of the existing changelog: after the
 * title and any introduction, before the first `## ` version heading.
 */
export function prependEntry(existing: string | undefined, entry: string): string {
  if (existing === undefined || existing.trim() === '') return `${CHANGELOG_TITLE}\n\n${entry}`;
  const lines = existing.split('\n');
  const first = lines.findIndex((l) => /^## /.test(l));
  if (first >= 0) {
    const head = first === 0 ? '' : `${lines.slice(0, first).join('\n')}\n`;
    const rest = lines.slice(first).join('\n');
    return `${head}${entry}\n${rest}`;
  }
  const body = existing.endsWith('\n') ? existing : `${existing}\n`;
  return `${body}\n${entry}`;
}

/** Today as `YYYY-MM-DD` (UTC), or the date of `SOURCE_DATE_EPOCH` when set (reproducible builds). */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString().slice(0, 10);
}
