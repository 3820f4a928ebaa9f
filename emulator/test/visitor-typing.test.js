import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { GuestSocket, MessagingSocket, call, createAgent, createChat, start, until } from './helpers.js';

const emulator = await start({ defaultAutoAnswerDelayMs: 0, webMessaging: { rateLimitPerSecond: 20 } });
const CHATS = '/api/v2/conversations/chats';
const MESSAGES = '/api/v2/conversations/messages';
const GUEST = '/api/v2/webchat/guest/conversations';

beforeEach(() => call(emulator, 'POST', '/emulator/reset'));

/** @param {any} conversation */
const customerOf = (conversation) => conversation.participants.find((/** @type {any} */ p) => p.purpose === 'customer');

test("guest chat: the customer participant carries the time of the visitor's last typing, the control API too", async () => {
  const agent = await createAgent(emulator, { autoAnswer: true });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  const answered = async () => {
    const { body } = await call(emulator, 'GET', `${CHATS}/${chat.id}`, { token: agent.token });
    return body.participants.some((/** @type {any} */ p) => p.purpose === 'agent' && p.state === 'connected') && body;
  };
  assert.equal(customerOf(await until(answered)).lastTypingTime, undefined, 'absent before the visitor types');

  const typing = await call(emulator, 'POST', `${GUEST}/${chat.id}/members/${chat.member.id}/typing`, {
    token: chat.jwt,
  });
  assert.equal(typing.status, 200);
  const read = (await call(emulator, 'GET', `${CHATS}/${chat.id}`, { token: agent.token })).body;
  assert.equal(customerOf(read).lastTypingTime, typing.body.timestamp);
  const listed = (await call(emulator, 'GET', CHATS, { token: agent.token })).body.entities[0];
  assert.equal(customerOf(listed).lastTypingTime, typing.body.timestamp);
  const [controlView] = (await call(emulator, 'GET', '/emulator/conversations')).body;
  assert.equal(controlView.members[0].typingDate, typing.body.timestamp);
  socket.close();
});

test("guest chat: the agent's own typing is not shown as the visitor's, nor on the agent participant", async () => {
  const agent = await createAgent(emulator, { autoAnswer: true });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  const generic = await until(async () => {
    const { body } = await call(emulator, 'GET', `/api/v2/conversations/${chat.id}`, { token: agent.token });
    return body.participants.find((/** @type {any} */ p) => p.userId === agent.id && p.chats[0].state === 'connected');
  });
  const path = `${CHATS}/${chat.id}/communications/${generic.chats[0].id}/typing`;
  assert.equal((await call(emulator, 'POST', path, { token: agent.token })).status, 200);
  const read = (await call(emulator, 'GET', `${CHATS}/${chat.id}`, { token: agent.token })).body;
  for (const participant of read.participants) assert.equal(participant.lastTypingTime, undefined, participant.purpose);
  socket.close();
});

test("Web Messaging: the customer participant carries the time of the guest's last Typing event", async () => {
  const agent = await createAgent(emulator, { autoAnswer: true });
  const guest = await MessagingSocket.session(emulator);
  await guest.say('Hello');
  const listed = await until(
    async () => (await call(emulator, 'GET', MESSAGES, { token: agent.token })).body.entities[0],
  );
  assert.equal(customerOf(listed).lastTypingTime, undefined, 'absent before the guest types');

  const before = new Date().toISOString();
  const echo = await guest.event({ eventType: 'Typing', typing: { type: 'On' } });
  assert.equal(echo.code, 200);
  const read = (await call(emulator, 'GET', `${MESSAGES}/${listed.id}`, { token: agent.token })).body;
  assert.ok(customerOf(read).lastTypingTime >= before, 'the time of this Typing event');
  const again = (await call(emulator, 'GET', MESSAGES, { token: agent.token })).body.entities[0];
  assert.equal(customerOf(again).lastTypingTime, customerOf(read).lastTypingTime);
  guest.close();
});
