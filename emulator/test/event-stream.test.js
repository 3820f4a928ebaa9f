import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GuestSocket, call, createAgent, createChat, start, until } from './helpers.js';

const emulator = await start({ heartbeatIntervalMs: 50, guestGraceMs: 300, defaultAutoAnswerDelayMs: 0 });
const BASE = '/api/v2/webchat/guest/conversations';

/**
 * The member ids of a conversation by role, from the store.
 * @param {string} id
 * @param {string} role
 */
const membersOf = (id, role) =>
  emulator.store.conversations.get(id)?.members.filter((member) => member.role === role) ?? [];

test('routing starts when the socket attaches: guest, workflow, queue, then an agent alerting and connecting', async () => {
  const chat = await createChat(emulator);
  const members = await call(emulator, 'GET', `${BASE}/${chat.id}/members`, { token: chat.jwt });
  assert.equal(members.body.total, 1, 'nothing is routed before the socket is there');

  const socket = await GuestSocket.open(chat.eventStreamUri);
  await socket.waitFor(
    (f) => f.eventBody?.member?.state === 'CONNECTED' && membersOf(chat.id, 'ACD')[0]?.id === f.eventBody.member.id,
  );
  assert.deepEqual(socket.summary(), [
    'member:CONNECTED', // the guest itself
    'member:CONNECTED', // workflow
    'message:member-join',
    'member:DISCONNECTED',
    'message:member-leave',
    'member:CONNECTED', // queue
    'message:member-join',
  ]);

  await createAgent(emulator, { autoAnswer: true, autoAnswerDelayMs: 0 });
  const [agent] = await until(() =>
    membersOf(chat.id, 'AGENT').some((m) => m.state === 'CONNECTED') ? membersOf(chat.id, 'AGENT') : undefined,
  );
  await socket.waitFor(
    (f) => f.eventBody?.member?.id === membersOf(chat.id, 'ACD')[0].id && f.eventBody.member.state === 'DISCONNECTED',
  );
  assert.deepEqual(socket.summary().slice(7), [
    'member:ALERTING',
    'member:CONNECTED',
    'message:member-join',
    'member:DISCONNECTED', // queue leaves
    'message:member-leave',
  ]);
  const alerting = socket.events()[7];
  assert.equal(alerting.eventBody.member.id, agent.id);
  socket.close();
});

test('frames are shaped as Genesys sends them', async () => {
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await call(emulator, 'POST', `${BASE}/${chat.id}/members/${chat.member.id}/typing`, { token: chat.jwt });
  const sent = await call(emulator, 'POST', `${BASE}/${chat.id}/members/${chat.member.id}/messages`, {
    token: chat.jwt,
    body: { body: 'Hi' },
  });
  const echo = await socket.waitFor((f) => f.eventBody?.id === sent.body.id);
  assert.deepEqual(echo, {
    topicName: `v2.conversations.chats.${chat.id}.messages`,
    version: '2',
    eventBody: {
      id: sent.body.id,
      conversation: { id: chat.id },
      sender: { id: chat.member.id },
      body: 'Hi',
      bodyType: 'standard',
      timestamp: sent.body.timestamp,
    },
    metadata: { CorrelationId: echo.metadata.CorrelationId, type: 'message' },
  });
  const typing = socket.events().find((f) => f.metadata.type === 'typing-indicator');
  assert.equal(typing.topicName, `v2.conversations.chats.${chat.id}.messages`);
  assert.deepEqual(Object.keys(typing.eventBody).sort(), ['conversation', 'id', 'sender', 'timestamp']);
  const change = socket.events()[0];
  assert.equal(change.topicName, `v2.conversations.chats.${chat.id}.members`);
  assert.deepEqual(Object.keys(change.eventBody).sort(), ['conversation', 'member', 'timestamp']);
  assert.deepEqual(change.eventBody.member, { id: chat.member.id, state: 'CONNECTED' });
  assert.equal(change.metadata.type, 'member-change');
  socket.close();
});

test('heartbeats arrive on the interval, without version or metadata', async () => {
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await until(() => socket.frames.filter((f) => f.topicName === 'channel.metadata').length >= 2);
  assert.deepEqual(
    socket.frames.find((f) => f.topicName === 'channel.metadata'),
    { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } },
  );
  socket.close();
});

test('a dropped guest shows DISCONNECTED and comes back CONNECTED within the grace period', async () => {
  const chat = await createChat(emulator);
  const first = await GuestSocket.open(chat.eventStreamUri);
  first.close();
  await first.waitClosed();
  const guest = () => call(emulator, 'GET', `${BASE}/${chat.id}/members/${chat.member.id}`, { token: chat.jwt });
  await until(async () => (await guest()).body.state === 'DISCONNECTED');
  assert.equal((await guest()).body.leaveDate, undefined, 'a drop is not a leave');

  const second = await GuestSocket.open(chat.eventStreamUri);
  await second.waitFor((f) => f.eventBody?.member?.id === chat.member.id && f.eventBody.member.state === 'CONNECTED');
  assert.equal((await guest()).body.state, 'CONNECTED');
  const messages = await call(emulator, 'GET', `${BASE}/${chat.id}/messages`, { token: chat.jwt });
  assert.equal(
    messages.body.entities.filter(
      (/** @type {any} */ m) => m.bodyType === 'member-leave' && m.sender.id === chat.member.id,
    ).length,
    0,
  );
  second.close();
});

test('a guest away longer than the grace period is removed and the chat ends', async () => {
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  socket.close();
  const guest = () => call(emulator, 'GET', `${BASE}/${chat.id}/members/${chat.member.id}`, { token: chat.jwt });
  await until(async () => (await guest()).body.leaveDate, 2000);
  const messages = await call(emulator, 'GET', `${BASE}/${chat.id}/messages`, { token: chat.jwt });
  assert.ok(
    messages.body.entities.some(
      (/** @type {any} */ m) => m.bodyType === 'member-leave' && m.sender.id === chat.member.id,
    ),
  );
  const late = await GuestSocket.open(chat.eventStreamUri);
  assert.deepEqual(await late.waitClosed(), { code: 1001, reason: 'The conversation is ended' });
  assert.deepEqual(late.events(), []);
});

test('a guest that never attaches is removed after the grace period', async () => {
  const chat = await createChat(emulator);
  await until(() => emulator.store.conversations.get(chat.id)?.endedAt, 2000);
});

test('leaving: the guest hears its own DISCONNECTED and member-leave, then the socket closes with 1001', async () => {
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await call(emulator, 'DELETE', `${BASE}/${chat.id}/members/${chat.member.id}`, { token: chat.jwt });
  assert.equal((await socket.waitClosed()).code, 1001);
  const own = socket
    .events()
    .filter((f) => f.eventBody.member?.id === chat.member.id || f.eventBody.sender?.id === chat.member.id);
  assert.deepEqual(
    own.map((f) => f.eventBody.member?.state ?? f.eventBody.bodyType),
    ['CONNECTED', 'DISCONNECTED', 'member-leave'],
  );
});

test('an unknown or forged token is refused at the upgrade', async () => {
  const chat = await createChat(emulator);
  const forged = new GuestSocket(`${chat.eventStreamUri}x`);
  await assert.rejects(forged.opened, /401/);
  const other = new GuestSocket(`ws://127.0.0.1:${emulator.port}/v1/elsewhere`);
  await assert.rejects(other.opened, /404/);
});
