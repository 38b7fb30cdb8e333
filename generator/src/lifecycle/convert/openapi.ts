/**
 * `openapi`: a raw OpenAPI 3.0/3.1 document (JSON or YAML), optionally cut
 * down to the operations under a path prefix, with a tag and/or on a list of
 * exact paths. After a cut, webhooks are dropped and components that nothing
 * references any more are pruned transitively (`$ref`s, and security schemes
 * by name), as are unused tags, so that e.g. the Model Lab API can be taken
 * out of the whole Datadog v2 document.
 */
import { convertSwagger2, isSwagger2 } from '../../load/swagger2.js';
import { assertOpenApi, convertError, HTTP_METHODS, isObject, normalize31, parseStructured, type JsonObject, type OpenAPIDocument } from './common.js';

export interface OpenApiFilter {
  /** Keep paths equal to it or below it (segment-wise: `/a/b` keeps `/a/b/c`, not `/a/bc`). */
  pathPrefix?: string;
  /** Keep operations that have this tag. */
  tag?: string;
  /** Keep exactly these paths (each must exist in the document). */
  paths?: readonly string[];
}

/** Whether `filter` cuts anything. */
export function hasFilter(filter: OpenApiFilter | undefined): filter is OpenApiFilter {
  return Boolean(filter && (filter.pathPrefix || filter.tag || filter.paths?.length));
}

export function convertOpenApi(text: string, source: string, filter?: OpenApiFilter): OpenAPIDocument {
  const parsed = parseStructured(text, source);
  // A Swagger 2.0 upstream is vendored as the OpenAPI 3.0 document the loader would read it as (load/swagger2.ts).
  const value = isSwagger2(parsed) ? convertSwagger2(parsed) : parsed;
  assertOpenApi(value, source);
  normalize31(value as unknown as JsonObject);
  return hasFilter(filter) ? filterDocument(value, filter, source) : value;
}

function underPrefix(path: string, prefix: string): boolean {
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return path === p || path.startsWith(`${p}/`) || (prefix.endsWith('/') && path.startsWith(prefix));
}

/** Returns a filtered copy of `doc`; throws when nothing is left. */
export function filterDocument(doc: OpenAPIDocument, filter: OpenApiFilter, source = 'document'): OpenAPIDocument {
  const out = structuredClone(doc) as unknown as JsonObject;
  const paths = isObject(out.paths) ? out.paths : {};
  const kept: JsonObject = {};
  const missing = (filter.paths ?? []).filter((p) => !Object.hasOwn(paths, p));
  if (missing.length) {
    throw convertError(source, `no path ${missing.map((p) => JSON.stringify(p)).join(', ')} in the document`, 'list paths exactly as they appear under `paths` (templated, e.g. /v1/customers/{customer})');
  }
  const only = filter.paths?.length ? new Set(filter.paths) : undefined;
  for (const [path, item] of Object.entries(paths)) {
    if (filter.pathPrefix && !underPrefix(path, filter.pathPrefix)) continue;
    if (only && !only.has(path)) continue;
    if (!isObject(item)) continue;
    if (filter.tag) {
      const copy: JsonObject = { ...item };
      let any = false;
      for (const m of HTTP_METHODS) {
        const op = copy[m];
        if (!isObject(op)) continue;
        if (Array.isArray(op.tags) && op.tags.includes(filter.tag)) any = true;
        else delete copy[m];
      }
      if (any) kept[path] = copy;
    } else kept[path] = item;
  }
  if (Object.keys(kept).length === 0) {
    const what = [filter.pathPrefix && `path prefix ${filter.pathPrefix}`, filter.tag && `tag ${JSON.stringify(filter.tag)}`, filter.paths?.length && `paths ${filter.paths.join(', ')}`].filter(Boolean).join(' and ');
    throw convertError(source, `no operation matches ${what}`, `the document has ${Object.keys(paths).length} paths; check the filter in provider.yaml`);
  }
  out.paths = kept;
  // Webhooks are not operations of the cut (`x-webhooks`: their 3.0 spelling, GitHub's).
  delete out.webhooks;
  delete out['x-webhooks'];
  pruneComponents(out);
  // Tags used by the remaining operations only.
  if (Array.isArray(out.tags)) {
    const used = new Set<string>();
    for (const item of Object.values(kept)) {
      if (!isObject(item)) continue;
      for (const m of HTTP_METHODS) {
        const op = item[m];
        if (isObject(op) && Array.isArray(op.tags)) for (const t of op.tags) used.add(String(t));
      }
    }
    out.tags = out.tags.filter((t) => isObject(t) && used.has(String(t.name)));
    if ((out.tags as unknown[]).length === 0) delete out.tags;
  }
  return out as unknown as OpenAPIDocument;
}

function collectRefs(node: unknown, refs: Set<string>): void {
  if (Array.isArray(node)) for (const x of node) collectRefs(x, refs);
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') refs.add(v);
      else collectRefs(v, refs);
    }
  }
}

function collectSecurity(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) for (const req of node) if (isObject(req)) for (const k of Object.keys(req)) names.add(k);
}

function decodePointerToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Removes `components.*` entries that are not reachable from the paths,
 * webhooks and security requirements (following `$ref`s transitively), and
 * component sections that end up empty. In place.
 */
export function pruneComponents(doc: JsonObject): void {
  const components = isObject(doc.components) ? doc.components : undefined;
  if (!components) return;
  const reachable = new Set<string>(); // "section/name"
  const schemesUsed = new Set<string>();
  collectSecurity(doc.security, schemesUsed);

  const queue: unknown[] = [doc.paths, doc.webhooks];
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    for (const m of HTTP_METHODS) if (isObject(item[m])) collectSecurity((item[m] as JsonObject).security, schemesUsed);
  }
  while (queue.length) {
    const node = queue.shift();
    const refs = new Set<string>();
    collectRefs(node, refs);
    for (const ref of refs) {
      const m = /^#\/components\/([^/]+)\/([^/]+)(?:\/.*)?$/.exec(ref);
      if (!m) continue;
      const key = `${m[1]}/${decodePointerToken(m[2]!)}`;
      if (reachable.has(key)) continue;
      reachable.add(key);
      const section = components[m[1]!];
      if (isObject(section)) queue.push(section[decodePointerToken(m[2]!)]);
    }
  }
  for (const [sectionName, section] of Object.entries(components)) {
    if (!isObject(section)) continue;
    for (const name of Object.keys(section)) {
      const keep = sectionName === 'securitySchemes' ? schemesUsed.has(name) || reachable.has(`${sectionName}/${name}`) : reachable.has(`${sectionName}/${name}`);
      if (!keep) delete section[name];
    }
    if (Object.keys(section).length === 0) delete components[sectionName];
  }
  if (Object.keys(components).length === 0) delete doc.components;
}
