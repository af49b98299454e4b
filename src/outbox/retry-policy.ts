import { SamverkaError } from "../shared/errors.ts";

/** How many times a row is tried before it is failed and samordning told: about 15 minutes of retries in all. */
export const MAX_DELIVERY_ATTEMPTS = 10;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * When to try a row again after its `attempts`-th failure: exponential backoff with full jitter, never sooner than
 * the platform's Retry-After. `random` is injectable for tests.
 */
export function nextAttemptAt(now: Date, attempts: number, error: unknown, random: () => number = Math.random): Date {
  const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  const backoff = ceiling / 2 + random() * (ceiling / 2);
  const retryAfter = error instanceof SamverkaError && error.retryAfterMs !== undefined ? error.retryAfterMs + random() * 250 : 0;
  return new Date(now.getTime() + Math.max(backoff, retryAfter));
}

/** Whether a failure may succeed later; anything unclassified (a database blip) is retried. */
export function isRetryable(error: unknown): boolean {
  return error instanceof SamverkaError ? error.retryable : true;
}
