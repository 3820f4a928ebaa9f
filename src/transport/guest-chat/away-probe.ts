import type { Clock } from '../../core/clock.js';

/** What one look at the chat found: still there, gone for good (with why), or no answer (ask again later). */
export type ProbeResult = { gone: false } | { gone: true; error: Error };

/**
 * Asks the REST API, while the event stream cannot be opened, whether the chat still exists. A browser never learns
 * why a WebSocket upgrade was refused, so a chat the server forgot (restarted, expired: 401 or 404) would otherwise be
 * retried on the socket for minutes; the member lookup says so in one round trip. Unanswered looks are repeated
 * every `everyMs` until the stream is back or the probe is stopped.
 */
export class AwayProbe {
  private timer: unknown = null;
  private running = false;

  constructor(
    private readonly clock: Clock,
    private readonly look: () => Promise<ProbeResult>,
    private readonly onGone: (error: Error) => void,
    private readonly everyMs = 4_000,
  ) {}

  /** Starts looking after `delayMs`, unless a look is already planned or under way. */
  start(delayMs = this.everyMs): void {
    if (this.running) return;
    this.running = true;
    this.plan(delayMs);
  }

  /** Stops looking; an answer already on its way is ignored. */
  stop(): void {
    this.running = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private plan(delayMs: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.look().then((result) => {
        if (!this.running) return;
        if (result.gone) {
          this.stop();
          this.onGone(result.error);
        } else {
          this.plan(this.everyMs);
        }
      });
    }, delayMs);
  }
}
