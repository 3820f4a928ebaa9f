// The agent side of Web Messaging: the Platform API calls an agent app makes for message conversations. The agent's
// communication id (from `participants[].messages[].id` of the generic Conversation) addresses sends and typing.
import { HttpError } from '../http.js';
import { agentOf, participantView, patchParticipant } from '../agent-api.js';
import { isEnded, postMessage, postTyping } from '../routing.js';

const BASE = '/api/v2/conversations/messages';

/** @typedef {import('../state.js').Store} Store */
/** @typedef {import('../state.js').Conversation} Conversation */
/** @typedef {import('../state.js').Member} Member */
/** @typedef {import('../state.js').Message} Message */
/** @typedef {import('../http.js').Exchange} Exchange */

const notFound = () => new HttpError(404, 'not.found', 'The requested resource was not found.');

/** Messages that are real traffic (not the join/leave notices routing records). @param {Conversation} conversation */
const traffic = (conversation) => conversation.messages.filter((message) => message.bodyType === 'standard');

/** @typedef {ReturnType<typeof import('./attachments.js').createAttachments>} Attachments */

/**
 * MessageData for one message of a conversation; its files as `media` and as the normalized message's content.
 * @param {Conversation} conversation
 * @param {Message} message
 * @param {Attachments} attachments
 */
function messageData(conversation, message, attachments) {
  const sender = conversation.members.find((member) => member.id === message.senderId);
  const inbound = sender?.role === 'CUSTOMER';
  const media = attachments.mediaOf(message.attachments);
  const content = attachments.contentOf(message.attachments);
  return {
    id: message.id,
    name: sender?.displayName,
    timestamp: message.timestamp,
    direction: inbound ? 'inbound' : 'outbound',
    messengerType: 'webmessaging',
    textBody: message.body,
    status: inbound ? 'received' : 'sent',
    normalizedMessage: {
      id: message.id,
      channel: { platform: 'Webmessaging', type: 'Private', messageId: message.id, time: message.timestamp },
      type: message.content ? 'Structured' : 'Text',
      text: message.body,
      ...(message.content || content.length > 0 ? { content: [...(message.content ?? []), ...content] } : {}),
      direction: inbound ? 'Inbound' : 'Outbound',
    },
    ...(media.length > 0 ? { media } : {}),
    conversationId: conversation.id,
    selfUri: `${BASE}/${conversation.id}/messages/${message.id}`,
  };
}

/**
 * The `messages[]` of a participant: the ids of the messages it sent.
 * @param {Conversation} conversation
 * @param {Member} member
 */
const messageRefs = (conversation, member) =>
  traffic(conversation)
    .filter((message) => message.senderId === member.id)
    .map((message) => ({
      messageId: message.id,
      messageURI: `${BASE}/${conversation.id}/messages/${message.id}`,
      messageStatus: member.role === 'CUSTOMER' ? 'received' : 'sent',
      messageTime: message.timestamp,
    }));

/**
 * A member's Web Messaging communication in the generic Conversation (`participants[].messages[]`).
 * @param {Conversation} conversation
 * @param {Member} member
 */
export function messagingCommunication(conversation, member) {
  return {
    state: member.state.toLowerCase(),
    initialState: member.alertingDate ? 'alerting' : 'connected',
    id: member.id,
    held: false,
    direction: 'inbound',
    type: 'webmessaging',
    recipientType: 'webmessaging',
    connectedTime: member.connectedDate,
    disconnectedTime: member.leaveDate,
    startAlertingTime: member.alertingDate,
    provider: conversation.provider,
    messages: messageRefs(conversation, member),
  };
}

/**
 * MessageConversation with its MessageMediaParticipants.
 * @param {Conversation} conversation
 */
function messageConversationView(conversation) {
  return {
    id: conversation.id,
    participants: conversation.members.map((member) => ({
      ...participantView(conversation, member),
      type: 'webmessaging',
      recipientType: 'webmessaging',
      authenticated: false,
      messages: messageRefs(conversation, member),
    })),
    otherMediaUris: [],
    selfUri: `${BASE}/${conversation.id}`,
  };
}

/**
 * @param {import('../http.js').Router} router
 * @param {Store} store
 * @param {Attachments} attachments
 */
export function registerWebMessagingAgentApi(router, store, attachments) {
  /** @param {Exchange} exchange */
  const conversationOf = (exchange) => {
    const conversation = store.conversations.get(exchange.params.conversationId);
    if (!conversation || conversation.kind !== 'web-messaging') throw notFound();
    return conversation;
  };
  /**
   * A message conversation the caller takes or took part in.
   * @param {Exchange} exchange
   */
  const involved = (exchange) => {
    const agent = agentOf(store, exchange);
    const conversation = conversationOf(exchange);
    if (!conversation.members.some((member) => member.agentId === agent.id)) throw notFound();
    return conversation;
  };
  /**
   * The caller's own connected communication.
   * @param {Exchange} exchange
   */
  const ownCommunication = (exchange) => {
    const agent = agentOf(store, exchange);
    const conversation = conversationOf(exchange);
    const member = conversation.members.find((candidate) => candidate.id === exchange.params.communicationId);
    if (isEnded(conversation) || !member || member.agentId !== agent.id || member.state !== 'CONNECTED')
      throw notFound();
    return { conversation, member };
  };

  router.on('GET', BASE, (exchange) => {
    const agent = agentOf(store, exchange);
    const mine = [...store.conversations.values()].filter(
      (conversation) =>
        conversation.kind === 'web-messaging' &&
        !isEnded(conversation) &&
        conversation.members.some((member) => member.agentId === agent.id && member.state !== 'DISCONNECTED'),
    );
    exchange.send(200, {
      entities: mine.map(messageConversationView),
      pageSize: Math.max(25, mine.length),
      pageNumber: 1,
      total: mine.length,
      pageCount: 1,
      selfUri: `${BASE}?pageSize=25&pageNumber=1`,
    });
  });

  router.on('GET', `${BASE}/{conversationId}`, (exchange) => {
    agentOf(store, exchange);
    exchange.send(200, messageConversationView(conversationOf(exchange)));
  });

  router.on('POST', `${BASE}/{conversationId}/communications/{communicationId}/messages`, async (exchange) => {
    const { conversation, member } = ownCommunication(exchange);
    const body = await exchange.json();
    const media = attachments.agentMedia(conversation, body?.mediaIds);
    // A file may go alone: then the text may be empty.
    if (typeof body?.textBody !== 'string' || (body.textBody === '' && media.length === 0)) {
      throw new HttpError(400, 'invalid.value', 'Value [null] is not valid for field type [textBody]', {
        details: [{ errorCode: 'invalid.value', fieldName: 'textBody' }],
      });
    }
    if (body.textBody.length > store.config.maxBodyLength) {
      throw new HttpError(400, 'invalid.value', 'Messages are limited to {limit} characters', {
        messageParams: { limit: String(store.config.maxBodyLength) },
        details: [{ errorCode: 'invalid.value', fieldName: 'textBody' }],
      });
    }
    const posted = postMessage(store, conversation, member, body.textBody, 'standard', {
      ...(media.length > 0 ? { attachments: media } : {}),
    });
    exchange.send(200, messageData(conversation, posted, attachments));
  });

  router.on('POST', `${BASE}/{conversationId}/communications/{communicationId}/typing`, async (exchange) => {
    const { conversation, member } = ownCommunication(exchange);
    const body = await exchange.json();
    const duration = body?.typing?.duration;
    if (body?.typing?.type !== 'On' || (duration !== undefined && (!Number.isInteger(duration) || duration <= 0))) {
      throw new HttpError(400, 'invalid.value', 'Send {"typing": {"type": "On", "duration"?: ms}}', {
        details: [{ errorCode: 'invalid.value', fieldName: 'typing' }],
      });
    }
    postTyping(store, conversation, member, duration);
    exchange.send(204);
  });

  router.on('PATCH', `${BASE}/{conversationId}/participants/{participantId}`, (exchange) =>
    patchParticipant(store, exchange, () => conversationOf(exchange)),
  );

  router.on('GET', `${BASE}/{conversationId}/messages/{messageId}`, (exchange) => {
    const conversation = involved(exchange);
    const message = traffic(conversation).find((candidate) => candidate.id === exchange.params.messageId);
    if (!message) throw notFound();
    exchange.send(200, messageData(conversation, message, attachments));
  });

  router.on('POST', `${BASE}/{conversationId}/messages/bulk`, async (exchange) => {
    const conversation = involved(exchange);
    const ids = await exchange.json();
    if (!Array.isArray(ids) || ids.length > 1000 || ids.some((id) => typeof id !== 'string')) {
      throw new HttpError(400, 'invalid.value', 'Send a JSON array of at most 1000 message ids', {
        details: [{ errorCode: 'invalid.value', fieldName: 'body' }],
      });
    }
    const byId = new Map(traffic(conversation).map((message) => [message.id, message]));
    const found = ids.map((id) => byId.get(id)).filter((message) => message !== undefined);
    exchange.send(200, { entities: found.map((message) => messageData(conversation, message, attachments)) });
  });
}
