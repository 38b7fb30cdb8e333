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

/**
 * Serialises query parameters the OpenAPI way: `form`+`explode` by default
 * (`a=1&a=2`, objects as `k=v`), honouring `spaceDelimited`, `pipeDelimited`,
 * `deepObject` and `explode: false` from `styles`. `null`/`undefined` are skipped.
 * Names keep `[` and `]` readable (`filter[status]`, `page[size]`).
 */
export function serializeQuery(query: Record<string, unknown>, styles: OperationDescriptor['queryStyles'] = {}): string {
  const out: string[] = [];
  const encode = (value: unknown) => encodeURIComponent(scalar(value));
  const pair = (name: string, value: string) => out.push(`${encodeURIComponent(name).replace(/%5B/gi, '[').replace(/%5D/gi, ']')}=${value}`);
  /** Objects as `prefix[k]=v` (recursively), anything else as `prefix=v`; null/undefined skipped. */
  const deep = (prefix: string, value: unknown): void => {
    if (isObject(value)) for (const [k, v] of Object.entries(value)) deep(`${prefix}[${k}]`, v);
    else if (value != null) pair(prefix, encode(value));
  };
  for (const [name, value] of Object.entries(query)) {
    const { style = 'form', explode = true } = styles[name] ?? {};
    if (Array.isArray(value)) {
      const items = value.filter((v) => v != null).map(encode);
      if (!items.length) continue;
      if (explode && style !== 'deepObject') items.forEach((v) => pair(name, v));
      else pair(name, items.join(style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ','));
    } else if (isObject(value) && style !== 'deepObject') {
      if (explode) for (const [k, v] of Object.entries(value)) deep(k, v);
      else pair(name, Object.entries(value).flatMap(([k, v]) => [k, scalar(v)].map(encodeURIComponent)).join(','));
    } else deep(name, value);
  }
  return out.join('&');
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
function scalar(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A non-null object other than a `Date`. */
function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/** A serialised body and the `Content-Type` it needs (none for multipart: `fetch` adds the boundary). */
export interface SerializedBody {
  body: BodyInit;
  contentType?: string | undefined;
  /** True for `ReadableStream` bodies, which need `duplex: 'half'`. */
  stream?: boolean;
}

/** Serialises `value` by `op.body.kind`: json, form (URL-encoded), multipart (FormData), binary (as is), text. */
export function serializeBody(descriptor: NonNullable<OperationDescriptor['body']>, value: unknown): SerializedBody {
  const media = descriptor.mediaType.includes('*') ? undefined : descriptor.mediaType;
  const kind = descriptor.kind;
  if (kind === 'json') return { body: JSON.stringify(value), contentType: media ?? 'application/json' };
  if (kind === 'text') return { body: String(value), contentType: media ?? 'text/plain' };
  if (kind === 'binary') {
    return {
      body: value as BodyInit,
      contentType: media ?? (value instanceof Blob && value.type ? value.type : 'application/octet-stream'),
      stream: typeof ReadableStream !== 'undefined' && value instanceof ReadableStream,
    };
  }
  // form and multipart: FormData / URLSearchParams as is, else the entries of an object
  // (arrays repeated, null/undefined skipped, objects as JSON).
  const multipart = kind === 'multipart';
  let form = value;
  if (!(value instanceof (multipart ? FormData : URLSearchParams))) {
    const built = multipart ? new FormData() : new URLSearchParams();
    for (const [key, v] of Object.entries((value ?? {}) as object)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item == null) continue;
        if (multipart && item instanceof Blob) (built as FormData).append(key, item);
        else built.append(key, typeof item === 'object' ? JSON.stringify(item) : scalar(item));
      }
    }
    form = built;
  }
  return multipart ? { body: form as FormData } : { body: String(form), contentType: media ?? 'application/x-www-form-urlencoded' };
}
