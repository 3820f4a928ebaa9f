/**
 * A set of listeners for one kind of event. `emit` reaches those subscribed when it began (a listener may unsubscribe
 * itself or others meanwhile); after `close`, nothing is emitted.
 */
export function emitter<E>() {
  const listeners = new Set<(event: E) => void>();
  let closed = false;
  return {
    emit(event: E): void {
      if (closed) return;
      for (const listener of [...listeners]) listener(event);
    },
    /** Returns the unsubscribe function. */
    subscribe(listener: (event: E) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(): void {
      closed = true;
      listeners.clear();
    },
  };
}
