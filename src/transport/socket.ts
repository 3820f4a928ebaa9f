import { backoffDelay } from '../core/backoff.js';
import type { PageLifecycleEvent } from '../core/lifecycle.js';
import type { SocketLike, TransportEnv } from './env.js';
import type { ConnectionState } from './types.js';

/** A change of connection state, with the state it left. */
export interface StateChange {
  state: ConnectionState;
  previous: ConnectionState;
}

/** Options of a {@link ReconnectingSocket}. */
export interface ReconnectingSocketOptions {
  url: string;
  /** Its `retry` policy sets the delays (`baseMs`, `maxMs`), the tries (`reconnectAttempts`) and `minUptimeMs`. */
  env: Pick<TransportEnv, 'clock' | 'createSocket' | 'random' | 'lifecycle' | 'retry'>;
  /** Silence longer than this means the link is dead (no close event ever comes for a half-open socket).
   * Any frame counts as a sign of life. Omit to disable. */
  watchdogMs?: number;
  onState?(change: StateChange): void;
  /** The socket opened; `reopened` is true after a drop or a wake, when the caller may have missed events. */
  onOpen?(reopened: boolean): void;
  /** One incoming frame's data, unparsed. */
  onFrame?(data: unknown): void;
}

/**
 * A WebSocket that keeps itself connected: an explicit state machine
 * (`idle -> connecting -> open -> reconnecting -> closed | failed`, changed only in `setState`), a watchdog that
 * declares a silent link dead, reconnects with capped full-jitter backoff that pause while the page is hidden or
 * offline, and a `close()` after which nothing reconnects. Transports own the frames; this owns the link.
 */
export class ReconnectingSocket {
  private current: ConnectionState = 'idle';
  private socket: SocketLike | null = null;
  private attempt = 0;
  private hasOpened = false;
  private suspended = false;
  private retryTimer: unknown = null;
  private watchdogTimer: unknown = null;
  private uptimeTimer: unknown = null;
  private unsubscribeLifecycle: (() => void) | null = null;

  constructor(private readonly options: ReconnectingSocketOptions) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** Opens the link. Only from `idle`; later calls are ignored. */
  connect(): void {
    if (this.current !== 'idle') return;
    this.unsubscribeLifecycle = this.options.env.lifecycle.subscribe((event) => this.onLifecycle(event));
    this.setState('connecting');
    this.open();
  }

  /** Sends a frame when open; returns false (and sends nothing) otherwise. */
  send(data: string): boolean {
    if (this.current !== 'open' || !this.socket) return false;
    this.socket.send(data);
    return true;
  }

  /** Drops the link without giving up on it (page going into the back/forward cache); `wake()` reopens it. */
  suspend(): void {
    if (this.isFinal() || this.current === 'idle') return;
    this.suspended = true;
    this.clearTimers();
    this.discardSocket(1000, 'suspended');
    if (this.current !== 'reconnecting') this.setState('reconnecting');
  }

  /** Reopens at once after `suspend()`. */
  wake(): void {
    if (!this.suspended || this.isFinal()) return;
    this.suspended = false;
    this.attempt = 0;
    this.open();
  }

  /** Closes for good: no reconnect, no further events. */
  close(): void {
    this.finish('closed');
  }

  /** Gives up for good because the other side said the link can never work again (a terminal error). */
  fail(): void {
    this.finish('failed');
  }

  private finish(state: 'closed' | 'failed'): void {
    if (this.isFinal()) return;
    this.clearTimers();
    this.discardSocket(1000, state);
    this.unsubscribeLifecycle?.();
    this.unsubscribeLifecycle = null;
    this.setState(state);
  }

  private isFinal(): boolean {
    return this.current === 'closed' || this.current === 'failed';
  }

  private setState(state: ConnectionState): void {
    const previous = this.current;
    if (previous === state) return;
    this.current = state;
    this.options.onState?.({ state, previous });
  }

  private open(): void {
    let socket: SocketLike;
    try {
      socket = this.options.env.createSocket(this.options.url);
    } catch {
      this.onDrop();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      const reopened = this.hasOpened;
      this.hasOpened = true;
      this.armWatchdog();
      this.uptimeTimer = this.options.env.clock.setTimeout(() => {
        this.uptimeTimer = null;
        this.attempt = 0;
      }, this.options.env.retry.minUptimeMs);
      this.setState('open');
      this.options.onOpen?.(reopened);
    };
    socket.onmessage = (event) => {
      this.armWatchdog();
      this.options.onFrame?.(event.data);
    };
    socket.onclose = () => this.onDrop();
    socket.onerror = () => this.onDrop();
  }

  /** The link is gone (closed, errored, silent): detach it and plan the next attempt. */
  private onDrop(): void {
    this.discardSocket(4000, 'dropped');
    this.clearTimers();
    if (this.isFinal() || this.suspended) return;
    if (this.attempt >= this.options.env.retry.reconnectAttempts) {
      this.finish('failed');
      return;
    }
    this.setState('reconnecting');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const { lifecycle, clock, random, retry } = this.options.env;
    // A hidden or offline page would only burn attempts; the lifecycle listener resumes when it is back.
    if (this.retryTimer !== null || this.socket || lifecycle.isHidden() || !lifecycle.isOnline()) return;
    const delay = backoffDelay(this.attempt, random, retry);
    this.attempt += 1;
    this.retryTimer = clock.setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  private onLifecycle(event: PageLifecycleEvent): void {
    if (this.current !== 'reconnecting' || this.suspended) return;
    if (event === 'hidden' || event === 'offline') {
      if (this.retryTimer === null) return;
      this.options.env.clock.clearTimeout(this.retryTimer);
      this.retryTimer = null;
      // The cancelled attempt never ran, so it does not count towards the backoff.
      this.attempt -= 1;
    } else if (event === 'visible' || event === 'online') {
      this.scheduleRetry();
    }
  }

  private armWatchdog(): void {
    const { watchdogMs } = this.options;
    if (!watchdogMs) return;
    const { clock } = this.options.env;
    if (this.watchdogTimer !== null) clock.clearTimeout(this.watchdogTimer);
    this.watchdogTimer = clock.setTimeout(() => {
      this.watchdogTimer = null;
      this.onDrop();
    }, watchdogMs);
  }

  private clearTimers(): void {
    const { clock } = this.options.env;
    for (const timer of [this.retryTimer, this.watchdogTimer, this.uptimeTimer]) {
      if (timer !== null) clock.clearTimeout(timer);
    }
    this.retryTimer = this.watchdogTimer = this.uptimeTimer = null;
  }

  /** Handlers come off before closing, so a late event from the old socket cannot touch the new one. */
  private discardSocket(code: number, reason: string): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close(code, reason);
    } catch {
      // Closing a socket that never connected can throw in some browsers; it is gone either way.
    }
  }
}
