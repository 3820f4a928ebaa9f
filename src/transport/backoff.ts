/** Capped exponential backoff with full jitter. */
export interface BackoffOptions {
  /** Upper bound of the first delay; the first retry comes within it. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
}

/** The default: first retry within 1 s, never more than 30 s apart. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000 };

/**
 * The delay before retry number `attempt` (0 for the first): a uniform draw in `[0, min(maxMs, baseMs * 2^attempt))`.
 * Full jitter spreads a crowd of clients that lost the same server, so they do not come back in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
