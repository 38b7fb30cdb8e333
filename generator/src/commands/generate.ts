/**
 * `clientgen generate --spec <file> --out <dir> [--name <npm-name>] [--provider <provider.yaml>] [--check] [--strict] [--verbose]`
 *
 * `--strict`: every warning is an error (deviations from the OpenAPI schema
 * that are read with an assumption, see load/tolerated.ts, and lossy
 * constructs); `strict: true` in provider.yaml does the same. `--verbose`:
 * list every warning instead of the first few of each kind.
 */
import { generatePackage } from '../generate.js';
import { userPath } from '../workspace.js';
import { staleFiles, writePackageAtomically } from '../write/output.js';
import { parseArgs, stringFlag } from './args.js';
import { printError, printWarnings } from './report.js';

export const usage = 'clientgen generate --spec <openapi.yaml> --out <dir> [--name <npm-name>] [--provider <provider.yaml>] [--check] [--strict] [--verbose]';

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['check', 'strict', 'verbose']);
  const spec = stringFlag(args, 'spec');
  const out = stringFlag(args, 'out');
  if (!spec || !out) {
    process.stderr.write(`usage: ${usage}\n`);
    return 2;
  }
  try {
    const name = stringFlag(args, 'name');
    const provider = stringFlag(args, 'provider');
    const outDir = userPath(out);
    const result = await generatePackage({
      specFile: userPath(spec),
      outDir,
      ...(name ? { packageName: name } : {}),
      ...(provider ? { providerFile: userPath(provider) } : {}),
      ...(args.flags.strict === true ? { strict: true } : {}),
    });
    if (args.flags.check) {
      const stale = staleFiles(outDir, result.files);
      for (const f of stale) process.stdout.write(`stale: ${out}/${f}\n`);
      return stale.length ? 1 : 0;
    }
    writePackageAtomically(outDir, result.files);
    process.stdout.write(`${result.packageName}: ${result.model.operations.length} operations → ${out}\n`);
    printWarnings(result.warnings, result.packageName, args.flags.verbose === true);
    return 0;
  } catch (error) {
    return printError(error);
  }
}
