/** How commands print problems and warnings. */
import { SpecError, formatProblem, type SpecProblem } from '../load/spec-error.js';

export function printWarnings(warnings: SpecProblem[], label: string): void {
  if (warnings.length === 0) return;
  process.stderr.write(`\n${warnings.length} warning${warnings.length === 1 ? '' : 's'} in ${label}:\n`);
  for (const w of warnings) process.stderr.write(`  ${formatProblem(w).replace(/\n/g, '\n  ')}\n`);
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
