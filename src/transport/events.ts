import type { TransportEvent } from './types.js';

type Listener = (event: TransportEvent) => void;

/** A transport's listeners. `emit` reaches those subscribed when it began; after `close`, nothing is emitted. */
export function transportEvents() {
  const listeners = new Set<Listener>();
  let closed = false;
  return {
    emit(event: TransportEvent): void {
      if (closed) return;
      for (const listener of [...listeners]) listener(event);
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(): void {
      closed = true;
      listeners.clear();
    },
  };
}
