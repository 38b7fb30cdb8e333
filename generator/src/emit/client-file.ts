/**
 * src/client.ts: `createClient`, the client class with one method per
 * operation, and the named param/response types. Built with ts-morph
 * structures. The frame (imports, options, the class shell, `createClient`)
 * is printed by ts-morph's structure printer (`printStructure`: the text
 * `project.createSourceFile(…).getFullText()` returns, without parsing it
 * back into a source file); the per-operation declarations and methods, the
 * bulk of the file, by printer.ts, which prints the same text faster.
 */
import {
  StructureKind,
  type ClassDeclarationStructure,
  type InterfaceDeclarationStructure,
  type JSDocStructure,
  type MethodDeclarationStructure,
  type OptionalKind,
  type ParameterDeclarationStructure,
  type PropertySignatureStructure,
  type StatementStructures,
  type TypeAliasDeclarationStructure,
} from 'ts-morph';
import type { ApiModel, OperationModel, ParameterModel, ResponseModel } from '../model/api-model.js';
import { propertyKey, typeBaseName } from '../transform/names.js';
import { docText, inlineCode, str } from './text.js';
import { exampleArguments, exampleParams } from './examples.js';
import { credentialEntries, credentialsComment } from './credentials.js';
import type { PackageIdentity } from './api-file.js';
import { byCodePoint } from '../order.js';
import { printDocs, printFrame, printParameters } from './printer.js';

/**
 * TypeScript checks an omitted optional property against the member of the
 * same name every object inherits (`constructor: Function`, …), so a
 * parameter named like one must also accept that member's type, or no call
 * without it would compile.
 */
const OBJECT_MEMBERS = new Set(['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']);

export { PRINT_OPTIONS } from './printer.js';

export interface Names {
  operation: string;
  params: string;
  response: string;
  errorBody: string;
  item: string;
}

export function namesOf(op: OperationModel): Names {
  const base = typeBaseName(op.name);
  return { operation: `${base}Operation`, params: `${base}Params`, response: `${base}Response`, errorBody: `${base}ErrorBody`, item: `${base}Item` };
}

export function doc(description: string, tags: { tagName: string; text?: string }[] = []): OptionalKind<JSDocStructure> {
  return { description: description ? `\n${description}` : '', tags };
}

function paramDoc(p: ParameterModel): OptionalKind<JSDocStructure> {
  const lines: string[] = [];
  if (p.description) lines.push(docText(p.description));
  if (p.enumValues?.length) lines.push(`One of ${p.enumValues.map((v) => inlineCode(JSON.stringify(v))).join(', ')}.`);
  lines.push(`Sent in the ${p.in === 'path' ? 'path' : p.in === 'query' ? 'query string' : p.in} as ${inlineCode(p.name)}.`);
  const tags: { tagName: string; text?: string }[] = [];
  if (p.default !== undefined) tags.push({ tagName: 'defaultValue', text: docText(JSON.stringify(p.default)) });
  if (p.example !== undefined) tags.push({ tagName: 'example', text: docText(JSON.stringify(p.example)) });
  if (p.deprecated) tags.push({ tagName: 'deprecated' });
  return doc(lines.join('\n\n'), tags);
}

/** `Op["parameters"]['query']` may be optional; index through NonNullable then. */
function paramType(n: Names, p: ParameterModel, op: OperationModel): string {
  const anyRequired = op.parameters.some((q) => q.in === p.in && q.required);
  const container = `${n.operation}["parameters"][${str(p.in)}]`;
  const type = `${anyRequired ? container : `NonNullable<${container}>`}[${str(p.name)}]`;
  return OBJECT_MEMBERS.has(p.name) && !p.required ? `${type} | Object[${str(p.name)}]` : type;
}

/**
 * Type aliases and interfaces as ts-morph prints them in a file: a blank line
 * around each interface. Takes them one at a time (an operation's structures
 * are garbage once printed) and joins the pieces once, into one flat string.
 */
export function printDeclarations(statements: Iterable<TypeAliasDeclarationStructure | InterfaceDeclarationStructure>): string {
  const parts: string[] = [];
  let blankAfter = false;
  for (const s of statements) {
    const isInterface = s.kind === StructureKind.Interface;
    if (parts.length && (blankAfter || isInterface)) parts.push('\n');
    parts.push(printDocs(s.docs as OptionalKind<JSDocStructure>[] | undefined, ''));
    const exported = s.isExported ? 'export ' : '';
    if (s.kind === StructureKind.TypeAlias) parts.push(`${exported}type ${s.name} = ${s.type as string};\n`);
    else {
      parts.push(`${exported}interface ${s.name} {\n`);
      for (const p of s.properties ?? []) parts.push(printDocs(p.docs as OptionalKind<JSDocStructure>[] | undefined, '  '), `  ${p.name}${p.hasQuestionToken ? '?' : ''}: ${p.type as string};\n`);
      parts.push('}\n');
    }
    blankAfter = isInterface;
  }
  return parts.join('');
}

/**
 * An operation's type aliases and `…Params` interface. `subject` is what the docs link to (`MangroveClient.listModelRuns`,
 * or `listModelRuns` in its own module), `operationType` the type of `…Operation` (default: its member of `paths`).
 */
export function statementsFor(op: OperationModel, subject: string, operationType = `paths[${str(op.path)}][${str(op.method)}]`): (TypeAliasDeclarationStructure | InterfaceDeclarationStructure)[] {
  const n = namesOf(op);
  const out: (TypeAliasDeclarationStructure | InterfaceDeclarationStructure)[] = [
    {
      kind: StructureKind.TypeAlias,
      name: n.operation,
      type: operationType,
    },
  ];
  if (hasParams(op)) {
    const properties: OptionalKind<PropertySignatureStructure>[] = op.parameters.map((p) => ({
      name: propertyKey(p.name),
      hasQuestionToken: !p.required,
      type: paramType(n, p, op),
      docs: [paramDoc(p)],
    }));
    if (op.requestBody) {
      properties.push({
        name: 'body',
        hasQuestionToken: !op.requestBody.required,
        type: `NonNullable<${n.operation}["requestBody"]>["content"][${str(op.requestBody.mediaType)}]`,
        docs: [doc(`${docText(op.requestBody.description) || 'Request body'} (${inlineCode(op.requestBody.mediaType)}).`)],
      });
    }
    out.push({
      kind: StructureKind.Interface,
      name: n.params,
      isExported: true,
      docs: [doc(`Parameters of {@link ${subject}}.`)],
      properties,
    } satisfies InterfaceDeclarationStructure);
  }
  const success = op.success;
  out.push({
    kind: StructureKind.TypeAlias,
    name: n.response,
    isExported: true,
    docs: [
      doc(
        success?.mediaType
          ? `Body of a successful {@link ${subject}} response (${docText([success, ...(op.otherSuccesses ?? [])].map((r) => r.status).join(', '))}).`
          : `{@link ${subject}} resolves to nothing (${docText(success?.status ?? 'no 2xx content')}).`,
      ),
    ],
    type: responseType(n, op),
  } satisfies TypeAliasDeclarationStructure);
  if (op.errors.length) {
    out.push({
      kind: StructureKind.TypeAlias,
      name: n.errorBody,
      isExported: true,
      docs: [doc(`Body of an error response of {@link ${subject}} (${docText(op.errors.map((e) => e.status).join(', '))}), as \`ApiError.body\`.`)],
      type: op.errors.map((e) => `${n.operation}["responses"][${/^\d+$/.test(e.status) ? e.status : str(e.status)}]["content"][${str(e.mediaType!)}]`).join(' | '),
    });
  }
  if (op.pagination) {
    const path = op.pagination.items ? op.pagination.items.split('.') : []; // '': the body is the array
    // The primary 2xx body, where pagination found the items (another 2xx may lack them), which may be `null`.
    const primary = successBody(n, op.success!);
    let type = `NonNullable<${responseType(n, op) === primary ? n.response : primary}>`;
    for (const key of path) type = `NonNullable<${type}[${str(key)}]>`;
    out.push({
      kind: StructureKind.TypeAlias,
      name: n.item,
      isExported: true,
      docs: [doc(`One item of {@link ${subject}}'s ${path.length ? inlineCode(op.pagination.items) : 'response'}, as yielded by \`paginate.${op.name}\`.`)],
      type: `${type}[number]`,
    });
  }
  return out;
}

/**
 * What the call resolves to: the body of its 2xx responses that are read the
 * way the primary one is (`op.success`; JSON bodies as a union), and
 * `undefined` when a 2xx may come without a body (a 204 next to a 200).
 * A 2xx with a body of another kind is read as the primary one's kind, so it
 * is not in the type.
 */
function responseType(n: Names, op: OperationModel): string {
  const s = op.success;
  if (!s?.mediaType) return 'undefined';
  const others = op.otherSuccesses ?? [];
  const empty = others.some((r) => !r.mediaType) ? ['undefined'] : [];
  if (s.kind === 'blob') return ['Blob', ...empty].join(' | ');
  if (s.kind === 'text') return ['string', ...empty].join(' | ');
  return [s, ...others.filter((r) => r.mediaType && r.kind === s.kind)].map((r) => successBody(n, r)).concat(empty).join(' | ');
}

/** The type of one response's body. */
function successBody(n: Names, r: ResponseModel): string {
  return `${n.operation}["responses"][${/^\d+$/.test(r.status) ? r.status : str(r.status)}]["content"][${str(r.mediaType!)}]`;
}

export function hasParams(op: OperationModel): boolean {
  return op.parameters.length > 0 || op.requestBody !== undefined;
}

export function paramsRequired(op: OperationModel): boolean {
  return op.parameters.some((p) => p.required) || op.requestBody?.required === true;
}

/** JSDoc of an operation's method or standalone function; `call` is the callee of the example (`client.listRuns`, `listRuns`), `first` its leading arguments. */
export function operationDocs(op: OperationModel, call: string, first: string[] = []): OptionalKind<JSDocStructure> {
  const parts: string[] = [];
  if (op.summary) parts.push(docText(op.summary));
  if (op.description) parts.push(docText(op.description));
  parts.push(`${inlineCode(`${op.method.toUpperCase()} ${op.path}`)} (operation ${inlineCode(op.operationId)})`);
  if (op.unstable) parts.push(`**Preview:** ${docText(op.unstable)}`);
  const tags: { tagName: string; text?: string }[] = [];
  tags.push({ tagName: 'example', text: `\n\`\`\`ts\nconst result = await ${call}(${exampleArguments(op, first)});\n\`\`\`` });
  if (op.deprecated) tags.push({ tagName: 'deprecated', text: 'The provider marks this operation as deprecated.' });
  return doc(parts.join('\n\n'), tags);
}

/** `(params, options?)` of an operation's method or standalone function; `params` defaults to `{}` when nothing in it is required. */
export function operationParameters(op: OperationModel): OptionalKind<ParameterDeclarationStructure>[] {
  const n = namesOf(op);
  const options = { name: 'options', type: 'RequestOptions', hasQuestionToken: true };
  if (!hasParams(op)) return [options];
  return [paramsRequired(op) ? { name: 'params', type: n.params } : { name: 'params', type: n.params, initializer: '{}' }, options];
}

/** A class method as ts-morph prints it inside the class body, after a blank line. */
function printMethod(m: OptionalKind<MethodDeclarationStructure>): string {
  return `\n${printDocs(m.docs as OptionalKind<JSDocStructure>[], '  ')}  ${m.name}(${printParameters(m.parameters ?? [])}): ${m.returnType as string} {\n    ${m.statements as string}\n  }\n`;
}

function method(op: OperationModel, variable: string): OptionalKind<MethodDeclarationStructure> {
  const n = namesOf(op);
  return {
    name: op.name,
    docs: [operationDocs(op, `${variable}.${op.name}`)],
    parameters: operationParameters(op),
    returnType: `Promise<${n.response}>`,
    statements: `return this.core.request<${n.response}>(operations.${op.name}, ${hasParams(op) ? 'params' : 'undefined'}, options);`,
  };
}

/**
 * `${clientName}Options`: the options of `createClient` and `createCore` (src/core.ts, which client.ts re-exports
 * it from): the runtime's `ClientOptions` plus the API's credentials and server variables.
 */
export function optionsInterface(model: ApiModel, optionsName: string): InterfaceDeclarationStructure {
  const credentialProps: OptionalKind<PropertySignatureStructure>[] = credentialEntries(model).map(([option, c]) => ({
    name: propertyKey(option),
    hasQuestionToken: true,
    type: 'Credential',
    docs: [
      doc(
        [
          c.description ? docText(c.description) : '',
          `Sent as the ${docText(c.sentAs)}.`,
          c.env ? `Defaults to ${inlineCode(`process.env.${c.env}`)}. May be a function returning the value, called before each request (rotating tokens).` : '',
        ]
          .filter(Boolean)
          .join('\n\n'),
      ),
    ],
  }));
  const variableProps: OptionalKind<PropertySignatureStructure>[] = Object.entries(model.servers[0]?.variables ?? {})
    .filter(([, v]) => v.option)
    .map(([name, v]) => ({
      name: propertyKey(v.option!),
      hasQuestionToken: true,
      type: v.enum ? v.enum.map(str).join(' | ') : 'string',
      docs: [
        doc(
          [
            v.description ? docText(v.description) : '',
            `Fills \`{${docText(name)}}\` in ${inlineCode(model.servers[0]!.url)}.`,
            `Defaults to ${v.env ? `${inlineCode(`process.env.${v.env}`)}, then ` : ''}${inlineCode(JSON.stringify(v.default))}.`,
          ]
            .filter(Boolean)
            .join('\n\n'),
        ),
      ],
    }));

  return {
    kind: StructureKind.Interface,
    name: optionsName,
    isExported: true,
    extends: ['ClientOptions'],
    docs: [doc(`Options of \`createClient\` and {@link createCore}. Besides these, see \`ClientOptions\`: \`baseUrl\`, \`fetch\`, \`headers\`, \`maxRetries\`, \`timeoutMs\`, \`logger\`.`)],
    properties: [...credentialProps, ...variableProps],
  };
}

export function emitClientFile(model: ApiModel, id: PackageIdentity, clientName: string, header: string): string {
  const variable = 'client';
  const paginated = model.operations.filter((o) => o.pagination);
  const optionsName = `${clientName}Options`;

  const paginateInterface: InterfaceDeclarationStructure = {
    kind: StructureKind.Interface,
    name: `${clientName}Paginate`,
    isExported: true,
    docs: [doc(`Auto-paginating versions of the list operations: iterate items with \`for await\`, or whole pages with \`.pages()\`.`)],
    methods: paginated.map((op) => {
      const n = namesOf(op);
      const pageParam = op.pagination!.style === 'page-number' ? op.pagination!.pageParam : op.pagination!.style === 'cursor' ? op.pagination!.cursorParam : op.pagination!.style === 'offset' ? op.pagination!.offsetParam : undefined;
      const paramsType = pageParam ? `Omit<${n.params}, ${str(pageParam)}> & { ${propertyKey(pageParam)}?: ${n.params}[${str(pageParam)}] }` : n.params;
      return {
        name: op.name,
        docs: [doc(`Every item of {@link ${clientName}.${op.name}}, fetching pages as needed.\n\n\`\`\`ts\nfor await (const item of ${variable}.paginate.${op.name}(${exampleParams(op) ?? ''})) console.log(item);\n\`\`\``)],
        parameters: [
          paramsRequired(op) ? { name: 'params', type: paramsType } : { name: 'params', type: paramsType, hasQuestionToken: true },
          { name: 'options', type: 'PaginateOptions', hasQuestionToken: true },
        ],
        returnType: `Paginator<${n.response}, ${n.item}>`,
      };
    }),
  };

  const clientClass: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    name: clientName,
    isExported: true,
    docs: [doc(`${docText(model.title)} client${model.description ? `.\n\n${docText(firstParagraph(model.description))}` : '.'}\n\nCreate one with {@link createClient}.`)],
    properties: [
      { name: 'core', isReadonly: true, type: 'Core<paths>', docs: [doc('The runtime core: base URL, auth, retries, timeouts, typed errors.')] },
      ...(paginated.length
        ? [{ name: 'paginate', isReadonly: true, type: `${clientName}Paginate`, docs: [doc(`Auto-paginating versions of the list operations.`)] }]
        : []),
    ],
    ctors: [
      {
        parameters: [{ name: 'options', type: optionsName, initializer: '{}' }],
        statements: [
          'this.core = new Core<paths>(api, options);',
          ...(paginated.length
            ? [
                `this.paginate = {\n${paginated
                  .map((op) => `  ${op.name}: (params, options) => this.core.paginate(operations.${op.name}, params, options),`)
                  .join('\n')}\n};`,
              ]
            : []),
        ],
      },
    ],
    getAccessors: [
      {
        name: 'raw',
        docs: [doc("The underlying openapi-fetch client, typed by the spec's paths, with this client's base URL, auth, retries and timeouts.")],
        statements: 'return this.core.raw;',
      },
    ],
  };

  const runtimeImports = ['Core', 'type RequestOptions'];
  if (paginated.length) runtimeImports.push('type PaginateOptions', 'type Paginator');
  const head: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: id.runtimePackage, namedImports: runtimeImports.sort((a, b) => byCodePoint(a.replace('type ', ''), b.replace('type ', ''))) },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './api.js', namedImports: ['api', 'operations'] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './core.js', isTypeOnly: true, namedImports: [optionsName] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './types.js', isTypeOnly: true, namedImports: ['paths'] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: './core.js', isTypeOnly: true, namedExports: [optionsName] },
  ];
  const createClient: StatementStructures = {
    kind: StructureKind.Function,
    name: 'createClient',
    isExported: true,
    docs: [
      doc(
        `Create a ${docText(id.displayName)} client.\n\n\`\`\`ts\nimport { createClient } from ${str(id.packageName)};\n\nconst ${variable} = createClient();${credentialsComment(model)}\n\`\`\``,
      ),
    ],
    parameters: [{ name: 'options', type: optionsName, initializer: '{}' }],
    returnType: clientName,
    statements: `return new ${clientName}(options);`,
  };
  // The per-operation declarations and methods (nearly all of the text) are printed by printer.ts, the frame by ts-morph.
  const declarations = printDeclarations(
    (function* () {
      for (const op of model.operations) yield* statementsFor(op, `${clientName}.${op.name}`);
    })(),
  ).trim();
  const classText = printFrame([clientClass]);
  const methods = model.operations.map((op) => printMethod(method(op, variable))).join('');
  const parts = [
    printFrame(head),
    declarations,
    ...(paginated.length ? [printFrame([paginateInterface])] : []),
    `${classText.slice(0, classText.lastIndexOf('}'))}${methods}}`,
    printFrame([createClient]),
  ];
  return `${header}\n${parts.filter(Boolean).join('\n\n')}\n`;
}

function firstParagraph(text: string): string {
  return text.split(/\n\s*\n/)[0] ?? text;
}
