import type { Clock } from '../core/clock.js';
import type { PageLifecycle } from '../core/lifecycle.js';

/** Keeps the resume record current without a storage write on each message's path. */
export interface ResumeWriter {
  /** Asks for a write: in a task after this one, once for a burst of calls; at once while the page is hidden. */
  request(): void;
  /** Writes now, whether or not a write is pending (`write` decides what, if anything), and cancels the pending one. */
  flush(): void;
}

/**
 * Writing to storage is a synchronous trip to the browser that each message would otherwise pay before it is shown,
 * so writes are coalesced into a later task. A hidden page, which may be closed or discarded at any moment, writes at
 * once, and the session flushes before the page goes away. `write` decides what, if anything, is written.
 */
export function createResumeWriter(clock: Clock, lifecycle: PageLifecycle, write: () => void): ResumeWriter {
  let pending: unknown = null;

  function flush(): void {
    clock.clearTimeout(pending);
    pending = null;
    write();
  }

  return {
    request() {
      if (lifecycle.isHidden()) flush();
      else pending ??= clock.setTimeout(flush, 0);
    },
    flush,
  };
}
