// Bounded memory: live conversations and Web Messaging sessions have a cap answered with 429, ended conversations
// and expired sessions are freed, and the control API's conversation list is paged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessagingSocket, call, createBody, createChat, start, until } from './helpers.js';

const CREATE = '/api/v2/webchat/guest/conversations';

test('past maxLiveConversations a new chat is 429 with Retry-After; one ending makes room', async () => {
  const emulator = await start({ maxLiveConversations: 2 });
  const first = await createChat(emulator);
  await createChat(emulator);
  const refused = await call(emulator, 'POST', CREATE, { body: createBody() });
  assert.equal(refused.status, 429);
  assert.equal(refused.body.code, 'too.many.requests.retry.after');
  assert.equal(refused.headers.get('retry-after'), refused.body.messageParams.retryAfter);
  assert.match(refused.body.message, /^Retry the request in \[\d+\] seconds$/);

  const guest = `${CREATE}/${first.id}/members/${first.member.id}`;
  assert.equal((await call(emulator, 'DELETE', guest, { token: first.jwt })).status, 204);
  assert.equal((await call(emulator, 'POST', CREATE, { body: createBody() })).status, 200);
});

test('a Web Messaging message past the cap is answered 429 TooManyRequestsErrorMessage', async () => {
  const emulator = await start({ maxLiveConversations: 1 });
  await createChat(emulator);
  const socket = await MessagingSocket.session(emulator);
  const answer = await socket.say('hello');
  assert.equal(answer.class, 'TooManyRequestsErrorMessage');
  assert.equal(answer.code, 429);
  assert.equal(answer.body.errorCode, 4029);
  assert.ok(answer.body.retryAfter >= 1);
  socket.close();
});

test('ended conversations past maxEndedConversations are forgotten, oldest first', async () => {
  const emulator = await start({ maxEndedConversations: 2 });
  const ids = [];
  for (let i = 0; i < 4; i += 1) {
    const chat = await createChat(emulator);
    await call(emulator, 'DELETE', `${CREATE}/${chat.id}/members/${chat.member.id}`, { token: chat.jwt });
    ids.push(chat.id);
  }
  await createChat(emulator);
  const kept = [...emulator.store.conversations.keys()];
  assert.equal(kept.length, 3, 'two ended and the new one');
  assert.ok(kept.includes(ids[2]) && kept.includes(ids[3]), 'the newest ended ones are kept');
  assert.ok(!kept.includes(ids[0]) && !kept.includes(ids[1]));
});

test('an expired Web Messaging session is freed, and its token still answers 4006', async () => {
  const emulator = await start({ webMessaging: { sessionDurationSeconds: 1 } });
  const socket = await MessagingSocket.session(emulator);
  await socket.say('hello');
  assert.equal(emulator.store.webMessagingSessions.size, 1);
  await socket.waitClosed();
  assert.equal(emulator.store.webMessagingSessions.size, 0, 'the session and its transcript are gone');
  const again = await MessagingSocket.open(emulator);
  assert.equal((await again.configure(socket.token)).code, 4006);
  again.close();
});

test('at maxLiveSessions a session without a socket makes room; with every socket open a new one is 429', async () => {
  const emulator = await start({ maxLiveSessions: 2 });
  const left = await MessagingSocket.session(emulator);
  left.close();
  await until(() => [...emulator.store.webMessagingSessions.values()].every((s) => s.sockets.size === 0));
  const open = await MessagingSocket.session(emulator);
  const another = await MessagingSocket.session(emulator);
  assert.ok(!emulator.store.webMessagingSessions.has(left.token), 'the socketless session made room');

  const refused = await MessagingSocket.open(emulator);
  const answer = await refused.configure(crypto.randomUUID());
  assert.equal(answer.class, 'TooManyRequestsErrorMessage');
  assert.equal(answer.code, 429);
  assert.equal(emulator.store.webMessagingSessions.size, 2);
  for (const socket of [open, another, refused]) socket.close();
});

test('GET /emulator/conversations is paged: at most pageSize, oldest first, X-Total-Count says how many', async () => {
  const emulator = await start();
  const chats = [await createChat(emulator), await createChat(emulator), await createChat(emulator)];
  const page = await call(emulator, 'GET', '/emulator/conversations?pageSize=2&pageNumber=2');
  assert.equal(page.status, 200);
  assert.deepEqual(
    page.body.map((/** @type {{id: string}} */ c) => c.id),
    [chats[2].id],
  );
  assert.equal(page.headers.get('x-total-count'), '3');
  assert.equal((await call(emulator, 'GET', '/emulator/conversations')).body.length, 3);
  assert.equal((await call(emulator, 'GET', '/emulator/conversations?pageSize=501')).status, 400);
});
