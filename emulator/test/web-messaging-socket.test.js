import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import WebSocket from 'ws';
import { MessagingSocket, call, start } from './helpers.js';

const emulator = await start({ allowedOrigins: ['https://shop.example'], webMessaging: { rateLimitPerSecond: 5 } });
const { deploymentId } = emulator.store.config;
const DISABLED = emulator.store.config.webMessaging.disabledDeploymentId;
const config = (/** @type {string} */ id) => `/webdeployments/v1/deployments/${id}/config.json`;

beforeEach(() => call(emulator, 'POST', '/emulator/reset'));

/**
 * The HTTP status of a refused upgrade.
 * @param {string} query
 * @param {Record<string, string>} [headers]
 */
function upgradeStatus(query, headers = {}) {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${emulator.url.replace('http', 'ws')}/v1${query}`, { headers });
    socket.on('unexpected-response', (_, res) => resolve(res.statusCode));
    socket.on('open', () => resolve(101));
    socket.on('error', () => {});
  });
}

test('config.json: the deployment with its Messenger settings and this server as endpoints, CORS, no auth', async () => {
  const res = await call(emulator, 'GET', config(deploymentId), { headers: { Origin: 'https://shop.example' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example');
  const body = res.body;
  assert.equal(body.id, deploymentId);
  assert.equal(body.status, 'Active');
  assert.equal(body.apiEndpoint, emulator.url);
  assert.equal(body.messenger.enabled, true);
  const conversations = body.messenger.apps.conversations;
  assert.equal(conversations.messagingEndpoint, emulator.url.replace('http', 'ws'));
  assert.deepEqual(conversations.conversationDisconnect, { enabled: true, type: 'ReadOnly' });
  assert.deepEqual(conversations.conversationClear, { enabled: true });
  assert.deepEqual(conversations.autoStart, { enabled: false });
  assert.equal(conversations.showAgentTypingIndicator, true);
  assert.equal(conversations.showUserTypingIndicator, true);
  assert.deepEqual(body.auth, { enabled: false, allowSessionUpgrade: false });
});

test('config.json: the disabled deployment is Inactive, an unknown one is 404', async () => {
  const disabled = await call(emulator, 'GET', config(DISABLED));
  assert.equal(disabled.status, 200);
  assert.equal(disabled.body.status, 'Inactive');
  assert.equal(disabled.body.messenger.enabled, false);
  const unknown = await call(emulator, 'GET', config('nope'));
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, 'not.found');
});

test('the reserved custom attributes context.firstName and context.lastName name the customer, also when they come later', async () => {
  const socket = await MessagingSocket.session(emulator);
  assert.equal((await socket.say('Hi')).code, 200);
  const member = async () =>
    (await call(emulator, 'GET', '/emulator/conversations')).body[0].members.find(
      (/** @type {{role: string}} */ m) => m.role === 'CUSTOMER',
    );
  assert.equal((await member()).displayName, 'Web Messaging guest');
  const named = { 'context.firstName': 'Ada', 'context.lastName': 'Lovelace', orderId: '42' };
  const answer = await socket.request('onMessage', {
    message: { type: 'Text', text: 'It is Ada', channel: { metadata: { customAttributes: named } } },
  });
  assert.equal(answer.code, 200);
  assert.equal((await member()).displayName, 'Ada Lovelace');
  assert.deepEqual((await member()).customFields, named);
  socket.close();
});

test('the socket upgrade is refused with 403 for an unknown or inactive deployment and a disallowed origin', async () => {
  assert.equal(await upgradeStatus('?deploymentId=nope'), 403);
  assert.equal(await upgradeStatus(''), 403);
  assert.equal(await upgradeStatus(`?deploymentId=${DISABLED}`), 403);
  assert.equal(await upgradeStatus(`?deploymentId=${deploymentId}`, { Origin: 'https://evil.example' }), 403);
  assert.equal(
    await upgradeStatus(`?deploymentId=${deploymentId}&application=test`, { Origin: 'https://shop.example' }),
    101,
  );
});

test('configureSession: a new token is a new session, the same token again resumes it', async () => {
  const token = crypto.randomUUID();
  const socket = await MessagingSocket.open(emulator);
  const first = await socket.configure(token, {
    startNew: false,
    journeyContext: { customer: { id: 'c', idType: 'cookie' } },
  });
  assert.equal(first.type, 'response');
  assert.equal(first.class, 'SessionResponse');
  assert.equal(first.code, 200);
  assert.equal(first.body.connected, true);
  assert.equal(first.body.newSession, true);
  assert.equal(first.body.readOnly, false);
  assert.equal(first.body.maxCustomDataBytes, 2048);
  assert.deepEqual(first.body.allowedMedia, { inbound: { fileTypes: [], maxFileSizeKB: 0 } });
  assert.equal(first.body.durationSeconds, 259200);
  assert.ok(Math.abs(first.body.expirationDate - (Date.now() / 1000 + 259200)) < 5);
  socket.close();
  const again = await MessagingSocket.open(emulator);
  assert.equal((await again.configure(token)).body.newSession, false);
  again.close();
});

test('errors: missing parameters 4020, unknown session 4007, bad JSON and unknown actions 400, all with tracingId', async () => {
  const socket = await MessagingSocket.open(emulator);
  const noToken = await socket.request('configureSession', { deploymentId });
  assert.deepEqual(
    { ...noToken, body: undefined },
    { type: 'response', class: 'string', code: 4020, body: undefined, tracingId: noToken.tracingId },
  );
  assert.equal(typeof noToken.body, 'string');
  socket.token = crypto.randomUUID();
  assert.equal((await socket.request('configureSession', {})).code, 4020);
  assert.equal((await socket.request('configureSession', { deploymentId: DISABLED })).code, 400);
  assert.equal((await socket.request('echo', { message: { type: 'Text', text: 'ping' } })).code, 4007);
  assert.equal((await socket.request('getJwt')).code, 4007);
  assert.equal((await socket.say('hello')).code, 4007);
  await socket.configure(socket.token);
  assert.equal((await socket.request('fly')).code, 400);
  assert.equal((await socket.request('')).code, 4020);
  assert.equal((await socket.request('onMessage')).code, 4020);
  assert.equal((await socket.request('onMessage', { message: { type: 'Text' } })).code, 4020);
  assert.equal((await socket.request('onMessage', { message: { type: 'Event', events: [] } })).code, 4020);
  assert.equal((await socket.request('onMessage', { message: { type: 'Receipt' } })).code, 400);
  assert.equal((await socket.event({ eventType: 'Presence', presence: { type: 'SignIn' } })).code, 400);
  assert.equal(
    (await socket.request('onMessage', { token: 'someone-else', message: { type: 'Text', text: 'x' } })).code,
    4007,
  );
  socket.sendRaw('not json');
  const bad = await socket.waitFor((frame) => frame.code === 400 && frame.tracingId === undefined);
  assert.deepEqual(bad, { type: 'response', class: 'string', code: 400, body: 'Request failed.' });
  socket.close();
});

test('authenticated sessions and attachments answer 4000 feature unavailable; schema-only actions are ignored', async () => {
  const socket = await MessagingSocket.open(emulator);
  socket.token = crypto.randomUUID();
  const auth = await socket.request('configureAuthenticatedSession', { deploymentId, data: { code: 'jwt' } });
  assert.equal(auth.class, 'string');
  assert.equal(auth.code, 4000);
  await socket.configure(socket.token);
  for (const action of ['onAttachment', 'getAttachment', 'deleteAttachment']) {
    assert.equal(
      (await socket.request(action, { attachmentId: crypto.randomUUID(), fileName: 'a.png', fileType: 'image/png' }))
        .code,
      4000,
    );
  }
  const content = [{ contentType: 'Attachment', attachment: { id: crypto.randomUUID() } }];
  assert.equal((await socket.request('onMessage', { message: { type: 'Text', text: '', content } })).code, 4000);
  socket.sendRaw({ action: 'getConfiguration', token: socket.token, tracingId: 'ignored' });
  await socket.request('echo', { message: { type: 'Text', text: 'ping' } });
  assert.equal(
    socket.frames.some((frame) => frame.tracingId === 'ignored'),
    false,
  );
  socket.close();
});

test('echo answers a StructuredMessage response with the text and the session lifetime; getJwt a JwtResponse', async () => {
  const socket = await MessagingSocket.session(emulator);
  const echo = await socket.request('echo', { message: { type: 'Text', text: 'ping' } });
  assert.equal(echo.type, 'response');
  assert.equal(echo.class, 'StructuredMessage');
  assert.equal(echo.code, 200);
  assert.equal(echo.body.text, 'ping');
  assert.equal(echo.body.metadata.durationSeconds, '259200');
  assert.match(echo.body.metadata.expirationDate, /^\d+$/);
  const jwt = await socket.request('getJwt');
  assert.equal(jwt.class, 'JwtResponse');
  assert.equal(jwt.code, 200);
  assert.equal(jwt.body.jwt.split('.').length, 3);
  assert.ok(jwt.body.exp > Date.now() / 1000);
  socket.close();
});

test('onMessage: the own message comes back as an Inbound StructuredMessage to every socket of the token, with tracingId', async () => {
  const token = crypto.randomUUID();
  const [a, b] = [await MessagingSocket.session(emulator, token), await MessagingSocket.session(emulator, token)];
  const other = await MessagingSocket.session(emulator);
  const echo = await a.say('Hello');
  assert.equal(echo.type, 'message');
  assert.equal(echo.class, 'StructuredMessage');
  assert.equal(echo.code, 200);
  assert.equal(echo.body.type, 'Text');
  assert.equal(echo.body.text, 'Hello');
  assert.equal(echo.body.direction, 'Inbound');
  assert.equal(echo.body.channel.messageId, echo.body.id);
  assert.match(echo.body.channel.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const onB = await b.waitFor((frame) => frame.body?.id === echo.body.id);
  assert.equal(onB.tracingId, echo.tracingId);
  await other.say('ordering');
  assert.equal(
    other.messages().some((body) => body.text === 'Hello'),
    false,
  );
  for (const text of ['one', 'two', 'three'])
    a.sendRaw({ action: 'onMessage', token, message: { type: 'Text', text } });
  await b.waitFor((frame) => frame.body?.text === 'three');
  assert.deepEqual(
    b.messages().map((body) => body.text),
    ['Hello', 'one', 'two', 'three'],
  );
  for (const socket of [a, b, other]) socket.close();
});

test('typing and Join are echoed as Inbound events; Join opens the conversation, typing does not', async () => {
  const socket = await MessagingSocket.session(emulator);
  const typing = await socket.event({ eventType: 'Typing', typing: { type: 'On' } });
  assert.deepEqual(typing.body.events, [{ eventType: 'Typing', typing: { type: 'On' } }]);
  assert.equal(typing.body.direction, 'Inbound');
  assert.equal((await call(emulator, 'GET', '/emulator/conversations')).body.length, 0);
  const join = await socket.event({ eventType: 'Presence', presence: { type: 'Join' } });
  assert.deepEqual(join.body.events, [{ eventType: 'Presence', presence: { type: 'Join' } }]);
  const conversations = (await call(emulator, 'GET', '/emulator/conversations')).body;
  assert.equal(conversations.length, 1);
  assert.equal(conversations[0].kind, 'web-messaging');
  socket.close();
});

test('limits: over 4000 characters is 4011, custom attributes over budget are 4013 in either place, the session goes on', async () => {
  const socket = await MessagingSocket.session(emulator);
  const long = await socket.say('x'.repeat(4001));
  assert.equal(long.class, 'string');
  assert.equal(long.code, 4011);
  const big = { note: 'é'.repeat(1023) };
  const inside = await socket.request('onMessage', {
    message: { type: 'Text', text: 'a', channel: { metadata: { customAttributes: big } } },
  });
  assert.equal(inside.code, 4013);
  assert.match(inside.body, /2048 bytes/);
  const beside = await socket.request('onMessage', {
    message: { type: 'Text', text: 'a' },
    channel: { metadata: { customAttributes: big } },
  });
  assert.equal(beside.code, 4013);
  const fits = await socket.request('onMessage', {
    message: { type: 'Text', text: 'x'.repeat(4000), channel: { metadata: { customAttributes: { orderId: '42' } } } },
  });
  assert.equal(fits.code, 200);
  assert.deepEqual(fits.body.channel.metadata.customAttributes, { orderId: '42' });
  const [conversation] = (await call(emulator, 'GET', '/emulator/conversations')).body;
  assert.deepEqual(conversation.members[0].customFields, { orderId: '42' });
  socket.close();
});

test('a frame over 64 KiB closes the socket with 1009', async () => {
  const socket = await MessagingSocket.session(emulator);
  socket.sendRaw({ action: 'onMessage', token: socket.token, message: { type: 'Text', text: 'x'.repeat(70_000) } });
  assert.equal((await socket.waitClosed()).code, 1009);
});

test('rate limit: more onMessage frames than allowed in a second answer 429 TooManyRequestsErrorMessage, typing included', async () => {
  const socket = await MessagingSocket.session(emulator);
  const answers = [];
  for (let i = 0; i < 4; i += 1) answers.push(socket.say(`m${i}`));
  answers.push(socket.event({ eventType: 'Typing', typing: { type: 'On' } }));
  answers.push(socket.say('too many'));
  const results = await Promise.all(answers);
  assert.deepEqual(
    results.map((frame) => frame.code),
    [200, 200, 200, 200, 200, 429],
  );
  const limited = results[5];
  assert.equal(limited.type, 'response');
  assert.equal(limited.class, 'TooManyRequestsErrorMessage');
  assert.deepEqual(limited.body, {
    retryAfter: 1,
    errorCode: 4029,
    errorMessage: 'Message rate too high for this session',
  });
  assert.equal(
    socket.messages().some((body) => body.text === 'too many'),
    false,
  );
  socket.close();
});

test('closing the guest socket ends nothing: the conversation stays and a new socket resumes it', async () => {
  const token = crypto.randomUUID();
  const socket = await MessagingSocket.session(emulator, token);
  await socket.say('still here?');
  socket.close();
  await socket.waitClosed();
  const [conversation] = (await call(emulator, 'GET', '/emulator/conversations')).body;
  assert.equal(conversation.endedAt, undefined);
  assert.equal(conversation.members[0].state, 'CONNECTED');
  const again = await MessagingSocket.open(emulator);
  assert.equal((await again.configure(token)).body.newSession, false);
  again.close();
});
