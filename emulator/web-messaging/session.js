// Web Messaging sessions: one per guest session token, shared by every socket that configured it. A session holds
// the guest's current conversation, its transcript (what history answers), its lifetime and its send rate.
import { LimitError, newId, now } from '../state.js';

/** @typedef {import('../state.js').Store} Store */
/** @typedef {import('../state.js').Conversation} Conversation */
/** @typedef {import('ws').WebSocket} WebSocket */

/**
 * @typedef {object} Session
 * @property {string} id  names the session inside its JWTs, so that the token itself never leaves the socket
 * @property {string} token  the guest's session token
 * @property {Set<WebSocket>} sockets  connections configured for this session
 * @property {Conversation | undefined} conversation  none until the first message or Join, and again after a
 *   disconnect of type Send
 * @property {boolean} readOnly  the agent ended the conversation with a ReadOnly disconnect
 * @property {boolean} expired
 * @property {number} expiresAt  epoch milliseconds
 * @property {NodeJS.Timeout | undefined} expiryTimer
 * @property {object[]} transcript  message bodies as history answers them, oldest first
 * @property {number[]} recent  when the onMessage frames of the last second came, for the rate limit
 * @property {Record<string, string>} customAttributes
 */

/**
 * A pushed or answered frame of the guest socket.
 * @param {'response' | 'message'} type
 * @param {string} className
 * @param {number} code
 * @param {unknown} body
 * @param {string} [tracingId]
 */
export const frame = (type, className, code, body, tracingId) => ({
  type,
  class: className,
  code,
  body,
  ...(tracingId === undefined ? {} : { tracingId }),
});

/**
 * Sends a frame to one socket if it is still open.
 * @param {WebSocket} socket
 * @param {object} data
 */
export function sendFrame(socket, data) {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(data));
}

/**
 * Pushes a `type:"message"` frame to every socket of the session (twice under the `duplicateEvents` fault).
 * @param {Store} store
 * @param {Session} session
 * @param {string} className
 * @param {unknown} body
 * @param {string} [tracingId]
 */
export function push(store, session, className, body, tracingId) {
  const data = frame('message', className, 200, body, tracingId);
  for (const socket of session.sockets) {
    sendFrame(socket, data);
    if (store.faults.duplicateEvents) sendFrame(socket, data);
  }
}

/**
 * Pushes a class to every socket of the session, then closes them: the session is over for them.
 * @param {Store} store
 * @param {Session} session
 * @param {string[]} classNames  pushed in this order
 * @param {string} reason  the close reason
 */
export function closeAll(store, session, classNames, reason) {
  for (const className of classNames) push(store, session, className, {});
  for (const socket of session.sockets) socket.close(1000, reason);
  session.sockets.clear();
}

/**
 * A StructuredMessage body (also a history entity).
 * @param {{id?: string, time?: string, direction: 'Inbound' | 'Outbound', type: 'Text' | 'Structured' | 'Event',
 *   text?: string, content?: unknown[], events?: unknown[], metadata?: Record<string, string>,
 *   from?: {nickname?: string, image?: string}, originatingEntity?: 'Human' | 'Bot'}} fields
 */
export function messageBody({
  id = newId(),
  time = now(),
  direction,
  type,
  text,
  content,
  events,
  metadata,
  from,
  originatingEntity,
}) {
  return {
    id,
    channel: {
      time,
      type: 'Private',
      ...(direction === 'Inbound' ? { messageId: id } : {}),
      ...(from ? { from } : {}),
    },
    type,
    ...(text === undefined ? {} : { text }),
    ...(content ? { content } : {}),
    ...(events ? { events } : {}),
    direction,
    ...(originatingEntity ? { originatingEntity } : {}),
    ...(metadata ? { metadata } : {}),
  };
}

/**
 * Frees the session no socket holds that was renewed longest ago, to make room for a new one; when every session
 * has a socket open, the new one is refused with LimitError.
 * @param {Store} store
 */
function makeRoom(store) {
  let idlest;
  for (const session of store.webMessagingSessions.values()) {
    if (session.sockets.size === 0 && (!idlest || session.expiresAt < idlest.expiresAt)) idlest = session;
  }
  if (!idlest) {
    const count = store.webMessagingSessions.size;
    throw new LimitError(`The emulator holds ${count} Web Messaging sessions with a socket open, its limit.`, 60);
  }
  free(store, idlest);
}

/**
 * Starts a new session for a token, or starts one over (`startNew`): no conversation, no transcript. At
 * `maxLiveSessions` a session without sockets makes room, or the new token is refused with LimitError.
 * @param {Store} store
 * @param {string} token
 */
export function openSession(store, token) {
  const live = store.webMessagingSessions;
  if (!live.has(token) && live.size >= store.config.maxLiveSessions) makeRoom(store);
  /** @type {Session} */
  const session = {
    id: newId(),
    token,
    sockets: new Set(),
    conversation: undefined,
    readOnly: false,
    expired: false,
    expiresAt: 0,
    expiryTimer: undefined,
    transcript: [],
    recent: [],
    customAttributes: {},
  };
  store.webMessagingSessions.set(token, session);
  renew(store, session);
  return session;
}

/**
 * Restarts the session's lifetime (the SDK sends an echo before expiry for exactly this). At the end the guest's
 * sockets hear `SessionExpiredEvent` and close, and the session is freed; the token then answers 4006.
 * @param {Store} store
 * @param {Session} session
 */
export function renew(store, session) {
  const lifetimeMs = store.config.webMessaging.sessionDurationSeconds * 1000;
  store.cancel(session.expiryTimer);
  session.expiresAt = Date.now() + lifetimeMs;
  session.expiryTimer = store.later(() => {
    session.expired = true;
    closeAll(store, session, ['SessionExpiredEvent'], 'Session expired');
    free(store, session);
    store.rememberExpired(session.token, session.id);
  }, lifetimeMs);
}

/**
 * Forgets a session (its transcript and rate window go with it); its conversation lives on for the agent.
 * @param {Store} store
 * @param {Session} session
 */
export function free(store, session) {
  store.cancel(session.expiryTimer);
  if (store.webMessagingSessions.get(session.token) === session) store.webMessagingSessions.delete(session.token);
}

/**
 * The session a conversation belongs to, if any.
 * @param {Store} store
 * @param {Conversation} conversation
 */
export function sessionOf(store, conversation) {
  for (const session of store.webMessagingSessions.values()) if (session.conversation === conversation) return session;
  return undefined;
}

/**
 * The lifetime fields of SessionResponse and of echo replies.
 * @param {Store} store
 * @param {Session} session
 */
export const lifetime = (store, session) => ({
  durationSeconds: store.config.webMessaging.sessionDurationSeconds,
  expirationDate: Math.floor(session.expiresAt / 1000),
});
