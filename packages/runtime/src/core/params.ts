/**
 * Turning the flat call parameters into an HTTP request: which name goes
 * where (path, query, header, cookie, body), and how each is serialised.
 * Everything here validates before anything is sent.
 */
import type { OperationDescriptor } from './descriptor.js';
import { ClientValidationError } from './error.js';

/** The flat parameters of one call, split by location. */
export interface SplitParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, string>;
  /** `Cookie` header value built from cookie parameters. */
  cookie: string | undefined;
  /** The `body` entry, when given. */
  body: unknown;
}

type Location = 'path' | 'query' | 'header' | 'cookie';

/**
 * Splits `{ id: 7, page: 2, body: {...} }` by `op.params`. Unknown names and
 * missing path parameters throw `ClientValidationError`; `undefined` values are
 * treated as absent. A name listed in several locations goes to the last one.
 */
export function splitParams(op: OperationDescriptor, params: object | undefined): SplitParams {
  const locations = ['path', 'query', 'header', 'cookie'] as const;
  const out: SplitParams = { path: {}, query: {}, header: {}, cookie: undefined, body: undefined };
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(params ?? {})) {
    let location: Location | undefined;
    for (const l of locations) if (op.params?.[l]?.includes(name)) location = l;
    if (!location && name === 'body' && op.body) {
      out.body = value;
      continue;
    }
    if (!location) {
      const known = [...new Set(locations.flatMap((l) => op.params?.[l] ?? [])), ...(op.body ? ['body'] : [])];
      throw new ClientValidationError(
        `Unknown parameter "${name}" for ${op.id}; expected ${known.length ? `one of: ${known.join(', ')}` : 'no parameters'}.`,
      );
    }
    if (value === undefined) continue;
    // Path values are checked now for an error naming the operation; serializePath encodes them.
    if (location === 'path') pathSegment(name, value, op.id);
    if (location === 'header') out.header[name] = headerValue(name, value);
    else if (location === 'cookie') cookies.push(`${name}=${encodeURIComponent(scalar(value))}`);
    else out[location][name] = value;
  }
  for (const name of op.params?.path ?? []) {
    if (!(name in out.path)) throw new ClientValidationError(`Missing path parameter "${name}" for ${op.id}.`);
  }
  if (op.body?.required && out.body === undefined) throw new ClientValidationError(`Missing request body for ${op.id}.`);
  if (cookies.length) out.cookie = headerValue('Cookie', cookies.join('; '));
  return out;
}

/**
 * One path parameter, percent-encoded so it can never change the path: `/`,
 * `?`, `#` and `%` are encoded, and `.`, `..` and empty values (dot segments
 * or empty segments after URL normalisation) are rejected.
 */
export function pathSegment(name: string, value: unknown, operationId?: string): string {
  if (value == null) throw new ClientValidationError(`Missing path parameter "${name}"${operationId ? ` for ${operationId}` : ''}.`);
  const text = joined(value);
  if (text === '' || text === '.' || text === '..') {
    throw new ClientValidationError(
      `Path parameter "${name}"${operationId ? ` of ${operationId}` : ''} must not be ${text ? `"${text}"` : 'empty'}.`,
    );
  }
  return encodeURIComponent(text);
}

/** `pathSerializer` for openapi-fetch: fills `{name}` with `pathSegment`s; values are encoded once. */
export function serializePath(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => pathSegment(name, values[name]));
}

/** Encodes query parameters; `BaseCore` uses `formQuery` unless the operation has an `encodeQuery`. */
export type QueryEncoder = (query: Record<string, unknown>) => string;

/** How a query parameter is serialised, when not `form`+`explode` (the OpenAPI default). */
export interface QueryStyle {
  style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
}

/**
 * Serialises query parameters the OpenAPI default way, `form`+`explode`:
 * arrays repeated (`a=1&a=2`), objects as their entries (`k=v`, nested ones as
 * `k[n]=v`). `null`/`undefined` are skipped. Names keep `[` and `]` readable
 * (`filter[status]`, `page[size]`).
 */
export function formQuery(query: Record<string, unknown>): string {
  return encodeQuery(query);
}

/**
 * A query encoder for an operation whose parameters have other styles:
 * `spaceDelimited`, `pipeDelimited`, `deepObject` or `explode: false`
 * (parameters not in `styles` stay `form`+`explode`). Generated descriptors
 * call it as `encodeQuery: /* @__PURE__ *\/ styledQuery({...})`, so bundles
 * without such operations leave it out.
 */
export function styledQuery(styles: Readonly<Record<string, QueryStyle>>): QueryEncoder {
  return (query) => encodeQuery(query, (name, value, pair) => encodeStyled(name, value, (Object.hasOwn(styles, name) && styles[name]) || {}, pair));
}

/**
 * Writes one value in a non-default `style` as `pair`s, for query parameters
 * and form fields alike; false when `form`+`explode` applies (the caller's
 * default). `deepObject` uses the bracket convention of Stripe, Rails and
 * `qs` at every level: `a[b][c]=v`, `a[0]=v`, `a[0][k]=v`.
 */
export function encodeStyled(name: string, value: unknown, { style = 'form', explode = true }: QueryStyle, pair: Pair): boolean {
  if (style === 'deepObject' && isObject(value)) {
    encodeDeep(name, value, pair);
    return true;
  }
  if (Array.isArray(value)) {
    if (explode) return false;
    const items = value.filter((v) => v != null).map(encodeValue);
    if (items.length) pair(name, items.join(style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ','));
    return true;
  }
  if (isObject(value) && !explode) {
    pair(name, Object.entries(value).flatMap(([k, v]) => [k, scalar(v)].map(encodeURIComponent)).join(','));
    return true;
  }
  return false;
}

/** Receives one `name=value` pair; `value` is already percent-encoded. */
export type Pair = (name: string, value: string) => void;

/** `form`+`explode` encoding of `query`, asking `special` first for each parameter (true: it wrote the parameter). */
export function encodeQuery(query: Record<string, unknown>, special?: (name: string, value: unknown, pair: Pair) => boolean): string {
  const out: string[] = [];
  const pair: Pair = (name, value) => out.push(`${encodeURIComponent(name).replace(/%5B/gi, '[').replace(/%5D/gi, ']')}=${value}`);
  for (const [name, value] of Object.entries(query)) {
    if (special?.(name, value, pair)) continue;
    if (Array.isArray(value)) for (const v of value) v != null && pair(name, encodeValue(v));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) encodeDeep(k, v, pair);
    else encodeDeep(name, value, pair);
  }
  return out.join('&');
}

/** Objects as `prefix[k]=v` and arrays as `prefix[i]=v` (recursively), anything else as `prefix=v`; null/undefined skipped. */
export function encodeDeep(prefix: string, value: unknown, pair: Pair): void {
  if (isObject(value)) for (const [k, v] of Object.entries(value)) encodeDeep(`${prefix}[${k}]`, v, pair);
  else if (value != null) pair(prefix, encodeValue(value));
}

function encodeValue(value: unknown): string {
  return encodeURIComponent(scalar(value));
}

/** Throws when a header value could split the request (CR, LF or NUL). */
export function assertHeaderValue(name: string, value: string): void {
  // No CR/LF/NUL (header injection), and ISO-8859-1 only (fetch's Headers would throw a bare TypeError).
  if (/[^\x01-\x09\x0b\x0c\x0e-\xff]/.test(value)) throw new ClientValidationError(`Header "${name}" must be one line of ISO-8859-1 text.`);
}

/** Checks every value of a header record. */
export function assertHeaders(headers: Readonly<Record<string, string>> | undefined): void {
  for (const [name, value] of Object.entries(headers ?? {})) assertHeaderValue(name, String(value));
}

function headerValue(name: string, value: unknown): string {
  const text = joined(value);
  assertHeaderValue(name, text);
  return text;
}

/** Arrays as comma-separated `scalar`s, anything else as one `scalar`. */
function joined(value: unknown): string {
  return Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
}

/** Dates as ISO strings, everything else via `String`. */
export function scalar(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A non-null object other than a `Date`. */
function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}
