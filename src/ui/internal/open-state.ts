import { savedChatPlace, type TransportKind } from './saved-chat.js';

/**
 * Whether the panel is open, kept beside the chat it belongs to (same storage, same deployment), so a reload or a
 * new page mid-chat shows the panel as the visitor left it. Only a chat in progress keeps it; storage failures only
 * lose it.
 */
export class PanelOpenState {
  private readonly storage: Storage | null;
  private readonly key: string;

  constructor(kind: TransportKind, deploymentId: string) {
    const place = savedChatPlace(kind, deploymentId);
    this.storage = place.storage;
    this.key = `${place.key}:open`;
  }

  /** Whether the panel was open when the chat was last seen. */
  read(): boolean {
    try {
      return this.storage?.getItem(this.key) === '1';
    } catch {
      return false;
    }
  }

  /** Keeps the panel's state while a chat is in progress; forgets it otherwise. */
  write(open: boolean): void {
    try {
      if (open) this.storage?.setItem(this.key, '1');
      else this.storage?.removeItem(this.key);
    } catch {
      // Quota or blocked storage: the panel just comes back closed.
    }
  }
}
