/**
 * Error classes. Every error the runtime throws is a `ClientgenError`:
 * HTTP errors are `ApiError` (with a subclass per common status), network
 * failures `ConnectionError` (timeouts: `TimeoutError`), caller aborts
 * `AbortedError`, bad 2xx bodies `ResponseParseError`, bad arguments
 * `ClientValidationError`, missing credentials `MissingCredentialsError`.
 *
 * Messages, URLs, headers and bodies are redacted before they reach these
 * classes: no error ever carries a credential.
 *
 * Fields are `declare`d and copied in the constructor (see `copy`) rather than
 * written out as class fields and assignments: same instances, less code.
 */

/** Base class of every error thrown by the runtime. */
export class ClientgenError extends Error {}

/** Where a request went; shared by HTTP, connection and parse errors. */
export interface RequestTarget {
  /** Operation id, absent for `raw` requests. */
  operationId?: string | undefined;
  method: string;
  /** Request URL with credentials removed. */
  url: string;
}

/** What the runtime knows about a failed HTTP exchange. */
export interface ApiErrorInit<TBody = unknown> extends RequestTarget {
  status: number;
  /** The response's reason phrase, when the server sent one (HTTP/2 has none). */
  statusText?: string;
  /** Response headers, auth-ish values redacted. */
  headers: Record<string, string>;
  requestId?: string | undefined;
  /** Parsed JSON when the body is JSON, else its text; `undefined` when empty. */
  body: TBody;
}

/** Copies the space-separated `fields` of `from` onto `to`, in that order. */
function copy(to: object, from: object, fields: string): void {
  for (const field of fields.split(' ')) (to as Record<string, unknown>)[field] = (from as Record<string, unknown>)[field];
}

/** A non-2xx response. `ApiError.from` picks the subclass for the status. */
export class ApiError<TBody = unknown> extends ClientgenError {
  declare readonly status: number;
  declare readonly operationId: string | undefined;
  declare readonly method: string;
  declare readonly url: string;
  declare readonly headers: Record<string, string>;
  declare readonly requestId: string | undefined;
  declare readonly body: TBody;

  constructor(init: ApiErrorInit<TBody>) {
    const detail = errorDetail(init.body);
    // oneLine also drops the double space left by an empty status text.
    super(oneLine(`${init.status} ${init.statusText ?? ''} ${describe(init)}${requestIdText(init)}${detail ? `: ${detail}` : ''}`));
    copy(this, init, 'status operationId method url headers requestId body');
  }

  /** The `ApiError` subclass for `init.status`. */
  static from<TBody>(init: ApiErrorInit<TBody>): ApiError<TBody> {
    const status = init.status;
    const Class = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : ApiError);
    return new Class(init) as ApiError<TBody>;
  }
}

export class BadRequestError<TBody = unknown> extends ApiError<TBody> {}
export class AuthenticationError<TBody = unknown> extends ApiError<TBody> {}
export class PermissionDeniedError<TBody = unknown> extends ApiError<TBody> {}
export class NotFoundError<TBody = unknown> extends ApiError<TBody> {}
export class ConflictError<TBody = unknown> extends ApiError<TBody> {}
export class UnprocessableEntityError<TBody = unknown> extends ApiError<TBody> {}
export class RateLimitError<TBody = unknown> extends ApiError<TBody> {}
/** Any status >= 500. */
export class InternalServerError<TBody = unknown> extends ApiError<TBody> {}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The request never got a response (DNS, refused, reset, TLS …). `cause` holds the underlying error. */
export class ConnectionError extends ClientgenError {
  declare readonly operationId: string | undefined;
  declare readonly method: string;
  declare readonly url: string;

  constructor(info: RequestTarget, message?: string, options?: { cause?: unknown }) {
    super(message ?? `Connection error ${describe(info)}${causeText(options?.cause)}`, options);
    copy(this, info, 'operationId method url');
  }
}

/** An attempt took longer than `timeoutMs`. A `ConnectionError`, so one `catch` handles both. */
export class TimeoutError extends ConnectionError {
  declare readonly timeoutMs: number;

  constructor(info: RequestTarget, timeoutMs: number) {
    super(info, `Timed out after ${timeoutMs} ms ${describe(info)}`);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the request through its `signal`. Its `name` is `AbortError`, like `fetch`'s. */
export class AbortedError extends ClientgenError {
  constructor(info: RequestTarget, options?: { cause?: unknown }) {
    super(`Request aborted ${describe(info)}`, options);
  }
}

/** A 2xx response whose body could not be read as the operation promises (e.g. malformed JSON, HTML instead of JSON). */
export class ResponseParseError extends ClientgenError {
  declare readonly status: number;
  declare readonly operationId: string | undefined;
  declare readonly method: string;
  declare readonly url: string;
  declare readonly requestId: string | undefined;
  /** Content type of the response. */
  declare readonly contentType: string | undefined;
  /** Start of the body (at most 1000 characters). */
  declare readonly body: string;

  constructor(init: RequestTarget & { status: number; requestId?: string | undefined; contentType?: string | undefined; body: string; reason: string }) {
    super(`${init.reason} in the ${init.status} response ${describe(init)}${requestIdText(init)}`);
    copy(this, { ...init, body: init.body.slice(0, 1000) }, 'status operationId method url requestId contentType body');
  }
}

/** A call argument is wrong: unknown parameter, missing path parameter, unsafe value, bad option. Thrown before anything is sent. */
export class ClientValidationError extends ClientgenError {}

/** The API needs credentials and none of its accepted sets is available. */
export class MissingCredentialsError extends ClientgenError {}

// On the prototype (not an own field) so `name` stays out of JSON and inspect output and survives minification.
const NAMES =
  'ClientgenError ApiError BadRequestError AuthenticationError PermissionDeniedError NotFoundError ConflictError UnprocessableEntityError RateLimitError InternalServerError ConnectionError TimeoutError AbortError ResponseParseError ClientValidationError MissingCredentialsError'.split(' ');
[
  ClientgenError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ConnectionError,
  TimeoutError,
  AbortedError,
  ResponseParseError,
  ClientValidationError,
  MissingCredentialsError,
].forEach((Class, i) => Object.defineProperty(Class.prototype, 'name', { value: NAMES[i], writable: true, configurable: true }));


/** `from op (GET url)` or `(GET url)` for raw requests. */
function describe(info: RequestTarget): string {
  return `${info.operationId ? `from ${info.operationId} ` : ''}(${info.method} ${info.url})`;
}

/** `, request id abc` when there is one. */
function requestIdText(init: { requestId?: string | undefined }): string {
  return init.requestId ? `, request id ${init.requestId}` : '';
}

function causeText(cause: unknown): string {
  const inner = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : undefined;
  return inner ? `: ${inner}` : '';
}

/**
 * The most useful line of a common error body: JSON:API `errors[0].detail/title`,
 * `errors: ["…"]`, FastAPI `detail` / `detail[0].msg`, problem+json `title: detail`,
 * `message`, `error` / `error.message`, or a short non-HTML text body.
 */
export function errorDetail(body: unknown): string | undefined {
  if (typeof body === 'string') return /^\s*</.test(body) ? undefined : truncate(body);
  /** The non-blank string at a dot path; `0` is the first element of an array. */
  const str = (path: string) => {
    const value = path
      .split('.')
      .reduce<unknown>(
        (v, key) => (key === '0' ? (Array.isArray(v) ? v[0] : undefined) : v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
        body,
      );
    return typeof value === 'string' && value.trim() ? truncate(value) : undefined;
  };
  const title = str('title');
  const detail = str('detail');
  return (
    str('errors.0') ??
    str('errors.0.detail') ??
    str('errors.0.title') ??
    str('errors.0.message') ??
    (detail && title ? `${title}: ${detail}` : detail) ??
    str('detail.0.msg') ??
    title ??
    str('message') ??
    str('error_description') ??
    str('error') ??
    str('error.message')
  );
}

function truncate(s: string): string {
  const line = oneLine(s);
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
