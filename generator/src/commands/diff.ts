/**
 * `clientgen diff <old-spec> <new-spec>`: the breaking-change report between
 * two OpenAPI documents (see lifecycle/diff.ts for the rules).
 *
 * Output, one line per change, most severe first, then the bump:
 *
 *   <level> <rule> [<METHOD> <path> ]#<json-pointer>: <message>
 *   …
 *   bump: major|minor|patch|none
 *
 * Exit 0 whatever the bump; 1 when a file cannot be read or parsed (the
 * message names the file, line and column); 2 on wrong usage.
 */
import { readDocument } from '../load/read-document.js';
import { SpecError } from '../load/spec-error.js';
import { diffSpecs, formatReport } from '../lifecycle/diff.js';
import { userPath } from '../workspace.js';
import { parseArgs } from './args.js';
import { printError } from './report.js';

const USAGE = 'usage: clientgen diff <old-spec> <new-spec>\n';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['help']);
  if (args.flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length !== 2) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    const [oldDoc, newDoc] = args.positionals.map((p) => readOpenApi(p));
    process.stdout.write(formatReport(diffSpecs(oldDoc, newDoc)));
    return 0;
  } catch (error) {
    return printError(error);
  }
}

/** Reads and parses one spec; it must at least be a mapping with an `openapi` version. */
export function readOpenApi(path: string): unknown {
  const file = userPath(path);
  const { value } = readDocument(file);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw SpecError.at({ file, pointer: '', line: 1, column: 1 }, 'not an OpenAPI document (expected a mapping at the top level)');
  }
  if (typeof (value as { openapi?: unknown }).openapi !== 'string') {
    throw SpecError.at({ file, pointer: '/openapi' }, 'missing `openapi` version field', 'clientgen diff compares OpenAPI 3.0.x and 3.1.x documents');
  }
  return value;
}
