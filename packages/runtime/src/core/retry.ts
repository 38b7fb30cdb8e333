/**
 * When and how long to wait before retrying: exponential backoff with full
 * jitter, overridden by `Retry-After` / `retry-after-ms` / `X-RateLimit-Reset`.
 */

/** Statuses worth another attempt. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

/** First backoff step and the largest computed backoff. */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 8_000;
/** Largest wait a server may ask for through headers. */
export const MAX_SERVER_DELAY_MS = 60_000;

/**
 * Whether a request may be sent again: idempotent methods, or any method
 * carrying an `Idempotency-Key` header; `override` (per call) wins.
 */
export function isRetryable(request: { method: string; headers: Headers }, override?: boolean): boolean {
  return override ?? (IDEMPOTENT_METHODS.has(request.method) || request.headers.has('idempotency-key'));
}

/**
 * Milliseconds to wait before retry number `retry` (1-based).
 * A server hint wins (capped at 60 s); otherwise `random() * min(8 s, 0.5 s * 2^(retry-1))`.
 */
export function retryDelay(retry: number, response: Response | undefined, random: () => number = Math.random): number {
  const hinted = response && serverDelay(response);
  if (hinted !== undefined) return Math.min(Math.max(hinted, 0), MAX_SERVER_DELAY_MS);
  return random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
}

/** Delay asked for by `retry-after-ms`, `Retry-After` (seconds or HTTP-date) or, on 429, `X-RateLimit-Reset`. */
function serverDelay(response: Response): number | undefined {
  // parseFloat(null) is NaN, like a missing header should be.
  const header = (name: string) => parseFloat(response.headers.get(name) as string);
  const ms = header('retry-after-ms');
  if (Number.isFinite(ms)) return ms;
  const after = response.headers.get('retry-after')?.trim();
  if (after) {
    if (/^\d+(\.\d+)?$/.test(after)) return Number(after) * 1000;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return date - Date.now();
  }
  const reset = header('x-ratelimit-reset');
  if (response.status === 429 && Number.isFinite(reset)) {
    // Datadog sends seconds until reset; some APIs send an epoch timestamp.
    return reset > 1e9 ? reset * 1000 - Date.now() : reset * 1000;
  }
  return undefined;
}

/** Resolves after `ms`, or as soon as `signal` aborts (the caller then checks `signal.aborted`). */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
