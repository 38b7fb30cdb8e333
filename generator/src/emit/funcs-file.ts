/**
 * src/funcs.ts (the package's `/funcs` entry point): `createCore` and one
 * standalone function per operation, taking the core as first argument. A
 * bundle that imports only these keeps the operations it calls and the
 * runtime's `BaseCore`, without the client class, pagination or the
 * openapi-fetch `raw` client. Built with ts-morph structures, like client.ts.
 */
import { StructureKind, type FunctionDeclarationStructure, type JSDocStructure, type OptionalKind, type StatementStructures } from 'ts-morph';
import type { ApiModel, OperationModel } from '../model/api-model.js';
import type { PackageIdentity } from './api-file.js';
import { doc, hasParams, namesOf, operationDocs, operationParameters } from './client-file.js';
import { credentialsComment } from './credentials.js';
import { exampleArguments } from './examples.js';
import { printDocs, printFrame, printParameters } from './printer.js';
import { docText, str } from './text.js';

/** A top-level function as ts-morph prints it. */
function printFunction(f: FunctionDeclarationStructure): string {
  return `${printDocs(f.docs as OptionalKind<JSDocStructure>[], '')}${f.isExported ? 'export ' : ''}function ${f.name}(${printParameters(f.parameters ?? [])}): ${f.returnType as string} {\n  ${f.statements as string}\n}`;
}

function standaloneFunction(op: OperationModel): FunctionDeclarationStructure {
  const n = namesOf(op);
  return {
    kind: StructureKind.Function,
    name: op.name,
    isExported: true,
    docs: [operationDocs(op, op.name, ['core'])],
    parameters: [{ name: 'core', type: 'BaseCore' }, ...operationParameters(op)],
    returnType: `Promise<${n.response}>`,
    statements: `return core.request<${n.response}>(operations.${op.name}, ${hasParams(op) ? 'params' : 'undefined'}, options);`,
  };
}

export function emitFuncsFile(model: ApiModel, id: PackageIdentity, clientName: string, header: string): string {
  const optionsName = `${clientName}Options`;
  const sample = model.operations.find((o) => o.method === 'get') ?? model.operations[0];
  const example = [
    `import { createCore${sample ? `, ${sample.name}` : ''} } from ${str(`${id.packageName}/funcs`)};`,
    '',
    `const core = createCore();${credentialsComment(model)}`,
    ...(sample ? [`const result = await ${sample.name}(${exampleArguments(sample, ['core'])});`] : []),
  ];
  const typeNames = new Set([optionsName]);
  for (const op of model.operations) {
    const n = namesOf(op);
    if (hasParams(op)) typeNames.add(n.params);
    typeNames.add(n.response);
  }
  const imports: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: id.runtimePackage, namedImports: ['BaseCore', 'type RequestOptions'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './api.js', namedImports: ['api'] },
  ];
  // Two names per operation on one line (1.2 MB on Microsoft Graph): printed directly, as ts-morph would.
  const typeImports = [`import type { ${[...typeNames].sort().join(', ')} } from "./client.js";`, 'import * as operations from "./operations.js";'];
  const createCore: StatementStructures[] = [
    {
      kind: StructureKind.Function,
      name: 'createCore',
      isExported: true,
      docs: [
        doc(
          `Create the core the standalone functions of ${docText(id.displayName)} take: base URL, auth, retries, timeouts and typed errors, with the options of \`createClient\`. A client's \`core\` works too.\n\n\`\`\`ts\n${example.join('\n')}\n\`\`\``,
        ),
      ],
      parameters: [{ name: 'options', type: optionsName, initializer: '{}' }],
      returnType: 'BaseCore',
      statements: 'return new BaseCore(api, options);',
    },
  ];
  const intro = [
    '/**',
    ` * Standalone functions of ${docText(id.displayName).replace(/\n/g, ' ')}: one per operation, taking a core from {@link createCore}.`,
    ' * Import only the ones you call and a bundler leaves out the rest, along with the client class,',
    ' * pagination and the openapi-fetch `raw` client.',
    ' */',
  ].join('\n');
  // The functions (nearly all of the text) are printed by printer.ts, the first imports and createCore by ts-morph.
  const head = [printFrame(imports), ...typeImports].join('\n');
  return `${header}\n${intro}\n${[head, printFrame(createCore), ...model.operations.map((op) => printFunction(standaloneFunction(op)))].join('\n\n')}\n`;
}
