/**
 * Identifiers from spec names: method names from operationIds, type names,
 * property keys. Deterministic; collisions get numbered suffixes.
 *
 * Naming rules (documented for users of generated packages):
 * - A method name is the camelCase of the operationId, with FastAPI's
 *   `_{path}_{method}` suffix removed; without an operationId it is derived
 *   from the method and path (`GET /users/{id}` → `getUsersById`).
 * - Only ASCII letters and digits survive; a leading digit gets a `_`
 *   (`2fa_setup` → `_2faSetup`); reserved words, members of the client
 *   class and the names the standalone functions' module declares next to
 *   them (`api`, `operations`, `createCore`) get an `Operation` suffix
 *   (`delete` → `deleteOperation`).
 * - When two operations end up with the same name (or names that differ only
 *   in the case of the first letter, which would give them the same type
 *   names), the later one in document order (paths in spec order, methods in
 *   the order get, put, post, delete, options, head, patch, trace) gets `2`,
 *   then `3`, …, and a warning names both.
 * - Type names are the method name with its first letter upper-cased plus a
 *   suffix (`Params`, `Response`, `ErrorBody`, `Item`): see `typeBaseName`.
 * - Property keys (parameters, options, descriptor keys) keep the spec's
 *   name and are quoted when they are not identifiers.
 */
import type { HttpMethod } from '../model/openapi.js';

/**
 * Words that cannot be method names: JS/TS reserved words, Object.prototype members, the client class's own members,
 * `then` (would make the client a thenable), and the other top-level names of src/funcs.ts.
 */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await async constructor prototype __proto__ toString valueOf ' +
    'hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString __defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__ ' +
    'then raw core paginate api operations createCore'
  ).split(' '),
);

export function isReservedMethodName(name: string): boolean {
  return RESERVED.has(name);
}

/** Words of a name: splits on non-alphanumerics and on case changes (`ListModelLabRuns`, `list-model-runs`). */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `list-model runs` → `listModelRuns`; a leading digit gets `_` (`2fa` → `_2fa`); may be `''`. */
export function camelCase(name: string): string {
  const parts = words(name);
  const out = parts
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/**
 * `list-model runs` → `ListModelRuns`; a leading digit gets `_` (`3D Secure`
 * → `_3dSecure`). Used as the base of type names, so never `''`: a name with
 * no ASCII letters or digits gives `Api` (`日本` → `ApiClient`, not `Client`,
 * which would clash with the runtime's `ClientOptions`).
 */
export function pascalCase(name: string): string {
  return upperFirst(camelCase(name)) || 'Api';
}

export function upperFirst(name: string): string {
  return name ? name[0]!.toUpperCase() + name.slice(1) : name;
}

/**
 * The base of an operation's type names (`${base}Params`, `${base}Response`,
 * …): the method name with its first letter upper-cased. Every emitter
 * (client.ts, index.ts, README) must derive type names this way.
 */
export function typeBaseName(methodName: string): string {
  return upperFirst(methodName);
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

/** A method name that is a valid, non-reserved identifier (`operation` when nothing usable is left). */
export function methodName(base: string): string {
  let name = camelCase(base) || 'operation';
  if (RESERVED.has(name)) name = `${name}Operation`;
  return name;
}

/**
 * Assign unique names in the given order; later duplicates get `2`, `3`, ….
 * `key` says when two names collide (default: equal strings).
 */
export function dedupe(
  names: string[],
  key: (name: string) => string = (n) => n,
): { names: string[]; renamed: { from: string; to: string; index: number; takenBy: number }[] } {
  const seen = new Map<string, number>();
  const renamed: { from: string; to: string; index: number; takenBy: number }[] = [];
  const out = names.map((name, index) => {
    let candidate = name;
    for (let n = 2; seen.has(key(candidate)); n++) candidate = `${name}${n}`;
    if (candidate !== name) renamed.push({ from: name, to: candidate, index, takenBy: seen.get(key(name))! });
    seen.set(key(candidate), index);
    return candidate;
  });
  return { names: out, renamed };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An ASCII identifier (what the emitters may print bare). */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * A property key in a type (interface member, type literal): bare when
 * possible, quoted otherwise. Object literals need `objectKey` (emit/text.ts),
 * where `"__proto__":` would set the prototype.
 */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) && name !== '__proto__' ? name : JSON.stringify(name);
}

/** Property access: `.name` or `["name"]`. */
export function propertyAccess(name: string): string {
  return IDENTIFIER.test(name) && name !== '__proto__' ? `.${name}` : `[${JSON.stringify(name)}]`;
}
