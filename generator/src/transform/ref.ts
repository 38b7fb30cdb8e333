/** Local `$ref` resolution inside one (bundled) document. */
import type { OpenAPIDocument, ReferenceObject } from '../model/openapi.js';
import { pointerTokens } from '../load/spec-error.js';

export function isRef(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && typeof (value as ReferenceObject).$ref === 'string';
}

/** Follow `$ref`s (local ones) until a non-reference object; cycles stop at the first repeat. */
export function deref<T>(doc: OpenAPIDocument, value: T | ReferenceObject): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isRef(current)) {
    const ref = current.$ref;
    if (!ref.startsWith('#') || seen.has(ref)) return current as T;
    seen.add(ref);
    let node: unknown = doc;
    for (const token of pointerTokens(ref.slice(1))) {
      // Own properties only: `#/components/schemas/constructor` must not reach Object.prototype.
      node = typeof node === 'object' && node !== null && Object.prototype.hasOwnProperty.call(node, token) ? (node as Record<string, unknown>)[token] : undefined;
    }
    if (node === undefined) return current as T;
    current = node;
  }
  return current as T;
}
