import type { BackoffOptions } from './backoff.js';

/**
 * When the chat tries again, and when it gives up: one policy for every transport (reconnecting its link, calling
 * REST, looking for a chat while its link is away, sending attachments), so the numbers are read in one place and a
 * test or an integrator changes them in one place. `baseMs` and `maxMs` bound every backoff: the socket's reconnects
 * and the session's resends of a failed message.
 */
export interface RetryPolicy extends BackoffOptions {
  /** Consecutive failed attempts to open a link before it fails for good. */
  reconnectAttempts: number;
  /** A link must stay open this long before its attempt count resets, so a server that accepts and drops at once
   * does not get hammered at the shortest delay. */
  minUptimeMs: number;
  /** A REST call is abandoned (a retryable `timeout`) after this long. */
  requestTimeoutMs: number;
  /** While a Guest Chat's event stream is away, how often to ask whether the chat still exists. */
  awayCheckMs: number;
  /** Tries to send a message carrying attachments across dropped links. */
  uploadSendAttempts: number;
  /** How long an upload waits for its outcome on the link before asking for it. */
  uploadOutcomeMs: number;
  /** How long a send with attachments waits for a dropped link to come back. */
  uploadReopenMs: number;
}

/**
 * The defaults: the first reconnect within 1 s, never more than 30 s apart, 30 tries; REST calls give up after 16 s
 * (as Genesys's SDK does); a Guest Chat away is checked every 4 s; an attachment message is tried 3 times.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 1_000,
  maxMs: 30_000,
  reconnectAttempts: 30,
  minUptimeMs: 5_000,
  requestTimeoutMs: 16_000,
  awayCheckMs: 4_000,
  uploadSendAttempts: 3,
  uploadOutcomeMs: 20_000,
  uploadReopenMs: 30_000,
};

/** The default policy with a caller's changes; a change left `undefined` keeps the default. */
export function retryPolicy(changes: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY };
  for (const [name, value] of Object.entries(changes) as [keyof RetryPolicy, number | undefined][]) {
    if (value !== undefined) policy[name] = value;
  }
  return policy;
}
