/**
 * `clientgen generate-all [--check] [--force] [--verbose] [provider…]` (`pnpm generate`):
 * every `specs/<provider>/openapi.yaml` → `packages/<provider>/`. With
 * `--check`, write nothing and exit 1 listing the files that differ from what
 * the specs produce. Packages whose inputs and files are unchanged since the
 * last run are skipped without loading the pipeline (write/fingerprint.ts);
 * `--force` regenerates anyway.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generatorWorkspace } from '../workspace.js';
import { inputFingerprint, isCurrent, recordStamp } from '../write/fingerprint.js';
import { staleFiles, writePackageAtomically } from '../write/output.js';
import { parseArgs } from './args.js';
import { printError, printWarnings } from './report.js';

export function providerFolders(root: string): string[] {
  const specs = join(root, 'specs');
  return readdirSync(specs, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(specs, e.name, 'openapi.yaml')))
    .map((e) => e.name)
    .sort();
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['check', 'force', 'verbose']);
  const check = args.flags.check === true;
  const ws = generatorWorkspace();
  const only = args.positionals;
  let failed = false;
  const stale: string[] = [];
  let skipped = 0;
  for (const name of providerFolders(ws.root).filter((n) => only.length === 0 || only.includes(n))) {
    const outDir = join(ws.root, 'packages', name);
    const fingerprint = inputFingerprint(ws.root, name);
    if (args.flags.force !== true && isCurrent(ws.root, name, fingerprint)) {
      skipped++;
      continue;
    }
    try {
      const { generatePackage } = await import('../generate.js');
      const result = await generatePackage({ specFile: join(ws.root, 'specs', name, 'openapi.yaml'), outDir, providerFolder: name });
      if (check) {
        const changed = staleFiles(outDir, result.files);
        stale.push(...changed.map((f) => `packages/${name}/${f}`));
        if (changed.length === 0) recordStamp(ws.root, name, fingerprint, result.files);
      } else {
        writePackageAtomically(outDir, result.files);
        recordStamp(ws.root, name, fingerprint, result.files);
        process.stdout.write(`${result.packageName}: ${result.model.operations.length} operations → packages/${name}\n`);
        printWarnings(result.warnings, result.packageName, args.flags.verbose === true);
      }
    } catch (error) {
      printError(error);
      failed = true;
    }
  }
  if (skipped) process.stdout.write(`${skipped} package${skipped === 1 ? '' : 's'} unchanged since the last run.\n`);
  if (check) {
    if (stale.length) {
      process.stdout.write(`packages/ is stale; run \`pnpm generate\` and commit the result:\n${stale.map((f) => `  ${f}`).join('\n')}\n`);
      return 1;
    }
    if (!failed) process.stdout.write('packages/ is up to date with specs/.\n');
  }
  return failed ? 1 : 0;
}
