// No single request stops the emulator: malformed escapes and request lines, bad upgrade paths, hostile frames and
// a handler's own failure each get their own answer, and the server answers the next request as before.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import WebSocket from 'ws';
import { serveStatic } from '../../demo/static.js';
import { GuestSocket, MessagingSocket, call, createAgent, createBody, createChat, start } from './helpers.js';

const emulator = await start({ extraHandler: serveStatic });

/**
 * Sends raw bytes and resolves with the status line of the answer ('' when the socket closed without one).
 * @param {string} text
 */
function raw(text) {
  return new Promise((resolve, reject) => {
    const socket = connect(emulator.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
    socket.end(text);
  });
}

/** The server is still up and answering. */
async function stillUp() {
  assert.equal((await call(emulator, 'GET', '/emulator/health')).status, 200);
}

test('a malformed % escape in a route parameter is 400 with an ErrorBody, on every API', async () => {
  const chat = await createChat(emulator);
  for (const path of [
    '/api/v2/webchat/guest/conversations/%/members',
    `/api/v2/webchat/guest/conversations/${chat.id}/members/%E0%A4%A`,
    '/api/v2/webchat/guest/conversations/%E0%A4%A/members',
    '/api/v2/conversations/%',
    '/api/v2/conversations/chats/%E0',
    '/emulator/agents/%',
    '/webdeployments/v1/deployments/%E0/config.json',
  ]) {
    const method = path.startsWith('/emulator/agents') ? 'DELETE' : 'GET';
    const res = await call(emulator, method, path, { token: chat.jwt });
    assert.equal(res.status, 400, path);
    assert.equal(res.body.status, 400, path);
    assert.equal(res.body.code, 'bad.request', path);
  }
  await stillUp();
});

test('request lines no URL parser takes are 400, and the server stays up', async () => {
  assert.match(await raw('GET //[::1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 400/);
  assert.match(await raw('GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 400/);
  await stillUp();
});

test('the static server answers 400 to a malformed path', async () => {
  for (const path of ['/%', '/dist/%E0', '/demo/%E0%A4%A']) {
    const res = await fetch(emulator.url + path);
    assert.equal(res.status, 400, path);
  }
  await stillUp();
});

test('an event-stream upgrade with a malformed escape is refused with 400', async () => {
  for (const path of ['/v1/token/%E0', '/v1/token/%']) {
    const status = await new Promise((resolve) => {
      const socket = new WebSocket(`${emulator.url.replace('http', 'ws')}${path}`);
      socket.on('unexpected-response', (_, res) => resolve(res.statusCode));
      socket.on('error', () => resolve('error'));
    });
    assert.equal(status, 400, path);
  }
  assert.match(
    await raw('GET //[::1 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'),
    /^HTTP\/1\.1 400/,
  );
  await stillUp();
});

test('a guest sending on the event stream is cut off at 1 KiB with 1009; the server stays up', async () => {
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  socket.socket.send('x'.repeat(2048));
  assert.equal((await socket.waitClosed()).code, 1009);
  await stillUp();
});

test('a Web Messaging custom attribute that is no string is 400, the socket and the server stay up', async () => {
  const unlimited = await start({ webMessaging: { rateLimitPerSecond: 100 } });
  const socket = await MessagingSocket.session(unlimited);
  for (const customAttributes of [{ name: { toString: 0 } }, { name: null }, { name: ['a'] }, ['a']]) {
    const answer = await socket.request('onMessage', {
      message: { type: 'Text', text: 'hi', channel: { metadata: { customAttributes } } },
    });
    assert.deepEqual([answer.class, answer.code, answer.body], ['string', 400, 'Request failed.']);
  }
  const fine = await socket.request('onMessage', {
    message: { type: 'Text', text: 'hi', channel: { metadata: { customAttributes: { toString: 0, n: 1 } } } },
  });
  assert.equal(fine.class, 'StructuredMessage');
  assert.equal(fine.body.channel.metadata.customAttributes.toString, '0');
  assert.equal(socket.closed, null);
  socket.close();
  assert.equal((await call(unlimited, 'GET', '/emulator/health')).status, 200);
});

test("an unexpected error in one handler is that request's 500; the next request is answered", async () => {
  const failing = await start({
    extraHandler: () => {
      throw new Error('the handler broke');
    },
  });
  const res = await call(failing, 'GET', '/no-such-page');
  assert.equal(res.status, 500);
  assert.equal(res.body.code, 'internal.server.error');
  assert.equal((await call(failing, 'GET', '/emulator/health')).status, 200);
});

test('error bodies as Genesys sends them: `message` filled in, `messageWithParams` the template of `messageParams`', async () => {
  const res = await call(emulator, 'POST', '/api/v2/webchat/guest/conversations', {
    body: {
      organizationId: emulator.store.config.organizationId,
      deploymentId: emulator.store.config.deploymentId,
      routingTarget: { targetType: 'QUEUE', targetAddress: 'Nowhere' },
      memberInfo: { displayName: 'Ada' },
    },
  });
  assert.equal(res.status, 400);
  assert.equal(res.body.code, 'chat.error.invalid.queue');
  assert.equal(res.body.message, 'The queue [Nowhere] is not valid');
  assert.equal(res.body.messageWithParams, 'The queue [{fieldValue}] is not valid');
  assert.equal(res.body.messageParams.fieldValue, 'Nowhere');
});

test('Guest Chat custom fields that are not strings are 400, so no visitor can break the agent side', async () => {
  const agent = await createAgent(emulator);
  for (const customFields of [{ page: { toString: 0 } }, { page: 1 }, ['a'], null]) {
    const res = await call(emulator, 'POST', '/api/v2/webchat/guest/conversations', {
      body: createBody({ memberInfo: { displayName: 'Ada', customFields } }),
    });
    assert.equal(res.status, 400, JSON.stringify(customFields));
    assert.deepEqual(res.body.details, [{ errorCode: 'chat.error.bad.request', fieldName: 'memberInfo.customFields' }]);
  }
  assert.equal((await call(emulator, 'GET', '/api/v2/conversations/chats', { token: agent.token })).status, 200);
});
