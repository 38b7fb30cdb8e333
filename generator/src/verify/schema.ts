/**
 * Validating recorded values against the spec's schemas with Ajv (formats
 * from ajv-formats). The whole document is added to Ajv once, so `$ref`s
 * resolve as in the spec and every error names the spec's own JSON pointer
 * (`#/components/schemas/Run/properties/id`).
 *
 * OpenAPI 3.0 schemas are a dialect of JSON Schema draft 4/5: before Ajv sees
 * them, `nullable: true` becomes "null, or else the schema" and boolean `exclusiveMinimum` /
 * `exclusiveMaximum` become numbers. Ajv's own `nullable` support needs a
 * `type` beside it, which real specs often lack (Stripe, GitHub: see
 * load/tolerated.ts), so the rewrite is ours; it is a handful of lines.
 * OpenAPI 3.1 schemas are JSON Schema 2020-12 and go to Ajv2020 as they are.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { OpenAPIDocument } from '../model/openapi.js';
import { escapePointerToken, plainPointerTokens, pointerOf, pointerTokens } from '../load/spec-error.js';

const require = createRequire(import.meta.url);

/** One way a value does not match its schema. */
export interface SchemaFinding {
  /** JSON pointer into the spec of the schema that failed (without the keyword). */
  pointer: string;
  /** JSON pointer into the value (`/data/0/id`). */
  at: string;
  message: string;
}

export interface SchemaValidator {
  /** Validates `value` against the schema at `pointer` (a spec JSON pointer); `coerce` reads strings as the schema's types (parameters). */
  validate(pointer: string, value: unknown, options?: { coerce?: boolean }): SchemaFinding[];
}

export function schemaValidator(doc: OpenAPIDocument): SchemaValidator {
  const is31 = String(doc.openapi).startsWith('3.1');
  const spec = is31 ? structuredClone(doc) : toJsonSchema(structuredClone(doc));
  const make = (coerce: boolean) => {
    const Ajv = (is31 ? require('ajv/dist/2020') : require('ajv')).default as typeof import('ajv').default;
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false, ...(coerce ? { coerceTypes: 'array' as const } : {}) });
    (require('ajv-formats').default as (a: unknown) => void)(ajv);
    ajv.addSchema(spec as object, 'spec');
    return ajv;
  };
  const instances = new Map<boolean, ReturnType<typeof make>>();
  const compiled = new Map<string, ValidateFunction>();
  return {
    validate(pointer, value, options = {}) {
      const coerce = options.coerce === true;
      const key = `${coerce}${pointer}`;
      let validate = compiled.get(key);
      if (!validate) {
        let ajv = instances.get(coerce);
        if (!ajv) instances.set(coerce, (ajv = make(coerce)));
        validate = ajv.compile({ $ref: `spec#${pointer.split('/').map(encodeURIComponent).join('/')}` });
        compiled.set(key, validate);
      }
      if (validate(value)) return [];
      return relevant(validate.errors ?? []).map((e) => describe(doc, e, pointer, value));
    },
  };
}

/**
 * Without the noise of combinators: an `anyOf`/`oneOf` error stands for its
 * branches' errors, and the `if` of a nullable rewrite (see `toJsonSchema`)
 * for nothing: the errors of its `else` are the schema's own.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => e.keyword !== 'if' && !/\/(anyOf|oneOf)\/\d+\//.test(e.schemaPath));
}

function describe(doc: OpenAPIDocument, e: ErrorObject, base: string, root: unknown): SchemaFinding {
  const pointer = schemaAt(doc, base, e.instancePath);
  const recorded = JSON.stringify(valueAt(root, e.instancePath));
  const params = e.params as Record<string, unknown>;
  let message: string;
  switch (e.keyword) {
    case 'type':
      message = `type ${String(params.type)}, recorded ${recorded}`;
      break;
    case 'required':
      message = `required property ${JSON.stringify(params.missingProperty)} missing`;
      break;
    case 'enum':
      message = `value ${recorded} not in enum`;
      break;
    case 'additionalProperties':
      message = `property ${JSON.stringify(params.additionalProperty)} not allowed (additionalProperties: false)`;
      break;
    case 'format':
      message = `format ${String(params.format)}, recorded ${recorded}`;
      break;
    case 'anyOf':
    case 'oneOf':
      message = `matches ${e.keyword === 'oneOf' && (params.passingSchemas as unknown[] | null)?.length ? 'more than one' : 'none'} of the ${e.keyword} schemas, recorded ${truncate(recorded)}`;
      break;
    default:
      message = `${e.keyword}: ${e.message ?? 'does not match'}, recorded ${truncate(recorded)}`;
  }
  return { pointer, at: e.instancePath, message };
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(root: unknown, pointer: string): unknown {
  return plainPointerTokens(pointer).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), root);
}

type Json = Record<string, unknown>;

/**
 * The spec pointer of the schema that describes the value at `instancePath`,
 * walking from the schema at `base` through properties, items and
 * additionalProperties, following `$ref`s and looking into
 * `allOf`/`anyOf`/`oneOf` branches. (Ajv's `schemaPath` is relative to the
 * last `$ref` it followed, so it cannot name the component.)
 */
function schemaAt(doc: OpenAPIDocument, base: string, instancePath: string): string {
  let pointer = follow(doc, base);
  for (const token of plainPointerTokens(instancePath)) {
    const next = childOf(doc, pointer, token);
    if (next === undefined) break;
    pointer = follow(doc, next);
  }
  return pointer;
}

function childOf(doc: OpenAPIDocument, pointer: string, token: string): string | undefined {
  const node = nodeAt(doc, pointer);
  if (!node) return undefined;
  const properties = node.properties as Json | undefined;
  if (properties && Object.hasOwn(properties, token)) return `${pointer}/properties/${escapePointerToken(token)}`;
  if (node.items && typeof node.items === 'object' && /^\d+$/.test(token)) return `${pointer}/items`;
  for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
    const branches = node[combinator];
    if (!Array.isArray(branches)) continue;
    for (let i = 0; i < branches.length; i++) {
      const found = childOf(doc, follow(doc, `${pointer}/${combinator}/${i}`), token);
      if (found !== undefined) return found;
    }
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') return `${pointer}/additionalProperties`;
  return undefined;
}

/** Where a chain of local `$ref`s starting at `pointer` ends. */
function follow(doc: OpenAPIDocument, pointer: string): string {
  const seen = new Set<string>();
  for (;;) {
    const ref = nodeAt(doc, pointer)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/') || seen.has(pointer)) return pointer;
    seen.add(pointer);
    pointer = pointerOf(...pointerTokens(ref));
  }
}

function nodeAt(doc: unknown, pointer: string): Json | undefined {
  const node = valueAt(doc, pointer);
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as Json) : undefined;
}

/** OpenAPI 3.0 → JSON Schema, in place: `nullable` and boolean exclusive bounds (see the header). */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) node.forEach(toJsonSchema);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const v of Object.values(o)) toJsonSchema(v);
    for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof o[flag] === 'boolean') {
        if (o[flag] && typeof o[bound] === 'number') {
          o[flag] = o[bound];
          delete o[bound];
        } else delete o[flag];
      }
    }
    if (o.nullable === true) {
      delete o.nullable;
      if (Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
      if (typeof o.type === 'string') o.type = [o.type, 'null'];
      else if (!Array.isArray(o.type)) {
        // null, or else the schema: OpenAPI 3.0 has no if/then/else, so these are only ever ours.
        const copy = { ...o };
        for (const k of Object.keys(o)) delete o[k];
        Object.assign(o, { if: { type: 'null' }, then: true, else: copy });
      }
    }
  }
  return node;
}
