import type { Clock } from '../../core/clock.js';
import type { JsonObject } from '../json.js';
import type { TransportEvent, TransportMessage } from '../types.js';
import { fetchHistoryPage, type RestContext } from './api.js';
import type { RequestChannel } from './channel.js';
import type { Conversation } from './conversation.js';
import { WebMessagingError } from './error.js';
import { readJwt, type GuestJwt, type HistoryPage, type ServerFrame, type WireMessage } from './wire.js';

/** What history needs of the transport around it. */
export interface HistoryLink {
  rest: RestContext;
  /** The REST base URL. */
  api: string;
  clock: Clock;
  conversation: Conversation;
  /** An action on the guest socket, as the transport sends it. */
  request(action: string, fields: JsonObject, limited: boolean): Promise<ServerFrame>;
  /** The current chat's request channel (null between chats), and whether the chat is over. */
  channel(): RequestChannel | null;
  ended(): boolean;
  emit(event: TransportEvent): void;
}

const PAGE_SIZE = 25;

/**
 * The guest's history over REST, with a JWT asked for on the socket (and kept until it is about to expire), and the
 * recovery after a gap in the stream: which messages sent just before a drop reached the server.
 */
export function createHistory(link: HistoryLink) {
  const { rest, clock } = link;
  let jwt: GuestJwt | null = null;

  async function guestJwt(): Promise<string> {
    if (jwt && jwt.exp * 1_000 > clock.now() + 5_000) return jwt.jwt;
    const answer = await link.request('getJwt', {}, false);
    const read = readJwt(answer.body);
    if (!read.ok)
      throw new WebMessagingError(`Unexpected JwtResponse: ${read.reason}`, {
        code: 'invalid.response',
        retryable: false,
      });
    jwt = read.value;
    return jwt.jwt;
  }

  /** A page of history (1 is the newest). */
  async function page(pageNumber: number): Promise<HistoryPage> {
    try {
      return await fetchHistoryPage(rest, link.api, await guestJwt(), { pageNumber, pageSize: PAGE_SIZE });
    } catch (error) {
      if (!(error instanceof WebMessagingError) || error.status !== 401) throw error;
      // An expired or revoked JWT: one fresh one, once.
      jwt = null;
      return fetchHistoryPage(rest, link.api, await guestJwt(), { pageNumber, pageSize: PAGE_SIZE });
    }
  }

  /** History oldest first, from the newest page back to `afterId` (its notices point at their message) or the start. */
  async function since(afterId: string | undefined, announce: boolean): Promise<TransportMessage[]> {
    const base = afterId?.split('~')[0];
    const newestFirst: WireMessage[] = [];
    for (let pageNumber = 1; ; pageNumber += 1) {
      const next = await page(pageNumber);
      newestFirst.push(...next.entities);
      const reached = base !== undefined && next.entities.some((message) => message.id === base);
      if (reached || pageNumber >= next.pageCount || next.entities.length < PAGE_SIZE) break;
    }
    const ordered = newestFirst.reverse();
    if (ordered.some((message) => message.content)) await link.conversation.loadRich();
    const at = base === undefined ? -1 : ordered.findIndex((message) => message.id === base);
    // After a notice, its own message is still new to the caller.
    const from = at < 0 ? 0 : base === afterId ? at + 1 : at;
    return ordered.slice(from).flatMap((message) => link.conversation.absorb(message, undefined, announce));
  }

  /** Settles each message in doubt that the newest history page shows arrived: a guest text the stream never showed. */
  async function settleArrived(current: RequestChannel): Promise<void> {
    const doubts = current.inDoubt();
    if (doubts.length === 0) return;
    try {
      const newest = await page(1);
      const claimed = new Set<string>();
      for (const doubt of doubts) {
        const text = (doubt.fields.message as JsonObject | undefined)?.text;
        const match = newest.entities.find(
          (m) =>
            m.direction === 'Inbound' &&
            m.type === 'Text' &&
            m.text === text &&
            !link.conversation.heard(m.id) &&
            !claimed.has(m.id),
        );
        if (!match) continue;
        claimed.add(match.id);
        const body = {
          id: match.id,
          type: match.type,
          text: match.text,
          direction: match.direction,
          channel: { time: new Date(match.time ?? clock.now()).toISOString() },
        };
        current.settle(doubt.tracingId, {
          type: 'message',
          className: 'StructuredMessage',
          code: 200,
          body,
          tracingId: doubt.tracingId,
        });
      }
    } catch (error) {
      if (error instanceof WebMessagingError) link.emit({ type: 'warning', error });
    }
  }

  return {
    page,
    since,

    /**
     * Back after a gap: a message sent just before the drop may have reached the server or not. The newest history
     * page tells: one that arrived is settled (not sent twice); the rest go again. Then the session backfills.
     */
    async afterGap(): Promise<void> {
      const current = link.channel();
      if (current) await settleArrived(current);
      if (current !== link.channel() || link.ended()) return;
      current?.resendDoubtful();
      link.emit({ type: 'resynced' });
    },

    /** Forgets the JWT (a new chat, or a new session on the same token). */
    forget(): void {
      jwt = null;
    },
  };
}
