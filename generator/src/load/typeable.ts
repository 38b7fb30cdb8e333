/**
 * What TypeScript can express of a document's schemas, checked before any
 * code is emitted.
 *
 * openapi-typescript prints every schema as a member of the `components`
 * interface and every `$ref` as an indexed access (`components["schemas"]["Pet"]`).
 * TypeScript resolves such a member eagerly when it is a union, intersection,
 * array or tuple, and lazily only inside an object type. A `$ref` cycle whose
 * every step is an alias position (`$ref`, `allOf`, `oneOf`, `anyOf`, `items`,
 * `prefixItems`) therefore fails to compile (TS2502, "referenced directly or
 * indirectly in its own type annotation"). For each such cycle, in document
 * order:
 *
 * - **Inheritance** (`Cat: allOf [Pet]` while `Pet: oneOf [Cat, Dog]`, the
 *   polymorphism pattern): Cat's `allOf` entry becomes a copy of Pet without
 *   its `oneOf`/`anyOf`/`discriminator`, plus Pet's discriminator property
 *   fixed to Cat's value. Types stay exact; a warning says so.
 * - **Through an array** (`Json: oneOf [string, {items: Json}]`): that `items`
 *   becomes `{}` (`unknown[]`), with a warning: lossy.
 * - **Only aliases** (`A: allOf [B]`, `B: oneOf [A, string]`; `C: $ref C`):
 *   an error; the schema means nothing TypeScript can name.
 *
 * Keywords openapi-typescript ignores (`not`, `if`/`then`/`else`,
 * `$dynamicRef`) widen a type to `unknown`; each use is a warning.
 */
import { holdsLiteral } from './literal-values.js';
import { pointerOf, pointerTokens, type SpecProblem } from './spec-error.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** A `$ref` in an alias position of the schema at `owner`. */
interface AliasEdge {
  /** Pointer of the schema (a `$ref` target) the edge leaves. */
  owner: string;
  /** Pointer of the object holding `$ref`. */
  at: string;
  /** Canonical pointer of the target. */
  target: string;
  /** The keyword the `$ref` sits under (`allOf`, `oneOf`, `anyOf`, `items`, `prefixItems`, or `$ref` for a bare reference). */
  via: string;
  /** Whether an array or tuple lies between owner and `$ref`. */
  throughArray: boolean;
}

export interface TypeabilityResult {
  /** Lossy rewrites and ignored keywords. */
  warnings: { pointer: string; message: string }[];
  /** Cycles TypeScript cannot express at all. */
  errors: { pointer: string; message: string; hint: string }[];
}

/** Follow local `$ref`s (own properties only) to a non-reference value; undefined when unresolvable or looping. */
export function resolveLocal(doc: unknown, value: unknown): unknown {
  let current = value;
  for (let i = 0; i < 100 && isObject(current) && typeof current.$ref === 'string'; i++) {
    const target = localTarget(current.$ref);
    if (target === undefined) return undefined;
    current = getAt(doc, tokensOf(target));
  }
  return isObject(current) && typeof current.$ref === 'string' ? undefined : current;
}

/** Value at a plain token path, own properties only. */
function getAt(doc: unknown, tokens: string[]): unknown {
  let node = doc;
  for (const t of tokens) {
    if (typeof node !== 'object' || node === null || !own(node, t)) return undefined;
    node = (node as Json)[t];
  }
  return node;
}

function tokensOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `#/components/schemas/Foo%20Bar` → `/components/schemas/Foo Bar` (plain pointer), or undefined for external refs. */
function localTarget(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  return pointerOf(...pointerTokens(ref));
}

/** `$ref`s reachable from `node` through alias positions only. */
function aliasEdges(owner: string, node: unknown, at: string, via: string, throughArray: boolean, out: AliasEdge[], depth = 0): void {
  if (!isObject(node) || depth > 64) return;
  const target = localTarget(node.$ref);
  if (target !== undefined) {
    out.push({ owner, at, target, via, throughArray });
    return; // `$ref` siblings do not change the printed type
  }
  for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = node[k];
    if (Array.isArray(list)) list.forEach((s, i) => aliasEdges(owner, s, `${at}/${k}/${i}`, k, throughArray, out, depth + 1));
  }
  if (isObject(node.items)) aliasEdges(owner, node.items, `${at}/items`, 'items', true, out, depth + 1);
  if (Array.isArray(node.prefixItems)) node.prefixItems.forEach((s, i) => aliasEdges(owner, s, `${at}/prefixItems/${i}`, 'prefixItems', true, out, depth + 1));
}

/** Every local `$ref` target in the document, in document order. */
function refTargets(doc: unknown): string[] {
  const seen = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (depth > 500 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const v of node) visit(v, depth + 1);
      return;
    }
    const target = localTarget((node as Json).$ref);
    if (target !== undefined) seen.add(target);
    for (const v of Object.values(node)) visit(v, depth + 1);
  };
  visit(doc, 0);
  return [...seen];
}

/** The first alias cycle in document order, as its edges. */
function findCycle(doc: unknown): AliasEdge[] | undefined {
  const graph = new Map<string, AliasEdge[]>();
  for (const target of refTargets(doc)) {
    const edges: AliasEdge[] = [];
    aliasEdges(target, getAt(doc, tokensOf(target)), target, '$ref', false, edges);
    graph.set(target, edges);
  }
  const state = new Map<string, 'open' | 'done'>();
  const stack: AliasEdge[] = [];
  const dfs = (node: string): AliasEdge[] | undefined => {
    state.set(node, 'open');
    for (const edge of graph.get(node) ?? []) {
      const s = state.get(edge.target);
      if (s === 'open') {
        const start = stack.findIndex((e) => e.owner === edge.target);
        return [...(start === -1 ? [] : stack.slice(start)), edge];
      }
      if (s === undefined && graph.has(edge.target)) {
        stack.push(edge);
        const found = dfs(edge.target);
        if (found) return found;
        stack.pop();
      }
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const found = dfs(node);
    if (found) return found;
  }
  return undefined;
}

const nameOf = (pointer: string) => tokensOf(pointer).pop() ?? pointer;

function setAt(doc: unknown, pointer: string, value: unknown): void {
  const tokens = tokensOf(pointer);
  const last = tokens.pop()!;
  const parent = getAt(doc, tokens) as Json | unknown[];
  (parent as Json)[last] = value;
}

/** The discriminator values that select the schema at `child` in `parent`'s discriminator. */
function discriminatorValues(parent: Json, child: string): string[] {
  const d = parent.discriminator;
  if (!isObject(d)) return [];
  const mapping = isObject(d.mapping) ? d.mapping : {};
  const mapped = Object.entries(mapping)
    .filter(([, ref]) => localTarget(ref) === child || ref === nameOf(child))
    .map(([value]) => value);
  if (mapped.length) return mapped;
  return child.startsWith('/components/schemas/') ? [nameOf(child)] : [];
}

/**
 * A component that extends (`allOf`) a schema with a discriminator and declares the discriminator's property itself,
 * but is not in that discriminator's `mapping` (`AddMediaMediaDestinationResolutionResult: allOf [IntentResolutionResult],
 * properties: {class}`: apple.com/sirikit-cloud-media). openapi-typescript then adds the property with the
 * component's value and also prints the component's own: a duplicate identifier, which does not compile. The value
 * that selects such a component is its own single `enum`/`const` value, else its name (the implicit mapping of the
 * Discriminator Object); it is written into the mapping, where openapi-typescript prints the property once.
 */
function mapDiscriminatedComponents(doc: Json): void {
  const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : undefined;
  if (!schemas) return;
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema) || !Array.isArray(schema.allOf) || !isObject(schema.properties)) continue;
    const self = `#${pointerOf('components', 'schemas', name)}`;
    for (const member of schema.allOf) {
      const parent = isObject(member) && typeof member.$ref === 'string' ? resolveLocal(doc, member) : undefined;
      const discriminator = isObject(parent) && isObject(parent.discriminator) ? parent.discriminator : undefined;
      const property = discriminator?.propertyName;
      if (!discriminator || typeof property !== 'string' || !own(schema.properties, property)) continue;
      const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
      if (Object.values(mapping).includes(self)) continue;
      const declared: unknown = schema.properties[property];
      const values: unknown[] = isObject(declared) ? (Array.isArray(declared.enum) ? declared.enum : 'const' in declared ? [declared.const] : []) : [];
      const value = values.length === 1 && typeof values[0] === 'string' ? values[0] : name;
      if (own(mapping, value)) continue; // the value selects another schema: leave the document as written
      mapping[value] = self;
      discriminator.mapping = mapping;
    }
  }
}

/**
 * Rewrites the document (in place) until no alias cycle is left. Returns the
 * warnings for the rewrites and the errors for cycles that cannot be typed.
 */
export function makeTypeable(doc: unknown): TypeabilityResult {
  const result: TypeabilityResult = { warnings: [], errors: [] };
  if (!isObject(doc)) return result;
  mapDiscriminatedComponents(doc);
  const broken = new Set<string>();
  for (let round = 0; round < 1000; round++) {
    const cycle = findCycle(doc);
    if (!cycle) break;
    const names = [...cycle.map((e) => nameOf(e.owner)), nameOf(cycle[0]!.owner)].join(' → ');
    // Inheritance: an allOf edge child → parent where the cycle leaves parent through oneOf/anyOf.
    // The parent must have an own object part to inherit (properties or a discriminator).
    const inheritance = cycle.find((e, i) => {
      const next = cycle[(i + 1) % cycle.length]!;
      const parent = getAt(doc, tokensOf(e.target));
      return (
        e.via === 'allOf' &&
        !e.throughArray &&
        (next.via === 'oneOf' || next.via === 'anyOf') &&
        isObject(parent) &&
        (isObject(parent.properties) || isObject(parent.discriminator))
      );
    });
    if (inheritance) {
      const parent = getAt(doc, tokensOf(inheritance.target));
      if (isObject(parent)) {
        const { oneOf: _o, anyOf: _a, discriminator, ...ownPart } = parent;
        const members: unknown[] = [ownPart];
        const values = discriminatorValues(parent, inheritance.owner);
        const property = isObject(discriminator) && typeof discriminator.propertyName === 'string' ? discriminator.propertyName : undefined;
        if (property && values.length) {
          members.push({ type: 'object', required: [property], properties: { [property]: { type: 'string', enum: values } } });
        }
        setAt(doc, inheritance.at, members.length === 1 ? ownPart : { allOf: members });
        result.warnings.push({
          pointer: inheritance.at,
          message: `${nameOf(inheritance.owner)} extends ${nameOf(inheritance.target)}, which lists it in ${cycle[(cycle.indexOf(inheritance) + 1) % cycle.length]!.via} (${names}); ${nameOf(inheritance.owner)} is typed with ${nameOf(inheritance.target)}'s own properties`,
        });
        continue;
      }
    }
    const arrayEdge = cycle.find((e) => e.throughArray);
    if (arrayEdge && !broken.has(arrayEdge.at)) {
      broken.add(arrayEdge.at);
      const old = getAt(doc, tokensOf(arrayEdge.at));
      const description = isObject(old) && typeof old.description === 'string' ? { description: old.description } : {};
      setAt(doc, arrayEdge.at, description);
      result.warnings.push({
        pointer: arrayEdge.at,
        message: `recursive schema ${names} cannot be typed through this array; its items are typed as unknown`,
      });
      continue;
    }
    const closing = cycle[cycle.length - 1]!;
    result.errors.push({
      pointer: closing.at,
      message: `schema ${nameOf(cycle[0]!.owner)} is defined only in terms of itself (${names}), which no TypeScript type can express`,
      hint: 'put the recursion inside an object property (`properties: { child: { $ref: … } }`) or remove this $ref',
    });
    // Stop here: further rounds would report the same cycle.
    break;
  }
  result.warnings.push(...ignoredKeywords(doc));
  return result;
}

/**
 * Calls `visit` on every object of `doc` (arrays are walked through) with its
 * path, to a depth of 500; `enter(key, tokens)` says whether to walk into a
 * key of the object at `tokens`, in key order.
 */
function walkObjects(doc: unknown, visit: (node: Json, tokens: string[]) => void, enter: (key: string, tokens: string[]) => boolean): void {
  const walk = (node: unknown, tokens: string[], depth: number) => {
    if (depth > 500 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, [...tokens, String(i)], depth + 1));
      return;
    }
    visit(node as Json, tokens);
    for (const [k, v] of Object.entries(node)) if (enter(k, tokens)) walk(v, [...tokens, k], depth + 1);
  };
  walk(doc, [], 0);
}

/** Uses of keywords that openapi-typescript does not turn into types. */
function ignoredKeywords(doc: Json): { pointer: string; message: string }[] {
  const out: { pointer: string; message: string }[] = [];
  const visit = (o: Json, tokens: string[]) => {
    // Only schema objects: skip examples, extensions and the like.
    const parentKey = tokens[tokens.length - 1];
    const inSchema = tokens.includes('schema') || tokens.includes('schemas') || tokens.includes('items') || tokens.includes('properties');
    if (inSchema && parentKey !== 'properties' && parentKey !== 'examples' && parentKey !== 'example') {
      if (isObject(o.not)) out.push({ pointer: pointerOf(...tokens, 'not'), message: '`not` is not expressible in TypeScript and is ignored (the value is typed without it)' });
      if (isObject(o.if)) out.push({ pointer: pointerOf(...tokens, 'if'), message: '`if`/`then`/`else` is not expressible in TypeScript and is ignored' });
      if (typeof o.$dynamicRef === 'string' || typeof o.$recursiveRef === 'string') {
        out.push({ pointer: pointerOf(...tokens), message: '`$dynamicRef`/`$recursiveRef` is not supported; the value is typed as unknown' });
      }
    }
  };
  walkObjects(doc, visit, (key, tokens) => !holdsLiteral(tokens[tokens.length - 1], key));
  return out;
}

/** Pure `$ref` chains that loop (`C: { $ref: C }`): the bundler cannot resolve them at all, so they are checked first. */
export function refLoops(doc: unknown): { pointer: string; message: string; hint: string }[] {
  const out: { pointer: string; message: string; hint: string }[] = [];
  const reported = new Set<string>();
  for (const start of refTargets(doc)) {
    const chain: string[] = [];
    let at = start;
    for (let i = 0; i < 1000; i++) {
      const node = getAt(doc, tokensOf(at));
      const next = isObject(node) ? localTarget(node.$ref) : undefined;
      if (next === undefined) break;
      chain.push(at);
      if (chain.includes(next)) {
        const loop = chain.slice(chain.indexOf(next));
        const key = [...loop].sort().join('\n');
        if (!reported.has(key)) {
          reported.add(key);
          out.push({
            pointer: loop[loop.length - 1]!,
            message: `$ref loop: ${[...loop, next].map(nameOf).join(' → ')} never reaches a schema`,
            hint: 'point the $ref at a schema with content, or remove it',
          });
        }
        break;
      }
      at = next;
    }
  }
  return out;
}

/**
 * Names openapi-typescript (which writes src/types.ts) cannot process: it
 * keeps its position as a URI-encoded `$ref` and decodes it, so a key with a
 * `%` that is not a percent-escape (`cpu%`) makes it throw. Reported as
 * errors here, with the key's position, instead of a stack trace later.
 */
export function undecodableNames(doc: unknown): { pointer: string; message: string; hint: string }[] {
  const out: { pointer: string; message: string; hint: string }[] = [];
  const bad = (name: string) => {
    if (!name.includes('%')) return false;
    try {
      decodeURIComponent(name);
      return false;
    } catch {
      return true;
    }
  };
  const hint = 'rename it (an overlay can), or write the % as %25 if the API accepts that name';
  const visit = (o: Json, tokens: string[]) => {
    if (tokens.includes('parameters') && typeof o.in === 'string' && typeof o.name === 'string' && bad(o.name)) {
      out.push({ pointer: pointerOf(...tokens, 'name'), message: `parameter name ${JSON.stringify(o.name)} has a % that is not a percent-escape, which openapi-typescript cannot process`, hint });
    }
    if (typeof o.$ref === 'string' && o.$ref.includes('#') && bad(o.$ref.slice(o.$ref.indexOf('#') + 1))) {
      out.push({ pointer: pointerOf(...tokens, '$ref'), message: `the $ref ${JSON.stringify(o.$ref)} has a % that is not a percent-escape, so it cannot be resolved`, hint });
    }
  };
  const enter = (key: string, tokens: string[]) => {
    if (holdsLiteral(tokens[tokens.length - 1], key)) return false;
    // A property name is only a key of the type (`"win_%"?: number`); only names a $ref or a path can reach must decode.
    if (!bad(key) || tokens[tokens.length - 1] === 'properties') return true;
    out.push({ pointer: pointerOf(...tokens, key), message: `the name ${JSON.stringify(key)} has a % that is not a percent-escape, which openapi-typescript cannot process`, hint });
    return false;
  };
  walkObjects(doc, visit, enter);
  return out;
}
