/**
 * Swagger 2.0 input: converted to OpenAPI 3.0 on load, then loaded like any
 * OpenAPI document; every problem still names the original file, with a
 * pointer into the Swagger document and its line and column.
 *
 * The conversion is Scalar's `@scalar/openapi-upgrader` (2.0 → 3.0 step), not
 * `swagger2openapi`: the upgrader is maintained (monthly releases in 2026,
 * part of Scalar's parser that millions of installs a month run), has two tiny
 * dependencies and no I/O, so it bundles into `generator/bin`'s esbuild bundle
 * as is; `swagger2openapi` had its last release in 2024, pulls `node-fetch`,
 * `yargs` and a validator, and resolves `$ref`s over the network itself.
 */
import { upgrade } from '@scalar/openapi-upgrader';
import type { LoadedText } from './read-document.js';
import { locatePointer } from './source-position.js';
import { SpecError, pointerOf, plainPointerTokens, type SpecProblem } from './spec-error.js';

/** A Swagger 2.0 document (`swagger: "2.0"`); other `swagger` versions are refused by the loader. */
export function isSwagger2(value: unknown): boolean {
  return typeof value === 'object' && value !== null && String((value as { swagger?: unknown }).swagger) === '2.0';
}

/** The OpenAPI 3.0 form of a Swagger 2.0 document (the input is left as it was). */
export function convertSwagger2(value: unknown): Record<string, unknown> {
  const converted = upgrade(structuredClone(value) as Record<string, unknown>, '3.0') as unknown as Record<string, unknown>;
  // The version and metadata first, as people write them.
  const { openapi, info, servers, ...rest } = converted;
  return { openapi, info, ...(servers === undefined ? {} : { servers }), ...rest };
}

/**
 * Loads a Swagger 2.0 document through `load` (the OpenAPI loader) in its
 * OpenAPI 3.0 form, and moves the problems it reports back onto the
 * original document.
 */
export async function loadSwagger2<T extends { warnings: SpecProblem[] }>(original: LoadedText, load: (converted: LoadedText) => Promise<T>): Promise<T & { text: string }> {
  const converted = convertSwagger2(original.value);
  const text = JSON.stringify(converted, null, 2);
  const back = (p: SpecProblem): SpecProblem => (p.file === original.file ? toOriginal(original, converted, p) : p);
  try {
    const loaded = await load({ file: original.file, text, value: converted });
    return { ...loaded, text: original.text, warnings: loaded.warnings.map(back) };
  } catch (error) {
    if (error instanceof SpecError) throw new SpecError(error.problems.map(back));
    throw error;
  }
}

/**
 * A problem found in the OpenAPI 3 form, placed in the Swagger document: the
 * pointer is rewritten to where the Swagger document says the same thing
 * (`components/schemas` ↔ `definitions`, a `requestBody` ↔ the `in: body`
 * parameter, `content/<type>/schema` ↔ `schema`, …) and cut to the part that
 * exists there; line and column are the original's. When the pointer had to
 * be cut, the message names the converted one too.
 */
function toOriginal(original: LoadedText, converted: unknown, p: SpecProblem): SpecProblem {
  const tokens = plainPointerTokens(p.pointer);
  const mapped = existingPrefix(original.value, swaggerTokens(tokens, original.value, converted));
  const pointer = pointerOf(...mapped);
  const exact = pointer === p.pointer;
  return {
    ...p,
    pointer,
    ...locatePointer(original.text, pointer),
    message: exact ? p.message : `${p.message} (at #${p.pointer} of its OpenAPI 3 form)`,
  };
}

/** OpenAPI 3.0 pointer tokens → the Swagger 2.0 tokens of the same thing. */
function swaggerTokens(tokens: string[], original: unknown, converted: unknown): string[] {
  const [head, ...rest] = tokens;
  if (head === 'servers') return ['host'];
  if (head === 'components') {
    const [kind, name, ...more] = rest;
    const section: Record<string, string> = { schemas: 'definitions', parameters: 'parameters', requestBodies: 'parameters', responses: 'responses', securitySchemes: 'securityDefinitions' };
    const target = kind && section[kind];
    if (!target || name === undefined) return ['definitions'];
    if (kind === 'responses') return [target, name, ...response(more)];
    if (kind === 'requestBodies') return [target, name, ...body(more)];
    if (kind === 'parameters') return [target, name, ...parameter(more)];
    return [target, name, ...more];
  }
  if (head === 'paths' && rest.length >= 1) {
    const [path, method, ...more] = rest;
    if (method === undefined) return ['paths', path!];
    if (method === 'parameters') return ['paths', path!, 'parameters', ...parameterAt(more, ['paths', path!, 'parameters'], original, converted)];
    const base = ['paths', path!, method];
    const [part, ...tail] = more;
    if (part === 'requestBody') {
      const list = at(original, [...base, 'parameters']);
      const index = Array.isArray(list) ? list.findIndex((q) => (q as { in?: unknown })?.in === 'body' || (q as { in?: unknown })?.in === 'formData') : -1;
      return index < 0 ? base : [...base, 'parameters', String(index), ...body(tail)];
    }
    if (part === 'responses' && tail.length >= 1) return [...base, 'responses', tail[0]!, ...response(tail.slice(1))];
    if (part === 'parameters') return [...base, 'parameters', ...parameterAt(tail, [...base, 'parameters'], original, converted)];
    return [...base, ...more];
  }
  return tokens;
}

/** `content/<type>/schema/…` → `schema/…` (a response or a body parameter has one schema). */
function body(tokens: string[]): string[] {
  return tokens[0] === 'content' && tokens[2] === 'schema' ? ['schema', ...tokens.slice(3)] : tokens.slice(0, 0);
}

function response(tokens: string[]): string[] {
  if (tokens[0] === 'content') return body(tokens);
  if (tokens[0] === 'headers' && tokens[2] === 'schema') return ['headers', tokens[1]!, ...tokens.slice(3)];
  return tokens;
}

/** A non-body parameter's `schema/…` is the parameter itself in Swagger 2.0. */
function parameter(tokens: string[]): string[] {
  return tokens[0] === 'schema' ? tokens.slice(1) : tokens;
}

/** `<index>/…` of a converted parameter list → the index of the same parameter (name + in) in the original list. */
function parameterAt(tokens: string[], listTokens: string[], original: unknown, converted: unknown): string[] {
  const [index, ...tail] = tokens;
  if (index === undefined) return [];
  const param = resolve(converted, at(converted, [...listTokens, index])) as { name?: unknown; in?: unknown } | undefined;
  const list = at(original, listTokens);
  if (!param || !Array.isArray(list)) return [index];
  const found = list.findIndex((q) => {
    const o = resolve(original, q) as { name?: unknown; in?: unknown } | undefined;
    return o?.name === param.name && o?.in === param.in;
  });
  if (found < 0) return [];
  const isRef = typeof (list[found] as { $ref?: unknown })?.$ref === 'string';
  return isRef ? [String(found)] : [String(found), ...parameter(tail)];
}

function resolve(doc: unknown, node: unknown): unknown {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' && ref.startsWith('#') ? at(doc, plainPointerTokens(ref.slice(1))) : node;
}

function at(doc: unknown, tokens: string[]): unknown {
  let node = doc;
  for (const t of tokens) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[t] : undefined;
  return node;
}

/** The longest prefix of `tokens` that exists in `doc`. */
function existingPrefix(doc: unknown, tokens: string[]): string[] {
  let node = doc;
  for (let i = 0; i < tokens.length; i++) {
    if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, tokens[i]!)) return tokens.slice(0, i);
    node = (node as Record<string, unknown>)[tokens[i]!];
  }
  return tokens;
}
