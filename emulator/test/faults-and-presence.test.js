// Faults scoped to the guest side or the agent side ("Fail next send" fails the visitor's send on both protocols,
// never the agent's poll), agents' presence timeout and the default ring timeout, and the echo bot answering the
// message that opened a conversation.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { DEFAULTS } from '../config.js';
import { GuestSocket, MessagingSocket, call, createAgent, createChat, start, until } from './helpers.js';

const emulator = await start({
  defaultAutoAnswerDelayMs: 0,
  botReplyDelayMs: 20,
  webMessaging: { rateLimitPerSecond: 50 },
});
const GUEST = '/api/v2/webchat/guest/conversations';
const CHATS = '/api/v2/conversations/chats';

beforeEach(() => call(emulator, 'POST', '/emulator/reset'));

/** A Guest Chat answered by an agent, with the agent's communication id, as the console reads it. */
async function answeredChat() {
  const agent = await createAgent(emulator, { displayName: 'Ana', autoAnswer: true });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await until(() =>
    emulator.store.conversations.get(chat.id)?.members.find((m) => m.agentId === agent.id && m.state === 'CONNECTED'),
  );
  const generic = (await call(emulator, 'GET', `/api/v2/conversations/${chat.id}`, { token: agent.token })).body;
  const own = generic.participants.find((/** @type {any} */ p) => p.userId === agent.id);
  const send = {
    guest: () =>
      call(emulator, 'POST', `${GUEST}/${chat.id}/members/${chat.member.id}/messages`, {
        token: chat.jwt,
        body: { body: 'from the visitor' },
      }),
    agent: () =>
      call(emulator, 'POST', `${CHATS}/${chat.id}/communications/${own.chats[0].id}/messages`, {
        token: agent.token,
        body: { body: 'from the agent', bodyType: 'standard' },
      }),
    poll: () => call(emulator, 'GET', `${CHATS}/${chat.id}/messages`, { token: agent.token }),
  };
  return { agent, chat, socket, send };
}

/** @param {{side?: string, status?: number}} [fault] */
const failNextSend = (fault = {}) =>
  call(emulator, 'POST', '/emulator/faults', { body: { failNextSend: { side: 'guest', ...fault } } });

test("failNextSend on the guest side fails the visitor's next Guest Chat send, not the agent's poll or send", async () => {
  const { socket, send } = await answeredChat();
  assert.equal((await failNextSend()).status, 200);
  assert.equal((await send.poll()).status, 200, "the agent console's poll goes through");
  assert.equal((await send.agent()).status, 200, "the agent's send goes through");
  const failed = await send.guest();
  assert.equal(failed.status, 503);
  assert.equal(failed.body.code, 'service.unavailable');
  assert.equal((await send.guest()).status, 200, 'only the next one');
  socket.close();
});

test("failNextSend on the guest side fails the visitor's next Web Messaging message as a frame", async () => {
  await failNextSend();
  const guest = await MessagingSocket.session(emulator);
  const typing = await guest.event({ eventType: 'Typing', typing: { type: 'On' } });
  assert.equal(typing.code, 200, 'typing is no send');
  const failed = await guest.say('hello');
  assert.deepEqual([failed.class, failed.code], ['string', 5000]);
  assert.equal(emulator.store.conversations.size, 0, 'nothing was posted');
  assert.equal((await guest.say('hello again')).class, 'StructuredMessage');
  const limited = await call(emulator, 'POST', '/emulator/faults', {
    body: { failNextSend: { side: 'guest', status: 429, retryAfterSeconds: 2 } },
  });
  assert.equal(limited.status, 200);
  const refused = await guest.say('once more');
  assert.deepEqual([refused.class, refused.code, refused.body.retryAfter], ['TooManyRequestsErrorMessage', 429, 2]);
  guest.close();
});

test("failNextSend on the agent side fails the agent's next send, not the visitor's", async () => {
  const { socket, send } = await answeredChat();
  await failNextSend({ side: 'agent', status: 500 });
  assert.equal((await send.guest()).status, 200);
  assert.equal((await send.poll()).status, 200);
  assert.equal((await send.agent()).status, 500);
  assert.equal((await send.agent()).status, 200);
  socket.close();
});

test('failNext can be scoped to a side; a bad side is refused', async () => {
  const { socket, send } = await answeredChat();
  await call(emulator, 'POST', '/emulator/faults', { body: { failNext: { count: 1, status: 503, side: 'guest' } } });
  assert.equal((await send.poll()).status, 200);
  assert.equal((await send.agent()).status, 200);
  assert.equal((await send.guest()).status, 503);
  const bad = await call(emulator, 'POST', '/emulator/faults', { body: { failNextSend: { side: 'both' } } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.details[0].fieldName, 'failNextSend.side');
  socket.close();
});

test('an agent whose console stopped calling is signed out after its presence timeout; the offer moves on', async () => {
  const gone = await createAgent(emulator, { displayName: 'Gone', presenceTimeoutMs: 150 });
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  await until(() => emulator.store.conversations.get(chat.id)?.members.find((m) => m.agentId === gone.id));
  await until(() => !emulator.store.agents.has(gone.id));
  assert.equal((await call(emulator, 'GET', CHATS, { token: gone.token })).status, 401);
  const next = await createAgent(emulator, { displayName: 'Next' });
  await until(() =>
    emulator.store.conversations.get(chat.id)?.members.find((m) => m.agentId === next.id && m.state === 'ALERTING'),
  );
  socket.close();
});

test('an agent that keeps calling stays signed in past its presence timeout', async () => {
  // A timeout long enough that a busy test machine still calls well within it, passed three times over.
  const present = await createAgent(emulator, { displayName: 'Present', presenceTimeoutMs: 600 });
  const started = Date.now();
  await until(async () => {
    assert.equal((await call(emulator, 'GET', CHATS, { token: present.token })).status, 200);
    return Date.now() - started > 1_800;
  });
  assert.ok(emulator.store.agents.has(present.id));
});

test('an offer rings for a limited time by default, then goes to the next agent, and back when nobody else is there', async () => {
  assert.ok(DEFAULTS.alertingTimeoutMs > 0, 'a default ring timeout');
  const ringing = await start({ alertingTimeoutMs: 80 });
  const ana = await createAgent(ringing, { displayName: 'Ana' });
  const bo = await createAgent(ringing, { displayName: 'Bo' });
  const chat = await createChat(ringing);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  const offers = () =>
    (ringing.store.conversations.get(chat.id)?.members ?? []).filter((m) => m.role === 'AGENT').map((m) => m.agentId);
  await until(() => offers().length >= 3);
  const [first, second, third] = offers();
  assert.notEqual(first, second, 'the next agent is offered it');
  assert.equal(third, first, 'with both having let it ring, it rings for the first again');
  assert.deepEqual(new Set([first, second]), new Set([ana.id, bo.id]));
  socket.close();
});

test('the Web Messaging echo bot answers the message that opened the conversation', async () => {
  await createAgent(emulator, { displayName: 'Echo', autoAnswer: true, bot: 'echo' });
  const guest = await MessagingSocket.session(emulator);
  await guest.say('My meter reads 4711');
  await guest.waitFor((frame) => frame.body?.text === 'You said: My meter reads 4711');
  const texts = guest
    .messages()
    .filter((body) => body.direction === 'Outbound' && body.type === 'Text')
    .map((body) => body.text);
  assert.equal(texts.length, 2);
  assert.match(texts[0], /^Hi, I'm Echo/);
  guest.close();
});
