/**
 * The per-operation layout's types: src/types.ts (openapi-typescript's text)
 * parsed once with the TypeScript parser and taken apart, so that each
 * component and each operation can live in a module of its own that imports
 * only what it references.
 *
 * Nothing is translated again: each member of `components[kind]` and each
 * operation's type keeps openapi-typescript's text, with every
 * `components["schemas"]["X"]` indexed access replaced by the name of X's
 * module export. Helper types (`WithRequired`) go to one shared module.
 *
 * Names: a component's key in PascalCase (`simple-user` → `SimpleUser`,
 * `microsoft.graph.user` → `MicrosoftGraphUser`), with a suffix for kinds
 * other than schemas unless it ends with it already (`per-page` →
 * `PerPageParameter`, `NotFound` → `NotFoundResponse`, `RequestBody`,
 * `Header`, `PathItem`); a name that would shadow a global
 * type the modules use (`Record`, `Error`, …) gets the kind's suffix too
 * (`ErrorSchema`); names equal but for case get `2`, `3`, … in document
 * order (kinds in the order above), since they are also file names.
 *
 * The texts are computed eagerly and the syntax tree dropped (Microsoft
 * Graph's 23 MB of types would keep hundreds of MB alive otherwise).
 */
import { ts } from 'ts-morph';
import { dedupe, pascalCase } from '../transform/names.js';

/** openapi-typescript's keys of `components`, in its order, with the suffix of their type names. */
export const COMPONENT_KINDS: Record<string, string> = {
  schemas: '',
  responses: 'Response',
  parameters: 'Parameter',
  requestBodies: 'RequestBody',
  headers: 'Header',
  pathItems: 'PathItem',
};

/** Global types the modules may use: a component named like one would shadow it. */
const GLOBAL_TYPES = new Set(
  (
    'Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Parameters Awaited Array ReadonlyArray ' +
    'Object String Number Boolean Symbol BigInt Function Date Error RegExp Promise Map Set Blob File FormData Uint8Array ' +
    'ArrayBuffer JSON Math BaseCore RequestOptions OperationDescriptor ApiDescriptor ClientOptions Credential'
  ).split(' '),
);

export interface SplitComponent {
  /** `schemas`, `parameters`, … */
  kind: string;
  /** Its key in the spec (`simple-user`). */
  key: string;
  /** The name of its module's export, also the module's file name. */
  name: string;
  /** openapi-typescript's doc comment, re-indented, or `''`. */
  docs: string;
  /** The type, with component references as names (`SimpleUser[]`). */
  type: string;
  /** Ids (`kind/key`) of the components it references (itself excluded). */
  refs: string[];
  /** Helper types it uses (`WithRequired`). */
  helpers: string[];
  /** Top-level names of types.ts other than components and helpers it references (`paths`, `operations`): rare, see `foreign` below. */
  foreign: string[];
}

export interface SplitOperation {
  /** The operation's type (`{ parameters: …; responses: … }`). */
  type: string;
  refs: string[];
  helpers: string[];
  /**
   * Top-level names of types.ts other than components and helpers it references: `paths[…]`/`operations[…]`, where a
   * spec's `$ref` points into another operation (the loader copies most of those). Its module then imports them from
   * types.ts, and loses the isolation; none of the three providers, GitHub or Microsoft Graph has one.
   */
  foreign: string[];
}

export interface SplitTypes {
  components: SplitComponent[];
  /** `kind/key` → component. */
  byId: Map<string, SplitComponent>;
  /** The helper declarations, exported, and their names. */
  helpers: { text: string; names: string[] };
  /** `path` → method → the operation's type. */
  operations: Map<string, Map<string, SplitOperation>>;
}

export const componentId = (kind: string, key: string): string => `${kind}/${key}`;

/** The TypeScript name of each component, in document order: see the naming rules above. */
export function componentNames(keys: { kind: string; key: string }[]): string[] {
  const base = keys.map(({ kind, key }) => {
    const suffix = COMPONENT_KINDS[kind]!;
    const stem = pascalCase(key);
    const name = stem.endsWith(suffix) ? stem : stem + suffix;
    return GLOBAL_TYPES.has(name) ? `${name}${COMPONENT_KINDS[kind] || 'Schema'}` : name;
  });
  return dedupe(base, (n) => n.toLowerCase()).names;
}

const TOP_LEVEL = new Set(['paths', 'webhooks', 'components', '$defs', 'operations']);

function literalText(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

function memberKey(member: ts.TypeElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

/**
 * Text at `base` indentation (openapi-typescript's four spaces a level) as our
 * files have it: relative to `base`, two spaces a level. The first line starts
 * where the node does; doc comment lines keep their odd space (` * `).
 */
export function reindent(text: string, base: number): string {
  // U+2028/U+2029 (in string literal types and doc text) escaped: the same strings, and no line break in a comment.
  if (/[\u2028\u2029]/.test(text)) text = text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    let n = 0;
    while (n < line.length && line.charCodeAt(n) === 32) n++;
    const rel = Math.max(0, n - base);
    lines[i] = ' '.repeat(Math.floor(rel / 4) * 2 + (rel % 4)) + line.slice(n);
  }
  return lines.join('\n');
}

export function splitTypes(text: string): SplitTypes {
  const sf = ts.createSourceFile('types.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const column = (pos: number) => pos - (text.lastIndexOf('\n', pos - 1) + 1);
  let componentsNode: ts.InterfaceDeclaration | undefined;
  let pathsNode: ts.InterfaceDeclaration | undefined;
  let operationsNode: ts.InterfaceDeclaration | undefined;
  const helperParts: string[] = [];
  const helperNames: string[] = [];
  for (const s of sf.statements) {
    const name = (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) ? s.name.text : undefined;
    if (name === 'components' && ts.isInterfaceDeclaration(s)) componentsNode = s;
    else if (name === 'paths' && ts.isInterfaceDeclaration(s)) pathsNode = s;
    else if (name === 'operations' && ts.isInterfaceDeclaration(s)) operationsNode = s;
    else if (name && !TOP_LEVEL.has(name)) {
      helperNames.push(name);
      helperParts.push(`export ${reindent(text.slice(s.getStart(sf), s.end), 0)}`);
    }
  }
  const helperSet = new Set(helperNames);

  // Components first: their names are what the rewriting puts in place of the indexed accesses.
  const members: { kind: string; key: string; member: ts.PropertySignature }[] = [];
  for (const group of componentsNode?.members ?? []) {
    const kind = memberKey(group);
    if (!kind || !(kind in COMPONENT_KINDS) || !ts.isPropertySignature(group) || !group.type || !ts.isTypeLiteralNode(group.type)) continue;
    for (const m of group.type.members) {
      const key = memberKey(m);
      if (key !== undefined && ts.isPropertySignature(m) && m.type) members.push({ kind, key, member: m });
    }
  }
  const names = componentNames(members);
  const nameOf = new Map(members.map((m, i) => [componentId(m.kind, m.key), names[i]!]));

  /** `node`'s text with references replaced, re-indented from `base`; what it references. */
  const rewrite = (node: ts.Node, base: number) => {
    const refs = new Set<string>();
    const helpers = new Set<string>();
    const foreign = new Set<string>();
    const cuts: { start: number; end: number; text: string }[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isIndexedAccessTypeNode(n) && ts.isIndexedAccessTypeNode(n.objectType)) {
        const inner = n.objectType;
        if (ts.isTypeReferenceNode(inner.objectType) && ts.isIdentifier(inner.objectType.typeName) && inner.objectType.typeName.text === 'components') {
          const kind = literalText(inner.indexType);
          const key = literalText(n.indexType);
          const name = kind !== undefined && key !== undefined ? nameOf.get(componentId(kind, key)) : undefined;
          if (name) {
            refs.add(componentId(kind!, key!));
            cuts.push({ start: n.getStart(sf), end: n.end, text: name });
            return;
          }
        }
      }
      if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName)) {
        const id = n.typeName.text;
        if (helperSet.has(id)) helpers.add(id);
        else if (TOP_LEVEL.has(id)) foreign.add(id);
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
    const start = node.getStart(sf);
    let out = '';
    let at = start;
    for (const c of cuts) {
      out += text.slice(at, c.start) + c.text;
      at = c.end;
    }
    out += text.slice(at, node.end);
    return { type: reindent(out, base), refs: [...refs].sort(), helpers: [...helpers].sort(), foreign: [...foreign].sort() };
  };

  const docsOf = (member: ts.Node, base: number) =>
    (ts.getLeadingCommentRanges(text, member.pos) ?? [])
      .filter((r) => text.startsWith('/**', r.pos))
      .map((r) => reindent(text.slice(r.pos, r.end), base))
      .join('\n');

  const components: SplitComponent[] = members.map(({ kind, key, member }, i) => {
    const base = column(member.getStart(sf));
    const r = rewrite(member.type!, base);
    const self = componentId(kind, key);
    return { kind, key, name: names[i]!, docs: docsOf(member, base), type: r.type, refs: r.refs.filter((id) => id !== self), helpers: r.helpers, foreign: r.foreign };
  });

  const operationTypes = new Map<string, ts.PropertySignature>();
  for (const m of operationsNode?.members ?? []) {
    const key = memberKey(m);
    if (key !== undefined && ts.isPropertySignature(m) && m.type) operationTypes.set(key, m);
  }
  const pathItems = new Map(members.filter((m) => m.kind === 'pathItems').map((m) => [m.key, m.member.type!]));
  const operations = new Map<string, Map<string, SplitOperation>>();
  for (const p of pathsNode?.members ?? []) {
    const path = memberKey(p);
    if (path === undefined || !ts.isPropertySignature(p) || !p.type) continue;
    // `"/shared": components["pathItems"]["Shared"]`: the path item's own member.
    let item: ts.TypeNode | undefined = p.type;
    if (ts.isIndexedAccessTypeNode(item) && ts.isIndexedAccessTypeNode(item.objectType) && literalText(item.objectType.indexType) === 'pathItems') {
      const key = literalText(item.indexType);
      item = key === undefined ? undefined : pathItems.get(key);
    }
    if (!item || !ts.isTypeLiteralNode(item)) continue;
    const methods = new Map<string, SplitOperation>();
    for (const m of item.members) {
      const method = memberKey(m);
      if (method === undefined || method === 'parameters' || !ts.isPropertySignature(m) || !m.type || m.questionToken) continue;
      let node: ts.PropertySignature = m;
      // `get: operations["list-model-runs"]`: the operation's own member.
      const t = m.type;
      if (ts.isIndexedAccessTypeNode(t) && ts.isTypeReferenceNode(t.objectType) && ts.isIdentifier(t.objectType.typeName) && t.objectType.typeName.text === 'operations') {
        const target = literalText(t.indexType);
        const resolved = target === undefined ? undefined : operationTypes.get(target);
        if (resolved) node = resolved;
      }
      const r = rewrite(node.type!, column(node.getStart(sf)));
      methods.set(method, r);
    }
    operations.set(path, methods);
  }
  return { components, byId: new Map(components.map((c) => [componentId(c.kind, c.key), c])), helpers: { text: helperParts.join('\n'), names: helperNames }, operations };
}
