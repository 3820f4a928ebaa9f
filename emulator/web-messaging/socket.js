// The Web Messaging guest socket (`/v1?deploymentId=`): every action of the reference, its answer classes and error
// codes, the per-session rate limit, and the agent side's traffic (messages, typing, disconnect) pushed as frames.
import { WebSocketServer } from 'ws';
import {
  createConversation,
  customerOf,
  endConversation,
  isEnded,
  postMessage,
  postTyping,
  startRouting,
} from '../routing.js';
import { requestUrl } from '../http.js';
import { allowedMedia } from './attachments.js';
import { deploymentState } from './config.js';
import { takeSendFault } from '../faults.js';
import { LimitError } from '../state.js';
import { closeAll, frame, lifetime, messageBody, openSession, push, renew, sendFrame, sessionOf } from './session.js';

/** @typedef {import('../state.js').Store} Store */
/** @typedef {import('../state.js').Conversation} Conversation */
/** @typedef {import('../state.js').ConversationEvent} ConversationEvent */
/** @typedef {import('./session.js').Session} Session */
/** @typedef {import('ws').WebSocket} WebSocket */

const TYPING_OFF = 'Turn on the Feature Toggle or fix the configuration.';
/** Actions in Genesys's schema that no SDK sends and whose answers are unknown: the emulator ignores them. */
const IGNORED = ['getConfiguration', 'resumeToken', 'disconnectCustomer'];
const ATTACHMENTS = ['onAttachment', 'getAttachment', 'deleteAttachment'];

/** A refused request: a `class:"string"` answer, or `TooManyRequestsErrorMessage` for 429. */
class FrameError extends Error {
  /**
   * @param {number} code
   * @param {string} message
   * @param {number} [retryAfter]  seconds, for 429
   */
  constructor(code, message, retryAfter) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/**
 * What a failed frame answers: FrameErrors as they are, a reached limit as 429, anything unexpected as 5000 (and
 * logged: it is the emulator's bug), so that one frame never stops the server.
 * @param {unknown} error
 */
function asFrameError(error) {
  if (error instanceof FrameError) return error;
  if (error instanceof LimitError) return new FrameError(429, error.message, error.retryAfterSeconds);
  console.error(`emulator error: ${error instanceof Error ? error.stack : error}`);
  return new FrameError(5000, 'unexpected server error');
}

/**
 * The frame a `failNextSend` fault answers: 429 as the rate limit, a 5xx status as 5000, others as they are.
 * @param {{status: number, retryAfterSeconds?: number}} fault
 */
const faultFrame = ({ status, retryAfterSeconds }) =>
  status === 429
    ? new FrameError(429, 'Injected failure 429', retryAfterSeconds ?? 1)
    : new FrameError(status >= 500 ? 5000 : status, `Injected failure ${status}`);

/** @param {string} name */
const missing = (name) => new FrameError(4020, `Missing required parameter: ${name}`);
const badRequest = () => new FrameError(400, 'Request failed.');

/**
 * UTF-8 bytes of the keys and values of custom attributes, as the SDK counts them.
 * @param {Record<string, unknown>} attributes
 */
const attributeBytes = (attributes) =>
  Object.entries(attributes).reduce(
    (sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(String(value)),
    0,
  );

/**
 * The customer's name from the custom attributes Genesys reserves for it, or '' when they carry none.
 * @param {Record<string, string>} attributes
 */
const customerName = (attributes) =>
  [attributes['context.firstName'], attributes['context.lastName']].filter(Boolean).join(' ');

/**
 * The guest socket server: call `handleUpgrade` for every HTTP upgrade (false for other paths).
 * @param {Store} store
 * @param {{issueJwt: (session: Session) => {jwt: string, exp: number},
 *   attachments: ReturnType<typeof import('./attachments.js').createAttachments>}} deps
 */
export function createWebMessagingSocket(store, { issueJwt, attachments }) {
  const refuse = (/** @type {number} */ code, /** @type {string} */ message) => new FrameError(code, message);
  const wm = store.config.webMessaging;
  const wss = new WebSocketServer({ noServer: true, maxPayload: wm.maxFrameBytes });
  /** The session each socket configured. @type {WeakMap<WebSocket, Session>} */
  const configured = new WeakMap();

  /**
   * @param {Session} session
   * @param {WebSocket} socket
   */
  const attach = (session, socket) => {
    configured.get(socket)?.sockets.delete(socket);
    configured.set(socket, session);
    session.sockets.add(socket);
  };
  /** @param {WebSocket} socket */
  const detach = (socket) => {
    configured.get(socket)?.sockets.delete(socket);
    configured.delete(socket);
  };

  /**
   * The conversation the guest's messages go to, created and routed on the first message or Join.
   * @param {Session} session
   */
  const conversationFor = (session) => {
    if (session.conversation && !isEnded(session.conversation)) return session.conversation;
    const conversation = createConversation(store, {
      kind: 'web-messaging',
      queue: wm.queue,
      provider: 'Genesys Web Messaging',
      customer: {
        displayName: customerName(session.customAttributes) || 'Web Messaging guest',
        customFields: { ...session.customAttributes },
      },
    });
    session.conversation = conversation;
    startRouting(store, conversation);
    return conversation;
  };

  /**
   * New custom attributes reach the customer participant; the reserved `context.*` names also rename it.
   * @param {import('../state.js').Member} customer
   * @param {Record<string, string>} attributes
   */
  const noteAttributes = (customer, attributes) => {
    customer.customFields = { ...customer.customFields, ...attributes };
    customer.displayName = customerName(customer.customFields) || customer.displayName;
  };

  /**
   * Records a guest message body in the transcript and broadcasts it to every socket of the session.
   * @param {Session} session
   * @param {object} body
   * @param {string | undefined} tracingId
   */
  const broadcastOwn = (session, body, tracingId) => {
    session.transcript.push(body);
    push(store, session, 'StructuredMessage', body, tracingId);
  };

  /**
   * Presence Clear: everyone hears SessionClearedEvent then ConnectionClosedEvent, the sockets close, the
   * conversation ends and the token is a stranger again.
   * @param {Session} session
   */
  const clear = (session) => {
    store.webMessagingSessions.delete(session.token);
    store.cancel(session.expiryTimer);
    const sockets = [...session.sockets];
    closeAll(store, session, ['SessionClearedEvent', 'ConnectionClosedEvent'], 'Session cleared');
    for (const socket of sockets) configured.delete(socket);
    const { conversation } = session;
    if (conversation) endConversation(store, conversation, customerOf(conversation));
  };

  /**
   * `configureSession`: a new session for an unknown token, the existing one otherwise; `startNew` starts over a
   * read-only session.
   * @param {WebSocket} socket
   * @param {any} request
   * @param {string} deploymentId  of the socket's URL
   */
  const configure = (socket, request, deploymentId) => {
    if (typeof request.token !== 'string' || request.token === '') throw missing('token');
    if (typeof request.deploymentId !== 'string' || request.deploymentId === '') throw missing('deploymentId');
    if (request.deploymentId !== deploymentId) throw badRequest();
    let session = store.webMessagingSessions.get(request.token);
    if (session?.expired || store.expiredSessions.has(request.token)) throw new FrameError(4006, 'Session expired.');
    const newSession = !session || (request.startNew === true && session.readOnly);
    if (session && newSession) {
      store.cancel(session.expiryTimer);
      const sockets = [...session.sockets];
      session = openSession(store, request.token);
      for (const other of sockets) attach(session, other);
    }
    session ??= openSession(store, request.token);
    attach(session, socket);
    renew(store, session);
    sendFrame(
      socket,
      frame(
        'response',
        'SessionResponse',
        200,
        {
          connected: true,
          newSession,
          readOnly: session.readOnly,
          clearedExistingSession: false,
          maxCustomDataBytes: wm.maxCustomDataBytes,
          ...allowedMedia(store),
          ...lifetime(store, session),
        },
        request.tracingId,
      ),
    );
  };

  /**
   * The session an action names, which this socket must have configured.
   * @param {WebSocket} socket
   * @param {any} request
   */
  const sessionFor = (socket, request) => {
    if (typeof request.token !== 'string' || request.token === '') throw missing('token');
    const session = configured.get(socket);
    if (!session || session.token !== request.token) {
      const known = store.webMessagingSessions.get(request.token);
      if (known?.expired || store.expiredSessions.has(request.token)) throw new FrameError(4006, 'Session expired.');
      throw new FrameError(4007, 'session not found error message');
    }
    if (session.expired) throw new FrameError(4006, 'Session expired.');
    return session;
  };

  /**
   * The `failNextFrames` fault, then the rate limit: `rateLimitPerSecond` onMessage frames per session in any
   * second, typing and presence events included.
   * @param {Session} session
   */
  const admit = (session) => {
    const fault = store.faults.failNextFrames;
    if (fault) {
      fault.count -= 1;
      if (fault.count <= 0) store.faults.failNextFrames = null;
      throw new FrameError(fault.code, `Injected failure ${fault.code}`, fault.retryAfterSeconds ?? 1);
    }
    const at = Date.now();
    session.recent = session.recent.filter((time) => time > at - 1000);
    if (session.recent.length >= wm.rateLimitPerSecond) {
      throw new FrameError(
        429,
        'Message rate too high for this session',
        Math.max(1, Math.ceil((session.recent[0] + 1000 - at) / 1000)),
      );
    }
    session.recent.push(at);
  };

  /**
   * Custom attributes from either place the clients put them: inside `message` (SDK) or beside it. The reference
   * types them `{string: string}`; numbers and booleans are taken as their text, anything else is 400.
   * @param {any} request
   * @returns {Record<string, string> | undefined}
   */
  const customAttributesOf = (request) => {
    const attributes =
      request.message.channel?.metadata?.customAttributes ?? request.channel?.metadata?.customAttributes;
    if (attributes === undefined) return undefined;
    if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) throw badRequest();
    const scalar = (/** @type {unknown} */ value) => ['string', 'number', 'boolean'].includes(typeof value);
    if (!Object.values(attributes).every(scalar)) throw badRequest();
    if (attributeBytes(attributes) > wm.maxCustomDataBytes) {
      throw new FrameError(4013, `Custom Attributes in channel metadata is larger than ${wm.maxCustomDataBytes} bytes`);
    }
    return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, String(value)]));
  };

  /**
   * `onMessage`: Text/Structured, or an Event (Typing, Presence Join, Presence Clear).
   * @param {WebSocket} socket
   * @param {any} request
   */
  const onMessage = (socket, request) => {
    const session = sessionFor(socket, request);
    const message = request.message;
    if (!message || typeof message !== 'object') throw missing('message');
    if (session.readOnly) throw new FrameError(403, 'The conversation is read-only: start a new one.');
    admit(session);
    renew(store, session);
    const attributes = customAttributesOf(request);
    if (attributes) session.customAttributes = { ...session.customAttributes, ...attributes };
    const { tracingId } = request;

    if (message.type === 'Text' || message.type === 'Structured') {
      const fault = takeSendFault(store, 'guest');
      if (fault) throw faultFrame(fault);
      const sent = attachments.resolve(
        session,
        Array.isArray(message.content) ? message.content : undefined,
        request.attachmentIds,
        refuse,
      );
      /** @type {any[] | undefined} */
      const content = sent.content;
      const text = typeof message.text === 'string' ? message.text : content ? '' : undefined;
      if (text === undefined) throw missing('message.text');
      if (text.length > store.config.maxBodyLength) {
        throw new FrameError(4011, `Message exceeds the maximum length of ${store.config.maxBodyLength} characters`);
      }
      const answers = content?.filter((item) => item?.contentType === 'ButtonResponse') ?? [];
      if (answers.some(({ buttonResponse: b }) => typeof b?.text !== 'string' || typeof b?.payload !== 'string'))
        throw missing('message.content[].buttonResponse.text/payload');
      const conversation = conversationFor(session);
      const customer = /** @type {import('../state.js').Member} */ (customerOf(conversation));
      if (attributes) noteAttributes(customer, attributes);
      const buttonText = content?.find((item) => item?.buttonResponse)?.buttonResponse.text;
      const structured = content?.filter((item) => item?.contentType !== 'Attachment');
      const posted = postMessage(store, conversation, customer, text || buttonText || '', 'standard', {
        ...(structured?.length ? { content: structured } : {}),
        ...(sent.files.length > 0 ? { attachments: attachments.recorded(sent.files) } : {}),
      });
      const body = messageBody({
        id: posted.id,
        time: posted.timestamp,
        direction: 'Inbound',
        type: message.type,
        text,
        content,
      });
      broadcastOwn(
        session,
        attributes ? { ...body, channel: { ...body.channel, metadata: { customAttributes: attributes } } } : body,
        tracingId,
      );
      return;
    }
    if (message.type !== 'Event') throw badRequest();
    const [event] = Array.isArray(message.events) ? message.events : [];
    if (!event) throw missing('message.events');
    if (event.eventType === 'Typing') {
      if (!wm.showUserTypingIndicator) throw new FrameError(403, TYPING_OFF);
      const conversation = session.conversation && !isEnded(session.conversation) ? session.conversation : undefined;
      const customer = conversation && customerOf(conversation);
      if (conversation && customer) postTyping(store, conversation, customer);
      push(
        store,
        session,
        'StructuredMessage',
        messageBody({ direction: 'Inbound', type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] }),
        tracingId,
      );
      return;
    }
    if (event.eventType !== 'Presence') throw badRequest();
    const presence = event.presence?.type;
    if (presence === 'Join') {
      const conversation = conversationFor(session);
      const customer = customerOf(conversation);
      if (attributes && customer) noteAttributes(customer, attributes);
      broadcastOwn(
        session,
        messageBody({
          direction: 'Inbound',
          type: 'Event',
          events: [{ eventType: 'Presence', presence: { type: 'Join' } }],
        }),
        tracingId,
      );
      return;
    }
    if (presence === 'Clear') {
      if (!wm.conversationClear) throw new FrameError(403, 'Presence events Conversation Clear are not supported');
      clear(session);
      return;
    }
    throw presence === undefined ? missing('message.events[0].presence.type') : badRequest();
  };

  /**
   * `closeSession`: this socket leaves the session (answered `connected:false`); with `closeAllConnections` the
   * others hear ConnectionClosedEvent and close. Nothing ends for the agent.
   * @param {WebSocket} socket
   * @param {any} request
   */
  const closeSession = (socket, request) => {
    const session = sessionFor(socket, request);
    detach(socket);
    if (request.closeAllConnections === true) {
      const others = [...session.sockets];
      closeAll(store, session, ['ConnectionClosedEvent'], 'Session closed');
      for (const other of others) configured.delete(other);
    }
    sendFrame(
      socket,
      frame(
        'response',
        'SessionResponse',
        200,
        { connected: false, newSession: false, readOnly: session.readOnly, ...lifetime(store, session) },
        request.tracingId,
      ),
    );
  };

  /**
   * @param {WebSocket} socket
   * @param {any} request
   * @param {string} deploymentId
   */
  const handle = (socket, request, deploymentId) => {
    const { action, tracingId } = request;
    if (typeof action !== 'string' || action === '') throw missing('action');
    if (IGNORED.includes(action)) return;
    if (action === 'configureSession') return configure(socket, request, deploymentId);
    if (action === 'configureAuthenticatedSession')
      throw new FrameError(4000, 'Authenticated sessions are not available.');
    if (action === 'onMessage') return onMessage(socket, request);
    if (action === 'closeSession') return closeSession(socket, request);
    if (ATTACHMENTS.includes(action)) return attachments.handle(socket, sessionFor(socket, request), request, refuse);
    const session = sessionFor(socket, request);
    if (action === 'echo') {
      // The `heartbeats: false` fault makes the link silent: echo is the Web Messaging keep-alive.
      if (!store.faults.heartbeats) return;
      renew(store, session);
      const text = typeof request.message?.text === 'string' ? request.message.text : 'ping';
      const metadata = Object.fromEntries(
        Object.entries(lifetime(store, session)).map(([key, value]) => [key, String(value)]),
      );
      sendFrame(
        socket,
        frame(
          'response',
          'StructuredMessage',
          200,
          messageBody({ direction: 'Inbound', type: 'Text', text, metadata }),
          tracingId,
        ),
      );
      return;
    }
    if (action === 'getJwt') {
      sendFrame(socket, frame('response', 'JwtResponse', 200, issueJwt(session), tracingId));
      return;
    }
    throw badRequest();
  };

  /**
   * @param {WebSocket} socket
   * @param {string} deploymentId
   */
  const serve = (socket, deploymentId) => {
    const handleForDrops = { terminate: () => socket.terminate() };
    store.sockets.add(handleForDrops);
    socket.on('close', () => {
      store.sockets.delete(handleForDrops);
      // Web Messaging is asynchronous: a guest who goes away ends nothing.
      detach(socket);
    });
    // ws reports a frame over `maxPayload` as an error after it has closed the socket with 1009; nothing else to do.
    socket.on('error', () => {});
    socket.on('message', (data, isBinary) => {
      /** @type {any} */
      let request;
      try {
        request = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        request = undefined;
      }
      if (!request || typeof request !== 'object' || Array.isArray(request)) {
        sendFrame(socket, frame('response', 'string', 400, 'Request failed.'));
        return;
      }
      try {
        handle(socket, request, deploymentId);
      } catch (caught) {
        const error = asFrameError(caught);
        const tracingId = typeof request.tracingId === 'string' ? request.tracingId : undefined;
        sendFrame(
          socket,
          error.code === 429
            ? frame(
                'response',
                'TooManyRequestsErrorMessage',
                429,
                { retryAfter: error.retryAfter, errorCode: 4029, errorMessage: error.message },
                tracingId,
              )
            : frame('response', 'string', error.code, error.message, tracingId),
        );
      }
    });
  };

  store.on('event', (/** @type {Conversation} */ conversation, /** @type {ConversationEvent} */ event) => {
    if (conversation.kind !== 'web-messaging') return;
    const session = sessionOf(store, conversation);
    if (!session) return;
    const outbound = outboundBody(store, conversation, event, attachments.contentOf);
    if (!outbound) return;
    if (event.type !== 'typing') session.transcript.push(outbound);
    push(store, session, 'StructuredMessage', outbound);
    if (event.type !== 'ended') return;
    // ReadOnly: the guest keeps the history and may only start over. Send: the next message opens a new conversation.
    if (outbound.metadata?.readOnly === 'true') session.readOnly = true;
    else session.conversation = undefined;
  });

  return {
    /**
     * Takes over an upgrade request for `/v1`; false for any other path. An unknown or inactive deployment and a
     * disallowed origin are refused with 403, as the SDK's `WebsocketAccessDenied`.
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:stream').Duplex} socket
     * @param {Buffer} head
     */
    handleUpgrade(req, socket, head) {
      const url = requestUrl(req);
      if (url.pathname !== '/v1' && url.pathname !== '/v1/') return false;
      const deploymentId = url.searchParams.get('deploymentId');
      const origin = req.headers.origin;
      const { allowedOrigins } = store.config;
      const originRefused = origin !== undefined && allowedOrigins.length > 0 && !allowedOrigins.includes(origin);
      if (deploymentState(store, deploymentId) !== 'active' || originRefused || !deploymentId) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => serve(ws, deploymentId));
      return true;
    },

    /** Closes every socket (for shutdown). */
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/**
 * The outbound StructuredMessage body for what an agent, bot or the routing did, or null for events the guest does
 * not hear about (the guest's own traffic, member changes, system messages).
 * @param {Store} store
 * @param {Conversation} conversation
 * @param {ConversationEvent} event
 * @param {(attachments: {id: string}[] | undefined) => object[]} contentOf  `content[]` items of a message's files
 */
function outboundBody(store, conversation, event, contentOf) {
  if (event.type === 'ended') {
    const { enabled, type } = store.config.webMessaging.conversationDisconnect;
    return messageBody({
      direction: 'Outbound',
      type: 'Event',
      events: [{ eventType: 'Presence', presence: { type: 'Disconnect' } }],
      metadata: { readOnly: String(enabled && type === 'ReadOnly') },
    });
  }
  if (event.type !== 'message' && event.type !== 'typing') return null;
  const senderId = event.type === 'message' ? event.message.senderId : event.typing.senderId;
  const sender = conversation.members.find((member) => member.id === senderId);
  if (!sender || sender.role === 'CUSTOMER') return null;
  const agent = sender.agentId ? store.agents.get(sender.agentId) : undefined;
  const from = { nickname: sender.displayName, ...(sender.avatarImageUrl ? { image: sender.avatarImageUrl } : {}) };
  const originatingEntity = agent?.bot ? 'Bot' : 'Human';
  if (event.type === 'typing') {
    const typing = { type: 'On', duration: event.typing.durationMs ?? 5000 };
    return messageBody({
      id: event.typing.id,
      time: event.typing.timestamp,
      direction: 'Outbound',
      type: 'Event',
      events: [{ eventType: 'Typing', typing }],
      from,
      originatingEntity,
    });
  }
  if (event.message.bodyType !== 'standard') return null;
  const { id, timestamp, body } = event.message;
  const content = [...(event.message.content ?? []), ...contentOf(event.message.attachments)];
  return messageBody({
    id,
    time: timestamp,
    direction: 'Outbound',
    type: event.message.content ? 'Structured' : 'Text',
    text: body,
    ...(content.length > 0 ? { content } : {}),
    from,
    originatingEntity,
    metadata: { correlationId: id },
  });
}
