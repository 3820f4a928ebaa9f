import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { MessagingSocket, call, createAgent, start, until } from './helpers.js';

const emulator = await start({
  defaultAutoAnswerDelayMs: 0,
  botReplyDelayMs: 40,
  webMessaging: { rateLimitPerSecond: 20 },
});
const MESSAGES = '/api/v2/conversations/messages';

beforeEach(() => call(emulator, 'POST', '/emulator/reset'));

/**
 * A guest who wrote once and the agent it was offered to, answered; with the agent's ids from the generic
 * Conversation, as an agent app reads them.
 */
async function answeredConversation() {
  const agent = await createAgent(emulator, { displayName: 'Ana', avatarImageUrl: 'https://img.example/ana.png' });
  const guest = await MessagingSocket.session(emulator);
  await guest.say('Hello');
  const listed = await until(
    async () => (await call(emulator, 'GET', MESSAGES, { token: agent.token })).body.entities[0],
  );
  const generic = (await call(emulator, 'GET', `/api/v2/conversations/${listed.id}`, { token: agent.token })).body;
  const own = generic.participants.find((/** @type {any} */ p) => p.userId === agent.id);
  assert.equal(own.messages[0].state, 'alerting');
  assert.deepEqual(own.chats, []);
  const patched = await call(emulator, 'PATCH', `${MESSAGES}/${listed.id}/participants/${own.id}`, {
    token: agent.token,
    body: { state: 'connected' },
  });
  assert.equal(patched.status, 202);
  return { agent, guest, conversationId: listed.id, participantId: own.id, communicationId: own.messages[0].id };
}

test('a new conversation waits in the queue, is offered to an agent and answered; the agent message arrives Outbound as Human', async () => {
  const { agent, guest, conversationId, communicationId } = await answeredConversation();
  const conversation = (await call(emulator, 'GET', `${MESSAGES}/${conversationId}`, { token: agent.token })).body;
  const purposes = conversation.participants.map((/** @type {any} */ p) => `${p.purpose}:${p.state}`);
  assert.deepEqual(purposes, ['customer:connected', 'workflow:disconnected', 'acd:disconnected', 'agent:connected']);
  const customer = conversation.participants[0];
  assert.equal(customer.messages.length, 1);
  const sent = await call(
    emulator,
    'POST',
    `${MESSAGES}/${conversationId}/communications/${communicationId}/messages`,
    {
      token: agent.token,
      body: { textBody: "Hi, I'm Ana" },
    },
  );
  assert.equal(sent.status, 200);
  assert.equal(sent.body.direction, 'outbound');
  assert.equal(sent.body.messengerType, 'webmessaging');
  assert.equal(sent.body.status, 'sent');
  assert.equal(sent.body.normalizedMessage.text, "Hi, I'm Ana");
  const pushed = await guest.waitFor((frame) => frame.body?.text === "Hi, I'm Ana");
  assert.equal(pushed.type, 'message');
  assert.equal(pushed.class, 'StructuredMessage');
  assert.equal(pushed.body.id, sent.body.id);
  assert.equal(pushed.body.direction, 'Outbound');
  assert.equal(pushed.body.originatingEntity, 'Human');
  assert.deepEqual(pushed.body.channel.from, { nickname: 'Ana', image: 'https://img.example/ana.png' });
  guest.close();
});

test('agent typing arrives as an Outbound Typing event with its duration', async () => {
  const { agent, guest, conversationId, communicationId } = await answeredConversation();
  const typing = await call(
    emulator,
    'POST',
    `${MESSAGES}/${conversationId}/communications/${communicationId}/typing`,
    {
      token: agent.token,
      body: { typing: { type: 'On', duration: 3000 } },
    },
  );
  assert.equal(typing.status, 204);
  const event = await guest.waitFor((frame) => frame.body?.type === 'Event' && frame.body.direction === 'Outbound');
  assert.deepEqual(event.body.events, [{ eventType: 'Typing', typing: { type: 'On', duration: 3000 } }]);
  const bad = await call(emulator, 'POST', `${MESSAGES}/${conversationId}/communications/${communicationId}/typing`, {
    token: agent.token,
    body: {},
  });
  assert.equal(bad.status, 400);
  guest.close();
});

test('agent reads messages one by one and in bulk; strangers and other communications get 404, no token 401', async () => {
  const { agent, guest, conversationId, communicationId } = await answeredConversation();
  const customer = (await call(emulator, 'GET', `${MESSAGES}/${conversationId}`, { token: agent.token })).body
    .participants[0];
  const messageId = customer.messages[0].messageId;
  const one = await call(emulator, 'GET', `${MESSAGES}/${conversationId}/messages/${messageId}`, {
    token: agent.token,
  });
  assert.equal(one.status, 200);
  assert.equal(one.body.direction, 'inbound');
  assert.equal(one.body.normalizedMessage.text, 'Hello');
  const bulk = await call(emulator, 'POST', `${MESSAGES}/${conversationId}/messages/bulk`, {
    token: agent.token,
    body: [messageId, 'unknown'],
  });
  assert.deepEqual(
    bulk.body.entities.map((/** @type {any} */ m) => m.id),
    [messageId],
  );
  assert.equal(
    (await call(emulator, 'POST', `${MESSAGES}/${conversationId}/messages/bulk`, { token: agent.token, body: {} }))
      .status,
    400,
  );
  const stranger = await createAgent(emulator, { displayName: 'Bo' });
  assert.equal(
    (await call(emulator, 'GET', `${MESSAGES}/${conversationId}/messages/${messageId}`, { token: stranger.token }))
      .status,
    404,
  );
  const path = `${MESSAGES}/${conversationId}/communications/${communicationId}/messages`;
  assert.equal((await call(emulator, 'POST', path, { token: stranger.token, body: { textBody: 'x' } })).status, 404);
  assert.equal((await call(emulator, 'POST', path, { token: agent.token, body: {} })).status, 400);
  assert.equal(
    (await call(emulator, 'POST', path, { token: agent.token, body: { textBody: 'x'.repeat(4001) } })).status,
    400,
  );
  assert.equal((await call(emulator, 'GET', MESSAGES)).status, 401);
  guest.close();
});

test('the echo bot answers Web Messaging guests as Bot, typing first', async () => {
  await createAgent(emulator, { displayName: 'Echo', autoAnswer: true, autoAnswerDelayMs: 0, bot: 'echo' });
  const guest = await MessagingSocket.session(emulator);
  await guest.event({ eventType: 'Presence', presence: { type: 'Join' } });
  const greeting = await guest.waitFor((frame) => /^Hi, I'm Echo/.test(frame.body?.text ?? ''));
  assert.equal(greeting.body.originatingEntity, 'Bot');
  assert.equal(greeting.body.channel.from.nickname, 'Echo');
  await guest.say('ping');
  await guest.waitFor((frame) => frame.body?.text === 'You said: ping');
  const tail = guest
    .messages()
    .slice(-3)
    .map((body) => (body.type === 'Event' ? body.events[0].eventType : `${body.direction}:${body.text}`));
  assert.deepEqual(tail, ['Inbound:ping', 'Typing', 'Outbound:You said: ping']);
  guest.close();
});

test('agent disconnect: Presence Disconnect readOnly, later SessionResponse readOnly, onMessage refused 403', async () => {
  const { agent, guest, conversationId, participantId } = await answeredConversation();
  await call(emulator, 'PATCH', `${MESSAGES}/${conversationId}/participants/${participantId}`, {
    token: agent.token,
    body: { state: 'disconnected' },
  });
  const disconnect = await guest.waitFor((frame) => frame.body?.events?.[0]?.presence?.type === 'Disconnect');
  assert.equal(disconnect.body.direction, 'Outbound');
  assert.deepEqual(disconnect.body.metadata, { readOnly: 'true' });
  const refused = await guest.say('anyone?');
  assert.equal(refused.class, 'string');
  assert.equal(refused.code, 403);
  const again = await MessagingSocket.open(emulator);
  const resumed = await again.configure(guest.token);
  assert.equal(resumed.body.readOnly, true);
  assert.equal(resumed.body.newSession, false);
  assert.equal((await call(emulator, 'GET', MESSAGES, { token: agent.token })).body.total, 0);
  guest.close();
  again.close();
});

test('closeSession{closeAllConnections} then configureSession{startNew} gives a fresh session and a new conversation', async () => {
  const { agent, guest, conversationId, participantId } = await answeredConversation();
  const second = await MessagingSocket.session(emulator, guest.token);
  await call(emulator, 'PATCH', `${MESSAGES}/${conversationId}/participants/${participantId}`, {
    token: agent.token,
    body: { state: 'disconnected' },
  });
  await guest.waitFor((frame) => frame.body?.metadata?.readOnly === 'true');
  const closed = await guest.request('closeSession', { closeAllConnections: true });
  assert.equal(closed.class, 'SessionResponse');
  assert.equal(closed.body.connected, false);
  assert.equal(closed.body.readOnly, true);
  await second.waitFor((frame) => frame.class === 'ConnectionClosedEvent' && frame.type === 'message');
  await second.waitClosed();
  assert.equal(guest.closed, null);
  const fresh = await guest.configure(guest.token, { startNew: true });
  assert.deepEqual([fresh.body.connected, fresh.body.newSession, fresh.body.readOnly], [true, true, false]);
  await guest.say('new chat');
  const conversations = (await call(emulator, 'GET', '/emulator/conversations')).body;
  assert.equal(conversations.length, 2);
  assert.notEqual(conversations[1].id, conversationId);
  const jwt = (await guest.request('getJwt')).body.jwt;
  const history = await call(emulator, 'GET', '/api/v2/webmessaging/messages', { token: jwt });
  assert.deepEqual(
    history.body.entities.map((/** @type {any} */ m) => m.text),
    ['new chat'],
  );
  guest.close();
});

test('a Send disconnect is not read-only: the next message opens a new conversation in the same session', async () => {
  const sendEmulator = await start({
    defaultAutoAnswerDelayMs: 0,
    webMessaging: { conversationDisconnect: { type: 'Send' } },
  });
  const agent = await createAgent(sendEmulator, { autoAnswer: true });
  const guest = await MessagingSocket.session(sendEmulator);
  await guest.say('first');
  const conversation = await until(() =>
    [...sendEmulator.store.conversations.values()].find((c) =>
      c.members.some((m) => m.state === 'CONNECTED' && m.agentId),
    ),
  );
  const member = /** @type {any} */ (conversation.members.find((m) => m.agentId === agent.id));
  await call(sendEmulator, 'PATCH', `${MESSAGES}/${conversation.id}/participants/${member.participantId}`, {
    token: agent.token,
    body: { state: 'disconnected' },
  });
  const disconnect = await guest.waitFor((frame) => frame.body?.events?.[0]?.presence?.type === 'Disconnect');
  assert.deepEqual(disconnect.body.metadata, { readOnly: 'false' });
  assert.equal((await guest.say('second')).code, 200);
  assert.equal(sendEmulator.store.conversations.size, 2);
  guest.close();
});

test('Presence Clear: SessionClearedEvent then ConnectionClosedEvent to every socket, sockets closed, history gone, token fresh', async () => {
  const { guest } = await answeredConversation();
  const second = await MessagingSocket.session(emulator, guest.token);
  const jwt = (await guest.request('getJwt')).body.jwt;
  guest.sendRaw({
    action: 'onMessage',
    token: guest.token,
    message: { type: 'Event', events: [{ eventType: 'Presence', presence: { type: 'Clear' } }] },
  });
  for (const socket of [guest, second]) {
    await socket.waitClosed();
    const tail = socket.frames.slice(-2).map((frame) => `${frame.type}:${frame.class}`);
    assert.deepEqual(tail, ['message:SessionClearedEvent', 'message:ConnectionClosedEvent']);
  }
  const [conversation] = (await call(emulator, 'GET', '/emulator/conversations')).body;
  assert.ok(conversation.endedAt);
  assert.equal((await call(emulator, 'GET', '/api/v2/webmessaging/messages', { token: jwt })).status, 401);
  const again = await MessagingSocket.open(emulator);
  assert.equal((await again.configure(guest.token)).body.newSession, true);
  again.close();
});

test('the generic Conversation of a message conversation lists each communication in participants[].messages[]', async () => {
  const { agent, guest, conversationId, communicationId } = await answeredConversation();
  const generic = (await call(emulator, 'GET', `/api/v2/conversations/${conversationId}`, { token: agent.token })).body;
  const own = generic.participants.find((/** @type {any} */ p) => p.userId === agent.id);
  assert.equal(own.messages[0].id, communicationId);
  assert.equal(own.messages[0].state, 'connected');
  assert.equal(own.messages[0].type, 'webmessaging');
  assert.equal(generic.participants[0].messages[0].messages.length, 1);
  guest.close();
});
