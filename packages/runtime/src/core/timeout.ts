/**
 * Per-attempt deadlines combined with the caller's `AbortSignal`.
 */

/** A signal that aborts when any of `signals` does (`AbortSignal.any`, with a fallback for older runtimes). */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals as AbortSignal[]);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}

/** One attempt's signal: aborts on the caller's abort or after `timeoutMs`. Call `clear()` once the response arrived. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True when the deadline (not the caller) aborted the attempt. */
  readonly timedOut: boolean;
  clear(): void;
}

/** Starts a deadline of `timeoutMs` (none when not a positive finite number) tied to `caller`. */
export function deadline(timeoutMs: number, caller?: AbortSignal | null): Deadline {
  // Only the timer aborts this controller, so its signal tells whether the deadline passed.
  const controller = new AbortController();
  const timer = timeoutMs > 0 && Number.isFinite(timeoutMs) ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
  return {
    signal: caller ? anySignal([caller, controller.signal]) : controller.signal,
    get timedOut() {
      return controller.signal.aborted;
    },
    clear: () => clearTimeout(timer),
  };
}
