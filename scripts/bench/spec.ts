/**
 * The bench's inputs: the spec as every tool gets it (missing `externalValue`
 * example files neutralised), the N× replicas for the scaling series, and the
 * operations the consumers call.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generatorRequire } from './util.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface JsYaml {
  load(text: string): unknown;
  dump(value: unknown, options?: Record<string, unknown>): string;
}

let jsYaml: JsYaml | undefined;
/** js-yaml as the generator resolves it (not a root dependency). */
export async function yamlLib(): Promise<JsYaml> {
  jsYaml ??= ((await import(pathToFileURL(generatorRequire.resolve('js-yaml')).href)) as { default: JsYaml }).default;
  return jsYaml;
}

export async function loadSpecObject(file: string): Promise<JsonObject> {
  const text = readFileSync(file, 'utf8');
  const value = text.trimStart().startsWith('{') ? JSON.parse(text) : (await yamlLib()).load(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file}: not an OpenAPI document`);
  return value as JsonObject;
}

export interface PreparedSpec {
  /** What every tool is run on. */
  file: string;
  /** The spec as given. */
  original: string;
  bytes: number;
  /** `externalValue`s pointing at files that do not exist, dropped from the bench copy. */
  droppedExternalValues: { line: number; value: string }[];
}

/**
 * Copies `source` to `target`, dropping `externalValue: <relative file>` lines
 * whose file does not exist next to the spec. Redocly's bundler (used by
 * openapi-typescript and by clientgen through it) resolves `externalValue`
 * like a `$ref` and aborts on a missing file; the example is documentation
 * only and changes no generated type, so every tool gets the same copy
 * without it. The copy is otherwise byte-identical.
 */
export function prepareSpec(source: string, target: string): PreparedSpec {
  const text = readFileSync(source, 'utf8');
  const dropped: { line: number; value: string }[] = [];
  const lines = text.split('\n');
  const kept = lines.filter((line, i) => {
    const m = /^\s*"?externalValue"?\s*:\s*["']?([^"'\s]+)["']?\s*,?\s*$/.exec(line);
    if (!m) return true;
    const value = m[1]!;
    if (/^[a-z]+:\/\//i.test(value)) return true; // URLs are left to each tool
    if (existsSync(resolve(dirname(source), value))) return true;
    dropped.push({ line: i + 1, value });
    return false;
  });
  const out = kept.join('\n');
  writeFileSync(target, out);
  return { file: target, original: source, bytes: Buffer.byteLength(out), droppedExternalValues: dropped };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Component sections whose names are prefixed per copy (security schemes stay shared: requirements name them). */
const RENAMED_SECTIONS = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'links', 'callbacks', 'pathItems'];

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function renameRef(ref: string, prefix: string): string {
  const comp = /^#\/components\/([^/]+)\/([^/]+)(.*)$/.exec(ref);
  if (comp && RENAMED_SECTIONS.includes(comp[1]!)) return `#/components/${comp[1]}/${prefix}${comp[2]}${comp[3]}`;
  const path = /^#\/paths\/([^/]+)(.*)$/.exec(ref);
  if (path) return `#/paths/${escapePointer(`/${prefix.toLowerCase()}`)}${path[1]}${path[2]}`;
  return ref;
}

/** Rewrites every `$ref` and discriminator `mapping` value under `node` in place. */
function renameRefs(node: Json, prefix: string): void {
  if (Array.isArray(node)) {
    for (const item of node) renameRefs(item, prefix);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') node[key] = renameRef(value, prefix);
    else if (key === 'mapping' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (typeof v === 'string') value[k] = v.startsWith('#') ? renameRef(v, prefix) : `${prefix}${v}`;
    } else renameRefs(value, prefix);
  }
}

/**
 * `times` copies of `doc` in one document: copy i has its paths under
 * `/r<i>`, its components (but security schemes) and operationIds prefixed
 * with `R<i>`, and every `$ref` / discriminator mapping rewritten to match.
 */
export function replicate(doc: JsonObject, times: number): JsonObject {
  const out: JsonObject = { ...doc, paths: {}, components: { ...((doc.components as JsonObject | undefined) ?? {}) } };
  const components = out.components as JsonObject;
  for (const section of RENAMED_SECTIONS) if (components[section]) components[section] = {};
  for (let i = 1; i <= times; i++) {
    const prefix = `R${i}`;
    const copy = JSON.parse(JSON.stringify(doc)) as JsonObject;
    renameRefs(copy, prefix);
    const paths = (copy.paths ?? {}) as JsonObject;
    for (const [path, item] of Object.entries(paths)) {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        for (const method of HTTP_METHODS) {
          const op = item[method];
          if (op && typeof op === 'object' && !Array.isArray(op) && typeof op.operationId === 'string') op.operationId = `${prefix}${op.operationId}`;
        }
      }
      (out.paths as JsonObject)[`/${prefix.toLowerCase()}${path}`] = item;
    }
    const comps = (copy.components ?? {}) as JsonObject;
    for (const section of RENAMED_SECTIONS) {
      const entries = comps[section];
      if (!entries || typeof entries !== 'object' || Array.isArray(entries)) continue;
      const target = components[section] as JsonObject;
      for (const [name, value] of Object.entries(entries)) {
        if (section === 'links' && value && typeof value === 'object' && !Array.isArray(value) && typeof value.operationId === 'string') {
          value.operationId = `${prefix}${value.operationId}`;
        }
        target[`${prefix}${name}`] = value;
      }
    }
  }
  return out;
}

export async function writeYaml(file: string, doc: JsonObject): Promise<number> {
  const text = (await yamlLib()).dump(doc, { lineWidth: -1, noRefs: true });
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

export function countOperations(doc: JsonObject): number {
  let n = 0;
  for (const item of Object.values((doc.paths ?? {}) as JsonObject)) {
    if (item && typeof item === 'object' && !Array.isArray(item)) for (const m of HTTP_METHODS) if (item[m]) n++;
  }
  return n;
}

/** An operation the consumers call: a GET with a JSON success body whose only required inputs are primitive path parameters. */
export interface BenchOperation {
  operationId: string;
  path: string;
  pathParams: { name: string; value: string | number | boolean }[];
  /** A top-level property of the success body to read (forces the response type), if any. */
  property?: string;
  /** The success body is an array. */
  array: boolean;
}

function deref(doc: JsonObject, node: Json | undefined, depth = 0): JsonObject | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  if (typeof node.$ref === 'string' && depth < 20) {
    const parts = node.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let cur: Json | undefined = doc;
    for (const p of parts) cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? cur[p] : undefined;
    return deref(doc, cur, depth + 1);
  }
  return node;
}

function sampleValue(doc: JsonObject, schema: Json | undefined): string | number | boolean | undefined {
  const s = deref(doc, schema);
  const type = Array.isArray(s?.type) ? s.type.find((t) => t !== 'null') : s?.type;
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'string') return Array.isArray(s?.enum) && typeof s.enum[0] === 'string' ? s.enum[0] : 'bench';
  if (type === 'boolean') return true;
  return undefined;
}

/** Up to `count` operations, `preferred` operationIds first. */
export function pickOperations(doc: JsonObject, count: number, preferred: string[] = []): BenchOperation[] {
  const found: BenchOperation[] = [];
  for (const [path, rawItem] of Object.entries((doc.paths ?? {}) as JsonObject)) {
    const item = deref(doc, rawItem);
    const op = deref(doc, item?.get);
    if (!item || !op || typeof op.operationId !== 'string') continue;
    const params = [...((item.parameters as Json[] | undefined) ?? []), ...((op.parameters as Json[] | undefined) ?? [])].map((p) => deref(doc, p));
    const pathParams: BenchOperation['pathParams'] = [];
    let usable = true;
    for (const p of params) {
      if (!p) continue;
      if (p.in === 'path') {
        const value = sampleValue(doc, p.schema);
        if (value === undefined || typeof p.name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(p.name)) usable = false;
        else pathParams.push({ name: p.name, value });
      } else if (p.required === true) usable = false;
    }
    const body = deref(doc, op.requestBody);
    if (body?.required === true) usable = false;
    const responses = (op.responses ?? {}) as JsonObject;
    const okKey = Object.keys(responses).find((k) => /^2(\d\d|XX)$/i.test(k)); // Microsoft Graph answers `2XX`
    const ok = okKey ? deref(doc, responses[okKey]) : undefined;
    const content = (ok?.content ?? {}) as JsonObject;
    const json = Object.entries(content).find(([mt]) => /^application\/json\b/.test(mt));
    if (!usable || !json) continue;
    const schema = deref(doc, (json[1] as JsonObject | undefined)?.schema);
    const props = schema?.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties) ? Object.keys(schema.properties) : [];
    const property = props.find((p) => /^[A-Za-z_$][\w$]*$/.test(p));
    found.push({ operationId: op.operationId, path, pathParams, ...(property ? { property } : {}), array: schema?.type === 'array' });
  }
  const rank = (o: BenchOperation) => {
    const i = preferred.indexOf(o.operationId);
    return i >= 0 ? i : preferred.length + (o.pathParams.length ? 0 : 1);
  };
  return found.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path)).slice(0, count);
}
