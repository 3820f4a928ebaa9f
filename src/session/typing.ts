import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { Clock } from '../core/clock.js';

/** The visitor's typing is sent at most once per this window while keys are pressed. */
export const GUEST_TYPING_THROTTLE_MS = 5_000;

/** Whether an agent is typing: shown for as long as the transport says, hidden early when that agent writes or leaves. */
export interface AgentTyping {
  readonly typing: ReadonlySignal<boolean>;
  /** `senderId` is typing; the indicator hides after `durationMs` unless told again. */
  show(senderId: string, durationMs: number): void;
  /** Hides the indicator if `senderId` is the one typing (their message arrived, or they left). */
  stop(senderId: string): void;
  hide(): void;
}

/** An agent typing indicator on `clock`'s timers, hidden at first. */
export function createAgentTyping(clock: Clock): AgentTyping {
  const typing = signal(false);
  let timer: unknown = null;
  let sender: string | null = null;

  function hide(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    sender = null;
    typing.value = false;
  }

  return {
    typing,
    show(senderId, durationMs) {
      if (timer !== null) clock.clearTimeout(timer);
      sender = senderId;
      typing.value = true;
      timer = clock.setTimeout(hide, durationMs);
    },
    stop(senderId) {
      if (sender === senderId) hide();
    },
    hide,
  };
}

/** Lets the visitor's typing through at most once per {@link GUEST_TYPING_THROTTLE_MS}. */
export interface TypingThrottle {
  /** Whether a key press now should be told to the agent. */
  allow(): boolean;
  /** A new chat: its first key press is told at once. */
  reset(): void;
}

/** A throttle on `clock`'s time that lets the first key press through. */
export function createTypingThrottle(clock: Clock): TypingThrottle {
  let last = -Infinity;
  return {
    allow() {
      const now = clock.now();
      if (now - last < GUEST_TYPING_THROTTLE_MS) return false;
      last = now;
      return true;
    },
    reset() {
      last = -Infinity;
    },
  };
}
