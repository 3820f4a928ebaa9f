import { effect, type ReadonlySignal } from '@preact/signals-core';
import type { SessionEvent } from './types.js';

/** The session's listeners: what happened is told once, by the session, as it happens. */
export class SessionEvents {
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  tell(event: SessionEvent): void {
    // A copy: a listener may stop listening while it is told.
    for (const listener of [...this.listeners]) listener(event);
  }

  /** Tells each change of `source` with the value before it; `told` may return null to keep a change quiet. */
  watch<T>(source: ReadonlySignal<T>, told: (value: T, previous: T) => SessionEvent | null): () => void {
    let previous = source.peek();
    return effect(() => {
      const value = source.value;
      if (value === previous) return;
      const event = told(value, previous);
      previous = value;
      if (event) this.tell(event);
    });
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }
}
