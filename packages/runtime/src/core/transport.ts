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
}

/** A `fetch` for openapi-fetch that implements auth, retries, timeouts and logging for one call. */
export function transport(ctx: TransportContext, call: CallSettings): (input: Request) => Promise<Response> {
  return async (input) => {
    const caller = input.signal;
    const request = await ctx.auth.apply(input, call.security);
    const info: RequestTarget = {
      operationId: call.operationId,
      method: request.method,
      url: redactUrl(request.url, ctx.auth.secretQueryNames),
    };
    call.info = info;
    const retryable = isRetryable(request, call.idempotent);
    const log = (level: keyof Logger, message: string, fields: Record<string, unknown>) =>
      ctx.logger?.[level](`${message} ${info.method} ${info.url}`, { operationId: info.operationId, method: info.method, url: info.url, ...fields });

    for (let attempt = 1; ; attempt++) {
      if (caller.aborted) throw new AbortedError(info, { cause: caller.reason });
      const canRetry = retryable && attempt <= call.maxRetries;
      const limit = deadline(call.timeoutMs, caller);
      const started = Date.now();
      log('debug', 'request', { attempt });
      let response: Response;
      try {
        response = await ctx.fetch(new Request(request.clone(), { signal: limit.signal }));
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
        await wait(ctx, call, attempt, undefined, caller, log);
        continue;
      }
      if (!call.holdDeadline) limit.clear();
      const requestId = requestIdOf(response.headers, ctx.requestIdHeaders);
      log('debug', `response ${response.status}`, { attempt, status: response.status, durationMs: Date.now() - started, requestId });
      if (canRetry && RETRY_STATUSES.has(response.status)) {
        limit.clear();
        await response.body?.cancel().catch(() => {});
        await wait(ctx, call, attempt, response, caller, log);
        continue;
      }
      call.deadline = limit;
      return response;
    }
  };
}

/** Sleeps before retry number `attempt`, logging why. */
async function wait(
  ctx: TransportContext,
  call: CallSettings,
  attempt: number,
  response: Response | undefined,
  caller: AbortSignal,
  log: (level: keyof Logger, message: string, fields: Record<string, unknown>) => void,
): Promise<void> {
  const delayMs = Math.round(retryDelay(attempt, response, ctx.random));
  log('info', `retry ${attempt}/${call.maxRetries} in ${delayMs} ms after ${response ? response.status : 'connection error'}:`, {
    attempt,
    status: response?.status,
    delayMs,
  });
  await ctx.sleep(delayMs, caller);
}
