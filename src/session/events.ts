import { effect, type ReadonlySignal } from '@preact/signals-core';
import type { SessionEvent } from './types.js';

/** The session's listeners: what happened is told once, by the session, as it happens. */
export interface SessionEvents {
  tell(event: SessionEvent): void;
  /** Tells each change of `source` with the value before it; `told` may return null to keep a change quiet. */
  watch<T>(source: ReadonlySignal<T>, told: (value: T, previous: T) => SessionEvent | null): () => void;
  subscribe(listener: (event: SessionEvent) => void): () => void;
  clear(): void;
}

/** No listeners yet. */
export function createSessionEvents(): SessionEvents {
  const listeners = new Set<(event: SessionEvent) => void>();

  function tell(event: SessionEvent): void {
    // A copy: a listener may stop listening while it is told.
    for (const listener of [...listeners]) listener(event);
  }

  return {
    tell,
    watch(source, told) {
      let previous = source.peek();
      return effect(() => {
        const value = source.value;
        if (value === previous) return;
        const event = told(value, previous);
        previous = value;
        if (event) tell(event);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
