/**
 * `clientgen verify --spec <openapi> --recordings <file-or-dir> [--json]`:
 * checks a spec against real recorded traffic (HAR 1.2, or Datadog's
 * recordings format). Prints one line per operation and each finding with
 * its spec pointer and recording; exit 1 on findings, 0 when the traffic
 * matches the spec, 2 on bad usage.
 */
import { loadSpec } from '../load/load-spec.js';
import { SpecError } from '../load/spec-error.js';
import { readRecordings } from '../verify/recordings.js';
import { verifyExchanges, type VerifyResult } from '../verify/verify.js';
import { userPath } from '../workspace.js';
import { parseArgs, stringFlag } from './args.js';
import { printError } from './report.js';

export const usage = 'clientgen verify --spec <openapi.yaml> --recordings <file.har|recordings.json|dir> [--json]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'help']);
  if (args.flags.help) {
    process.stdout.write(`usage: ${usage}\n`);
    return 0;
  }
  const spec = stringFlag(args, 'spec');
  const recordings = stringFlag(args, 'recordings');
  const unknown = Object.keys(args.flags).find((f) => !['spec', 'recordings', 'json', 'help'].includes(f));
  if (!spec || !recordings || unknown || args.positionals.length) {
    process.stderr.write(`clientgen verify: ${unknown ? `unknown option --${unknown}` : !spec ? 'missing --spec <openapi.yaml>' : !recordings ? 'missing --recordings <file-or-dir>' : `unexpected argument ${args.positionals[0]}`}\nusage: ${usage}\n`);
    return 2;
  }
  let result: VerifyResult;
  try {
    const { document } = await loadSpec(userPath(spec));
    result = verifyExchanges(document, readRecordings(userPath(recordings)));
  } catch (error) {
    if (!(error instanceof SpecError)) {
      process.stderr.write(`clientgen verify: ${(error as Error).message}\n`);
      return 1;
    }
    return printError(error);
  }
  process.stdout.write(args.flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
  return result.findings.length ? 1 : 0;
}

/** One line per operation (✓ or its number of findings), then the findings grouped by operation. */
export function formatResult(result: VerifyResult): string {
  const width = Math.max(0, ...result.operations.map((o) => o.operation.length));
  let out = '';
  for (const o of result.operations) {
    const mark = o.findings ? `✗ ${o.findings} finding${o.findings === 1 ? '' : 's'}` : '✓';
    out += `${o.operation.padEnd(width)}  ${`${o.exchanges} exchange${o.exchanges === 1 ? '' : 's'}`.padEnd(12)} ${mark}${o.operationId ? `  (${o.operationId})` : ''}\n`;
  }
  if (result.findings.length) out += '\n';
  for (const f of result.findings) out += `${f.operation}: ${f.where}: #${f.pointer}: ${f.message}\n  recorded in ${f.source}\n`;
  const failing = result.operations.filter((o) => o.findings).length;
  out += `\n${result.exchanges} exchanges, ${result.operations.length} operations: ${result.findings.length ? `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} in ${failing} operation${failing === 1 ? '' : 's'}` : 'the traffic matches the spec'}\n`;
  return out;
}
