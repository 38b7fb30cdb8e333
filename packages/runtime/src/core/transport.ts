/**
 * Sending one call: applies credentials, then sends the request with a
 * per-attempt deadline, retrying retryable failures, and logs each attempt.
 * Each attempt passes the parts of the request to `fetch(url, init)` with
 * that attempt's signal.
 */
import type { Auth } from './auth.js';
import type { SecurityRequirement } from './descriptor.js';
import { AbortedError, ConnectionError, TimeoutError, type RequestTarget } from './error.js';
import type { Logger } from './logger.js';
import type { Fetch } from './options.js';
import { redactUrl } from './redact.js';
import { requestIdOf } from './request-id.js';
import { RETRY_STATUSES, isRetryable, retryDelay } from './retry.js';
import { deadline, type Deadline } from './timeout.js';

/** Client-wide pieces of the transport. */
export interface TransportContext {
  fetch: Fetch;
  auth: Auth;
  logger: Logger | undefined;
  requestIdHeaders: readonly string[];
  sleep: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  random: () => number;
  /** Client defaults of `CallSettings.maxRetries` (at least 0) and `timeoutMs`. */
  maxRetries: number;
  timeoutMs: number;
}

/**
 * What a call sends: method, URL, headers and a body that every attempt can
 * send again (a function gives each attempt its own copy of a stream).
 */
export interface Outgoing extends Omit<RequestInit, 'body'> {
  method: string;
  url: string;
  headers: Headers;
  body?: BodyInit | (() => BodyInit) | undefined;
}

/** Settings of one call; the transport records what it sent. */
export interface CallSettings {
  operationId?: string | undefined;
  security?: readonly SecurityRequirement[] | undefined;
  maxRetries: number;
  timeoutMs: number;
  idempotent?: boolean | undefined;
  /** Set by the transport: method and URL (credentials applied) of the request. */
  method?: string;
  url?: string;
  /** The (redacted) target, computed by `target` on first use. */
  info?: RequestTarget;
  /**
   * Keep the deadline running after the headers arrive, so it also covers
   * reading the body; the caller then calls `deadline.clear()` when done.
   */
  holdDeadline?: boolean;
  /** Set by the transport once a response is returned: the deadline of the returned attempt. */
  deadline?: Deadline;
}

/** Operation, method and redacted URL of a call the transport started (only errors and logs need it). */
export function target(ctx: TransportContext, call: CallSettings): RequestTarget {
  return (call.info ??= { operationId: call.operationId, method: call.method!, url: redactUrl(call.url!, ctx.auth.secretQueryNames) });
}

/**
 * Sends `out` for one call, implementing auth, retries, timeouts and logging.
 * `caller` is the caller's signal, if any: it aborts the call, retries and waits included.
 */
export async function transport(ctx: TransportContext, call: CallSettings, out: Outgoing, caller?: AbortSignal | null): Promise<Response> {
  call.method = out.method;
  const url = (call.url = await ctx.auth.apply(out.headers, out.url, call.security));
  const retryable = isRetryable(out, call.idempotent);

  for (let attempt = 1; ; attempt++) {
    if (caller?.aborted) throw new AbortedError(target(ctx, call), { cause: caller.reason });
    const canRetry = retryable && attempt <= call.maxRetries;
    const limit = deadline(call.timeoutMs, caller);
    const started = Date.now();
    log(ctx, call, 'debug', 'request', { attempt });
    let response: Response | undefined;
    try {
      // `fetch(url, init)` as Stainless clients call it: no `Request` of our own per attempt (fetch builds the one it
      // sends, and keeps it reachable while the call runs: the deadline still aborts it after a garbage collection,
      // which a `Request` of ours that nothing referenced did not, nodejs/undici#4068; test/runtime/timeout.test.ts).
      const { body } = out;
      response = await ctx.fetch(url, { ...out, body: typeof body === 'function' ? body() : body, signal: limit.signal } as RequestInit);
    } catch (cause) {
      limit.clear();
      if (caller?.aborted) throw new AbortedError(target(ctx, call), { cause: caller.reason });
      const error = limit.timedOut ? new TimeoutError(target(ctx, call), call.timeoutMs) : new ConnectionError(target(ctx, call), undefined, { cause });
      log(ctx, call, canRetry ? 'warn' : 'error', limit.timedOut ? 'timeout' : 'connection error', {
        attempt,
        durationMs: Date.now() - started,
        error: error.message,
      });
      if (!canRetry) throw error;
    }
    if (response) {
      if (!call.holdDeadline) limit.clear();
      if (ctx.logger) {
        const requestId = requestIdOf(response.headers, ctx.requestIdHeaders);
        log(ctx, call, 'debug', `response ${response.status}`, { attempt, status: response.status, durationMs: Date.now() - started, requestId });
      }
      if (!canRetry || !RETRY_STATUSES.has(response.status)) {
        call.deadline = limit;
        return response;
      }
      limit.clear();
      await discard(response);
    }
    // A retryable status or connection error, with attempts left.
    const delayMs = Math.round(retryDelay(attempt, response, ctx.random));
    log(ctx, call, 'info', `retry ${attempt}/${call.maxRetries} in ${delayMs} ms after ${response?.status ?? 'connection error'}:`, {
      attempt,
      status: response?.status,
      delayMs,
    });
    await ctx.sleep(delayMs, caller);
  }
}

/** Logs `message` with the call's target, when there is a logger. */
function log(ctx: TransportContext, call: CallSettings, level: keyof Logger, message: string, fields: Record<string, unknown>): void {
  const info = ctx.logger && target(ctx, call);
  if (info) ctx.logger![level](`${message} ${info.method} ${info.url}`, { ...info, ...fields });
}

/** Drops a response body that will not be read. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

