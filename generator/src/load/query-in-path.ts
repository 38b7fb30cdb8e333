/**
 * A query string written into a path key (medium.com:
 * `/search/articles?query={query}` with `query` declared `in: query`): the
 * part after `?` is dropped from the template when every `{name}` in it is a
 * query parameter of each of the path's operations, so the client sends them
 * as the query parameters they are declared as. A name declared nowhere stays
 * a path template parameter, and the loader's check refuses it.
 */
import { pointerOf } from './spec-error.js';
import { resolveLocal } from './typeable.js';
import { HTTP_METHODS, type OpenAPIDocument } from '../model/openapi.js';

type Json = Record<string, unknown>;

export interface Moved {
  /** Pointer of the path item as written (its old key). */
  pointer: string;
  message: string;
}

/** Renames such path keys in place; one warning each. */
export function dropQueryStringsFromPaths(doc: OpenAPIDocument): Moved[] {
  const paths = doc.paths as Json | undefined;
  if (!paths || typeof paths !== 'object') return [];
  const out: Moved[] = [];
  for (const key of Object.keys(paths)) {
    const at = key.indexOf('?');
    if (at < 0) continue;
    const path = key.slice(0, at);
    const names = [...key.slice(at).matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
    const item = resolveLocal(doc, paths[key]) as Json | undefined;
    if (!item || typeof item !== 'object' || Object.prototype.hasOwnProperty.call(paths, path)) continue;
    const queryNames = (list: unknown) =>
      (Array.isArray(list) ? list : []).map((p) => resolveLocal(doc, p) as { name?: unknown; in?: unknown } | undefined).filter((p) => p?.in === 'query').map((p) => p!.name);
    const operations = HTTP_METHODS.map((m) => item[m] as Json | undefined).filter((op): op is Json => !!op && typeof op === 'object');
    const declared = operations.every((op) => {
      const query = new Set([...queryNames(item.parameters), ...queryNames(op.parameters)]);
      return names.every((n) => query.has(n));
    });
    if (!declared || operations.length === 0) continue;
    // Keep the order of the paths: rebuild the object with the new key in place.
    const entries = Object.entries(paths).map(([k, v]) => [k === key ? path : k, v] as const);
    for (const k of Object.keys(paths)) delete paths[k];
    for (const [k, v] of entries) paths[k] = v;
    out.push({ pointer: pointerOf('paths', key), message: `the query string is dropped from the path template \`${key}\`: its parameters are sent as the query parameters they are declared as` });
  }
  return out;
}
