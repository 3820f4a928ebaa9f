// The Guest Chat API (`/api/v2/webchat/guest`): what the widget's guest calls over REST.
import { HttpError, entityPage, intQuery } from './http.js';
import { pageMessages } from './history.js';
import { createConversation, customerOf, endConversation, isEnded, postMessage, postTyping } from './routing.js';

const BASE = '/api/v2/webchat/guest/conversations';
const BODY_TYPES = ['standard', 'notice', 'member-join', 'member-leave', 'media-request'];
const NOT_ACTIVE = { messageParams: { message: 'The conversation is not active' } };

/** @typedef {import('./state.js').Store} Store */
/** @typedef {import('./state.js').Conversation} Conversation */
/** @typedef {import('./state.js').Member} Member */
/** @typedef {import('./state.js').Message} Message */
/** @typedef {import('./http.js').Exchange} Exchange */

/**
 * WebChatMemberInfo.
 * @param {Member} member
 */
export function memberView(member) {
  return {
    id: member.id,
    displayName: member.displayName,
    firstName: member.firstName,
    lastName: member.lastName,
    email: member.email,
    phoneNumber: member.phoneNumber,
    avatarImageUrl: member.avatarImageUrl,
    role: member.role,
    joinDate: member.joinDate,
    leaveDate: member.leaveDate,
    authenticatedGuest: member.role === 'CUSTOMER' ? Boolean(member.authenticatedGuest) : undefined,
    customFields: member.customFields,
    state: member.state,
  };
}

/**
 * WebChatMessage; `selfBase` is where the message can be read again (guest or agent path).
 * @param {Conversation} conversation
 * @param {Message} message
 * @param {string} selfBase
 */
export function messageView(conversation, message, selfBase) {
  return {
    id: message.id,
    conversation: { id: conversation.id, selfUri: `/api/v2/conversations/${conversation.id}` },
    sender: { id: message.senderId },
    body: message.body,
    bodyType: message.bodyType,
    timestamp: message.timestamp,
    selfUri: `${selfBase}/${message.id}`,
  };
}

/**
 * WebChatTyping.
 * @param {Conversation} conversation
 * @param {{id: string, senderId: string, timestamp: string}} typing
 */
export function typingView(conversation, typing) {
  return {
    id: typing.id,
    conversation: { id: conversation.id, selfUri: `/api/v2/conversations/${conversation.id}` },
    sender: { id: typing.senderId },
    timestamp: typing.timestamp,
  };
}

/**
 * Checks a request body for the guest's message and returns its text and type.
 * @param {any} body
 * @param {number} maxLength
 * @returns {{text: string, bodyType: Message['bodyType']}}
 */
export function readMessageRequest(body, maxLength) {
  if (typeof body?.body !== 'string') {
    throw new HttpError(400, 'chat.error.notnull.createconversationmessagerequest.body', 'body may not be null', {
      details: [{ errorCode: 'chat.error.notnull.createconversationmessagerequest.body', fieldName: 'body' }],
    });
  }
  const bodyType = body.bodyType ?? 'standard';
  if (!BODY_TYPES.includes(bodyType)) {
    throw new HttpError(400, 'chat.error.bad.request', 'Invalid bodyType [{bodyType}]', {
      messageParams: { bodyType: String(bodyType) },
      details: [{ errorCode: 'chat.error.bad.request', fieldName: 'bodyType' }],
    });
  }
  if (body.body.length > maxLength) {
    throw new HttpError(400, 'chat.error.bad.request', 'Message bodies are limited to {limit} characters', {
      messageParams: { limit: String(maxLength) },
      details: [{ errorCode: 'chat.error.bad.request', fieldName: 'body' }],
    });
  }
  return { text: body.body, bodyType };
}

/**
 * @param {Store} store
 * @param {import('./jwt.js').JwtIssuer} jwt
 * @param {Exchange} exchange
 */
function authorize(store, jwt, exchange) {
  const token = exchange.bearer();
  if (!token) {
    throw new HttpError(
      401,
      'authentication.required',
      'No authentication bearer token specified in authorization header.',
    );
  }
  const checked = jwt.verify(token);
  if ('error' in checked) {
    throw checked.error === 'expired'
      ? new HttpError(401, 'credentials.expired', 'The supplied credentials are expired and cannot be used.')
      : new HttpError(401, 'bad.credentials', 'Invalid login credentials.');
  }
  const conversation = store.conversations.get(exchange.params.conversationId);
  if (!conversation || conversation.kind !== 'guest-chat') {
    throw new HttpError(404, 'not.found', 'The web chat conversation was not found.');
  }
  if (checked.claims.data.conv !== conversation.id)
    throw new HttpError(401, 'bad.credentials', 'Invalid login credentials.');
  const guest = /** @type {Member} */ (conversation.members.find((member) => member.id === checked.claims.data.sub));
  return { conversation, guest };
}

/**
 * @param {Conversation} conversation
 * @param {string} memberId
 */
function findMember(conversation, memberId) {
  const member = conversation.members.find((candidate) => candidate.id === memberId);
  if (!member) throw new HttpError(404, 'chat.error.not.found', 'The web chat conversation member was not found.');
  return member;
}

/**
 * The member path names the guest itself, and the guest may act in the conversation now.
 * @param {Conversation} conversation
 * @param {Member} guest
 * @param {string} memberId
 */
function actingGuest(conversation, guest, memberId) {
  const member = findMember(conversation, memberId);
  if (member !== guest)
    throw new HttpError(403, 'not.authorized', 'You are not authorized to perform the requested action.');
  if (isEnded(conversation) || !conversation.routed) {
    throw new HttpError(400, 'chat.error.conversation.state', 'Conversation State', NOT_ACTIVE);
  }
  if (member.state !== 'CONNECTED') {
    throw new HttpError(400, 'chat.error.member.state', 'Member State', {
      messageParams: { message: 'The member is not connected' },
    });
  }
  return member;
}

/**
 * The reasons a create body is refused, as ErrorBody details (empty when it is fine).
 * @param {Store} store
 * @param {any} body
 */
function createProblems(store, body) {
  const { config } = store;
  /** @type {Array<{errorCode: string, fieldName: string}>} */
  const problems = [];
  const add = (/** @type {string} */ errorCode, /** @type {string} */ fieldName) =>
    problems.push({ errorCode, fieldName });
  if (!body?.organizationId) add('chat.error.bad.request', 'organizationId');
  else if (body.organizationId !== config.organizationId) add('chat.error.bad.request', 'organizationId');
  if (!body?.deploymentId) add('chat.error.pattern.createconversationrequest.deploymentid', 'deploymentId');
  else if (body.deploymentId !== config.deploymentId) add('chat.error.bad.request', 'deploymentId');
  const target = body?.routingTarget;
  if (!target) add('chat.error.notnull.createconversationrequest.routingtarget', 'routingTarget');
  else if (String(target.targetType ?? '').toUpperCase() !== 'QUEUE')
    add('chat.error.createconversationrequest.routingtarget', 'routingTarget.targetType');
  else if (!target.targetAddress)
    add('chat.error.createconversationrequest.routingtarget', 'routingTarget.targetAddress');
  else if (!store.queueByName(target.targetAddress)) add('chat.error.invalid.queue', 'routingTarget.targetAddress');
  const info = body?.memberInfo;
  if (!info?.displayName)
    add('chat.error.notnull.createconversationrequest.memberinfo.displayname', 'memberInfo.displayName');
  else if (typeof info.displayName !== 'string') add('chat.error.bad.request', 'memberInfo.displayName');
  // Custom fields are a map of strings: anything else would fail every agent call that lists the visitor.
  const fields = info?.customFields;
  const isStringMap =
    fields === undefined ||
    (fields !== null &&
      typeof fields === 'object' &&
      !Array.isArray(fields) &&
      Object.values(fields).every((value) => typeof value === 'string'));
  if (!isStringMap) add('chat.error.bad.request', 'memberInfo.customFields');
  return problems;
}

const PROBLEM_TEXT = /** @type {Record<string, string>} */ ({
  'chat.error.bad.request': 'Bad request: {fieldName} is missing or unknown',
  'chat.error.pattern.createconversationrequest.deploymentid': 'deploymentId must be a deployment id',
  'chat.error.notnull.createconversationrequest.routingtarget': 'routingTarget may not be null',
  'chat.error.createconversationrequest.routingtarget':
    'routingTarget must name a queue by targetType QUEUE and targetAddress',
  'chat.error.invalid.queue': 'The queue [{fieldValue}] is not valid',
  'chat.error.notnull.createconversationrequest.memberinfo.displayname': 'memberInfo.displayName may not be null',
});

/**
 * Registers the guest endpoints.
 * @param {import('./http.js').Router} router
 * @param {Store} store
 * @param {{jwt: import('./jwt.js').JwtIssuer, streamUri: (exchange: Exchange, jwt: string) => string,
 *   awaitGuest: (conversation: Conversation) => void}} deps
 */
export function registerGuestApi(router, store, { jwt, streamUri, awaitGuest }) {
  const { config } = store;
  const auth = (/** @type {Exchange} */ exchange) => authorize(store, jwt, exchange);

  router.on('POST', BASE, async (exchange) => {
    const origin = exchange.req.headers.origin;
    if (origin && config.allowedOrigins.length > 0 && !config.allowedOrigins.includes(origin)) {
      throw new HttpError(
        403,
        'origin.not.allowed',
        'Not allowed to create an ACD chat conversation from an external customer',
      );
    }
    const body = await exchange.json();
    const problems = createProblems(store, body);
    if (problems.length > 0) {
      const [first] = problems;
      throw new HttpError(400, first.errorCode, PROBLEM_TEXT[first.errorCode], {
        messageParams: { fieldName: first.fieldName, fieldValue: String(body?.routingTarget?.targetAddress ?? '') },
        details: problems,
      });
    }
    const info = body.memberInfo;
    const conversation = createConversation(store, {
      kind: 'guest-chat',
      queue: /** @type {{id: string, name: string}} */ (store.queueByName(body.routingTarget.targetAddress)),
      provider: 'PureCloud Webchat v2',
      customer: {
        displayName: info.displayName,
        firstName: info.firstName,
        lastName: info.lastName,
        email: info.email,
        phoneNumber: info.phoneNumber,
        avatarImageUrl: info.avatarImageUrl,
        customFields: info.customFields,
        authenticatedGuest: false,
      },
    });
    const guest = /** @type {Member} */ (customerOf(conversation));
    const token = jwt.mint({
      conversationId: conversation.id,
      deploymentId: config.deploymentId,
      memberId: guest.id,
      organizationId: config.organizationId,
      lifetimeMs: config.jwtLifetimeMs,
    });
    awaitGuest(conversation);
    exchange.send(200, {
      id: conversation.id,
      jwt: token,
      eventStreamUri: streamUri(exchange, token),
      member: { id: guest.id },
    });
  });

  router.on('GET', `${BASE}/{conversationId}/members`, (exchange) => {
    const { conversation } = auth(exchange);
    const pageSize = intQuery(exchange, 'pageSize', { fallback: 25, min: 1, max: config.maxMembersPageSize });
    const pageNumber = intQuery(exchange, 'pageNumber', { fallback: 1, min: 1, max: Number.MAX_SAFE_INTEGER });
    const exclude = exchange.query('excludeDisconnectedMembers');
    if (exclude !== undefined && exclude !== 'true' && exclude !== 'false') {
      throw new HttpError(
        400,
        'invalid.query.param.value',
        'Value [{value}] is not valid for query parameter [{name}]',
        {
          messageParams: { value: exclude, name: 'excludeDisconnectedMembers' },
        },
      );
    }
    const members = conversation.members.filter((member) => exclude !== 'true' || member.state !== 'DISCONNECTED');
    const uri = (/** @type {number} */ page) =>
      `${BASE}/${conversation.id}/members?pageSize=${pageSize}&pageNumber=${page}` +
      (exclude === undefined ? '' : `&excludeDisconnectedMembers=${exclude}`);
    exchange.send(200, entityPage(members.map(memberView), pageNumber, pageSize, uri));
  });

  router.on('GET', `${BASE}/{conversationId}/members/{memberId}`, (exchange) => {
    const { conversation } = auth(exchange);
    exchange.send(200, memberView(findMember(conversation, exchange.params.memberId)));
  });

  router.on('DELETE', `${BASE}/{conversationId}/members/{memberId}`, (exchange) => {
    const { conversation, guest } = auth(exchange);
    const member = findMember(conversation, exchange.params.memberId);
    if (member !== guest)
      throw new HttpError(403, 'not.authorized', 'You are not authorized to perform the requested action.');
    if (isEnded(conversation))
      throw new HttpError(400, 'chat.error.conversation.state', 'Conversation State', NOT_ACTIVE);
    endConversation(store, conversation, member);
    exchange.send(204);
  });

  router.on('POST', `${BASE}/{conversationId}/members/{memberId}/messages`, async (exchange) => {
    const { conversation, guest } = auth(exchange);
    const { text, bodyType } = readMessageRequest(await exchange.json(), config.maxBodyLength);
    const member = actingGuest(conversation, guest, exchange.params.memberId);
    const message = postMessage(store, conversation, member, text, bodyType);
    exchange.send(200, messageView(conversation, message, `${BASE}/${conversation.id}/messages`));
  });

  router.on('POST', `${BASE}/{conversationId}/members/{memberId}/typing`, (exchange) => {
    const { conversation, guest } = auth(exchange);
    const member = actingGuest(conversation, guest, exchange.params.memberId);
    exchange.send(200, typingView(conversation, postTyping(store, conversation, member)));
  });

  router.on('GET', `${BASE}/{conversationId}/messages`, (exchange) => {
    const { conversation } = auth(exchange);
    const basePath = `${BASE}/${conversation.id}/messages`;
    exchange.send(
      200,
      pageMessages(exchange, conversation.messages, {
        basePath,
        maxResults: config.maxResults,
        view: (message) => messageView(conversation, message, basePath),
      }),
    );
  });

  router.on('GET', `${BASE}/{conversationId}/messages/{messageId}`, (exchange) => {
    const { conversation } = auth(exchange);
    const message = conversation.messages.find((candidate) => candidate.id === exchange.params.messageId);
    if (!message) throw new HttpError(404, 'chat.error.not.found', 'The web chat conversation message was not found.');
    exchange.send(200, messageView(conversation, message, `${BASE}/${conversation.id}/messages`));
  });

  // Media requests (co-browse / screen share hand-offs) are never made here: the list is empty.
  router.on('GET', `${BASE}/{conversationId}/mediarequests`, (exchange) => {
    auth(exchange);
    exchange.send(200, { entities: [] });
  });
  const noMediaRequest = (/** @type {Exchange} */ exchange) => {
    auth(exchange);
    throw new HttpError(404, 'chat.error.not.found', 'The media request was not found.');
  };
  router.on('GET', `${BASE}/{conversationId}/mediarequests/{mediaRequestId}`, noMediaRequest);
  router.on('PATCH', `${BASE}/{conversationId}/mediarequests/{mediaRequestId}`, noMediaRequest);
}
