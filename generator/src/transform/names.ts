/**
 * Identifiers from spec names: method names from operationIds, type names,
 * property keys. Deterministic; collisions get numbered suffixes.
 */
import type { HttpMethod } from '../model/openapi.js';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await async constructor prototype __proto__ toString valueOf ' +
    'hasOwnProperty raw core paginate'
  ).split(' '),
);

/** Words of a name: splits on non-alphanumerics and on case changes (`ListModelLabRuns`, `list-model-runs`). */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

export function camelCase(name: string): string {
  const parts = words(name);
  const out = parts
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

export function pascalCase(name: string): string {
  const c = camelCase(name).replace(/^_/, '');
  return c ? c[0]!.toUpperCase() + c.slice(1) : c;
}

/**
 * FastAPI derives ids as `{function}{path with non-word chars → _}_{method}`
 * (`list_monitor_runs_api_v1_monitors__id__runs_get`); strip that suffix.
 */
export function cleanOperationId(operationId: string, method: HttpMethod, path: string): string {
  const suffix = `${path.replace(/\W/g, '_')}_${method}`;
  if (operationId.length > suffix.length && operationId.endsWith(suffix)) return operationId.slice(0, -suffix.length);
  return operationId;
}

/** `GET /users/{id}/posts` → `get_users_by_id_posts`. */
export function deriveOperationId(method: HttpMethod, path: string): string {
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith('{') ? `by_${s.slice(1, -1)}` : s));
  return [method, ...segments].join('_') || method;
}

/** A method name that is a valid, non-reserved identifier. */
export function methodName(base: string): string {
  let name = camelCase(base) || 'operation';
  if (RESERVED.has(name)) name = `${name}Operation`;
  return name;
}

/** Assign unique names in the given order; later duplicates get `2`, `3`, …. */
export function dedupe(names: string[]): { names: string[]; renamed: { from: string; to: string; index: number }[] } {
  const seen = new Set<string>();
  const renamed: { from: string; to: string; index: number }[] = [];
  const out = names.map((name, index) => {
    let candidate = name;
    for (let n = 2; seen.has(candidate); n++) candidate = `${name}${n}`;
    if (candidate !== name) renamed.push({ from: name, to: candidate, index });
    seen.add(candidate);
    return candidate;
  });
  return { names: out, renamed };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as written in TypeScript source: bare when possible, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) && name !== '__proto__' ? name : JSON.stringify(name);
}

/** Property access: `.name` or `["name"]`. */
export function propertyAccess(name: string): string {
  return IDENTIFIER.test(name) && name !== '__proto__' ? `.${name}` : `[${JSON.stringify(name)}]`;
}
