/**
 * Remembers the most recent keys seen, to drop events delivered more than once (at-least-once delivery).
 * Bounded so a long chat does not grow it without end; the oldest key is forgotten first.
 */
export class DedupeSet {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 1_000) {}

  /** Records `key`; returns true the first time it is seen, false for a repeat. */
  add(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next().value as string;
      this.seen.delete(oldest);
    }
    return true;
  }

  has(key: string): boolean {
    return this.seen.has(key);
  }

  clear(): void {
    this.seen.clear();
  }
}
