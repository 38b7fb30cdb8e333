/**
 * src/ops/<methodName>.ts (the package's `/ops/<methodName>` entry points):
 * one module per operation with its standalone function (the same as in
 * funcs.ts: core first), its `…Params`/`…Response` types and its
 * descriptor. Its types are openapi-typescript's for this operation (see
 * split-types.ts), importing only the components they reference: a program
 * that imports three operations type-checks those three, whatever the size
 * of the API.
 */
import type { ApiModel, OperationModel } from '../model/api-model.js';
import { operationDescriptor, type PackageIdentity } from './api-file.js';
import { byCodePoint } from '../order.js';
import { dedupe, typeBaseName } from '../transform/names.js';
import { doc, hasParams, namesOf, operationDocs, operationParameters, printDeclarations, statementsFor } from './client-file.js';
import { exampleParams } from './examples.js';
import { componentImports } from './component-file.js';
import { printDocs, printParameters } from './printer.js';
import type { SplitTypes } from './split-types.js';
import { codeUses, docText, inlineCode, literal, str } from './text.js';

/**
 * The file name of each operation's module (`src/ops/<name>.ts`, the package's `/ops/<name>`): its method name, with
 * `2`, `3`, … when it equals an earlier one but for case (`getAB`, `getAb`), since file systems may ignore case.
 */
export function opFileNames(model: ApiModel): Map<OperationModel, string> {
  const names = dedupe(model.operations.map((op) => op.name), (n) => n.toLowerCase()).names;
  return new Map(model.operations.map((op, i) => [op, names[i]!]));
}

/** The name of an operation's descriptor in its module. */
export function descriptorName(op: OperationModel): string {
  return `${op.name}Descriptor`;
}

/** The name of an operation's auto-paginating function in its module (`paginateListRuns`). */
export function paginateName(op: OperationModel): string {
  return `paginate${typeBaseName(op.name)}`;
}

/** `import { type BaseCore, jsonBody, type OperationDescriptor, type RequestOptions } from "@clientgen/runtime";` */
function runtimeImports(id: PackageIdentity, functions: string[], paginated: boolean): string {
  const types = ['BaseCore', 'OperationDescriptor', 'RequestOptions', ...(paginated ? ['PaginateOptions', 'Paginator'] : [])];
  const from = JSON.stringify(id.runtimePackage);
  if (!functions.length) return `import type { ${types.join(', ')} } from ${from};`;
  const names = [...types.map((t) => `type ${t}`), ...functions].sort((a, b) => byCodePoint(a.replace('type ', ''), b.replace('type ', '')));
  return `import { ${names.join(', ')} } from ${from};`;
}

export function emitOpFile(split: SplitTypes, op: OperationModel, id: PackageIdentity, header: string): string {
  const n = namesOf(op);
  // A path item types.ts does not spell out (none known): the operation's member of `paths`, imported from types.ts.
  const typed = split.operations.get(op.path)?.get(op.method) ?? { type: `paths[${str(op.path)}][${str(op.method)}]`, refs: [], helpers: [], foreign: ['paths'] };
  const descriptor = operationDescriptor(op);
  // The module's own names win: an imported component named like one of them is imported under an alias.
  const paginated = op.pagination !== undefined;
  const runtimeNames = ['BaseCore', 'RequestOptions', 'OperationDescriptor', ...(paginated ? ['PaginateOptions', 'Paginator', 'paginate'] : [])];
  const own = new Set([...typed.foreign, n.operation, n.params, n.response, n.errorBody, n.item, op.name, descriptorName(op), ...(paginated ? [paginateName(op)] : []), ...runtimeNames, ...codeUses(descriptor)]);
  const alias = (name: string) => (own.has(name) ? `${name}Type` : name);
  const refs = typed.refs;
  let type = typed.type;
  if (refs.some((r) => own.has(split.byId.get(r)!.name))) {
    // Rare: rename the clashing references in the operation's text (they are whole words of it).
    for (const r of refs) {
      const name = split.byId.get(r)!.name;
      if (own.has(name)) type = type.replace(new RegExp(`(?<![\\w$"])${name}(?![\\w$"])`, 'g'), alias(name));
    }
  }
  const imports = [
    runtimeImports(id, [...codeUses(descriptor), ...(paginated ? ['paginate'] : [])], paginated),
    ...componentImports(split, 'src/ops', refs, typed.helpers, typed.foreign, alias),
  ];
  const declarations = printDeclarations(statementsFor(op, op.name, type)).trim();
  const fn = `${printDocs([operationDocs(op, op.name, ['core'])], '')}export function ${op.name}(${printParameters([{ name: 'core', type: 'BaseCore' }, ...operationParameters(op)])}): Promise<${n.response}> {\n  return core.request<${n.response}>(${descriptorName(op)}, ${hasParams(op) ? 'params' : 'undefined'}, options);\n}`;
  return [
    header,
    imports.join('\n'),
    '',
    declarations,
    '',
    `/** ${docText(`${op.method.toUpperCase()} ${op.path}`)}: what the runtime needs to send {@link ${op.name}}. */`,
    `export const ${descriptorName(op)} = ${literal(descriptor)} as const satisfies OperationDescriptor;`,
    '',
    fn,
    '',
    ...(paginated ? [paginateFunction(op), ''] : []),
  ].join('\n');
}

/**
 * `paginateListRuns(core, params, { maxItems })`: the operation's pages, as `client.paginate.listRuns` walks them
 * (the runtime's `paginate`, which a bundle keeps only when a module that pages is imported).
 */
function paginateFunction(op: OperationModel): string {
  const n = namesOf(op);
  const example = `for await (const item of ${paginateName(op)}(core${hasParams(op) ? `, ${exampleParams(op) ?? '{}'}` : ''})) console.log(item);`;
  const docs = doc(
    `Every item of {@link ${op.name}}'s ${op.pagination!.items ? inlineCode(op.pagination!.items) : 'response'}, fetching pages as they are iterated (\`.pages()\` gives whole pages, \`.toArray()\` all items; \`maxItems\`/\`maxPages\` stop early).\n\n\`\`\`ts\n${example}\n\`\`\``,
  );
  const params = operationParameters(op).map((p) => (p.name === 'options' ? { ...p, type: 'PaginateOptions' } : p));
  const args = hasParams(op) ? 'params' : 'undefined';
  return `${printDocs([docs], '')}export function ${paginateName(op)}(${printParameters([{ name: 'core', type: 'BaseCore' }, ...params])}): Paginator<${n.response}, ${n.item}> {\n  return paginate<${n.response}, ${n.item}>(core, ${descriptorName(op)}, ${args}, options);\n}`;
}

export function emitOpFiles(split: SplitTypes, model: ApiModel, id: PackageIdentity, header: string): Map<string, string> {
  const files = opFileNames(model);
  return new Map(model.operations.map((op) => [`src/ops/${files.get(op)!}.ts`, emitOpFile(split, op, id, header)]));
}
