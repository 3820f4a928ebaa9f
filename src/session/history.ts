import { batch } from '@preact/signals-core';
import type { ChatTransport, Participant, TransportMessage } from '../transport/types.js';
import type { SessionEvents } from './events.js';
import type { Ledger } from './ledger.js';
import { entryFromMessage, type Entry } from './transcript.js';
import type { AgentTyping } from './typing.js';

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
export interface History {
  /** The last message seen from the server: where a reloaded page or a backfill picks up. */
  readonly lastSeenId: string | undefined;
  /** While a kept chat is being restored: what it brings back is not news. */
  restoring: boolean;
  /** Adds one server message, unless it is already there; `countUnread` is false for a restored transcript. */
  ingest(message: TransportMessage, countUnread: boolean): void;
  /** Takes in a start's or resume's history, not yet shown; what came after `countUnreadAfter` counts as unread. */
  take(history: TransportMessage[], countUnreadAfter?: string): void;
  /** The visitor's send was answered before anything came from the server: a backfill starts after it. */
  sent(message: TransportMessage): void;
  /** The link went away: a backfill must start from what was seen before it, whatever arrives meanwhile. */
  linkLost(): void;
  /** Fetches and shows what was said during the gap; resolves false when the server could not say. */
  backfill(transport: ChatTransport): Promise<boolean>;
  /** A new chat: nothing seen yet. */
  clear(): void;
}

/** A history with nothing seen yet. */
export function createHistory(options: HistoryOptions): History {
  const { ledger, events } = options;
  let lastSeenId: string | undefined;
  /**
   * The last message seen before the link went away, kept until a backfill succeeds. Live messages on the new link
   * can arrive before the backfill asks for history; anchoring it on them would skip what was said in the gap.
   */
  let gapFrom: { id: string | undefined } | null = null;

  function ingest(message: TransportMessage, countUnread: boolean): void {
    lastSeenId = message.id;
    if (ledger.byId(message.id)) return;
    if (message.sender.kind === 'guest' && !message.notice) {
      const pending = ledger.pendingFor(message);
      if (pending) {
        options.confirm(pending, message);
        return;
      }
    }
    const entry = entryFromMessage(message, ledger.nextSeq());
    ledger.put(entry);
    if (isAgent(message.sender) && !message.notice) {
      options.agentTyping.stop(message.sender.id);
      if (countUnread) options.unread();
      if (!history.restoring) events.tell({ type: 'message-received', entry });
    } else if (message.sender.kind === 'guest' && !message.notice && !history.restoring) {
      // The visitor's own message, sent from another tab: accepted, as far as this one knows.
      events.tell({ type: 'message-confirmed', entry });
    }
  }

  const history: History = {
    get lastSeenId() {
      return lastSeenId;
    },
    restoring: false,
    ingest,
    take(messages, countUnreadAfter) {
      batch(() => {
        let counting = countUnreadAfter === undefined;
        for (const message of messages) {
          ingest(message, counting);
          if (message.id === countUnreadAfter) counting = true;
        }
      });
    },
    sent(message) {
      if (!lastSeenId) lastSeenId = message.id;
    },
    linkLost() {
      if (!gapFrom) gapFrom = { id: lastSeenId };
    },
    async backfill(transport) {
      try {
        const missed = await transport.history(gapFrom ? gapFrom.id : lastSeenId);
        gapFrom = null;
        batch(() => {
          for (const message of missed) ingest(message, true);
          ledger.publish();
        });
        return true;
      } catch {
        return false;
      }
    },
    clear() {
      lastSeenId = undefined;
      gapFrom = null;
    },
  };
  return history;
}
