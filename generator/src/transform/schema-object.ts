/**
 * Schema Object → what the docs say about a value (its short type, enum
 * values). The TypeScript types themselves come from openapi-typescript.
 */
import type { OpenAPIDocument, Referenced, SchemaObject } from '../model/openapi.js';
import { deref, isRef } from './ref.js';

export function typeText(doc: OpenAPIDocument, schema: Referenced<SchemaObject> | undefined, depth = 0): string {
  if (!schema || depth > 3) return 'unknown';
  if (isRef(schema)) {
    const name = schema.$ref.split('/').pop() ?? 'unknown';
    const target = deref<SchemaObject>(doc, schema);
    if (target.enum && depth === 0) return `${name} (${target.enum.map((v) => JSON.stringify(v)).join(' | ')})`;
    return name;
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map((v) => typeText(doc, v, depth + 1)).join(' | ');
  if (schema.allOf?.length === 1) return typeText(doc, schema.allOf[0], depth + 1);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  let text = types.length ? types.join(' | ') : 'unknown';
  if (types.includes('array')) text = text.replace('array', `${typeText(doc, schema.items, depth + 1)}[]`);
  if (schema.format) text += ` (${schema.format})`;
  if (schema.nullable) text += ' | null';
  return text;
}

/** Enum values of a schema, looking through `$ref` and nullable `anyOf`. */
export function enumValues(doc: OpenAPIDocument, schema: Referenced<SchemaObject> | undefined, seen = new Set<unknown>()): unknown[] | undefined {
  if (!schema) return undefined;
  const s = deref<SchemaObject>(doc, schema);
  if (seen.has(s)) return undefined; // circular anyOf/oneOf
  seen.add(s);
  if (Array.isArray(s.enum)) return s.enum;
  for (const v of s.anyOf ?? s.oneOf ?? []) {
    const e = enumValues(doc, v, seen);
    if (e) return e;
  }
  return undefined;
}

/** Names of the array-typed top-level properties of an object schema. */
export function arrayProperties(doc: OpenAPIDocument, schema: Referenced<SchemaObject> | undefined): string[] {
  const s = schema ? deref<SchemaObject>(doc, schema) : undefined;
  const props = collectProperties(doc, s);
  return Object.entries(props)
    .filter(([, p]) => deref<SchemaObject>(doc, p).type === 'array' || (deref<SchemaObject>(doc, p).type as string[] | undefined)?.includes?.('array'))
    .map(([k]) => k);
}

/** Properties of an object schema, merging `allOf`. */
export function collectProperties(doc: OpenAPIDocument, schema: SchemaObject | undefined, seen = new Set<unknown>()): Record<string, Referenced<SchemaObject>> {
  const out: Record<string, Referenced<SchemaObject>> = Object.create(null);
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return out; // circular allOf
  seen.add(schema);
  for (const part of schema.allOf ?? []) Object.assign(out, collectProperties(doc, deref<SchemaObject>(doc, part), seen));
  for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = v;
  return out;
}

/** Does a dot path (`meta.page.total`) exist in the schema? */
export function hasPath(doc: OpenAPIDocument, schema: Referenced<SchemaObject> | undefined, path: string): boolean {
  let current = schema ? deref<SchemaObject>(doc, schema) : undefined;
  for (const key of path.split('.')) {
    const next = collectProperties(doc, current)[key]; // no prototype: `constructor` is not a property
    if (!next) return false;
    current = deref<SchemaObject>(doc, next);
  }
  return true;
}

/** The schema at a dot path (`meta.page.next_number`; `''` is the schema itself), or `undefined` when the path does not exist. */
export function schemaAt(doc: OpenAPIDocument, schema: Referenced<SchemaObject> | undefined, path: string): SchemaObject | undefined {
  let current = schema ? deref<SchemaObject>(doc, schema) : undefined;
  for (const key of path ? path.split('.') : []) {
    const next = collectProperties(doc, current)[key];
    if (!next) return undefined;
    current = deref<SchemaObject>(doc, next);
  }
  return current;
}

/** The JSON types a schema allows (`['string', 'null']`), looking through `$ref`, `allOf` of one and `anyOf`/`oneOf`. */
export function schemaTypes(doc: OpenAPIDocument, schema: Referenced<SchemaObject> | undefined, seen = new Set<unknown>()): string[] {
  if (!schema) return [];
  const s = deref<SchemaObject>(doc, schema);
  if (seen.has(s)) return [];
  seen.add(s);
  const own = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const parts = [...(s.anyOf ?? s.oneOf ?? []), ...(s.allOf?.length === 1 ? s.allOf : [])];
  return [...new Set([...own, ...parts.flatMap((p) => schemaTypes(doc, p, seen)), ...(s.nullable ? ['null'] : [])])];
}
