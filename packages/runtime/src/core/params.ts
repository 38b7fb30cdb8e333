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

/**
 * Splits `{ id: 7, page: 2, body: {...} }` by `op.params`. Unknown names and
 * missing path parameters throw `ClientValidationError`; `undefined` values are
 * treated as absent.
 */
export function splitParams(op: OperationDescriptor, params: object | undefined): SplitParams {
  const where = new Map<string, 'path' | 'query' | 'header' | 'cookie'>();
  for (const location of ['path', 'query', 'header', 'cookie'] as const) {
    for (const name of op.params?.[location] ?? []) where.set(name, location);
  }
  const out: SplitParams = { path: {}, query: {}, header: {}, cookie: undefined, body: undefined };
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(params ?? {})) {
    const location = where.get(name);
    if (!location && name === 'body' && op.body) {
      out.body = value;
      continue;
    }
    if (!location) {
      const known = [...where.keys(), ...(op.body ? ['body'] : [])];
      throw new ClientValidationError(
        `Unknown parameter "${name}" for ${op.id}; expected ${known.length ? `one of: ${known.join(', ')}` : 'no parameters'}.`,
      );
    }
    if (value === undefined) continue;
    if (location === 'path') {
      pathSegment(name, value, op.id); // validate now for an error naming the operation; encoded by serializePath
      out.path[name] = value;
    }
    else if (location === 'query') out.query[name] = value;
    else if (location === 'header') out.header[name] = headerValue(name, value);
    else cookies.push(`${name}=${encodeURIComponent(scalar(value))}`);
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
  if (value === null || value === undefined) {
    throw new ClientValidationError(`Missing path parameter "${name}"${operationId ? ` for ${operationId}` : ''}.`);
  }
  const text = Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
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

type QueryStyles = OperationDescriptor['queryStyles'];

/** Encodes a query name but keeps `[` and `]` readable (`filter[status]`, `page[size]`). */
const encodeName = (name: string) => encodeURIComponent(name).replace(/%5B/gi, '[').replace(/%5D/gi, ']');

/**
 * Serialises query parameters the OpenAPI way: `form`+`explode` by default
 * (`a=1&a=2`, objects as `k=v`), honouring `spaceDelimited`, `pipeDelimited`,
 * `deepObject` and `explode: false` from `styles`. `null`/`undefined` are skipped.
 */
export function serializeQuery(query: Record<string, unknown>, styles: QueryStyles = {}): string {
  const out: string[] = [];
  const pair = (name: string, value: string) => out.push(`${encodeName(name)}=${value}`);
  const deep = (prefix: string, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'object' && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) deep(`${prefix}[${k}]`, v);
    } else pair(prefix, encodeURIComponent(scalar(value)));
  };
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    const { style = 'form', explode = true } = styles[name] ?? {};
    if (Array.isArray(value)) {
      const items = value.filter((v) => v !== null && v !== undefined).map((v) => encodeURIComponent(scalar(v)));
      if (!items.length) continue;
      if (explode && style !== 'deepObject') items.forEach((v) => pair(name, v));
      else pair(name, items.join(style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ','));
    } else if (typeof value === 'object' && !(value instanceof Date)) {
      if (style === 'deepObject') deep(name, value);
      else if (explode) for (const [k, v] of Object.entries(value)) deep(k, v);
      else pair(name, Object.entries(value).flatMap(([k, v]) => [k, scalar(v)].map(encodeURIComponent)).join(','));
    } else pair(name, encodeURIComponent(scalar(value)));
  }
  return out.join('&');
}

/** Throws when a header value could split the request (CR, LF or NUL). */
export function assertHeaderValue(name: string, value: string): void {
  if (/[\r\n\0]/.test(value)) throw new ClientValidationError(`Header "${name}" must not contain line breaks.`);
}

/** Checks every value of a header record. */
export function assertHeaders(headers: Readonly<Record<string, string>> | undefined): void {
  for (const [name, value] of Object.entries(headers ?? {})) assertHeaderValue(name, String(value));
}

function headerValue(name: string, value: unknown): string {
  const text = Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
  assertHeaderValue(name, text);
  return text;
}

/** Dates as ISO strings, everything else via `String`. */
function scalar(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A serialised body and the `Content-Type` it needs (none for multipart: `fetch` adds the boundary). */
export interface SerializedBody {
  body: BodyInit;
  contentType?: string;
  /** True for `ReadableStream` bodies, which need `duplex: 'half'`. */
  stream?: boolean;
}

/** Serialises `value` by `op.body.kind`: json, form (URL-encoded), multipart (FormData), binary (as is), text. */
export function serializeBody(descriptor: NonNullable<OperationDescriptor['body']>, value: unknown): SerializedBody {
  const media = descriptor.mediaType.includes('*') ? undefined : descriptor.mediaType;
  switch (descriptor.kind) {
    case 'json':
      return { body: JSON.stringify(value), contentType: media ?? 'application/json' };
    case 'text':
      return { body: String(value), contentType: media ?? 'text/plain' };
    case 'form': {
      const form = value instanceof URLSearchParams ? value : new URLSearchParams();
      if (form !== value) entries(value, (k, v) => form.append(k, typeof v === 'object' ? JSON.stringify(v) : scalar(v)));
      return { body: form.toString(), contentType: media ?? 'application/x-www-form-urlencoded' };
    }
    case 'multipart': {
      const form = value instanceof FormData ? value : new FormData();
      if (form !== value) {
        entries(value, (k, v) =>
          v instanceof Blob ? form.append(k, v) : form.append(k, typeof v === 'object' ? JSON.stringify(v) : scalar(v)),
        );
      }
      return { body: form };
    }
    case 'binary': {
      const blobType = value instanceof Blob && value.type ? value.type : undefined;
      return {
        body: value as BodyInit,
        contentType: media ?? blobType ?? 'application/octet-stream',
        stream: typeof ReadableStream !== 'undefined' && value instanceof ReadableStream,
      };
    }
  }
}

/** Calls `add` for each entry of an object, once per array element, skipping null/undefined. */
function entries(value: unknown, add: (key: string, value: unknown) => void): void {
  for (const [key, v] of Object.entries((value ?? {}) as object)) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== null && item !== undefined) add(key, item);
  }
}
