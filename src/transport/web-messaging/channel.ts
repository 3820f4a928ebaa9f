import type { Clock } from '../../core/clock.js';
import type { JsonObject } from '../json.js';
import { WebMessagingError } from './error.js';
import type { ServerFrame } from './wire.js';

/** How a request is sent. */
export interface RequestOptions {
  /** Counts towards the server's `onMessage` rate limit (text, typing and presence alike). */
  limited: boolean;
  /** Kept through a dropped socket, as the server may or may not have it (see `inDoubt`). */
  keepOnDrop?: boolean;
}

interface Request extends RequestOptions {
  tracingId: string;
  action: string;
  fields: JsonObject;
  sent: boolean;
  /** Sent on a socket that dropped before the answer came. */
  doubtful: boolean;
  resolve(frame: ServerFrame): void;
  reject(error: WebMessagingError): void;
}

/** Answer classes that may come without a tracingId, and the action they answer. */
const ANSWERS: Record<string, string[]> = {
  SessionResponse: ['configureSession', 'closeSession'],
  JwtResponse: ['getJwt'],
};

/**
 * The requests of one guest socket: each gets a `tracingId` and is settled by the answer that carries it back.
 * `onMessage` frames keep to the server's rate (at most `ratePerSecond` in any window of a second, typing and
 * presence included); a `TooManyRequestsErrorMessage` pauses them for its `retryAfter` and sends the refused frame
 * again, so nothing is dropped. Nothing is sent until the session is configured (`open()`).
 */
export class RequestChannel {
  private readonly queue: Request[] = [];
  private readonly recent: number[] = [];
  private pausedUntil = 0;
  private timer: unknown = null;
  private ready = false;
  token = '';

  constructor(
    private readonly clock: Clock,
    private readonly write: (data: string) => boolean,
    private readonly ratePerSecond: number,
  ) {}

  /** Sends `action` with `fields` (the token is added); resolves with the answer, rejects with its error. */
  request(action: string, fields: JsonObject, tracingId: string, options: RequestOptions): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...options, tracingId, action, fields, sent: false, doubtful: false, resolve, reject });
      this.pump();
    });
  }

  /** The session is configured on a fresh socket: queued requests may go. */
  open(): void {
    this.ready = true;
    this.pump();
  }

  /**
   * The socket is gone. What was sent and not answered fails as a network error, except requests kept on drop:
   * those wait in doubt until the caller decides with `settle` or `resend`.
   */
  drop(): void {
    this.ready = false;
    this.stopTimer();
    for (const request of [...this.queue]) {
      if (!request.sent) continue;
      if (request.keepOnDrop) {
        request.doubtful = true;
      } else {
        this.remove(request);
        request.reject(WebMessagingError.network());
      }
    }
  }

  /** Requests sent on a socket that dropped before their answer, oldest first. */
  inDoubt(): { tracingId: string; fields: JsonObject }[] {
    return this.queue.filter((request) => request.doubtful).map(({ tracingId, fields }) => ({ tracingId, fields }));
  }

  /** Sends every request in doubt again (the server never had them). */
  resendDoubtful(): void {
    for (const request of this.queue) {
      if (request.doubtful) request.sent = request.doubtful = false;
    }
    this.pump();
  }

  /** Settles a request with an answer found elsewhere (history, a class without tracingId). */
  settle(tracingId: string, frame: ServerFrame): void {
    const request = this.queue.find((candidate) => candidate.tracingId === tracingId);
    if (!request) return;
    this.remove(request);
    request.resolve(frame);
  }

  /**
   * Settles the request a frame answers, if any: by tracingId, else by answer class (oldest first), else a 429
   * without tracingId belongs to the oldest rate-limited frame in flight. Returns true when it was an answer.
   */
  answer(frame: ServerFrame): boolean {
    const sent = this.queue.filter((request) => request.sent);
    const request = frame.tracingId
      ? sent.find((candidate) => candidate.tracingId === frame.tracingId)
      : frame.code === 429
        ? sent.find((candidate) => candidate.limited)
        : sent.find((candidate) => ANSWERS[frame.className]?.includes(candidate.action));
    if (!request) return false;
    const error = frame.code === 200 ? null : WebMessagingError.fromFrame(frame.code, frame.body);
    if (error?.code === 'rate.limited') {
      // The server refused it for now: send it again once the wait is over, ahead of anything queued after it.
      request.sent = false;
      this.pausedUntil = this.clock.now() + (error.retryAfter ?? 1) * 1_000;
      this.pump();
      return true;
    }
    this.remove(request);
    if (error) request.reject(error);
    else request.resolve(frame);
    return true;
  }

  /** Fails everything pending (the chat is over or replaced). */
  dispose(error: WebMessagingError): void {
    this.ready = false;
    this.stopTimer();
    for (const request of this.queue.splice(0)) request.reject(error);
  }

  private remove(request: Request): void {
    const index = this.queue.indexOf(request);
    if (index >= 0) this.queue.splice(index, 1);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Sends what may go now, in order; a rate-limited frame that must wait holds back the limited ones behind it. */
  private pump(): void {
    if (!this.ready) return;
    let waitMs = 0;
    for (const request of this.queue) {
      if (request.sent || request.doubtful) continue;
      if (request.limited) {
        if (waitMs > 0) continue;
        waitMs = this.limitedWait();
        if (waitMs > 0) continue;
        this.recent.push(this.clock.now());
      }
      request.sent = true;
      if (
        !this.write(
          JSON.stringify({
            action: request.action,
            token: this.token,
            tracingId: request.tracingId,
            ...request.fields,
          }),
        )
      ) {
        request.sent = false;
        return;
      }
    }
    if (waitMs > 0 && this.timer === null) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.pump();
      }, waitMs);
    }
  }

  /** How long the next rate-limited frame must wait: the server's pause, or the time until a slot of the window frees. */
  private limitedWait(): number {
    const now = this.clock.now();
    // A little over a second: frames spaced exactly a second apart can still arrive closer together.
    const windowMs = 1_100;
    while (this.recent.length > 0 && this.recent[0] <= now - windowMs) this.recent.shift();
    const pause = this.pausedUntil - now;
    const slot = this.recent.length >= this.ratePerSecond ? this.recent[0] + windowMs - now : 0;
    return Math.max(pause, slot, 0);
  }
}
