import type { ResumeState } from '../transport/types.js';

/** What is kept in sessionStorage to resume a chat after a reload or a page change. */
export interface SavedChat {
  version: 1;
  /** The transport's own resume state (ids, token, event stream address). */
  transport: ResumeState;
  /** The last message seen from the server, to tell what arrived while the page was away. */
  lastMessageId?: string;
}

function sameChat(a: ResumeState, b: ResumeState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The resume record of one deployment under one key. sessionStorage is per tab, so two tabs never share a record;
 * within a tab the record is written whole and only its own chat may remove it, so a second widget or a stale
 * instance cannot wipe a chat that is not theirs. Storage failures (quota, blocked storage) only lose resuming.
 */
export class ChatStore {
  constructor(
    private readonly storage: Storage | null,
    private readonly key: string,
  ) {}

  read(): SavedChat | null {
    try {
      const text = this.storage?.getItem(this.key);
      if (!text) return null;
      const value = JSON.parse(text) as Partial<SavedChat> | null;
      if (value?.version !== 1 || typeof value.transport?.kind !== 'string') return null;
      return value as SavedChat;
    } catch {
      return null;
    }
  }

  write(saved: SavedChat): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(saved));
    } catch {
      // Quota or blocked storage: the chat goes on, it just cannot be resumed after a reload.
    }
  }

  /** Removes the record if it still belongs to `chat`. */
  clear(chat: ResumeState): void {
    const saved = this.read();
    if (!saved || !sameChat(saved.transport, chat)) return;
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing to do: an unremovable record fails to resume later and is then ignored.
    }
  }

  /** Removes whatever is stored (a record that can no longer be resumed). */
  discard(): void {
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // As above.
    }
  }
}
