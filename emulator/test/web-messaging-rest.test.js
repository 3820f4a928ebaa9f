import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { MessagingSocket, call, start, until } from './helpers.js';

const emulator = await start({ jwtLifetimeMs: 60_000, webMessaging: { rateLimitPerSecond: 100 } });
const HISTORY = '/api/v2/webmessaging/messages';

beforeEach(() => call(emulator, 'POST', '/emulator/reset'));

/**
 * A guest session that wrote `count` messages, and its JWT.
 * @param {number} count
 */
async function guestWithHistory(count) {
  const socket = await MessagingSocket.session(emulator);
  for (let i = 1; i <= count; i += 1)
    socket.sendRaw({ action: 'onMessage', token: socket.token, message: { type: 'Text', text: `m${i}` } });
  await socket.waitFor((frame) => frame.body?.text === `m${count}`);
  const jwt = (await socket.request('getJwt')).body.jwt;
  return { socket, jwt };
}

test('history: page 1 is the newest, each page newest-first, default 25, max 100', async () => {
  const { socket, jwt } = await guestWithHistory(30);
  const first = await call(emulator, 'GET', HISTORY, { token: jwt });
  assert.equal(first.status, 200);
  assert.equal(first.body.pageSize, 25);
  assert.equal(first.body.pageNumber, 1);
  assert.equal(first.body.total, 30);
  assert.equal(first.body.pageCount, 2);
  assert.equal(first.body.entities[0].text, 'm30');
  assert.equal(first.body.entities[24].text, 'm6');
  assert.equal(first.body.entities[0].direction, 'Inbound');
  const second = await call(emulator, 'GET', `${HISTORY}?pageNumber=2&pageSize=25`, { token: jwt });
  assert.deepEqual(
    second.body.entities.map((/** @type {any} */ m) => m.text),
    ['m5', 'm4', 'm3', 'm2', 'm1'],
  );
  const small = await call(emulator, 'GET', `${HISTORY}?pageNumber=3&pageSize=4`, { token: jwt });
  assert.deepEqual(
    small.body.entities.map((/** @type {any} */ m) => m.text),
    ['m22', 'm21', 'm20', 'm19'],
  );
  assert.equal((await call(emulator, 'GET', `${HISTORY}?pageSize=101`, { token: jwt })).status, 400);
  assert.equal((await call(emulator, 'GET', `${HISTORY}?pageSize=100`, { token: jwt })).body.entities.length, 30);
  socket.close();
});

test('history holds Presence events but not typing', async () => {
  const socket = await MessagingSocket.session(emulator);
  await socket.event({ eventType: 'Presence', presence: { type: 'Join' } });
  await socket.event({ eventType: 'Typing', typing: { type: 'On' } });
  await socket.say('hi');
  const jwt = (await socket.request('getJwt')).body.jwt;
  const entities = (await call(emulator, 'GET', HISTORY, { token: jwt })).body.entities;
  assert.deepEqual(
    entities.map((/** @type {any} */ m) => m.type),
    ['Text', 'Event'],
  );
  socket.close();
});

test('history: no, bad or foreign JWT is 401 with the Platform ErrorBody; CORS and preflight', async () => {
  const none = await call(emulator, 'GET', HISTORY);
  assert.equal(none.status, 401);
  assert.deepEqual(Object.keys(none.body).sort(), [
    'code',
    'contextId',
    'details',
    'errors',
    'message',
    'messageParams',
    'messageWithParams',
    'status',
  ]);
  assert.equal((await call(emulator, 'GET', HISTORY, { token: 'a.b.c' })).status, 401);
  const chat = await call(emulator, 'POST', '/api/v2/webchat/guest/conversations', {
    body: {
      organizationId: emulator.store.config.organizationId,
      deploymentId: emulator.store.config.deploymentId,
      routingTarget: { targetType: 'QUEUE', targetAddress: 'Chat Queue' },
      memberInfo: { displayName: 'Ada' },
    },
  });
  assert.equal((await call(emulator, 'GET', HISTORY, { token: chat.body.jwt })).status, 401);
  const preflight = await fetch(emulator.url + HISTORY, {
    method: 'OPTIONS',
    headers: {
      Origin: 'https://shop.example',
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/i);
});

test('an expired JWT is 401 credentials.expired', async () => {
  const short = await start({ jwtLifetimeMs: 1000 });
  const socket = await MessagingSocket.session(short);
  const { jwt, exp } = (await socket.request('getJwt')).body;
  await until(() => Date.now() >= exp * 1000, 2000);
  const res = await call(short, 'GET', HISTORY, { token: jwt });
  assert.equal(res.status, 401);
  assert.equal(res.body.code, 'credentials.expired');
  socket.close();
});

test('session expiry: SessionExpiredEvent, sockets closed, then 4006; echo renews the lifetime', async () => {
  const short = await start({ webMessaging: { sessionDurationSeconds: 0.4 } });
  const kept = await MessagingSocket.session(short);
  const lapsing = await MessagingSocket.session(short);
  const started = Date.now();
  while (Date.now() - started < 600) {
    await kept.request('echo', { message: { type: 'Text', text: 'ping' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(kept.closed, null);
  await lapsing.waitClosed();
  const expired = lapsing.frames.at(-1);
  assert.deepEqual(expired, { type: 'message', class: 'SessionExpiredEvent', code: 200, body: {} });
  const again = await MessagingSocket.open(short);
  const refused = await again.configure(lapsing.token);
  assert.equal(refused.class, 'string');
  assert.equal(refused.code, 4006);
  kept.close();
  again.close();
});

test('feature toggles off: typing and Clear are refused with 403, config.json says so', async () => {
  const strict = await start({
    webMessaging: { showUserTypingIndicator: false, conversationClear: false, autoStart: true },
  });
  const conversations = (
    await call(strict, 'GET', `/webdeployments/v1/deployments/${strict.store.config.deploymentId}/config.json`)
  ).body.messenger.apps.conversations;
  assert.deepEqual(
    [conversations.showUserTypingIndicator, conversations.conversationClear.enabled, conversations.autoStart.enabled],
    [false, false, true],
  );
  const socket = await MessagingSocket.session(strict);
  const typing = await socket.event({ eventType: 'Typing', typing: { type: 'On' } });
  assert.deepEqual(
    [typing.class, typing.code, typing.body],
    ['string', 403, 'Turn on the Feature Toggle or fix the configuration.'],
  );
  const clear = await socket.event({ eventType: 'Presence', presence: { type: 'Clear' } });
  assert.deepEqual(
    [clear.class, clear.code, clear.body],
    ['string', 403, 'Presence events Conversation Clear are not supported'],
  );
  socket.close();
});

test('an inactive deployment: config.json says Inactive and the socket is refused', async () => {
  const off = await start({ webMessaging: { status: 'Inactive' } });
  const body = (await call(off, 'GET', `/webdeployments/v1/deployments/${off.store.config.deploymentId}/config.json`))
    .body;
  assert.equal(body.status, 'Inactive');
  await assert.rejects(MessagingSocket.open(off), /403/);
});

test('fault failNextFrames: the next onMessage frames fail with the given code, 429 as TooManyRequestsErrorMessage', async () => {
  const socket = await MessagingSocket.session(emulator);
  const set = await call(emulator, 'POST', '/emulator/faults', {
    body: { failNextFrames: { count: 1, code: 429, retryAfterSeconds: 3 } },
  });
  assert.equal(set.status, 200);
  const limited = await socket.say('a');
  assert.deepEqual(
    [limited.class, limited.code, limited.body.retryAfter, limited.body.errorCode],
    ['TooManyRequestsErrorMessage', 429, 3, 4029],
  );
  await call(emulator, 'POST', '/emulator/faults', { body: { failNextFrames: { count: 2, code: 5000 } } });
  assert.equal((await socket.say('b')).code, 5000);
  assert.equal((await socket.request('echo', { message: { type: 'Text', text: 'ping' } })).code, 200);
  assert.equal((await socket.say('c')).code, 5000);
  assert.equal((await socket.say('d')).code, 200);
  assert.equal(
    (await call(emulator, 'POST', '/emulator/faults', { body: { failNextFrames: { count: 0, code: 5000 } } })).status,
    400,
  );
  socket.close();
});

test('faults heartbeats:false silences echo, duplicateEvents pushes twice, dropSockets closes Web Messaging sockets', async () => {
  const socket = await MessagingSocket.session(emulator);
  await call(emulator, 'POST', '/emulator/faults', { body: { heartbeats: false, duplicateEvents: true } });
  socket.sendRaw({ action: 'echo', token: socket.token, tracingId: 'silent', message: { type: 'Text', text: 'ping' } });
  const echo = await socket.say('twice');
  await until(() => socket.frames.filter((frame) => frame.tracingId === echo.tracingId).length === 2);
  assert.equal(
    socket.frames.some((frame) => frame.tracingId === 'silent'),
    false,
  );
  await call(emulator, 'POST', '/emulator/faults', { body: { dropSockets: true } });
  assert.equal((await socket.waitClosed()).code, 1006);
});

test('faults latencyMs and failNext apply to config.json and history', async () => {
  const config = `/webdeployments/v1/deployments/${emulator.store.config.deploymentId}/config.json`;
  await call(emulator, 'POST', '/emulator/faults', {
    body: { failNext: { count: 1, status: 503, pathContains: 'config.json' } },
  });
  assert.equal((await call(emulator, 'GET', config)).status, 503);
  assert.equal((await call(emulator, 'GET', config)).status, 200);
  const { socket, jwt } = await guestWithHistory(1);
  await call(emulator, 'POST', '/emulator/faults', {
    body: { latencyMs: 200, failNext: { count: 1, status: 500, pathContains: 'webmessaging' } },
  });
  const started = Date.now();
  assert.equal((await call(emulator, 'GET', HISTORY, { token: jwt })).status, 500);
  assert.ok(Date.now() - started >= 190);
  socket.close();
});

test('reset forgets Web Messaging sessions and closes their sockets', async () => {
  const socket = await MessagingSocket.session(emulator);
  await socket.say('hello');
  await call(emulator, 'POST', '/emulator/reset');
  await socket.waitClosed();
  assert.equal(emulator.store.webMessagingSessions.size, 0);
  assert.equal((await call(emulator, 'GET', '/emulator/conversations')).body.length, 0);
  const again = await MessagingSocket.open(emulator);
  assert.equal((await again.configure(socket.token)).body.newSession, true);
  again.close();
});
