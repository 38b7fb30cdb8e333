/**
 * The `fetch` that openapi-fetch calls: applies credentials, then sends the
 * request with a per-attempt deadline, retrying retryable failures, and logs
 * each attempt. Used by `Core.request` (per call) and by `core.raw`.
 */
import type { Auth } from './auth.js';
import type { SecurityRequirement } from './descriptor.js';
import { AbortedError, ConnectionError, TimeoutError, type RequestTarget } from './error.js';
import type { Logger } from './logger.js';
import { redactUrl } from './redact.js';
import { requestIdOf } from './request-id.js';
import { RETRY_STATUSES, isRetryable, retryDelay } from './retry.js';
import { deadline, type Deadline } from './timeout.js';

/** Client-wide pieces of the transport. */
export interface TransportContext {
  fetch: (input: Request) => Promise<Response>;
  auth: Auth;
  logger: Logger | undefined;
  requestIdHeaders: readonly string[];
  sleep: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  random: () => number;
  /** Client defaults of `CallSettings.maxRetries` (at least 0) and `timeoutMs`. */
  maxRetries: number;
  timeoutMs: number;
}

/** Settings of one call; the transport records the (redacted) target in `info`. */
export interface CallSettings {
  operationId?: string | undefined;
  security?: readonly SecurityRequirement[] | undefined;
  maxRetries: number;
  timeoutMs: number;
  idempotent?: boolean | undefined;
  /** Set by the transport: method and redacted URL of the request. */
  info?: RequestTarget;
  /**
   * Keep the deadline running after the headers arrive, so it also covers
   * reading the body; the caller then calls `deadline.clear()` when done.
   */
  holdDeadline?: boolean;
  /** Set by the transport once a response is returned: the deadline of the returned attempt. */
  deadline?: Deadline;
  /**
   * The request of the current attempt, kept reachable while its deadline runs:
   * undici links a `Request`'s signal to its init signal only weakly, so after a
   * garbage collection an unreferenced request would no longer be aborted by the
   * deadline (nodejs/undici#4068) and the timeout would never fire.
   */
  attempt?: Request;
}

/** Sends `input` for one call, implementing auth, retries, timeouts and logging. */
export async function transport(ctx: TransportContext, call: CallSettings, input: Request): Promise<Response> {
  const caller = input.signal;
  const request = await ctx.auth.apply(input, call.security);
  const info: RequestTarget = (call.info = {
    operationId: call.operationId,
    method: request.method,
    url: redactUrl(request.url, ctx.auth.secretQueryNames),
  });
  const retryable = isRetryable(request, call.idempotent);
  const log = (level: keyof Logger, message: string, fields: Record<string, unknown>) =>
    ctx.logger?.[level](`${message} ${info.method} ${info.url}`, { ...info, ...fields });

  for (let attempt = 1; ; attempt++) {
    if (caller.aborted) throw new AbortedError(info, { cause: caller.reason });
    const canRetry = retryable && attempt <= call.maxRetries;
    const limit = deadline(call.timeoutMs, caller);
    const started = Date.now();
    log('debug', 'request', { attempt });
    let response: Response | undefined;
    try {
      call.attempt = new Request(request.clone(), { signal: limit.signal });
      response = await ctx.fetch(call.attempt);
    } catch (cause) {
      limit.clear();
      if (caller.aborted) throw new AbortedError(info, { cause: caller.reason });
      const error = limit.timedOut ? new TimeoutError(info, call.timeoutMs) : new ConnectionError(info, undefined, { cause });
      log(canRetry ? 'warn' : 'error', limit.timedOut ? 'timeout' : 'connection error', {
        attempt,
        durationMs: Date.now() - started,
        error: error.message,
      });
      if (!canRetry) throw error;
    }
    if (response) {
      if (!call.holdDeadline) limit.clear();
      const requestId = requestIdOf(response.headers, ctx.requestIdHeaders);
      log('debug', `response ${response.status}`, { attempt, status: response.status, durationMs: Date.now() - started, requestId });
      if (!canRetry || !RETRY_STATUSES.has(response.status)) {
        call.deadline = limit;
        return response;
      }
      limit.clear();
      await discard(response);
    }
    // A retryable status or connection error, with attempts left.
    const delayMs = Math.round(retryDelay(attempt, response, ctx.random));
    log('info', `retry ${attempt}/${call.maxRetries} in ${delayMs} ms after ${response?.status ?? 'connection error'}:`, {
      attempt,
      status: response?.status,
      delayMs,
    });
    await ctx.sleep(delayMs, caller);
  }
}

/** Drops a response body that will not be read. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}
