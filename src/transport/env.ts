/**
 * Everything a transport or session takes from the browser, in one injectable bundle, so tests can drive time,
 * sockets, HTTP, storage, randomness and the page's lifecycle. Defaults read the globals lazily at call time, so
 * fake timers installed after creation still apply.
 */

/** Timers and wall-clock time. */
export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Epoch milliseconds. */
  now(): number;
}

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

/** What the page tells a connection about itself. */
export type PageLifecycleEvent = 'visible' | 'hidden' | 'online' | 'offline' | 'pagehide' | 'pageshow';

/** The page's visibility, network and back/forward-cache signals. */
export interface PageLifecycle {
  isHidden(): boolean;
  isOnline(): boolean;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: PageLifecycleEvent) => void): () => void;
}

/** The injectables shared by every transport and the session. */
export interface TransportEnv {
  clock: Clock;
  createSocket: SocketFactory;
  fetch: typeof fetch;
  /** Where resume state is kept; null when storage is unavailable (private mode, sandboxed frame). */
  storage: Storage | null;
  /** A number in [0, 1), for backoff jitter. */
  random: () => number;
  lifecycle: PageLifecycle;
}

/** The real clock. */
export const systemClock: Clock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** The page's lifecycle from `document` and `window` events; inert outside a browser page. */
export function browserLifecycle(): PageLifecycle {
  const hasDocument = typeof document !== 'undefined';
  return {
    isHidden: () => hasDocument && document.visibilityState === 'hidden',
    isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
    subscribe(listener) {
      if (typeof window === 'undefined' || !hasDocument) return () => {};
      const onVisibility = () => listener(document.visibilityState === 'hidden' ? 'hidden' : 'visible');
      const onOnline = () => listener('online');
      const onOffline = () => listener('offline');
      const onPageHide = () => listener('pagehide');
      const onPageShow = () => listener('pageshow');
      document.addEventListener('visibilitychange', onVisibility);
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      window.addEventListener('pagehide', onPageHide);
      window.addEventListener('pageshow', onPageShow);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        window.removeEventListener('pagehide', onPageHide);
        window.removeEventListener('pageshow', onPageShow);
      };
    },
  };
}

/** One of the browser's storages, or null where it is unavailable. */
export function browserStorage(name: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    // Reading the property itself throws in sandboxed frames and with storage blocked.
    return globalThis[name] ?? null;
  } catch {
    return null;
  }
}

/** Fills the injectables a caller left out with the browser's own. */
export function resolveEnv(overrides: Partial<TransportEnv> = {}): TransportEnv {
  return {
    clock: overrides.clock ?? systemClock,
    createSocket: overrides.createSocket ?? ((url) => new WebSocket(url)),
    fetch: overrides.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    storage: overrides.storage !== undefined ? overrides.storage : browserStorage('sessionStorage'),
    random: overrides.random ?? Math.random,
    lifecycle: overrides.lifecycle ?? browserLifecycle(),
  };
}

/** Resolves in a later task: a message rather than a timer, so a fake clock does not hold it. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** A random id (a UUID where the browser has `crypto.randomUUID`, which needs a secure context). */
export function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
