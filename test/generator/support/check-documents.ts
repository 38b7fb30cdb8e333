/**
 * The fuzzing pipeline for a batch of OpenAPI documents: write each (JSON or
 * YAML), generate a package, type-check all packages in one TypeScript
 * program, import each and call every method against a loopback server.
 * Used by test/generator/fuzz.test.ts and scripts/fuzz.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { parseDocumentText } from '../../../generator/src/load/read-document.js';
import { SpecError } from '../../../generator/src/load/spec-error.js';
import { compilePackages, generateInto, importAndCall, type Generated } from './packages.js';

export interface DocumentFailure {
  index: number;
  specFile: string;
  stage: 'generate' | 'typecheck' | 'import';
  detail: string;
}

export async function checkDocuments(workdir: string, docs: Record<string, unknown>[]): Promise<DocumentFailure[]> {
  const failures: DocumentFailure[] = [];
  const generated: { index: number; specFile: string; pkg: Generated }[] = [];
  mkdirSync(join(workdir, 'specs'), { recursive: true });
  for (const [index, doc] of docs.entries()) {
    // Every other document as YAML, unless the `yaml` library cannot round-trip it
    // (block scalars of whitespace-only lines lose their indentation).
    const yamlText = index % 2 === 1 ? stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 }) : undefined;
    const asYaml = yamlText !== undefined && roundTrips(yamlText, doc);
    const specFile = join(workdir, 'specs', `doc-${index}.${asYaml ? 'yaml' : 'json'}`);
    writeFileSync(specFile, asYaml ? yamlText! : JSON.stringify(doc, null, 2));
    try {
      generated.push({ index, specFile, pkg: await generateInto(workdir, specFile, `pkg-${index}`) });
    } catch (error) {
      failures.push({ index, specFile, stage: 'generate', detail: error instanceof SpecError ? error.message : String((error as Error)?.stack ?? error) });
    }
  }
  if (generated.length === 0) return failures;
  const names = generated.map((g) => g.pkg.name);
  const compiled = compilePackages(workdir, names, { emit: true });
  if (compiled.text) {
    for (const g of generated) {
      const errors = compiled.errors.get(g.pkg.name);
      if (errors) failures.push({ index: g.index, specFile: g.specFile, stage: 'typecheck', detail: errors.slice(0, 20).join('\n') });
    }
    if (compiled.errors.has('')) failures.push({ index: -1, specFile: '', stage: 'typecheck', detail: compiled.errors.get('')!.join('\n') });
    return failures;
  }
  const reports = await importAndCall(workdir, names);
  for (const report of reports) {
    const g = generated.find((x) => x.pkg.name === report.name)!;
    const problems = [
      ...(report.pwnedAfterImport !== undefined ? [`globalThis.pwned = ${JSON.stringify(report.pwnedAfterImport)} after import`] : []),
      ...(report.pwnedAfterCalls !== undefined ? [`globalThis.pwned = ${JSON.stringify(report.pwnedAfterCalls)} after calls`] : []),
      ...report.unexpected,
      ...(report.calls.length !== g.pkg.result.model.operations.length ? [`called ${report.calls.length} of ${g.pkg.result.model.operations.length} operations`] : []),
    ];
    if (problems.length) failures.push({ index: g.index, specFile: g.specFile, stage: 'import', detail: problems.join('\n') });
  }
  return failures;
}

export function formatFailures(failures: DocumentFailure[]): string {
  return failures.map((f) => `#${f.index} ${f.stage} (${f.specFile}):\n  ${f.detail.replace(/\n/g, '\n  ')}`).join('\n\n');
}

function roundTrips(yamlText: string, doc: unknown): boolean {
  try {
    return isDeepStrictEqual(parseDocumentText('doc.yaml', yamlText), doc);
  } catch {
    return false;
  }
}
