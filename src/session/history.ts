import { batch } from '@preact/signals-core';
import type { ChatTransport, Participant, TransportMessage } from '../transport/types.js';
import type { Ledger } from './ledger.js';
import { entryFromMessage, type Entry } from './transcript.js';
import type { AgentTyping } from './typing.js';
import type { SessionEvents } from './events.js';

/** Who answers the visitor: a person, or a bot (Web Messaging flows may answer with one before or instead of an agent). */
export const isAgent = (participant: Participant): boolean =>
  participant.kind === 'agent' || participant.kind === 'bot';

/** What the history needs from its session. */
export interface HistoryOptions {
  ledger: Ledger;
  agentTyping: AgentTyping;
  events: SessionEvents;
  /** Places the visitor's pending entry that `message` echoes. */
  confirm(entry: Entry, message: TransportMessage): void;
  /** An agent's message arrived that may count as unread. */
  unread(): void;
}

/**
 * What the server said, taken in exactly once whatever its route (send answer, echo, backfill, a start's or resume's
 * history), and where to pick up after a gap.
 */
export class History {
  /** The last message seen from the server: where a reloaded page or a backfill picks up. */
  lastSeenId: string | undefined;
  /** While a kept chat is being restored: what it brings back is not news. */
  restoring = false;
  /**
   * The last message seen before the link went away, kept until a backfill succeeds. Live messages on the new link
   * can arrive before the backfill asks for history; anchoring it on them would skip what was said in the gap.
   */
  private gapFrom: { id: string | undefined } | null = null;

  constructor(private readonly options: HistoryOptions) {}

  /** Adds one server message, unless it is already there; `countUnread` is false for a restored transcript. */
  ingest(message: TransportMessage, countUnread: boolean): void {
    const { ledger, events } = this.options;
    this.lastSeenId = message.id;
    if (ledger.byId(message.id)) return;
    if (message.sender.kind === 'guest' && !message.notice) {
      const pending = ledger.pendingFor(message);
      if (pending) {
        this.options.confirm(pending, message);
        return;
      }
    }
    const entry = entryFromMessage(message, ledger.nextSeq());
    ledger.put(entry);
    if (isAgent(message.sender) && !message.notice) {
      this.options.agentTyping.stop(message.sender.id);
      if (countUnread) this.options.unread();
      if (!this.restoring) events.tell({ type: 'message-received', entry });
    } else if (message.sender.kind === 'guest' && !message.notice && !this.restoring) {
      // The visitor's own message, sent from another tab: accepted, as far as this one knows.
      events.tell({ type: 'message-confirmed', entry });
    }
  }

  /** Takes in a start's or resume's history, not yet shown; what came after `countUnreadAfter` counts as unread. */
  take(history: TransportMessage[], countUnreadAfter?: string): void {
    batch(() => {
      let counting = countUnreadAfter === undefined;
      for (const message of history) {
        this.ingest(message, counting);
        if (message.id === countUnreadAfter) counting = true;
      }
    });
  }

  /** The visitor's send was answered before anything came from the server: a backfill starts after it. */
  sent(message: TransportMessage): void {
    if (!this.lastSeenId) this.lastSeenId = message.id;
  }

  /** The link went away: a backfill must start from what was seen before it, whatever arrives meanwhile. */
  linkLost(): void {
    if (!this.gapFrom) this.gapFrom = { id: this.lastSeenId };
  }

  /** Fetches and shows what was said during the gap; resolves false when the server could not say. */
  async backfill(transport: ChatTransport): Promise<boolean> {
    try {
      const missed = await transport.history(this.gapFrom ? this.gapFrom.id : this.lastSeenId);
      this.gapFrom = null;
      batch(() => {
        for (const message of missed) this.ingest(message, true);
        this.options.ledger.publish();
      });
      return true;
    } catch {
      return false;
    }
  }

  /** A new chat: nothing seen yet. */
  clear(): void {
    this.lastSeenId = undefined;
    this.gapFrom = null;
  }
}
