/**
 * Shared pieces of the spec converters: parsing, errors, the 3.0 → 3.1
 * clean-up and a canonical key order for OpenAPI documents.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { SpecError } from '../../load/spec-error.js';
import type { OpenAPIDocument } from '../../model/openapi.js';

export type { OpenAPIDocument };
export type JsonObject = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function convertError(source: string, message: string, hint?: string, pointer = ''): SpecError {
  return SpecError.at({ file: source, pointer }, message, hint);
}

/** Parses JSON or YAML text; errors name the source, line and column. */
export function parseStructured(text: string, source: string, lineOffset = 0): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw convertError(source, `invalid JSON: ${(error as Error).message}`, 'fix the syntax at that position');
    }
  }
  try {
    return parseYaml(text, { maxAliasCount: -1, uniqueKeys: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const lp = error.linePos?.[0];
      throw new SpecError([
        {
          file: source,
          pointer: '',
          ...(lp ? { line: lp.line + lineOffset, column: lp.col } : {}),
          message: `invalid YAML: ${error.message.split('\n')[0]}`,
          hint: 'fix the syntax at that position (indentation, quoting, a missing colon)',
        },
      ]);
    }
    throw error;
  }
}

/** Throws unless `value` looks like an OpenAPI 3.x document. */
export function assertOpenApi(value: unknown, source: string): asserts value is OpenAPIDocument {
  if (!isObject(value)) throw convertError(source, 'not an OpenAPI document (expected a mapping at the top level)');
  if (typeof value.swagger === 'string') {
    throw convertError(source, `Swagger ${value.swagger} is not supported`, 'convert it to OpenAPI 3 first (e.g. with swagger2openapi)');
  }
  if (typeof value.openapi !== 'string' || !/^3\.[01]\.\d+$/.test(value.openapi)) {
    throw convertError(source, `not an OpenAPI 3.0/3.1 document (openapi: ${JSON.stringify(value.openapi)})`, 'the document needs `openapi: 3.0.x` or `openapi: 3.1.x`', '/openapi');
  }
  if (!isObject(value.info)) throw convertError(source, 'missing `info`', 'add `info: { title, version }`', '/info');
  if (value.paths !== undefined && !isObject(value.paths)) throw convertError(source, '`paths` must be a mapping', undefined, '/paths');
}

// ---------------------------------------------------------------------------
// Structural walk: visits every Schema Object of a document.

type Visitor = (schema: JsonObject) => void;

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems'];

function walkSchema(s: unknown, visit: Visitor): void {
  if (!isObject(s)) return;
  for (const k of SCHEMA_MAPS) if (isObject(s[k])) for (const v of Object.values(s[k])) walkSchema(v, visit);
  for (const k of SCHEMA_LISTS) if (Array.isArray(s[k])) for (const v of s[k]) walkSchema(v, visit);
  for (const k of SCHEMA_SINGLE) walkSchema(s[k], visit);
  visit(s);
}

function walkContent(content: unknown, visit: Visitor): void {
  if (!isObject(content)) return;
  for (const mt of Object.values(content)) {
    if (!isObject(mt)) continue;
    walkSchema(mt.schema, visit);
    if (isObject(mt.encoding)) for (const enc of Object.values(mt.encoding)) if (isObject(enc) && isObject(enc.headers)) for (const h of Object.values(enc.headers)) walkParam(h, visit);
  }
}

function walkParam(p: unknown, visit: Visitor): void {
  if (!isObject(p)) return;
  walkSchema(p.schema, visit);
  walkContent(p.content, visit);
}

function walkResponse(r: unknown, visit: Visitor): void {
  if (!isObject(r)) return;
  if (isObject(r.headers)) for (const h of Object.values(r.headers)) walkParam(h, visit);
  walkContent(r.content, visit);
}

function walkPathItem(item: unknown, visit: Visitor): void {
  if (!isObject(item)) return;
  if (Array.isArray(item.parameters)) for (const p of item.parameters) walkParam(p, visit);
  for (const m of HTTP_METHODS) {
    const op = item[m];
    if (!isObject(op)) continue;
    if (Array.isArray(op.parameters)) for (const p of op.parameters) walkParam(p, visit);
    if (isObject(op.requestBody)) walkContent(op.requestBody.content, visit);
    if (isObject(op.responses)) for (const r of Object.values(op.responses)) walkResponse(r, visit);
    if (isObject(op.callbacks)) for (const cb of Object.values(op.callbacks)) if (isObject(cb)) for (const pi of Object.values(cb)) walkPathItem(pi, visit);
  }
}

/** Calls `visit` on every schema object (children before parents). */
export function forEachSchema(doc: JsonObject, visit: Visitor): void {
  for (const key of ['paths', 'webhooks']) if (isObject(doc[key])) for (const item of Object.values(doc[key])) walkPathItem(item, visit);
  const c = doc.components;
  if (!isObject(c)) return;
  if (isObject(c.schemas)) for (const s of Object.values(c.schemas)) walkSchema(s, visit);
  for (const k of ['parameters', 'headers']) if (isObject(c[k])) for (const p of Object.values(c[k])) walkParam(p, visit);
  if (isObject(c.responses)) for (const r of Object.values(c.responses)) walkResponse(r, visit);
  if (isObject(c.requestBodies)) for (const b of Object.values(c.requestBodies)) if (isObject(b)) walkContent(b.content, visit);
  if (isObject(c.pathItems)) for (const pi of Object.values(c.pathItems)) walkPathItem(pi, visit);
  if (isObject(c.callbacks)) for (const cb of Object.values(c.callbacks)) if (isObject(cb)) for (const pi of Object.values(cb)) walkPathItem(pi, visit);
}

/**
 * Rewrites 3.0-only schema keywords in a 3.1 document in place:
 * `nullable: true` → `'null'` added to `type` (or `anyOf [..., {type: 'null'}]`
 * when the schema has no `type`), `null` added to a nullable `enum`;
 * boolean `exclusiveMinimum`/`exclusiveMaximum` → the numeric 3.1 form.
 */
export function normalize31(doc: JsonObject): void {
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.1')) return;
  forEachSchema(doc, (s) => {
    if ('nullable' in s) {
      const nullable = s.nullable === true;
      delete s.nullable;
      if (nullable) {
        if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
        if (typeof s.type === 'string') s.type = [s.type, 'null'];
        else if (Array.isArray(s.type)) {
          if (!s.type.includes('null')) s.type = [...s.type, 'null'];
        } else if (s.type === undefined && !Array.isArray(s.enum)) {
          const inner: JsonObject = {};
          for (const k of Object.keys(s)) {
            if (ANNOTATIONS.has(k)) continue;
            inner[k] = s[k];
            delete s[k];
          }
          s.anyOf = [inner, { type: 'null' }];
        }
      }
    }
    for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (s[flag] === true && typeof s[bound] === 'number') {
        s[flag] = s[bound];
        delete s[bound];
      } else if (s[flag] === false) delete s[flag];
    }
  });
}

/** Schema keywords that describe rather than constrain; kept on the outside when wrapping. */
export const ANNOTATIONS = new Set(['title', 'description', 'default', 'deprecated', 'readOnly', 'writeOnly', 'example', 'examples', 'externalDocs']);

// ---------------------------------------------------------------------------
// Canonical key order

const ORDER: Record<string, string[]> = {
  root: ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'security', 'tags', 'externalDocs', 'paths', 'webhooks', 'components'],
  info: ['title', 'summary', 'version', 'description', 'termsOfService', 'contact', 'license'],
  server: ['url', 'description', 'variables'],
  serverVariable: ['default', 'enum', 'description'],
  tag: ['name', 'description', 'externalDocs'],
  pathItem: ['$ref', 'summary', 'description', 'servers', 'parameters', ...HTTP_METHODS],
  operation: ['tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses', 'callbacks', 'deprecated', 'security', 'servers'],
  parameter: ['$ref', 'name', 'in', 'description', 'required', 'deprecated', 'allowEmptyValue', 'style', 'explode', 'allowReserved', 'schema', 'content', 'example', 'examples'],
  requestBody: ['$ref', 'description', 'required', 'content'],
  mediaType: ['schema', 'example', 'examples', 'encoding'],
  response: ['$ref', 'description', 'headers', 'content', 'links'],
  components: ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks', 'pathItems'],
  securityScheme: ['$ref', 'type', 'description', 'name', 'in', 'scheme', 'bearerFormat', 'flows', 'openIdConnectUrl'],
  schema: [
    '$ref', '$schema', '$id', 'title', 'description', 'type', 'format', 'const', 'enum', 'default', 'nullable',
    'multipleOf', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern',
    'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'prefixItems', 'items', 'contains',
    'properties', 'patternProperties', 'additionalProperties', 'propertyNames', 'required', 'dependentRequired',
    'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'discriminator', 'readOnly', 'writeOnly', 'deprecated',
    'xml', 'externalDocs', 'example', 'examples', '$defs',
  ],
};

function ordered(node: JsonObject, kind: string, child: (key: string, value: unknown) => unknown): JsonObject {
  const order = ORDER[kind] ?? [];
  const keys = Object.keys(node);
  const rank = (k: string) => {
    const i = order.indexOf(k);
    if (i >= 0) return i;
    return k.startsWith('x-') ? order.length + 1 : order.length;
  };
  const sorted = keys.map((k, i) => ({ k, i })).sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i);
  const out: JsonObject = {};
  for (const { k } of sorted) out[k] = k.startsWith('x-') ? node[k] : child(k, node[k]);
  return out;
}

const mapValues = (v: unknown, f: (x: unknown) => unknown): unknown =>
  isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x)])) : v;
const listValues = (v: unknown, f: (x: unknown) => unknown): unknown => (Array.isArray(v) ? v.map(f) : v);

function schemaNode(s: unknown): unknown {
  if (!isObject(s)) return s;
  return ordered(s, 'schema', (k, v) => {
    if (SCHEMA_MAPS.includes(k)) return mapValues(v, schemaNode);
    if (SCHEMA_LISTS.includes(k)) return listValues(v, schemaNode);
    if (SCHEMA_SINGLE.includes(k)) return schemaNode(v);
    return v;
  });
}

function mediaNode(m: unknown): unknown {
  if (!isObject(m)) return m;
  return ordered(m, 'mediaType', (k, v) => (k === 'schema' ? schemaNode(v) : k === 'encoding' ? mapValues(v, (e) => (isObject(e) ? { ...e, ...(e.headers ? { headers: mapValues(e.headers, paramNode) } : {}) } : e)) : v));
}

function paramNode(p: unknown): unknown {
  if (!isObject(p)) return p;
  return ordered(p, 'parameter', (k, v) => (k === 'schema' ? schemaNode(v) : k === 'content' ? mapValues(v, mediaNode) : v));
}

function responseNode(r: unknown): unknown {
  if (!isObject(r)) return r;
  return ordered(r, 'response', (k, v) => (k === 'headers' ? mapValues(v, paramNode) : k === 'content' ? mapValues(v, mediaNode) : v));
}

function requestBodyNode(b: unknown): unknown {
  if (!isObject(b)) return b;
  return ordered(b, 'requestBody', (k, v) => (k === 'content' ? mapValues(v, mediaNode) : v));
}

function operationNode(o: unknown): unknown {
  if (!isObject(o)) return o;
  return ordered(o, 'operation', (k, v) => {
    switch (k) {
      case 'parameters':
        return listValues(v, paramNode);
      case 'requestBody':
        return requestBodyNode(v);
      case 'responses':
        return mapValues(v, responseNode);
      case 'callbacks':
        return mapValues(v, (cb) => mapValues(cb, pathItemNode));
      case 'servers':
        return listValues(v, serverNode);
      default:
        return v;
    }
  });
}

function serverNode(s: unknown): unknown {
  if (!isObject(s)) return s;
  return ordered(s, 'server', (k, v) => (k === 'variables' ? mapValues(v, (x) => (isObject(x) ? ordered(x, 'serverVariable', (_k, y) => y) : x)) : v));
}

function pathItemNode(p: unknown): unknown {
  if (!isObject(p)) return p;
  return ordered(p, 'pathItem', (k, v) => {
    if ((HTTP_METHODS as readonly string[]).includes(k)) return operationNode(v);
    if (k === 'parameters') return listValues(v, paramNode);
    if (k === 'servers') return listValues(v, serverNode);
    return v;
  });
}

function componentsNode(c: unknown): unknown {
  if (!isObject(c)) return c;
  return ordered(c, 'components', (k, v) => {
    switch (k) {
      case 'schemas':
        return mapValues(v, schemaNode);
      case 'responses':
        return mapValues(v, responseNode);
      case 'parameters':
      case 'headers':
        return mapValues(v, paramNode);
      case 'requestBodies':
        return mapValues(v, requestBodyNode);
      case 'securitySchemes':
        return mapValues(v, (s) => (isObject(s) ? ordered(s, 'securityScheme', (_k, y) => y) : s));
      case 'pathItems':
        return mapValues(v, pathItemNode);
      case 'callbacks':
        return mapValues(v, (cb) => mapValues(cb, pathItemNode));
      default:
        return v;
    }
  });
}

/**
 * Returns a copy of `doc` with object keys in a canonical order: the order
 * in which the OpenAPI specification lists each object's fields, unknown
 * fields after them in their original order, `x-` extensions last. Maps
 * (paths, properties, responses, components) keep their order; example
 * values are left untouched.
 */
export function normalizeKeyOrder<T>(doc: T): T {
  if (!isObject(doc)) return doc;
  return ordered(doc, 'root', (k, v) => {
    switch (k) {
      case 'info':
        return isObject(v) ? ordered(v, 'info', (_k, y) => y) : v;
      case 'servers':
        return listValues(v, serverNode);
      case 'tags':
        return listValues(v, (t) => (isObject(t) ? ordered(t, 'tag', (_k, y) => y) : t));
      case 'paths':
      case 'webhooks':
        return mapValues(v, pathItemNode);
      case 'components':
        return componentsNode(v);
      default:
        return v;
    }
  }) as T;
}
