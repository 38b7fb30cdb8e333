/**
 * src/core.ts (the package's `/core` entry point): the API descriptor, the
 * client options and `createCore`, for the per-operation functions of
 * src/ops/. It imports only the runtime: a program that calls a few
 * operations through `/core` and `/ops/<name>` never loads client.ts,
 * funcs.ts or types.ts, so its type-check does not grow with the API.
 * client.ts and api.ts re-export the options and the descriptor from here.
 */
import { StructureKind, type StatementStructures } from 'ts-morph';
import type { ApiModel } from '../model/api-model.js';
import { apiConstant, type PackageIdentity } from './api-file.js';
import { doc, optionsInterface } from './client-file.js';
import { credentialEntries, credentialsComment } from './credentials.js';
import { exampleArguments } from './examples.js';
import { printFrame } from './printer.js';
import { docText, inlineCode, str } from './text.js';
import { byCodePoint } from '../order.js';

export function emitCoreFile(model: ApiModel, id: PackageIdentity, clientName: string, requestIdHeaders: string[], header: string): string {
  const optionsName = `${clientName}Options`;
  const api = apiConstant(model, id, requestIdHeaders);
  const sample = model.operations.find((o) => o.method === 'get') ?? model.operations[0];
  const example = [
    `import { createCore } from ${str(`${id.packageName}/core`)};`,
    ...(sample ? [`import { ${sample.name} } from ${str(`${id.packageName}/ops/${sample.name}`)};`] : []),
    '',
    `const core = createCore();${credentialsComment(model)}`,
    ...(sample ? [`const result = await ${sample.name}(${exampleArguments(sample, ['core'])});`] : []),
  ];
  const runtimeImports = ['BaseCore', 'type ApiDescriptor', 'type ClientOptions', ...(credentialEntries(model).length ? ['type Credential'] : []), ...api.uses];
  const head: StatementStructures[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: id.runtimePackage,
      namedImports: runtimeImports.sort((a, b) => byCodePoint(a.replace('type ', ''), b.replace('type ', ''))),
    },
  ];
  const tail: StatementStructures[] = [
    optionsInterface(model, optionsName),
    {
      kind: StructureKind.Function,
      name: 'createCore',
      isExported: true,
      docs: [
        doc(
          `Create the core the functions of ${docText(id.displayName)} take (${inlineCode(`${id.packageName}/ops/<name>`)}, one module per operation): base URL, auth, retries, timeouts and typed errors, with the options of \`createClient\`. A client's \`core\` works too.\n\n\`\`\`ts\n${example.join('\n')}\n\`\`\``,
        ),
      ],
      parameters: [{ name: 'options', type: optionsName, initializer: '{}' }],
      returnType: 'BaseCore',
      statements: 'return new BaseCore(api, options);',
    },
  ];
  const intro = [
    '/**',
    ` * The core of ${docText(id.displayName).replace(/\n/g, ' ')}'s per-operation functions (\`./ops/<name>\`): the API's servers, auth and`,
    ' * options, and {@link createCore}. Imports only the runtime, so that a program type-checks only the operations it imports.',
    ' */',
  ].join('\n');
  return `${header}\n${intro}\n${printFrame(head)}\n\n/** Servers, security schemes and credentials of the API. */\n${api.text}\n\n${printFrame(tail)}\n`;
}
