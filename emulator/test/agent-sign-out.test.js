import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { GuestSocket, MessagingSocket, call, createAgent, createChat, start, until } from './helpers.js';

const emulator = await start({ defaultAutoAnswerDelayMs: 0, botReplyDelayMs: 40 });
const CHATS = '/api/v2/conversations/chats';
const MESSAGES = '/api/v2/conversations/messages';
const GUEST = '/api/v2/webchat/guest/conversations';

beforeEach(() => call(emulator, 'POST', '/emulator/reset'));

/**
 * The states of the agents' members of a conversation, `name:STATE` in order, from the control API.
 * @param {string} conversationId
 */
async function agentStates(conversationId) {
  const conversations = (await call(emulator, 'GET', '/emulator/conversations')).body;
  const conversation = conversations.find((/** @type {any} */ c) => c.id === conversationId);
  return conversation.members
    .filter((/** @type {any} */ m) => m.role === 'AGENT')
    .map((/** @type {any} */ m) => `${m.displayName}:${m.state}`);
}

/**
 * Waits until the agents' members of a conversation are exactly `expected`.
 * @param {string} conversationId
 * @param {string[]} expected
 */
const untilAgents = (conversationId, expected) =>
  until(async () => JSON.stringify(await agentStates(conversationId)) === JSON.stringify(expected));

test('signing out: 204, the token stops working, an unknown agent is 404', async () => {
  const agent = await createAgent(emulator);
  assert.equal((await call(emulator, 'GET', CHATS, { token: agent.token })).status, 200);
  assert.equal((await call(emulator, 'DELETE', `/emulator/agents/${agent.id}`)).status, 204);
  assert.equal((await call(emulator, 'GET', CHATS, { token: agent.token })).status, 401);
  const again = await call(emulator, 'DELETE', `/emulator/agents/${agent.id}`);
  assert.equal(again.status, 404);
  assert.equal(again.body.code, 'not.found');
});

test('an offer ringing for an agent who signs out rings for another agent', async () => {
  const first = await createAgent(emulator, { displayName: 'First' });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await untilAgents(chat.id, ['First:ALERTING']);
  await createAgent(emulator, { displayName: 'Second' });
  await call(emulator, 'DELETE', `/emulator/agents/${first.id}`);
  await untilAgents(chat.id, ['First:DISCONNECTED', 'Second:ALERTING']);
  socket.close();
});

test('a guest chat in progress goes back to the queue: the visitor sees the agent leave and stays, the next agent gets it', async () => {
  const first = await createAgent(emulator, { displayName: 'First', autoAnswer: true });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await untilAgents(chat.id, ['First:CONNECTED']);
  const agentMember = (
    await socket.waitFor((f) => f.eventBody?.member?.state === 'CONNECTED' && f.eventBody.member.id !== chat.member.id)
  ).eventBody.member.id;
  await call(emulator, 'DELETE', `/emulator/agents/${first.id}`);
  await socket.waitFor((f) => f.eventBody?.bodyType === 'member-leave' && f.eventBody.sender.id === agentMember);

  const [waiting] = (await call(emulator, 'GET', '/emulator/conversations')).body;
  assert.equal(waiting.endedAt, undefined);
  assert.deepEqual(
    waiting.members.filter((/** @type {any} */ m) => m.state !== 'DISCONNECTED').map((/** @type {any} */ m) => m.role),
    ['CUSTOMER', 'ACD'],
    'the visitor waits in the queue again',
  );
  await createAgent(emulator, { displayName: 'Second', autoAnswer: true });
  await untilAgents(chat.id, ['First:DISCONNECTED', 'Second:CONNECTED']);
  const sent = await call(emulator, 'POST', `${GUEST}/${chat.id}/members/${chat.member.id}/messages`, {
    token: chat.jwt,
    body: { body: 'Still here' },
  });
  assert.equal(sent.status, 200, 'the visitor can still write');
  socket.close();
});

test('a Web Messaging conversation in progress goes back to the queue and to the next agent', async () => {
  const first = await createAgent(emulator, { displayName: 'First', autoAnswer: true });
  const guest = await MessagingSocket.session(emulator);
  await guest.say('Hello');
  const [conversation] = await until(
    async () => (await call(emulator, 'GET', MESSAGES, { token: first.token })).body.entities,
  );
  await untilAgents(conversation.id, ['First:CONNECTED']);
  await call(emulator, 'DELETE', `/emulator/agents/${first.id}`);
  const second = await createAgent(emulator, { displayName: 'Second', autoAnswer: true });
  await untilAgents(conversation.id, ['First:DISCONNECTED', 'Second:CONNECTED']);
  const listed = (await call(emulator, 'GET', MESSAGES, { token: second.token })).body.entities;
  assert.deepEqual(
    listed.map((/** @type {any} */ c) => c.id),
    [conversation.id],
  );
  assert.ok(
    !guest.messages().some((body) => body.events?.[0]?.presence?.type === 'Disconnect'),
    'nothing ended for the guest',
  );
  guest.close();
});

test('PATCH changes how an agent answers its next offers; bad values are refused', async () => {
  const agent = await createAgent(emulator, { displayName: 'Echo' });
  const patched = await call(emulator, 'PATCH', `/emulator/agents/${agent.id}`, {
    body: { autoAnswer: true, bot: 'echo' },
  });
  assert.equal(patched.status, 200);
  assert.deepEqual(patched.body, {
    id: agent.id,
    displayName: 'Echo',
    autoAnswer: true,
    autoAnswerDelayMs: 0,
    bot: 'echo',
    presenceTimeoutMs: 0,
  });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await socket.waitFor((f) => /^Hi, I'm Echo/.test(f.eventBody?.body ?? ''));

  for (const body of [{ autoAnswer: 'yes' }, { bot: 'parrot' }, { autoAnswerDelayMs: -1 }]) {
    const refused = await call(emulator, 'PATCH', `/emulator/agents/${agent.id}`, { body });
    assert.equal(refused.status, 400, JSON.stringify(body));
    assert.equal(refused.body.details[0].fieldName, Object.keys(body)[0]);
  }
  assert.equal((await call(emulator, 'PATCH', '/emulator/agents/nobody', { body: { autoAnswer: true } })).status, 404);
  socket.close();
});
