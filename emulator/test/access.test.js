// Who may drive the emulator: the control API and the agent API take JSON only and answer pages of the demo's own
// origin and of loopback hosts only, and only when addressed by this machine's own names; a wildcard bind does not let `Host` choose where sockets point; the static
// server serves only what its folders hold.
import assert from 'node:assert/strict';
import { rmSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../demo/static.js';
import { call, createAgent, createBody, start } from './helpers.js';

const emulator = await start({ extraHandler: serveStatic });

/**
 * A call with a `Host` header of the caller's choosing (fetch sets its own); resolves with the parsed JSON body.
 * @param {number} port
 * @param {string} host
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
function withHost(port, host, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      { port, host: '127.0.0.1', method, path, headers: { Host: host, 'Content-Type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
const EVIL = 'https://evil.example';

test('another site cannot drive the control API or the agent API: 403, no CORS headers, nothing done', async () => {
  for (const [method, path, body] of [
    ['POST', '/emulator/agents', { displayName: 'Mallory' }],
    ['POST', '/emulator/reset', undefined],
    ['GET', '/emulator/conversations', undefined],
    ['GET', '/api/v2/conversations/chats', undefined],
  ]) {
    const res = await call(emulator, /** @type {string} */ (method), /** @type {string} */ (path), {
      body,
      headers: { Origin: EVIL },
    });
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(res.headers.get('access-control-allow-origin'), null, `${method} ${path}`);
  }
  assert.equal(emulator.store.agents.size, 0);

  const preflight = await fetch(`${emulator.url}/emulator/faults`, {
    method: 'OPTIONS',
    headers: { Origin: EVIL, 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(preflight.status, 403);
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
});

test('the demo’s own origin and loopback pages may drive them', async () => {
  for (const origin of [emulator.url, 'http://localhost:8000', 'http://127.0.0.1:9999', 'http://[::1]:3000']) {
    const res = await call(emulator, 'GET', '/emulator/config', { headers: { Origin: origin } });
    assert.equal(res.status, 200, origin);
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
  }
  const preflight = await fetch(`${emulator.url}/emulator/faults`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:8000', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(preflight.status, 204);
});

test('a site rebound to this machine cannot read or drive the control and agent APIs: its name in Host is refused', async () => {
  await call(emulator, 'POST', '/api/v2/webchat/guest/conversations', { body: createBody() });
  const rebound = `rebound.example:${emulator.port}`;
  const read = await withHost(emulator.port, rebound, 'GET', '/emulator/conversations');
  assert.equal(read.status, 403);
  assert.equal(JSON.stringify(read).includes('conversationId'), false, 'no chat is listed');
  assert.equal((await withHost(emulator.port, rebound, 'POST', '/emulator/agents', { displayName: 'M' })).status, 403);
  assert.equal(emulator.store.agents.size, 0, 'no agent was created');
  // The same requests under the machine's own names go through, and the guest API answers any name.
  assert.ok(
    Array.isArray(await withHost(emulator.port, `localhost:${emulator.port}`, 'GET', '/emulator/conversations')),
  );
  assert.equal(
    typeof (await withHost(emulator.port, `127.0.0.1:${emulator.port}`, 'GET', '/emulator/config')),
    'object',
  );
  const guest = await withHost(emulator.port, rebound, 'POST', '/api/v2/webchat/guest/conversations', createBody());
  assert.equal(typeof guest.jwt, 'string');
});

test('the guest APIs still answer any site: the widget runs on customers’ pages', async () => {
  const res = await call(emulator, 'POST', '/api/v2/webchat/guest/conversations', {
    body: createBody(),
    headers: { Origin: EVIL },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), EVIL);
});

test('the control API and the agent API take JSON only: any other body type is 415', async () => {
  const agent = await createAgent(emulator);
  for (const [path, type, token] of [
    ['/emulator/agents', 'text/plain', undefined],
    ['/emulator/faults', 'application/x-www-form-urlencoded', undefined],
    ['/emulator/reset', 'multipart/form-data; boundary=x', undefined],
    ['/api/v2/conversations/chats', 'text/plain;charset=UTF-8', agent.token],
  ]) {
    const res = await call(emulator, 'POST', /** @type {string} */ (path), {
      body: '{"displayName":"Mallory","dropSockets":true}',
      token,
      headers: { 'Content-Type': /** @type {string} */ (type) },
    });
    assert.equal(res.status, 415, `${path} ${type}`);
    assert.equal(res.body.code, 'unsupported.media.type');
  }
  assert.equal(emulator.store.agents.size, 1, 'no agent was created');
  assert.equal(
    (await call(emulator, 'POST', '/emulator/agents', { body: { displayName: 'Grace' } })).status,
    200,
    'JSON goes through',
  );
});

test('on a wildcard bind, Host decides the socket address only when it names this machine', async () => {
  const wide = await start({ host: '0.0.0.0' });
  const create = async (/** @type {string} */ host) =>
    (await withHost(wide.port, host, 'POST', '/api/v2/webchat/guest/conversations', createBody())).eventStreamUri;
  assert.match(await create(`evil.example:${wide.port}`), new RegExp(`^ws://127\\.0\\.0\\.1:${wide.port}/v1/token/`));
  assert.match(await create(`localhost:${wide.port + 1}`), new RegExp(`^ws://127\\.0\\.0\\.1:${wide.port}/`));
  assert.match(await create(`localhost:${wide.port}`), new RegExp(`^ws://localhost:${wide.port}/v1/token/`));
  const config = await withHost(
    wide.port,
    `evil.example:${wide.port}`,
    'GET',
    `/webdeployments/v1/deployments/${wide.store.config.deploymentId}/config.json`,
  );
  assert.equal(config.apiEndpoint, `http://127.0.0.1:${wide.port}`);
  assert.equal(config.messenger.apps.conversations.messagingEndpoint, `ws://127.0.0.1:${wide.port}`);
});

test('the static server does not follow a symlink out of its folder', async () => {
  const link = join(fileURLToPath(new URL('../../demo/', import.meta.url)), `link-out-${process.pid}.json`);
  symlinkSync(fileURLToPath(new URL('../../package.json', import.meta.url)), link);
  try {
    const res = await fetch(`${emulator.url}/demo/link-out-${process.pid}.json`);
    assert.equal(res.status, 404);
    assert.doesNotMatch(await res.text(), /"name": "guest-chat"/);
  } finally {
    rmSync(link);
  }
  assert.equal((await fetch(`${emulator.url}/demo/site.js`)).status, 200, 'files in the folder are served');
});
