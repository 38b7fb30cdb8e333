/** How commands print problems and warnings. */
import { SpecError, formatProblem, type SpecProblem } from '../load/spec-error.js';

/** Locations shown per kind of warning unless `--verbose`. */
const FIRST = 3;

/**
 * Warnings grouped by kind, most frequent first: a count, the message and
 * hint of the first one, and its first few locations (all with `verbose`).
 * A real spec can have hundreds of one kind (Stripe: 421 `nullable` without
 * `type`); one of each kind is what a person reads.
 */
export function printWarnings(warnings: SpecProblem[], label: string, verbose = false): void {
  if (warnings.length === 0) return;
  process.stderr.write(`\n${formatWarnings(warnings, label, verbose)}`);
}

export function formatWarnings(warnings: SpecProblem[], label: string, verbose = false): string {
  const groups = new Map<string, SpecProblem[]>();
  for (const w of warnings) {
    const key = kindOf(w);
    const group = groups.get(key);
    if (group) group.push(w);
    else groups.set(key, [w]);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const hidden = verbose ? 0 : [...groups.values()].reduce((n, g) => n + Math.max(0, g.length - FIRST), 0);
  let out = `${plural(warnings.length, 'warning')} in ${label}${groups.size < warnings.length ? ` (${plural(groups.size, 'kind')})` : ''}${hidden ? '; --verbose lists them all' : ''}:\n`;
  const sorted = [...groups.values()].sort((a, b) => b.length - a.length);
  for (const group of sorted) {
    const first = group[0]!;
    if (group.length === 1) {
      out += `  ${formatProblem(first).replace(/\n/g, '\n  ')}\n`;
      continue;
    }
    out += `  ${group.length} × ${first.message}${first.hint ? `\n    → ${first.hint}` : ''}\n`;
    const shown = verbose ? group : group.slice(0, FIRST);
    for (const w of shown) out += `    ${where(w)}${w.message === first.message ? '' : `: ${w.message}`}\n`;
    if (shown.length < group.length) out += `    … and ${group.length - shown.length} more\n`;
  }
  return out;
}

/** The kind of a warning: its code, else its message with names and numbers blanked. */
function kindOf(w: SpecProblem): string {
  return w.code ?? w.message.replace(/`[^`]*`|"[^"]*"|\d+/g, '…');
}

function where(p: SpecProblem): string {
  return `${p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`} #${p.pointer}`;
}

/** Print an error the user can act on; returns the exit code. */
export function printError(error: unknown): number {
  if (error instanceof SpecError) {
    process.stderr.write(`clientgen: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:\n${error.message}\n`);
  } else {
    process.stderr.write(`clientgen: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  return 1;
}
