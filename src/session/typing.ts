import { signal } from '@preact/signals-core';
import type { Clock } from '../transport/env.js';

/** The visitor's typing is sent at most once per this window while keys are pressed. */
export const GUEST_TYPING_THROTTLE_MS = 5_000;

/** Whether an agent is typing: shown for as long as the transport says, hidden early when that agent writes or leaves. */
export class AgentTyping {
  readonly typing = signal(false);
  private timer: unknown = null;
  private sender: string | null = null;

  constructor(private readonly clock: Clock) {}

  /** `senderId` is typing; the indicator hides after `durationMs` unless told again. */
  show(senderId: string, durationMs: number): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.sender = senderId;
    this.typing.value = true;
    this.timer = this.clock.setTimeout(() => this.hide(), durationMs);
  }

  /** Hides the indicator if `senderId` is the one typing (their message arrived, or they left). */
  stop(senderId: string): void {
    if (this.sender === senderId) this.hide();
  }

  hide(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.sender = null;
    this.typing.value = false;
  }
}

/** Lets the visitor's typing through at most once per {@link GUEST_TYPING_THROTTLE_MS}. */
export class TypingThrottle {
  private last = -Infinity;

  constructor(private readonly clock: Clock) {}

  /** Whether a key press now should be told to the agent. */
  allow(): boolean {
    const now = this.clock.now();
    if (now - this.last < GUEST_TYPING_THROTTLE_MS) return false;
    this.last = now;
    return true;
  }

  /** A new chat: its first key press is told at once. */
  reset(): void {
    this.last = -Infinity;
  }
}
