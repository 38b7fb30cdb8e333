import type { Logger } from './logger.js';

/** A credential: the value, or a function called before each request (rotating tokens). */
export type Credential = string | (() => string | Promise<string>);

/**
 * Hooks for tests (deterministic retry delays). Not part of the public API.
 * @internal
 */
export const INTERNAL: unique symbol = Symbol('clientgen.internal');

/** @internal */
export interface InternalOptions {
  /** Replaces the retry sleep; receives the delay and the caller's signal. */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  /** Replaces `Math.random` in the backoff jitter. */
  random?: () => number;
}

/** The standard `fetch` signature, which `ClientOptions.fetch` must have. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Options every generated client accepts. The generated `<Name>ClientOptions`
 * extends this with one option per credential (`apiKey`, …) and per server
 * variable (`site`, …); `Core` reads those by the names in the `ApiDescriptor`.
 */
export interface ClientOptions {
  /** Overrides the URL built from `servers[0]` and its variables. */
  baseUrl?: string;
  /**
   * `fetch` implementation (default `globalThis.fetch`), called as `fetch(url, init)` (or `fetch(request, init)`
   * for `client.raw`) with each attempt's `init.signal`, which aborts on the timeout or the caller's signal.
   */
  fetch?: Fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Retries after a retryable status or connection error (default 2; 0 disables). */
  maxRetries?: number;
  /** Per-attempt timeout in ms (default 60000). */
  timeoutMs?: number;
  /** Receives request/response/retry logs (credentials redacted). */
  logger?: Logger;
  /** Appended to the default `User-Agent`. */
  userAgent?: string;
  /** Environment for credential and server-variable fallbacks (default `process.env` where it exists). */
  env?: Record<string, string | undefined>;
  /** @internal */
  [INTERNAL]?: InternalOptions;
}

/** Per-call options, overriding the client's. */
export interface RequestOptions {
  /** Aborts the call (including retries and their waits). */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /**
   * Whether the call may be retried. Default: true for GET, HEAD, PUT, DELETE,
   * OPTIONS and requests with an `Idempotency-Key` header.
   */
  idempotent?: boolean;
}

/** Options of `client.paginate.*`: request options for every page plus limits. */
export interface PaginateOptions extends RequestOptions {
  /** Stop after this many items. */
  maxItems?: number;
  /** Fetch at most this many pages. */
  maxPages?: number;
}

/** Defaults of `ClientOptions`. */
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 60_000;
