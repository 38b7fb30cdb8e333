/**
 * `$ref`s into the inside of a component schema
 * (`#/components/schemas/channel/properties/from/oneOf/2`,
 * `#/components/schemas/Account/definitions/accountRef`: nexmo.com, codat.io)
 * are valid, but openapi-typescript types them as an index into the
 * component's type (`components["schemas"]["Account"]["definitions"]`), which
 * does not exist: the types do not compile. Each such target becomes a
 * component schema of its own (a copy, the original stays where it is) and
 * the `$ref`s point at it, so it is typed exactly and by name.
 */
import { plainPointerTokens, pointerOf } from './spec-error.js';
import type { OpenAPIDocument } from '../model/openapi.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** Tokens that only say where a sub-schema sits; left out of the new name. */
const STRUCTURAL = new Set(['properties', 'definitions', '$defs']);

/** Hoists the targets of deep `$ref`s into `components.schemas`, in place. Returns the new names by old pointer. */
export function hoistDeepSchemaRefs(doc: OpenAPIDocument): Map<string, string> {
  const schemas = (doc.components as Json | undefined)?.schemas;
  const hoisted = new Map<string, string>();
  if (!isObject(schemas)) return hoisted;
  const targets = new Map<string, string[]>();
  walk(doc, (node) => {
    const ref = node.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return;
    const tokens = plainPointerTokens(ref.slice(1));
    if (tokens.length > 3 && Object.prototype.hasOwnProperty.call(schemas, tokens[2]!)) targets.set(ref, tokens);
  });
  if (targets.size === 0) return hoisted;

  const taken = new Set(Object.keys(schemas));
  const copies: [string, unknown][] = [];
  for (const [ref, tokens] of [...targets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const target = at(doc, tokens);
    if (target === undefined) continue; // unresolvable: Redocly has said so
    const base = [tokens[2]!, ...tokens.slice(3).filter((t) => !STRUCTURAL.has(t))].join('_').replace(/[^A-Za-z0-9._-]+/g, '_');
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    hoisted.set(ref, name);
    copies.push([name, structuredClone(target)]);
  }
  for (const [name, copy] of copies) schemas[name] = copy;
  walk(doc, (node) => {
    const name = typeof node.$ref === 'string' ? hoisted.get(node.$ref) : undefined;
    if (name) node.$ref = `#${pointerOf('components', 'schemas', name)}`;
  });
  return hoisted;
}

function at(doc: unknown, tokens: string[]): unknown {
  let node = doc;
  for (const t of tokens) {
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, t)) return undefined;
    node = node[t];
  }
  return node;
}

/** Every object of the document, each once. */
function walk(root: unknown, visit: (node: Json) => void): void {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    visit(node);
    for (const value of Array.isArray(node) ? node : Object.values(node)) if (isObject(value)) stack.push(value);
  }
}
