import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GuestSocket, call, createAgent, createChat, start, until } from './helpers.js';

const emulator = await start({ defaultAutoAnswerDelayMs: 0 });
const CHATS = '/api/v2/conversations/chats';
const GUEST = '/api/v2/webchat/guest/conversations';

/**
 * A guest chat with its socket attached, offered to a fresh agent (the only one) that has not answered yet.
 */
async function offeredChat() {
  await call(emulator, 'POST', '/emulator/reset');
  const agent = await createAgent(emulator, { displayName: 'Ana', avatarImageUrl: 'https://img.example/ana.png' });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  const listed = await until(async () => {
    const res = await call(emulator, 'GET', CHATS, { token: agent.token });
    return res.body.entities.find((/** @type {any} */ c) => c.id === chat.id);
  });
  return { agent, chat, socket, listed };
}

/**
 * The agent's own participant and communication id, read as an agent app does from the generic conversation.
 * @param {string} conversationId
 * @param {{id: string, token: string}} agent
 */
async function ownCommunication(conversationId, agent) {
  const res = await call(emulator, 'GET', `/api/v2/conversations/${conversationId}`, { token: agent.token });
  const participant = res.body.participants.find(
    (/** @type {any} */ p) => p.userId === agent.id && p.chats[0].state !== 'disconnected',
  );
  return { participantId: participant.id, communicationId: participant.chats[0].id };
}

test('agent endpoints need an agent token', async () => {
  const none = await call(emulator, 'GET', CHATS);
  assert.equal(none.status, 401);
  assert.equal(none.body.code, 'authentication.required');
  const bad = await call(emulator, 'GET', CHATS, { token: 'nope' });
  assert.equal(bad.status, 401);
  assert.equal(bad.body.code, 'bad.credentials');
});

test('an offered chat: list, read, accept, talk, type, disconnect', async () => {
  const { agent, chat, socket, listed } = await offeredChat();
  const mine = listed.participants.find((/** @type {any} */ p) => p.user?.id === agent.id);
  assert.equal(mine.state, 'alerting');
  assert.equal(mine.purpose, 'agent');
  assert.equal(
    listed.participants.find((/** @type {any} */ p) => p.purpose === 'customer').attributes['context.orderId'],
    '42',
  );

  const one = await call(emulator, 'GET', `${CHATS}/${chat.id}`, { token: agent.token });
  assert.deepEqual(one.body, listed);
  assert.equal(one.body.selfUri, `${CHATS}/${chat.id}`);

  const { participantId, communicationId } = await ownCommunication(chat.id, agent);
  assert.equal(participantId, mine.id);
  const early = await call(emulator, 'POST', `${CHATS}/${chat.id}/communications/${communicationId}/messages`, {
    token: agent.token,
    body: { body: 'too soon' },
  });
  assert.equal(early.status, 404, 'an alerting chat is not yet the agent’s connected chat');

  const accepted = await call(emulator, 'PATCH', `${CHATS}/${chat.id}/participants/${participantId}`, {
    token: agent.token,
    body: { state: 'connected' },
  });
  assert.equal(accepted.status, 202);
  assert.equal(accepted.body, null);
  await socket.waitFor((f) => f.eventBody?.member?.id === communicationId && f.eventBody.member.state === 'CONNECTED');

  const guestSaid = await call(emulator, 'POST', `${GUEST}/${chat.id}/members/${chat.member.id}/messages`, {
    token: chat.jwt,
    body: { body: 'Where is my order?' },
  });
  const messages = await call(emulator, 'GET', `${CHATS}/${chat.id}/messages?sortOrder=descending&maxResults=1`, {
    token: agent.token,
  });
  assert.equal(messages.status, 200);
  assert.equal(messages.body.entities[0].id, guestSaid.body.id);
  assert.equal(messages.body.entities[0].selfUri, `${CHATS}/${chat.id}/messages/${guestSaid.body.id}`);

  const reply = await call(emulator, 'POST', `${CHATS}/${chat.id}/communications/${communicationId}/messages`, {
    token: agent.token,
    body: { body: 'On its way.' },
  });
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body.sender, { id: communicationId });
  const heard = await socket.waitFor((f) => f.eventBody?.id === reply.body.id);
  assert.equal(heard.eventBody.body, 'On its way.');

  const typing = await call(emulator, 'POST', `${CHATS}/${chat.id}/communications/${communicationId}/typing`, {
    token: agent.token,
  });
  assert.equal(typing.status, 200);
  await socket.waitFor((f) => f.metadata?.type === 'typing-indicator' && f.eventBody.id === typing.body.id);

  const guestView = await call(emulator, 'GET', `${GUEST}/${chat.id}/members/${communicationId}`, { token: chat.jwt });
  assert.deepEqual(
    {
      role: guestView.body.role,
      displayName: guestView.body.displayName,
      avatarImageUrl: guestView.body.avatarImageUrl,
    },
    { role: 'AGENT', displayName: 'Ana', avatarImageUrl: 'https://img.example/ana.png' },
  );

  const ended = await call(emulator, 'PATCH', `${CHATS}/${chat.id}/participants/${participantId}`, {
    token: agent.token,
    body: { state: 'disconnected' },
  });
  assert.equal(ended.status, 202);
  assert.equal((await socket.waitClosed()).code, 1001);
  const changes = socket
    .events()
    .filter((f) => f.metadata.type === 'member-change')
    .slice(-2);
  assert.deepEqual(
    changes.map((f) => [f.eventBody.member.id, f.eventBody.member.state]),
    [
      [communicationId, 'DISCONNECTED'],
      [chat.member.id, 'DISCONNECTED'],
    ],
  );
  assert.equal((await call(emulator, 'GET', CHATS, { token: agent.token })).body.total, 0);
  const after = await call(emulator, 'POST', `${CHATS}/${chat.id}/communications/${communicationId}/messages`, {
    token: agent.token,
    body: { body: 'x' },
  });
  assert.equal(after.status, 404);
});

test('another agent’s communication, or the customer’s, answers 404 chat.error.not.found', async () => {
  const { agent, chat, socket } = await offeredChat();
  const { participantId, communicationId } = await ownCommunication(chat.id, agent);
  await call(emulator, 'PATCH', `${CHATS}/${chat.id}/participants/${participantId}`, {
    token: agent.token,
    body: { state: 'connected' },
  });
  const stranger = await createAgent(emulator, { displayName: 'Bo' });
  for (const [token, commId] of [
    [stranger.token, communicationId],
    [agent.token, chat.member.id],
    [agent.token, 'nope'],
  ]) {
    const res = await call(emulator, 'POST', `${CHATS}/${chat.id}/communications/${commId}/messages`, {
      token,
      body: { body: 'x' },
    });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'chat.error.not.found');
    const typing = await call(emulator, 'POST', `${CHATS}/${chat.id}/communications/${commId}/typing`, { token });
    assert.equal(typing.status, 404);
  }
  const messages = await call(emulator, 'GET', `${CHATS}/${chat.id}/messages`, { token: stranger.token });
  assert.equal(messages.status, 404);
  const patch = await call(emulator, 'PATCH', `${CHATS}/${chat.id}/participants/${participantId}`, {
    token: stranger.token,
    body: { state: 'disconnected' },
  });
  assert.equal(patch.status, 403);
  const unknown = await call(emulator, 'GET', `${CHATS}/nope`, { token: agent.token });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, 'not.found');
  const badState = await call(emulator, 'PATCH', `${CHATS}/${chat.id}/participants/${participantId}`, {
    token: agent.token,
    body: { state: 'dancing' },
  });
  assert.equal(badState.status, 400);
  socket.close();
});

test('an agent who declines hands the chat to the next agent', async () => {
  const { agent, chat, socket } = await offeredChat();
  const backup = await createAgent(emulator, { displayName: 'Cy', autoAnswer: true, autoAnswerDelayMs: 0 });
  const { participantId } = await ownCommunication(chat.id, agent);
  await call(emulator, 'PATCH', `${CHATS}/${chat.id}/participants/${participantId}`, {
    token: agent.token,
    body: { state: 'disconnected' },
  });
  const cy = await until(() =>
    emulator.store.conversations.get(chat.id)?.members.find((m) => m.agentId === backup.id && m.state === 'CONNECTED'),
  );
  const states = socket
    .events()
    .filter((f) => f.metadata.type === 'member-change')
    .map((f) => f.eventBody.member.state);
  assert.deepEqual(states.slice(-5), ['ALERTING', 'DISCONNECTED', 'ALERTING', 'CONNECTED', 'DISCONNECTED']);
  assert.ok(cy);
  socket.close();
});

test('an agent who lets it ring is disconnected after the alerting timeout and the chat moves on', async () => {
  const ringing = await start({ alertingTimeoutMs: 100 });
  const ana = await createAgent(ringing, { displayName: 'Ana' });
  const chat = await createChat(ringing);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  const offer = await until(() => ringing.store.conversations.get(chat.id)?.members.find((m) => m.agentId === ana.id));
  await socket.waitFor((f) => f.eventBody?.member?.id === offer.id && f.eventBody.member.state === 'DISCONNECTED');
  const bo = await createAgent(ringing, { displayName: 'Bo', autoAnswer: true, autoAnswerDelayMs: 0 });
  await until(() =>
    ringing.store.conversations.get(chat.id)?.members.find((m) => m.agentId === bo.id && m.state === 'CONNECTED'),
  );
  socket.close();
});

test('the forum thread replayed: a third-party chat, its analytics session id, and the same 404', async () => {
  const agent = await createAgent(emulator, { displayName: 'Dee' });
  const queues = await call(emulator, 'GET', '/api/v2/routing/queues?name=Chat%20Queue', { token: agent.token });
  const queueId = queues.body.entities[0].id;

  const created = await call(emulator, 'POST', CHATS, {
    token: agent.token,
    body: { queueId, provider: 'Chat System', customerName: 'Forum Customer' },
  });
  assert.equal(created.status, 200);
  assert.deepEqual(created.body, { id: created.body.id, otherMediaUris: [], selfUri: `${CHATS}/${created.body.id}` });

  const details = await call(emulator, 'GET', `/api/v2/analytics/conversations/${created.body.id}/details`, {
    token: agent.token,
  });
  assert.equal(details.status, 200);
  assert.equal(details.body.conversationId, created.body.id);
  assert.equal(details.body.originatingDirection, 'inbound');
  const customer = details.body.participants.find((/** @type {any} */ p) => p.purpose === 'external');
  assert.equal(customer.participantName, 'Forum Customer');
  const session = customer.sessions[0];
  assert.equal(session.mediaType, 'chat');
  assert.equal(session.provider, 'Chat System');

  const res = await call(emulator, 'POST', `${CHATS}/${created.body.id}/communications/${session.sessionId}/messages`, {
    token: agent.token,
    body: { body: 'Hello from the bot platform' },
  });
  assert.equal(res.status, 404);
  assert.deepEqual(res.body, {
    message: 'Not Found',
    code: 'chat.error.not.found',
    status: 404,
    messageWithParams: 'Not Found',
    messageParams: {},
    contextId: res.headers.get('inin-correlation-id'),
    details: [],
    errors: [],
  });
  const messages = await call(emulator, 'GET', `${CHATS}/${created.body.id}/messages`, { token: agent.token });
  assert.equal(messages.status, 404);
  assert.equal(messages.body.code, 'chat.error.not.found');
});

test('creating a third-party chat checks its body', async () => {
  const agent = await createAgent(emulator, { displayName: 'Eve' });
  const missing = await call(emulator, 'POST', CHATS, { token: agent.token, body: { provider: 'X' } });
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body.details, [{ errorCode: 'invalid.value', fieldName: 'queueId' }]);
  const unknown = await call(emulator, 'POST', CHATS, { token: agent.token, body: { queueId: 'nope', provider: 'X' } });
  assert.equal(unknown.status, 400);
});

test('analytics of a guest chat: every member with its session and segments', async () => {
  await call(emulator, 'POST', '/emulator/reset');
  const agent = await createAgent(emulator, { displayName: 'Fay', autoAnswer: true, autoAnswerDelayMs: 0 });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await until(() =>
    emulator.store.conversations.get(chat.id)?.members.some((m) => m.agentId === agent.id && m.state === 'CONNECTED'),
  );
  const details = await call(emulator, 'GET', `/api/v2/analytics/conversations/${chat.id}/details`, {
    token: agent.token,
  });
  assert.deepEqual(
    details.body.participants.map((/** @type {any} */ p) => p.purpose),
    ['external', 'workflow', 'acd', 'agent'],
  );
  const fay = details.body.participants[3];
  assert.equal(fay.userId, agent.id);
  assert.deepEqual(
    fay.sessions[0].segments.map((/** @type {any} */ s) => s.segmentType),
    ['alert', 'interact'],
  );
  assert.equal(details.body.participants[0].sessions[0].sessionId, chat.member.id);
  socket.close();
});
