/**
 * `clientgen generate-all [--check]` (`pnpm generate`): every `specs/<provider>/openapi.yaml`
 * → `packages/<provider>/`. With `--check`, write nothing and exit 1 listing
 * the files that differ from what the specs produce.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generatePackage } from '../generate.js';
import { generatorWorkspace } from '../workspace.js';
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
  const args = parseArgs(argv, ['check']);
  const check = args.flags.check === true;
  const ws = generatorWorkspace();
  const only = args.positionals;
  let failed = false;
  const stale: string[] = [];
  for (const name of providerFolders(ws.root).filter((n) => only.length === 0 || only.includes(n))) {
    const outDir = join(ws.root, 'packages', name);
    try {
      const result = await generatePackage({ specFile: join(ws.root, 'specs', name, 'openapi.yaml'), outDir });
      if (check) {
        stale.push(...staleFiles(outDir, result.files).map((f) => `packages/${name}/${f}`));
      } else {
        writePackageAtomically(outDir, result.files);
        process.stdout.write(`${result.packageName}: ${result.model.operations.length} operations → packages/${name}\n`);
        printWarnings(result.warnings, result.packageName);
      }
    } catch (error) {
      printError(error);
      failed = true;
    }
  }
  if (check) {
    if (stale.length) {
      process.stdout.write(`packages/ is stale; run \`pnpm generate\` and commit the result:\n${stale.map((f) => `  ${f}`).join('\n')}\n`);
      return 1;
    }
    if (!failed) process.stdout.write('packages/ is up to date with specs/.\n');
  }
  return failed ? 1 : 0;
}
