/**
 * `$ref`s into the inside of a component schema
 * (`#/components/schemas/channel/properties/from/oneOf/2`,
 * `#/components/schemas/Account/definitions/accountRef`: nexmo.com, codat.io)
 * or to the schema of an operation's response
 * (`#/paths/~1/get/responses/200/content/application~1json/schema`:
 * surevoip.co.uk) are valid, but openapi-typescript types them as an index
 * into a type (`components["schemas"]["Account"]["definitions"]`) that does
 * not have it: the types do not compile. Each such target becomes a
 * component schema of its own (a copy, the original stays where it is) and
 * the `$ref`s point at it, so it is typed exactly and by name. `$ref`s to
 * another operation's parameter are replaced by a copy of it.
 */
import { holdsLiteral } from './literal-values.js';
import { pointerOf, pointerTokens } from './spec-error.js';
import type { OpenAPIDocument } from '../model/openapi.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** Tokens that only say where a sub-schema sits; left out of the new name. */
const STRUCTURAL = new Set(['paths', 'responses', 'properties', 'definitions', '$defs', 'content', 'schema']);

/** Hoists the targets of deep `$ref`s into `components.schemas`, in place. Returns the new names by old pointer. */
export function hoistDeepSchemaRefs(doc: OpenAPIDocument): Map<string, string> {
  const components = isObject(doc.components) ? doc.components : {};
  const schemas: Json = isObject(components.schemas) ? components.schemas : {};
  const hoisted = new Map<string, string>();
  const targets = new Map<string, string[]>();
  walk(doc, (node) => {
    const ref = node.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return;
    const tokens = pointerTokens(ref);
    const inComponent = tokens[0] === 'components' && tokens[1] === 'schemas' && tokens.length > 3 && Object.prototype.hasOwnProperty.call(schemas, tokens[2]!);
    // A schema of an operation's or a component's parameter, body or response (`#/paths/~1/get/responses/200/content/application~1json/schema`: surevoip.co.uk).
    const inOperation = (tokens[0] === 'paths' || (tokens[0] === 'components' && tokens[1] !== 'schemas')) && tokens.includes('schema');
    if (inComponent || inOperation) targets.set(ref, tokens);
  });
  if (targets.size === 0) return hoisted;

  const taken = new Set(Object.keys(schemas));
  const copies: [string, unknown][] = [];
  for (const [ref, tokens] of [...targets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const target = at(doc, tokens);
    if (!isObject(target) && typeof target !== 'boolean') continue; // unresolvable (Redocly has said so), or not a schema
    const base =
      tokens
        .slice(tokens[1] === 'schemas' ? 2 : 1)
        .filter((t, i, all) => !STRUCTURAL.has(t) && all[i - 1] !== 'content')
        .join('_')
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .replace(/^_+|_+$/g, '') || 'schema';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    hoisted.set(ref, name);
    copies.push([name, structuredClone(target)]);
  }
  if (copies.length === 0) return hoisted;
  for (const [name, copy] of copies) schemas[name] = copy;
  components.schemas = schemas;
  (doc as unknown as Json).components = components;
  walk(doc, (node) => {
    const name = typeof node.$ref === 'string' ? hoisted.get(node.$ref) : undefined;
    if (name) node.$ref = `#${pointerOf('components', 'schemas', name)}`;
  });
  return hoisted;
}

/**
 * A `$ref` to another operation's parameter (`#/paths/~1chargers/get/parameters/0`: enode.io) is valid, but
 * openapi-typescript types it as an index into that operation's optional `query` type, which does not compile.
 * A parameter is small: the `$ref` is replaced by a copy of it, in place. Returns how many were replaced.
 */
export function inlinePathParameterRefs(doc: OpenAPIDocument): number {
  let count = 0;
  walk(doc, (node) => {
    if (!Array.isArray(node)) return;
    node.forEach((item, i) => {
      const ref = isObject(item) ? item.$ref : undefined;
      if (typeof ref !== 'string' || !ref.startsWith('#/paths/')) return;
      const tokens = pointerTokens(ref);
      if (tokens[tokens.length - 2] !== 'parameters') return;
      let target = at(doc, tokens);
      // The target may itself be a $ref (to a component parameter, which openapi-typescript types well): keep that one.
      for (let hops = 0; isObject(target) && typeof target.$ref === 'string' && target.$ref.startsWith('#/paths/') && hops < 16; hops++) target = at(doc, pointerTokens(target.$ref));
      if (!isObject(target)) return; // unresolvable: Redocly has said so
      node[i] = structuredClone(target);
      count++;
    });
  });
  return count;
}

/**
 * A `$ref` to a Parameter Object where a schema must be (`items: {$ref: '#/paths/~1vehicles~1{vehicleId}/get/parameters/1'}`:
 * enode.io) has no schema reading: a Parameter Object is not a schema, and its own `schema` would nest the values one
 * level too deep. It becomes `{}` (any value), so every call the API accepts still type-checks. A `$ref` that is an
 * item of a `parameters` list is a parameter where one belongs, and is left alone. Returns where each was replaced.
 */
export function untypeParameterRefsInSchemas(doc: OpenAPIDocument): { pointer: string; message: string }[] {
  const found: { pointer: string; message: string }[] = [];
  const path: string[] = [];
  const seen = new Set<object>();
  const visit = (node: Json): void => {
    if (seen.has(node)) return;
    seen.add(node);
    const inParameterList = Array.isArray(node) && path[path.length - 1] === 'parameters';
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (!isObject(value) || (!Array.isArray(node) && holdsLiteral(path[path.length - 1], key))) continue;
      const ref = value.$ref;
      if (typeof ref === 'string' && !inParameterList && ref.startsWith('#/') && isParameterPointer(pointerTokens(ref))) {
        const target = at(doc, pointerTokens(ref));
        if (isObject(target) && typeof target.in === 'string' && typeof target.name === 'string') {
          node[key] = {};
          found.push({ pointer: pointerOf(...path, key), message: `a $ref to a Parameter Object (${ref}) stands where a schema must be; assumed: any value` });
          continue;
        }
      }
      path.push(key);
      visit(value);
      path.pop();
    }
  };
  visit(doc as unknown as Json);
  return found;
}

const isParameterPointer = (tokens: string[]): boolean =>
  (tokens[0] === 'paths' && tokens[tokens.length - 2] === 'parameters') || (tokens[0] === 'components' && tokens[1] === 'parameters' && tokens.length === 3);

function at(doc: unknown, tokens: string[]): unknown {
  let node = doc;
  for (const t of tokens) {
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, t)) return undefined;
    node = node[t];
  }
  return node;
}

/** Every object of the document outside literal values, each once. */
function walk(root: unknown, visit: (node: Json) => void): void {
  const seen = new Set<object>();
  const stack: [unknown, string | undefined][] = [[root, undefined]];
  while (stack.length) {
    const [node, at] = stack.pop()!;
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    visit(node);
    if (Array.isArray(node)) for (const value of node) isObject(value) && stack.push([value, '[]']); // an item's keys are keywords
    else for (const key of Object.keys(node)) if (!holdsLiteral(at, key) && isObject(node[key])) stack.push([node[key], key]);
  }
}
