/**
 * Error classes. Every error the runtime throws is a `ClientgenError`:
 * HTTP errors are `ApiError` (with a subclass per common status), network
 * failures `ConnectionError` (timeouts: `TimeoutError`), caller aborts
 * `AbortedError`, bad 2xx bodies `ResponseParseError`, bad arguments
 * `ClientValidationError`, missing credentials `MissingCredentialsError`.
 *
 * Messages, URLs, headers and bodies are redacted before they reach these
 * classes: no error ever carries a credential.
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
  statusText?: string;
  /** Response headers, auth-ish values redacted. */
  headers: Record<string, string>;
  requestId?: string | undefined;
  /** Parsed JSON when the body is JSON, else its text; `undefined` when empty. */
  body: TBody;
}

/** A non-2xx response. `ApiError.from` picks the subclass for the status. */
export class ApiError<TBody = unknown> extends ClientgenError {
  readonly status: number;
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly requestId: string | undefined;
  readonly body: TBody;

  constructor(init: ApiErrorInit<TBody>) {
    super(apiErrorMessage(init));
    this.status = init.status;
    this.operationId = init.operationId;
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
    this.requestId = init.requestId;
    this.body = init.body;
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
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;

  constructor(info: RequestTarget, message?: string, options?: { cause?: unknown }) {
    super(message ?? `Connection error ${describe(info)}${causeText(options?.cause)}`, options);
    this.operationId = info.operationId;
    this.method = info.method;
    this.url = info.url;
  }
}

/** An attempt took longer than `timeoutMs`. A `ConnectionError`, so one `catch` handles both. */
export class TimeoutError extends ConnectionError {
  readonly timeoutMs: number;

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
  readonly status: number;
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;
  /** Content type of the response. */
  readonly contentType: string | undefined;
  /** Start of the body (at most 1000 characters). */
  readonly body: string;

  constructor(init: RequestTarget & { status: number; requestId?: string | undefined; contentType?: string | undefined; body: string; reason: string }) {
    super(`${init.reason} in the ${init.status} response ${describe(init)}${init.requestId ? `, request id ${init.requestId}` : ''}`);
    this.status = init.status;
    this.operationId = init.operationId;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.requestId;
    this.contentType = init.contentType;
    this.body = init.body.slice(0, 1000);
  }
}

/** A call argument is wrong: unknown parameter, missing path parameter, unsafe value, bad option. Thrown before anything is sent. */
export class ClientValidationError extends ClientgenError {}

/** The API needs credentials and none of its accepted sets is available. */
export class MissingCredentialsError extends ClientgenError {}

for (const [Class, name] of [
  [ClientgenError, 'ClientgenError'],
  [ApiError, 'ApiError'],
  [BadRequestError, 'BadRequestError'],
  [AuthenticationError, 'AuthenticationError'],
  [PermissionDeniedError, 'PermissionDeniedError'],
  [NotFoundError, 'NotFoundError'],
  [ConflictError, 'ConflictError'],
  [UnprocessableEntityError, 'UnprocessableEntityError'],
  [RateLimitError, 'RateLimitError'],
  [InternalServerError, 'InternalServerError'],
  [ConnectionError, 'ConnectionError'],
  [TimeoutError, 'TimeoutError'],
  [AbortedError, 'AbortError'],
  [ResponseParseError, 'ResponseParseError'],
  [ClientValidationError, 'ClientValidationError'],
  [MissingCredentialsError, 'MissingCredentialsError'],
] as const) {
  // On the prototype (not an own field) so `name` stays out of JSON and inspect output and survives minification.
  Object.defineProperty(Class.prototype, 'name', { value: name, writable: true, configurable: true });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** `422 Unprocessable Entity from listMonitorRuns (GET https://…), request id abc: <detail>` */
function apiErrorMessage(init: ApiErrorInit<unknown>): string {
  const text = STATUS_TEXT[init.status] ?? init.statusText ?? '';
  const detail = errorDetail(init.body);
  return oneLine(
    `${init.status}${text ? ` ${text}` : ''} ${describe(init)}` +
      `${init.requestId ? `, request id ${init.requestId}` : ''}${detail ? `: ${detail}` : ''}`,
  );
}

/** `from op (GET url)` or `(GET url)` for raw requests. */
function describe(info: RequestTarget): string {
  return `${info.operationId ? `from ${info.operationId} ` : ''}(${info.method} ${info.url})`;
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
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? truncate(v) : undefined);
  const field = (v: unknown, key: string) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined);
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : undefined);
  const e0 = first(b.errors);
  const title = str(b.title);
  const detail = str(b.detail);
  return (
    str(e0) ??
    str(field(e0, 'detail')) ??
    str(field(e0, 'title')) ??
    str(field(e0, 'message')) ??
    (detail && title ? `${title}: ${detail}` : detail) ??
    str(field(first(b.detail), 'msg')) ??
    title ??
    str(b.message) ??
    str(b.error_description) ??
    str(b.error) ??
    str(field(b.error, 'message'))
  );
}

function truncate(s: string): string {
  const line = oneLine(s);
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
