import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { postMessage } from '../routing.js';
import { GuestSocket, call, createAgent, createChat, start, until } from './helpers.js';

const emulator = await start({ heartbeatIntervalMs: 40, botReplyDelayMs: 40, queues: ['Sales', 'Chat Queue'] });
const GUEST = '/api/v2/webchat/guest/conversations';

beforeEach(() => call(emulator, 'POST', '/emulator/reset'));

test('health and config', async () => {
  assert.deepEqual((await call(emulator, 'GET', '/emulator/health')).body, { ok: true });
  const { webMessaging, ...config } = (await call(emulator, 'GET', '/emulator/config')).body;
  assert.deepEqual(config, {
    organizationId: '6f3c2e1a-0b7d-4c55-9e2a-1d4f8a7b0c01',
    deploymentId: '9a1b7c3d-5e2f-4a60-8b19-2c7d4e6f8a02',
    queues: ['Sales', 'Chat Queue'],
    heartbeatIntervalMs: 40,
    allowedOrigins: [],
  });
  assert.equal(webMessaging.queue, 'Sales');
  assert.equal(webMessaging.disabledDeploymentId, '3c8e5b1f-7a2d-4e94-b6c0-5d1f9e2a7b03');
});

test('agents: created with an id and token; a bad body is refused', async () => {
  const agent = await createAgent(emulator);
  assert.deepEqual(Object.keys(agent).sort(), ['id', 'token']);
  assert.equal((await call(emulator, 'POST', '/emulator/agents', { body: {} })).status, 400);
  assert.equal(
    (await call(emulator, 'POST', '/emulator/agents', { body: { displayName: 'X', bot: 'parrot' } })).status,
    400,
  );
});

test('a waiting chat is offered to the agent created later, who auto-answers after its delay', async () => {
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await socket.waitFor((f) => f.eventBody?.bodyType === 'member-join' && f.eventBody.sender.id !== chat.member.id);
  const created = Date.now();
  await createAgent(emulator, { autoAnswer: true, autoAnswerDelayMs: 150 });
  await socket.waitFor((f) => f.eventBody?.member?.state === 'ALERTING');
  const alertingAt = Date.now();
  const [agentMember] = await until(() => {
    const agents = emulator.store.conversations
      .get(chat.id)
      ?.members.filter((m) => m.role === 'AGENT' && m.state === 'CONNECTED');
    return agents?.length ? agents : undefined;
  });
  assert.ok(Date.now() - created >= 140, 'answered after the delay');
  assert.ok(alertingAt - created < 140, 'alerted at once');
  assert.equal(agentMember.displayName, 'Grace Agent');
  socket.close();
});

test('the echo bot greets and answers the guest, typing first', async () => {
  await createAgent(emulator, { displayName: 'Echo', autoAnswer: true, autoAnswerDelayMs: 0, bot: 'echo' });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await socket.waitFor((f) => /^Hi, I'm Echo/.test(f.eventBody?.body ?? ''));
  await call(emulator, 'POST', `${GUEST}/${chat.id}/members/${chat.member.id}/messages`, {
    token: chat.jwt,
    body: { body: 'ping' },
  });
  await socket.waitFor((f) => f.eventBody?.body === 'You said: ping');
  const tail = socket.summary().slice(-3);
  assert.deepEqual(tail, ['message:standard', 'typing', 'message:standard']);
  socket.close();
});

test('conversations: every conversation with members, states and the full message log', async () => {
  const chat = await createChat(emulator);
  const list = (await call(emulator, 'GET', '/emulator/conversations')).body;
  assert.equal(list.length, 1);
  assert.equal(list[0].id, chat.id);
  assert.equal(list[0].kind, 'guest-chat');
  assert.deepEqual(list[0].queue.name, 'Chat Queue');
  assert.equal(list[0].members[0].state, 'CONNECTED');
  assert.equal(list[0].messages[0].bodyType, 'member-join');
});

test('fault latencyMs delays Genesys answers but not the control API', async () => {
  const chat = await createChat(emulator);
  await call(emulator, 'POST', '/emulator/faults', { body: { latencyMs: 200 } });
  let started = Date.now();
  await call(emulator, 'GET', `${GUEST}/${chat.id}/members`, { token: chat.jwt });
  assert.ok(Date.now() - started >= 190);
  started = Date.now();
  await call(emulator, 'GET', '/emulator/health');
  assert.ok(Date.now() - started < 150);
  await call(emulator, 'DELETE', '/emulator/faults');
});

test('fault failNext fails the next matching calls with an ErrorBody; 429 carries Retry-After', async () => {
  const chat = await createChat(emulator);
  await call(emulator, 'POST', '/emulator/faults', {
    body: { failNext: { count: 2, status: 429, pathContains: '/messages' } },
  });
  const members = await call(emulator, 'GET', `${GUEST}/${chat.id}/members`, { token: chat.jwt });
  assert.equal(members.status, 200, 'a call that does not match goes through');
  for (let i = 0; i < 2; i += 1) {
    const res = await call(emulator, 'GET', `${GUEST}/${chat.id}/messages`, { token: chat.jwt });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.equal(res.body.code, 'too.many.requests.retry.after');
    assert.equal(res.body.message, 'Retry the request in [1] seconds');
    assert.equal(res.body.messageWithParams, 'Retry the request in [{retryAfter}] seconds');
    assert.equal(res.body.contextId, res.headers.get('inin-correlation-id'));
  }
  assert.equal((await call(emulator, 'GET', `${GUEST}/${chat.id}/messages`, { token: chat.jwt })).status, 200);

  await call(emulator, 'POST', '/emulator/faults', { body: { failNext: { count: 1, status: 503 } } });
  const down = await call(emulator, 'POST', `${GUEST}`, { body: {} });
  assert.equal(down.status, 503);
  assert.equal(down.body.code, 'service.unavailable');
  assert.equal(
    (await call(emulator, 'POST', '/emulator/faults', { body: { failNext: { count: 0, status: 200 } } })).status,
    400,
  );
});

test('fault dropSockets closes every guest socket; the guest can come back', async () => {
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await call(emulator, 'POST', '/emulator/faults', { body: { dropSockets: true } });
  assert.equal((await socket.waitClosed()).code, 1006);
  const again = await GuestSocket.open(chat.eventStreamUri);
  await again.waitFor((f) => f.eventBody?.member?.id === chat.member.id && f.eventBody.member.state === 'CONNECTED');
  again.close();
});

test('fault heartbeats:false stops heartbeats while the socket stays open', async () => {
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await socket.waitFor((f) => f.topicName === 'channel.metadata');
  await call(emulator, 'POST', '/emulator/faults', { body: { heartbeats: false } });
  const count = socket.frames.length;
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(socket.frames.length, count);
  assert.equal(socket.closed, null);
  await call(emulator, 'DELETE', '/emulator/faults');
  await until(() => socket.frames.length > count);
  socket.close();
});

test('fault duplicateEvents sends every event twice', async () => {
  const chat = await createChat(emulator);
  await call(emulator, 'POST', '/emulator/faults', { body: { duplicateEvents: true, heartbeats: false } });
  const socket = await GuestSocket.open(chat.eventStreamUri);
  const sent = await call(emulator, 'POST', `${GUEST}/${chat.id}/members/${chat.member.id}/messages`, {
    token: chat.jwt,
    body: { body: 'twice' },
  });
  await until(() => socket.frames.filter((f) => f.eventBody?.id === sent.body.id).length === 2);
  const copies = socket.frames.filter((f) => f.eventBody?.id === sent.body.id);
  assert.deepEqual(copies[0], copies[1]);
  assert.equal(socket.events().length % 2, 0);
  socket.close();
});

test('reset forgets conversations, agents and faults', async () => {
  const chat = await createChat(emulator);
  const agent = await createAgent(emulator);
  await call(emulator, 'POST', '/emulator/faults', { body: { latencyMs: 5 } });
  await call(emulator, 'POST', '/emulator/reset');
  assert.deepEqual((await call(emulator, 'GET', '/emulator/conversations')).body, []);
  assert.equal((await call(emulator, 'GET', '/api/v2/conversations/chats', { token: agent.token })).status, 401);
  assert.equal((await call(emulator, 'GET', `${GUEST}/${chat.id}/members`, { token: chat.jwt })).status, 404);
  assert.equal(emulator.store.faults.latencyMs, 0);
});

test('an unknown path answers 404 with an ErrorBody; extraHandler gets it first', async () => {
  const res = await call(emulator, 'GET', '/nowhere');
  assert.equal(res.status, 404);
  assert.equal(res.body.code, 'not.found');
  const withPages = await start({
    extraHandler: (req, res) => {
      if (req.url !== '/demo') return false;
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('demo page');
      return true;
    },
  });
  assert.equal(await (await fetch(`${withPages.url}/demo`)).text(), 'demo page');
  assert.equal((await fetch(`${withPages.url}/other`)).status, 404);
});

test("a conversation's messages have strictly increasing times, so clients order a burst as it was written", async () => {
  const chat = await createChat(emulator);
  const conversation = emulator.store.conversations.get(chat.id);
  assert.ok(conversation);
  const guest = conversation.members.find((member) => member.id === chat.member.id);
  assert.ok(guest);
  // One synchronous burst: every message is posted within the same millisecond of the clock.
  for (let i = 0; i < 30; i++) postMessage(emulator.store, conversation, guest, `m${i}`);
  const times = conversation.messages.map((message) => Date.parse(message.timestamp));
  for (let i = 1; i < times.length; i++)
    assert.ok(times[i] > times[i - 1], `two messages share ${new Date(times[i]).toISOString()}`);
});
