// The guest's event stream (WebSocket at `eventStreamUri`, `/v1/token/{jwt}`): Genesys notification frames for
// messages, typing and member changes, heartbeats, routing on attach, and the reconnect grace period.
import { WebSocketServer } from 'ws';
import { decodePathParam, requestUrl } from './http.js';
import { newId } from './state.js';
import { customerOf, endConversation, isEnded, setMemberState, startRouting } from './routing.js';

const PATH = /^\/v1\/token\/([^/?]+)$/;
/**
 * Guests send nothing on the event stream, so a frame larger than this closes the socket with 1009 before ws buffers
 * it (ws would otherwise take up to 100 MiB per frame).
 */
export const MAX_GUEST_FRAME_BYTES = 1024;
const HEARTBEAT = JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });

/** @typedef {import('./state.js').Store} Store */
/** @typedef {import('./state.js').Conversation} Conversation */
/** @typedef {import('./state.js').ConversationEvent} ConversationEvent */
/** @typedef {import('ws').WebSocket} WebSocket */

/**
 * The Genesys frame for a conversation event, or null for events guests do not hear about.
 * @param {Conversation} conversation
 * @param {ConversationEvent} event
 */
export function frameFor(conversation, event) {
  const topic = `v2.conversations.chats.${conversation.id}`;
  const envelope = (/** @type {string} */ suffix, /** @type {string} */ type, /** @type {object} */ eventBody) => ({
    topicName: `${topic}.${suffix}`,
    version: '2',
    eventBody,
    metadata: { CorrelationId: newId(), type },
  });
  switch (event.type) {
    case 'message': {
      const { id, senderId, body, bodyType, timestamp } = event.message;
      return envelope('messages', 'message', {
        id,
        conversation: { id: conversation.id },
        sender: { id: senderId },
        body,
        bodyType,
        timestamp,
      });
    }
    case 'typing': {
      const { id, senderId, timestamp } = event.typing;
      return envelope('messages', 'typing-indicator', {
        id,
        conversation: { id: conversation.id },
        sender: { id: senderId },
        timestamp,
      });
    }
    case 'member':
      return envelope('members', 'member-change', {
        conversation: { id: conversation.id },
        member: { id: event.member.id, state: event.member.state },
        timestamp: new Date().toISOString(),
      });
    default:
      return null;
  }
}

/**
 * The event stream of guest chats: call `handleUpgrade` for every HTTP upgrade (it answers false for other paths)
 * and `awaitGuest` for each new chat, whose guest must attach within the grace period.
 * @param {Store} store
 * @param {import('./jwt.js').JwtIssuer} jwt
 */
export function createEventStream(store, jwt) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_GUEST_FRAME_BYTES });
  /** Open sockets per conversation id. @type {Map<string, Set<WebSocket>>} */
  const sockets = new Map();
  /** Pending removal of a guest whose socket is away, per conversation id. @type {Map<string, NodeJS.Timeout>} */
  const graceTimers = new Map();

  /**
   * @param {WebSocket} socket
   * @param {string} data
   */
  const send = (socket, data) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(data);
    if (store.faults.duplicateEvents) socket.send(data);
  };

  /** @param {Conversation} conversation */
  const awaitGuest = (conversation) => {
    store.cancel(graceTimers.get(conversation.id));
    const timer = store.later(() => {
      graceTimers.delete(conversation.id);
      if (store.conversations.get(conversation.id) === conversation) {
        endConversation(store, conversation, customerOf(conversation));
      }
    }, store.config.guestGraceMs);
    graceTimers.set(conversation.id, timer);
  };

  store.on('event', (/** @type {Conversation} */ conversation, /** @type {ConversationEvent} */ event) => {
    if (conversation.kind !== 'guest-chat') return;
    const open = sockets.get(conversation.id);
    if (!open) return;
    const frame = frameFor(conversation, event);
    if (frame) {
      const data = JSON.stringify(frame);
      for (const socket of open) send(socket, data);
    }
    if (event.type === 'ended') for (const socket of open) socket.close(1001, 'The conversation is ended');
  });

  /**
   * @param {WebSocket} socket
   * @param {Conversation} conversation
   */
  const attach = (socket, conversation) => {
    const handle = { terminate: () => socket.terminate() };
    store.sockets.add(handle);
    const heartbeat = setInterval(() => {
      if (store.faults.heartbeats && socket.readyState === socket.OPEN) socket.send(HEARTBEAT);
    }, store.config.heartbeatIntervalMs);
    // ws reports an oversized or malformed frame as an error after it has closed the socket (1009, 1002).
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(heartbeat);
      store.sockets.delete(handle);
      const open = sockets.get(conversation.id);
      open?.delete(socket);
      if (open?.size) return;
      sockets.delete(conversation.id);
      // A dropped guest shows DISCONNECTED but stays in the chat until the grace period runs out.
      if (store.conversations.get(conversation.id) !== conversation || isEnded(conversation)) return;
      setMemberState(
        store,
        conversation,
        /** @type {import('./state.js').Member} */ (customerOf(conversation)),
        'DISCONNECTED',
      );
      awaitGuest(conversation);
    });

    if (isEnded(conversation)) {
      socket.close(1001, 'The conversation is ended');
      return;
    }
    store.cancel(graceTimers.get(conversation.id));
    graceTimers.delete(conversation.id);
    sockets.set(conversation.id, (sockets.get(conversation.id) ?? new Set()).add(socket));
    const guest = /** @type {import('./state.js').Member} */ (customerOf(conversation));
    if (guest.state === 'CONNECTED')
      send(socket, JSON.stringify(frameFor(conversation, { type: 'member', member: guest })));
    else setMemberState(store, conversation, guest, 'CONNECTED');
    startRouting(store, conversation);
  };

  return {
    awaitGuest,

    /**
     * Takes over an upgrade request for `/v1/token/{jwt}`; false for any other path.
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:stream').Duplex} socket
     * @param {Buffer} head
     */
    handleUpgrade(req, socket, head) {
      const match = PATH.exec(requestUrl(req).pathname);
      if (!match) return false;
      const checked = jwt.verify(decodePathParam(match[1]));
      const conversation = 'claims' in checked ? store.conversations.get(checked.claims.data.conv) : undefined;
      if (!conversation || conversation.kind !== 'guest-chat') {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, conversation));
      return true;
    },

    /** Closes every socket (for shutdown). */
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
