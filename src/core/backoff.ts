import { DEFAULT_RETRY } from './retry.js';

/** Capped exponential backoff with full jitter. */
export interface BackoffOptions {
  /** Upper bound of the first delay; the first retry comes within it. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
}

/**
 * The delay before retry number `attempt` (0 for the first): a uniform draw in `[0, min(maxMs, baseMs * 2^attempt))`.
 * Full jitter spreads a crowd of clients that lost the same server, so they do not come back in lockstep. The bounds
 * default to the {@link DEFAULT_RETRY} policy's.
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = DEFAULT_RETRY): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
