// The agent side: the Platform API calls a contact-centre agent's app makes for web chats, plus the analytics
// details and the third-party chat create that the forum thread behind this project used.
import { HttpError } from './http.js';
import { pageMessages } from './history.js';
import { messageView, readMessageRequest, typingView } from './guest-api.js';
import {
  accept,
  agentDisconnects,
  createConversation,
  isEnded,
  postMessage,
  postTyping,
  renewPresence,
} from './routing.js';

const CHATS = '/api/v2/conversations/chats';
const CHAT_KINDS = ['guest-chat', 'third-party-chat'];

/** @typedef {import('./state.js').Store} Store */
/** @typedef {import('./state.js').Conversation} Conversation */
/** @typedef {import('./state.js').Member} Member */
/** @typedef {import('./state.js').Agent} Agent */
/** @typedef {import('./http.js').Exchange} Exchange */

/** The Platform API's `purpose` of a member. */
const PURPOSES = { CUSTOMER: 'customer', AGENT: 'agent', ACD: 'acd', WORKFLOW: 'workflow' };

/** The Platform API's 404 for a chat communication that is not the caller's own connected chat, exactly. */
const chatNotFound = () => new HttpError(404, 'chat.error.not.found', 'Not Found');

/**
 * Guest custom fields as participant attributes: `context.{key}` for chats, the bare key for the custom attributes
 * of Web Messaging.
 * @param {Conversation} conversation
 * @param {Member} member
 */
export const attributesOf = (conversation, member) => {
  const prefix = conversation.kind === 'web-messaging' ? '' : 'context.';
  return Object.fromEntries(
    Object.entries(member.customFields ?? {}).map(([key, value]) => [`${prefix}${key}`, String(value)]),
  );
};

/**
 * The caller of an agent endpoint, by its Bearer token; 401 without a known one. The call renews its presence.
 * @param {Store} store
 * @param {Exchange} exchange
 */
export function agentOf(store, exchange) {
  const token = exchange.bearer();
  if (!token) {
    throw new HttpError(
      401,
      'authentication.required',
      'No authentication bearer token specified in authorization header.',
    );
  }
  const agent = store.agentByToken(token);
  if (!agent) throw new HttpError(401, 'bad.credentials', 'Invalid login credentials.');
  renewPresence(store, agent);
  return agent;
}

/**
 * `PATCH …/participants/{participantId}` of chats and messages: `connected` answers an offer, `disconnected`
 * declines it or ends the conversation.
 * @param {Store} store
 * @param {Exchange} exchange
 * @param {() => Conversation} find  the conversation of the path, or throws its 404
 */
export async function patchParticipant(store, exchange, find) {
  const agent = agentOf(store, exchange);
  const conversation = find();
  const body = await exchange.json();
  const member = conversation.members.find((candidate) => candidate.participantId === exchange.params.participantId);
  if (!member) throw new HttpError(404, 'not.found', 'The requested resource was not found.');
  if (member.agentId !== agent.id)
    throw new HttpError(403, 'not.authorized', 'You are not authorized to perform the requested action.');
  const state = String(body?.state ?? '').toLowerCase();
  if (state === 'connected') {
    if (member.state === 'DISCONNECTED') {
      throw new HttpError(400, 'chat.error.member.state', 'Member State', {
        messageParams: { message: 'The member is disconnected' },
      });
    }
    accept(store, conversation, member);
  } else if (state === 'disconnected') {
    if (member.state !== 'DISCONNECTED') agentDisconnects(store, conversation, member);
  } else {
    throw new HttpError(400, 'invalid.value', 'Value [{value}] is not valid for field type [state]', {
      messageParams: { value: String(body?.state) },
      details: [{ errorCode: 'invalid.value', fieldName: 'state' }],
    });
  }
  exchange.send(202);
}

/**
 * ChatMediaParticipant.
 * @param {Conversation} conversation
 * @param {Member} member
 */
function chatParticipantView(conversation, member) {
  return {
    ...participantView(conversation, member),
    provider: conversation.provider,
    roomId: conversation.id,
    avatarImageUrl: member.avatarImageUrl,
  };
}

/**
 * What every media's participant shows an agent app: times, purpose, state, user, queue and attributes.
 * @param {Conversation} conversation
 * @param {Member} member
 */
export function participantView(conversation, member) {
  return {
    id: member.participantId,
    name: member.displayName ?? (member.role === 'ACD' ? conversation.queue.name : undefined),
    startTime: member.joinDate,
    startAlertingTime: member.alertingDate,
    connectedTime: member.connectedDate,
    endTime: member.leaveDate,
    // Emulator extension: an agent app can poll for the visitor typing, which Genesys only pushes as a notification.
    lastTypingTime: member.role === 'CUSTOMER' ? member.typingDate : undefined,
    purpose: PURPOSES[member.role],
    state: member.state.toLowerCase(),
    direction: 'inbound',
    held: false,
    wrapupRequired: false,
    user: member.agentId ? { id: member.agentId, selfUri: `/api/v2/users/${member.agentId}` } : undefined,
    queue:
      member.role === 'ACD' || member.role === 'AGENT'
        ? { id: conversation.queue.id, selfUri: `/api/v2/routing/queues/${conversation.queue.id}` }
        : undefined,
    attributes: attributesOf(conversation, member),
  };
}

/**
 * ChatConversation.
 * @param {Conversation} conversation
 */
function chatConversationView(conversation) {
  return {
    id: conversation.id,
    participants: conversation.members.map((member) => chatParticipantView(conversation, member)),
    otherMediaUris: [],
    selfUri: `${CHATS}/${conversation.id}`,
  };
}

/**
 * The generic Conversation; each participant's `chats[].id` (web chats) or `messages[].id` (Web Messaging) is its
 * communication id.
 * @param {Conversation} conversation
 * @param {(conversation: Conversation, member: Member) => object} messagingView  a member's Web Messaging communication
 */
function conversationView(conversation, messagingView) {
  const messaging = conversation.kind === 'web-messaging';
  return {
    id: conversation.id,
    startTime: conversation.createdAt,
    endTime: conversation.endedAt,
    participants: conversation.members.map((member) => ({
      id: member.participantId,
      startTime: member.joinDate,
      endTime: member.leaveDate,
      connectedTime: member.connectedDate,
      name: member.displayName ?? (member.role === 'ACD' ? conversation.queue.name : undefined),
      userId: member.agentId,
      queueId: member.role === 'ACD' || member.role === 'AGENT' ? conversation.queue.id : undefined,
      queueName: member.role === 'ACD' || member.role === 'AGENT' ? conversation.queue.name : undefined,
      purpose: PURPOSES[member.role],
      participantType: member.role === 'CUSTOMER' ? 'External' : 'Internal',
      wrapupRequired: false,
      attributes: attributesOf(conversation, member),
      calls: [],
      callbacks: [],
      chats: messaging
        ? []
        : [
            {
              state: member.state.toLowerCase(),
              initialState: member.alertingDate ? 'alerting' : 'connected',
              id: member.id,
              roomId: conversation.id,
              segments: [],
              held: false,
              direction: 'inbound',
              startAlertingTime: member.alertingDate,
              connectedTime: member.connectedDate,
              disconnectedTime: member.leaveDate,
              provider: conversation.provider,
              avatarImageUrl: member.avatarImageUrl,
            },
          ],
      emails: [],
      messages: messaging ? [messagingView(conversation, member)] : [],
    })),
    recordingState: 'none',
    divisions: [],
    selfUri: `/api/v2/conversations/${conversation.id}`,
  };
}

/**
 * Analytics conversation details: participants with their `sessions[].sessionId` (the communication id).
 * @param {Conversation} conversation
 */
function analyticsView(conversation) {
  /**
   * @param {string} segmentType
   * @param {string} start
   * @param {string | undefined} end
   * @param {Member} member
   */
  const segment = (segmentType, start, end, member) => ({
    segmentStart: start,
    segmentEnd: end,
    queueId: member.role === 'CUSTOMER' || member.role === 'WORKFLOW' ? undefined : conversation.queue.id,
    segmentType,
    disconnectType: end && end === member.leaveDate ? (member.role === 'CUSTOMER' ? 'client' : 'endpoint') : undefined,
    conference: false,
  });
  const agentMember = conversation.members.find((member) => member.role === 'AGENT' && member.connectedDate);
  return {
    conversationId: conversation.id,
    conversationStart: conversation.createdAt,
    conversationEnd: conversation.endedAt,
    originatingDirection: 'inbound',
    divisionIds: [],
    participants: conversation.members.map((member) => ({
      participantId: member.participantId,
      participantName: member.displayName ?? (member.role === 'ACD' ? conversation.queue.name : undefined),
      userId: member.agentId,
      purpose: member.role === 'CUSTOMER' ? 'external' : PURPOSES[member.role],
      sessions: [
        {
          mediaType: 'chat',
          sessionId: member.id,
          direction: 'inbound',
          roomId: conversation.id,
          provider: conversation.provider,
          remote: member.role === 'CUSTOMER' ? member.displayName : undefined,
          requestedRoutings: member.role === 'ACD' ? ['Standard'] : undefined,
          usedRouting: member.role === 'ACD' && agentMember ? 'Standard' : undefined,
          selectedAgentId: member.role === 'ACD' ? agentMember?.agentId : undefined,
          segments: member.alertingDate
            ? [
                segment('alert', member.alertingDate, member.connectedDate ?? member.leaveDate, member),
                ...(member.connectedDate ? [segment('interact', member.connectedDate, member.leaveDate, member)] : []),
              ]
            : [segment('interact', member.joinDate, member.leaveDate, member)],
          metrics: member.connectedDate ? [{ name: 'nConnected', value: 1, emitDate: member.connectedDate }] : [],
        },
      ],
    })),
  };
}

/**
 * Registers the agent endpoints; every one needs an agent's Bearer token.
 * @param {import('./http.js').Router} router
 * @param {Store} store
 * @param {(conversation: Conversation, member: Member) => object} messagingView  the generic Conversation's entry in
 *   `participants[].messages[]` for a Web Messaging member
 */
export function registerAgentApi(router, store, messagingView) {
  /** @param {Exchange} exchange */
  const conversationOf = (exchange) => {
    const conversation = store.conversations.get(exchange.params.conversationId);
    if (!conversation || !CHAT_KINDS.includes(conversation.kind))
      throw new HttpError(404, 'not.found', 'The requested resource was not found.');
    return conversation;
  };
  /**
   * The caller's own connected chat in a guest chat, by communication id; anything else is the 404 of the thread.
   * @param {Exchange} exchange
   */
  const ownCommunication = (exchange) => {
    const agent = agentOf(store, exchange);
    const conversation = store.conversations.get(exchange.params.conversationId);
    const member = conversation?.members.find((candidate) => candidate.id === exchange.params.communicationId);
    if (!conversation || conversation.kind !== 'guest-chat' || isEnded(conversation)) throw chatNotFound();
    if (!member || member.agentId !== agent.id || member.state !== 'CONNECTED') throw chatNotFound();
    return { conversation, member };
  };
  /**
   * A guest chat the caller takes or took part in, for reading its messages.
   * @param {Exchange} exchange
   */
  const involved = (exchange) => {
    const agent = agentOf(store, exchange);
    const conversation = store.conversations.get(exchange.params.conversationId);
    if (!conversation || conversation.kind !== 'guest-chat') throw chatNotFound();
    if (!conversation.members.some((member) => member.agentId === agent.id)) throw chatNotFound();
    return conversation;
  };

  router.on('GET', CHATS, (exchange) => {
    const agent = agentOf(store, exchange);
    const mine = [...store.conversations.values()].filter(
      (conversation) =>
        !isEnded(conversation) &&
        CHAT_KINDS.includes(conversation.kind) &&
        conversation.members.some((member) => member.agentId === agent.id && member.state !== 'DISCONNECTED'),
    );
    exchange.send(200, {
      entities: mine.map(chatConversationView),
      pageSize: Math.max(25, mine.length),
      pageNumber: 1,
      total: mine.length,
      pageCount: 1,
      firstUri: `${CHATS}?pageSize=25&pageNumber=1`,
      selfUri: `${CHATS}?pageSize=25&pageNumber=1`,
      lastUri: `${CHATS}?pageSize=25&pageNumber=1`,
    });
  });

  router.on('POST', CHATS, async (exchange) => {
    agentOf(store, exchange);
    const body = await exchange.json();
    const missing = ['queueId', 'provider'].filter((field) => !body?.[field]);
    if (missing.length > 0) {
      throw new HttpError(400, 'invalid.value', 'Value [null] is not valid for field type [{fieldName}]', {
        messageParams: { fieldName: missing[0] },
        details: missing.map((fieldName) => ({ errorCode: 'invalid.value', fieldName })),
      });
    }
    const queue = store.queueById(body.queueId);
    if (!queue) {
      throw new HttpError(400, 'invalid.value', 'Value [{value}] is not valid for field type [queueId]', {
        messageParams: { value: String(body.queueId) },
        details: [{ errorCode: 'invalid.value', fieldName: 'queueId' }],
      });
    }
    // A third-party chat is only a work item: its messages never flow through Genesys, so nobody routes it and its
    // communications answer 404 to message and typing calls.
    const conversation = createConversation(store, {
      kind: 'third-party-chat',
      queue,
      provider: String(body.provider),
      customer: { displayName: body.customerName, customFields: body.attributes },
    });
    exchange.send(200, { id: conversation.id, otherMediaUris: [], selfUri: `${CHATS}/${conversation.id}` });
  });

  router.on('GET', `${CHATS}/{conversationId}`, (exchange) => {
    agentOf(store, exchange);
    exchange.send(200, chatConversationView(conversationOf(exchange)));
  });

  router.on('GET', `${CHATS}/{conversationId}/messages`, (exchange) => {
    const conversation = involved(exchange);
    const basePath = `${CHATS}/${conversation.id}/messages`;
    exchange.send(
      200,
      pageMessages(exchange, conversation.messages, {
        basePath,
        maxResults: store.config.maxResults,
        view: (message) => messageView(conversation, message, basePath),
      }),
    );
  });

  router.on('GET', `${CHATS}/{conversationId}/messages/{messageId}`, (exchange) => {
    const conversation = involved(exchange);
    const message = conversation.messages.find((candidate) => candidate.id === exchange.params.messageId);
    if (!message) throw new HttpError(404, 'chat.error.not.found', 'The web chat conversation message was not found.');
    exchange.send(200, messageView(conversation, message, `${CHATS}/${conversation.id}/messages`));
  });

  router.on('POST', `${CHATS}/{conversationId}/communications/{communicationId}/messages`, async (exchange) => {
    const { conversation, member } = ownCommunication(exchange);
    const { text, bodyType } = readMessageRequest(await exchange.json(), store.config.maxBodyLength);
    const message = postMessage(store, conversation, member, text, bodyType);
    exchange.send(200, messageView(conversation, message, `${CHATS}/${conversation.id}/messages`));
  });

  router.on('POST', `${CHATS}/{conversationId}/communications/{communicationId}/typing`, (exchange) => {
    const { conversation, member } = ownCommunication(exchange);
    exchange.send(200, typingView(conversation, postTyping(store, conversation, member)));
  });

  router.on('PATCH', `${CHATS}/{conversationId}/participants/{participantId}`, (exchange) =>
    patchParticipant(store, exchange, () => conversationOf(exchange)),
  );

  router.on('GET', '/api/v2/conversations/{conversationId}', (exchange) => {
    agentOf(store, exchange);
    const conversation = store.conversations.get(exchange.params.conversationId);
    if (!conversation) throw new HttpError(404, 'not.found', 'The requested resource was not found.');
    exchange.send(200, conversationView(conversation, messagingView));
  });

  router.on('GET', '/api/v2/analytics/conversations/{conversationId}/details', (exchange) => {
    agentOf(store, exchange);
    exchange.send(200, analyticsView(conversationOf(exchange)));
  });

  router.on('GET', '/api/v2/routing/queues', (exchange) => {
    agentOf(store, exchange);
    const name = exchange.query('name');
    const queues = store.config.queues.filter((queue) => name === undefined || queue.name === name);
    exchange.send(200, {
      entities: queues.map((queue) => ({ ...queue, selfUri: `/api/v2/routing/queues/${queue.id}` })),
      pageSize: 25,
      pageNumber: 1,
      total: queues.length,
      pageCount: 1,
    });
  });
}
