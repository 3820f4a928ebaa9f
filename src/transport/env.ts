/**
 * Everything a transport takes from the browser, in one injectable bundle, so tests can drive time, sockets, HTTP,
 * storage, randomness, the page's lifecycle and the retry policy. Defaults read the globals lazily at call time, so
 * fake timers installed after creation still apply.
 */
import { systemClock, type Clock } from '../core/clock.js';
import { browserLifecycle, type PageLifecycle } from '../core/lifecycle.js';
import { retryPolicy, type RetryPolicy } from '../core/retry.js';
import { browserStorage } from '../core/storage.js';

/** The part of a WebSocket a transport uses. Handlers are properties so they can be detached in one place. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a socket to a URL. */
export type SocketFactory = (url: string) => SocketLike;

/** The injectables of a transport. */
export interface TransportEnv {
  clock: Clock;
  createSocket: SocketFactory;
  fetch: typeof fetch;
  /** Where resume state is kept; null when storage is unavailable (private mode, sandboxed frame). */
  storage: Storage | null;
  /** A number in [0, 1), for backoff jitter. */
  random: () => number;
  lifecycle: PageLifecycle;
  retry: RetryPolicy;
}

/** What a caller may inject: any of the environment, and any part of the retry policy. */
export type EnvOptions = Partial<Omit<TransportEnv, 'retry'>> & {
  /** When to try again and when to give up; any part left out keeps its default. */
  retry?: Partial<RetryPolicy>;
};

/** Fills the injectables a caller left out with the browser's own, and the retry policy with its defaults. */
export function resolveEnv(overrides: EnvOptions = {}): TransportEnv {
  return {
    clock: overrides.clock ?? systemClock,
    createSocket: overrides.createSocket ?? ((url) => new WebSocket(url)),
    fetch: overrides.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    storage: overrides.storage !== undefined ? overrides.storage : browserStorage('sessionStorage'),
    random: overrides.random ?? Math.random,
    lifecycle: overrides.lifecycle ?? browserLifecycle(),
    retry: retryPolicy(overrides.retry),
  };
}
