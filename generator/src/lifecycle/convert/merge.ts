/**
 * Merges several OpenAPI documents of one provider (e.g. one docs page per
 * endpoint) into one: the union of paths (per operation) and components.
 * Identical duplicates are kept once; different definitions under the same
 * name are conflicts, all reported together with both sources.
 */
import { SpecError, type SpecProblem } from '../../load/spec-error.js';
import { deepEqual } from '../overlay.js';
import { HTTP_METHODS, isObject, type JsonObject, type OpenAPIDocument } from './common.js';

export interface SourcedDocument {
  source: string;
  document: OpenAPIDocument;
}

function escapeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function mergeDocuments(inputs: readonly SourcedDocument[]): OpenAPIDocument {
  if (inputs.length === 0) throw new Error('mergeDocuments: nothing to merge');
  if (inputs.length === 1) return structuredClone(inputs[0]!.document);

  const problems: SpecProblem[] = [];
  // Where each merged value came from, by JSON pointer.
  const origin = new Map<string, string>();
  const conflict = (pointer: string, source: string, what: string) => {
    problems.push({
      file: source,
      pointer,
      message: `${what} differs between ${origin.get(pointer)} and ${source}`,
      hint: 'make the documents agree (fix one upstream or with an overlay), or rename one of them',
    });
  };
  /** Puts `value` at `target[key]` unless an equal value is there; records conflicts. */
  const put = (target: JsonObject, key: string, value: unknown, pointer: string, source: string, what: string) => {
    if (!(key in target)) {
      target[key] = structuredClone(value);
      origin.set(pointer, source);
    } else if (!deepEqual(target[key], value)) conflict(pointer, source, what);
  };

  const first = inputs[0]!;
  const out: JsonObject = { openapi: first.document.openapi, info: structuredClone(first.document.info) };
  const version = (v: string) => v.split('.').slice(0, 2).join('.');
  origin.set('/openapi', first.source);
  origin.set('/security', first.source);

  const servers: unknown[] = [];
  const tags: JsonObject[] = [];
  const paths: JsonObject = {};
  const components: JsonObject = {};
  let security: unknown;
  let securitySource: string | undefined;

  for (const { source, document } of inputs) {
    const d = document as unknown as JsonObject;
    if (version(String(d.openapi)) !== version(String(out.openapi))) conflict('/openapi', source, `OpenAPI version (${String(out.openapi)} vs ${String(d.openapi)})`);
    for (const s of Array.isArray(d.servers) ? d.servers : []) if (!servers.some((x) => deepEqual(x, s))) servers.push(structuredClone(s));
    if (d.security !== undefined) {
      if (securitySource === undefined) {
        security = structuredClone(d.security);
        securitySource = source;
        origin.set('/security', source);
      } else if (!deepEqual(security, d.security)) conflict('/security', source, 'top-level security');
    }
    for (const t of Array.isArray(d.tags) ? d.tags : []) {
      if (!isObject(t)) continue;
      const existing = tags.find((x) => x.name === t.name);
      if (!existing) {
        tags.push(structuredClone(t));
        origin.set(`/tags/${String(t.name)}`, source);
      } else if (!deepEqual(existing, t)) {
        // A tag with and without a description is not a conflict: keep the richer one.
        const a = Object.keys(existing).length;
        const b = Object.keys(t).length;
        const subset = (x: JsonObject, y: JsonObject) => Object.entries(x).every(([k, v]) => deepEqual(y[k], v));
        if (subset(existing, t) && b > a) Object.assign(existing, structuredClone(t));
        else if (!subset(t, existing)) conflict(`/tags/${String(t.name)}`, source, `tag ${JSON.stringify(t.name)}`);
      }
    }
    for (const [path, item] of Object.entries(isObject(d.paths) ? d.paths : {})) {
      if (!isObject(item)) continue;
      const pp = `/paths/${escapeToken(path)}`;
      const target = (paths[path] ??= {}) as JsonObject;
      for (const [k, v] of Object.entries(item)) {
        const what = (HTTP_METHODS as readonly string[]).includes(k) ? `operation ${k.toUpperCase()} ${path}` : `${k} of path ${path}`;
        put(target, k, v, `${pp}/${escapeToken(k)}`, source, what);
      }
    }
    for (const [section, entries] of Object.entries(isObject(d.components) ? d.components : {})) {
      if (!isObject(entries)) continue;
      const target = (components[section] ??= {}) as JsonObject;
      for (const [name, v] of Object.entries(entries)) put(target, name, v, `/components/${section}/${escapeToken(name)}`, source, `components.${section}.${name}`);
    }
  }

  // Operation ids must stay unique across the merged paths.
  const ids = new Map<string, string>();
  for (const [path, item] of Object.entries(paths)) {
    for (const m of HTTP_METHODS) {
      const op = (item as JsonObject)[m];
      if (!isObject(op) || typeof op.operationId !== 'string') continue;
      const where = `${m.toUpperCase()} ${path}`;
      const seen = ids.get(op.operationId);
      if (seen) {
        problems.push({
          file: origin.get(`/paths/${escapeToken(path)}/${m}`) ?? '?',
          pointer: `/paths/${escapeToken(path)}/${m}/operationId`,
          message: `operationId ${op.operationId} is used by ${seen} and ${where}`,
          hint: 'operationIds must be unique; rename one with an overlay',
        });
      } else ids.set(op.operationId, where);
    }
  }

  if (problems.length) throw new SpecError(problems);
  if (servers.length) out.servers = servers;
  if (security !== undefined) out.security = security;
  if (tags.length) out.tags = tags;
  out.paths = paths;
  if (Object.keys(components).length) out.components = components;
  return out as unknown as OpenAPIDocument;
}
