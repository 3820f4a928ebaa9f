import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GuestSocket, call, createBody, createChat, start } from './helpers.js';

const emulator = await start({ allowedOrigins: ['https://shop.example'] });
const BASE = '/api/v2/webchat/guest/conversations';

/** A chat whose guest socket is attached, so it is routed and may post. */
async function liveChat() {
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);
  return { ...chat, socket };
}

/**
 * @param {{status: number, headers: Headers, body: any}} res
 * @param {number} status
 * @param {string} code
 */
function assertError(res, status, code) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.code, code);
  assert.equal(res.body.status, status);
  assert.equal(res.body.contextId, res.headers.get('inin-correlation-id'));
  assert.equal(typeof res.body.message, 'string');
  assert.equal(typeof res.body.messageWithParams, 'string');
  assert.deepEqual(res.body.errors, []);
  assert.ok(Array.isArray(res.body.details));
}

describe('create', () => {
  test('answers id, jwt, eventStreamUri on this server and the guest member id', async () => {
    const res = await call(emulator, 'POST', BASE, { body: createBody() });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['eventStreamUri', 'id', 'jwt', 'member']);
    assert.deepEqual(Object.keys(res.body.member), ['id']);
    assert.equal(res.body.eventStreamUri, `ws://127.0.0.1:${emulator.port}/v1/token/${res.body.jwt}`);
    const claims = JSON.parse(Buffer.from(res.body.jwt.split('.')[1], 'base64url').toString());
    assert.deepEqual(claims.data, { conv: res.body.id, did: createBody().deploymentId, sub: res.body.member.id });
    assert.equal(claims.iss, 'urn:purecloud:webchat');
    assert.equal(JSON.parse(Buffer.from(res.body.jwt.split('.')[0], 'base64url').toString()).alg, 'RS256');
  });

  test('accepts targetType in any case and ignores unknown fields', async () => {
    const body = createBody({
      routingTarget: { targetType: 'queue', targetAddress: 'Support' },
      memberInfo: { displayName: 'Lin', profileImageUrl: 'https://img.example/x.png' },
    });
    assert.equal((await call(emulator, 'POST', BASE, { body })).status, 200);
  });

  const refusals = [
    ['missing organizationId', { organizationId: undefined }, 'chat.error.bad.request', 'organizationId'],
    ['unknown organizationId', { organizationId: 'nope' }, 'chat.error.bad.request', 'organizationId'],
    [
      'missing deploymentId',
      { deploymentId: undefined },
      'chat.error.pattern.createconversationrequest.deploymentid',
      'deploymentId',
    ],
    ['unknown deploymentId', { deploymentId: 'nope' }, 'chat.error.bad.request', 'deploymentId'],
    [
      'missing routingTarget',
      { routingTarget: undefined },
      'chat.error.notnull.createconversationrequest.routingtarget',
      'routingTarget',
    ],
    [
      'missing targetAddress',
      { routingTarget: { targetType: 'QUEUE' } },
      'chat.error.createconversationrequest.routingtarget',
      'routingTarget.targetAddress',
    ],
    [
      'unknown queue',
      { routingTarget: { targetType: 'QUEUE', targetAddress: 'Nowhere' } },
      'chat.error.invalid.queue',
      'routingTarget.targetAddress',
    ],
    [
      'missing displayName',
      { memberInfo: {} },
      'chat.error.notnull.createconversationrequest.memberinfo.displayname',
      'memberInfo.displayName',
    ],
  ];
  for (const [name, overrides, code, fieldName] of refusals) {
    test(`400 ${code} on ${name}`, async () => {
      const res = await call(emulator, 'POST', BASE, { body: createBody(/** @type {object} */ (overrides)) });
      assertError(res, 400, /** @type {string} */ (code));
      assert.deepEqual(res.body.details, [{ errorCode: code, fieldName }]);
    });
  }

  test('400 lists every problem in details', async () => {
    const res = await call(emulator, 'POST', BASE, { body: { memberInfo: {} } });
    assertError(res, 400, 'chat.error.bad.request');
    assert.equal(res.body.details.length, 4);
  });

  test('400 bad.request on a body that is not JSON', async () => {
    assertError(await call(emulator, 'POST', BASE, { body: '{nope' }), 400, 'bad.request');
  });

  test('403 origin.not.allowed for an origin the deployment does not allow', async () => {
    const res = await call(emulator, 'POST', BASE, { body: createBody(), headers: { Origin: 'https://evil.example' } });
    assertError(res, 403, 'origin.not.allowed');
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://evil.example');
    const allowed = await call(emulator, 'POST', BASE, {
      body: createBody(),
      headers: { Origin: 'https://shop.example' },
    });
    assert.equal(allowed.status, 200);
  });
});

describe('CORS', () => {
  test('preflight allows the method and headers asked for', async () => {
    const res = await fetch(`${emulator.url}${BASE}/x/members`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'DELETE',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /DELETE/);
    assert.equal(res.headers.get('access-control-allow-headers'), 'authorization,content-type');
  });

  test('answers and errors carry CORS headers and expose the correlation id', async () => {
    const res = await call(emulator, 'GET', `${BASE}/x/members`, { headers: { Origin: 'https://shop.example' } });
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /inin-correlation-id/);
  });
});

describe('auth', () => {
  test('401 authentication.required without a token', async () => {
    const chat = await createChat(emulator);
    assertError(await call(emulator, 'GET', `${BASE}/${chat.id}/members`), 401, 'authentication.required');
  });

  test('401 bad.credentials for a forged token or another chat’s token', async () => {
    const chat = await createChat(emulator);
    const other = await createChat(emulator);
    assertError(
      await call(emulator, 'GET', `${BASE}/${chat.id}/members`, { token: `${chat.jwt}x` }),
      401,
      'bad.credentials',
    );
    assertError(
      await call(emulator, 'GET', `${BASE}/${chat.id}/members`, { token: other.jwt }),
      401,
      'bad.credentials',
    );
  });

  test('401 credentials.expired for an expired token', async () => {
    const chat = await createChat(emulator);
    const { config } = emulator.store;
    const expired = emulator.store.jwt.mint({
      conversationId: chat.id,
      deploymentId: config.deploymentId,
      memberId: chat.member.id,
      organizationId: config.organizationId,
      lifetimeMs: -60_000,
    });
    assertError(
      await call(emulator, 'GET', `${BASE}/${chat.id}/members`, { token: expired }),
      401,
      'credentials.expired',
    );
  });

  test('404 for an unknown conversation, member or message', async () => {
    const chat = await createChat(emulator);
    assertError(await call(emulator, 'GET', `${BASE}/nope/members`, { token: chat.jwt }), 404, 'not.found');
    const member = await call(emulator, 'GET', `${BASE}/${chat.id}/members/nope`, { token: chat.jwt });
    assertError(member, 404, 'chat.error.not.found');
    assert.equal(member.body.message, 'The web chat conversation member was not found.');
    const message = await call(emulator, 'GET', `${BASE}/${chat.id}/messages/nope`, { token: chat.jwt });
    assertError(message, 404, 'chat.error.not.found');
    assert.equal(message.body.message, 'The web chat conversation message was not found.');
  });
});

describe('members', () => {
  test('the new chat has one member, the guest, CONNECTED', async () => {
    const chat = await createChat(emulator);
    const res = await call(emulator, 'GET', `${BASE}/${chat.id}/members`, { token: chat.jwt });
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 1);
    const [guest] = res.body.entities;
    assert.equal(guest.id, chat.member.id);
    assert.equal(guest.role, 'CUSTOMER');
    assert.equal(guest.state, 'CONNECTED');
    assert.equal(guest.displayName, 'Ada Guest');
    assert.deepEqual(guest.customFields, { orderId: '42' });
    assert.equal(guest.authenticatedGuest, false);
    assert.match(guest.joinDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal('leaveDate' in guest, false);
    const one = await call(emulator, 'GET', `${BASE}/${chat.id}/members/${chat.member.id}`, { token: chat.jwt });
    assert.deepEqual(one.body, guest);
  });

  test('pages with pageSize, pageNumber and excludeDisconnectedMembers', async () => {
    const chat = await liveChat();
    const all = await call(emulator, 'GET', `${BASE}/${chat.id}/members?pageSize=1&pageNumber=2`, { token: chat.jwt });
    assert.equal(all.status, 200);
    assert.equal(all.body.total, 3);
    assert.equal(all.body.pageCount, 3);
    assert.equal(all.body.pageSize, 1);
    assert.equal(all.body.pageNumber, 2);
    assert.equal(all.body.entities[0].role, 'WORKFLOW');
    assert.equal(all.body.nextUri, `${BASE}/${chat.id}/members?pageSize=1&pageNumber=3`);
    assert.equal(all.body.previousUri, `${BASE}/${chat.id}/members?pageSize=1&pageNumber=1`);
    assert.equal(all.body.lastUri, `${BASE}/${chat.id}/members?pageSize=1&pageNumber=3`);
    const active = await call(emulator, 'GET', `${BASE}/${chat.id}/members?excludeDisconnectedMembers=true`, {
      token: chat.jwt,
    });
    assert.deepEqual(
      active.body.entities.map((/** @type {any} */ m) => m.role),
      ['CUSTOMER', 'ACD'],
    );
    assert.equal(active.body.pageSize, 25);
    chat.socket.close();
  });

  test('400 invalid.query.param.value on a bad page size', async () => {
    const chat = await createChat(emulator);
    for (const query of ['pageSize=0', 'pageSize=101', 'pageNumber=x', 'excludeDisconnectedMembers=maybe']) {
      assertError(
        await call(emulator, 'GET', `${BASE}/${chat.id}/members?${query}`, { token: chat.jwt }),
        400,
        'invalid.query.param.value',
      );
    }
  });
});

describe('messages', () => {
  test('a message before the socket is attached is refused: the conversation is not active', async () => {
    const chat = await createChat(emulator);
    const res = await call(emulator, 'POST', `${BASE}/${chat.id}/members/${chat.member.id}/messages`, {
      token: chat.jwt,
      body: { body: 'hello?' },
    });
    assertError(res, 400, 'chat.error.conversation.state');
    assert.deepEqual(res.body.messageParams, { message: 'The conversation is not active' });
  });

  test('send answers a WebChatMessage that can be read back', async () => {
    const chat = await liveChat();
    const res = await call(emulator, 'POST', `${BASE}/${chat.id}/members/${chat.member.id}/messages`, {
      token: chat.jwt,
      body: { body: 'Hello', bodyType: 'standard' },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      id: res.body.id,
      conversation: { id: chat.id, selfUri: `/api/v2/conversations/${chat.id}` },
      sender: { id: chat.member.id },
      body: 'Hello',
      bodyType: 'standard',
      timestamp: res.body.timestamp,
      selfUri: `${BASE}/${chat.id}/messages/${res.body.id}`,
    });
    const again = await call(emulator, 'GET', `${BASE}/${chat.id}/messages/${res.body.id}`, { token: chat.jwt });
    assert.deepEqual(again.body, res.body);
    chat.socket.close();
  });

  test('400 on a missing body, a bad bodyType and a body over 4,000 characters', async () => {
    const chat = await liveChat();
    const path = `${BASE}/${chat.id}/members/${chat.member.id}/messages`;
    assertError(
      await call(emulator, 'POST', path, { token: chat.jwt, body: {} }),
      400,
      'chat.error.notnull.createconversationmessagerequest.body',
    );
    assertError(
      await call(emulator, 'POST', path, { token: chat.jwt, body: { body: 'x', bodyType: 'shout' } }),
      400,
      'chat.error.bad.request',
    );
    const long = await call(emulator, 'POST', path, { token: chat.jwt, body: { body: 'x'.repeat(4001) } });
    assertError(long, 400, 'chat.error.bad.request');
    // As Genesys answers: `message` filled in, `messageWithParams` the template `messageParams` fills.
    assert.equal(long.body.message, 'Message bodies are limited to 4000 characters');
    assert.equal(long.body.messageWithParams, 'Message bodies are limited to {limit} characters');
    assert.deepEqual(long.body.messageParams, { limit: '4000' });
    assert.equal(
      (await call(emulator, 'POST', path, { token: chat.jwt, body: { body: 'x'.repeat(4000) } })).status,
      200,
    );
    chat.socket.close();
  });

  test('403 when posting as another member', async () => {
    const chat = await liveChat();
    const workflow = emulator.store.conversations.get(chat.id)?.members[1];
    const res = await call(emulator, 'POST', `${BASE}/${chat.id}/members/${workflow?.id}/messages`, {
      token: chat.jwt,
      body: { body: 'x' },
    });
    assertError(res, 403, 'not.authorized');
    chat.socket.close();
  });

  test('typing answers a WebChatTyping', async () => {
    const chat = await liveChat();
    const res = await call(emulator, 'POST', `${BASE}/${chat.id}/members/${chat.member.id}/typing`, {
      token: chat.jwt,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['conversation', 'id', 'sender', 'timestamp']);
    assert.deepEqual(res.body.sender, { id: chat.member.id });
    chat.socket.close();
  });

  test('history pages with after, before, sortOrder and maxResults', async () => {
    const chat = await liveChat();
    const path = `${BASE}/${chat.id}/members/${chat.member.id}/messages`;
    for (const text of ['one', 'two', 'three', 'four'])
      await call(emulator, 'POST', path, { token: chat.jwt, body: { body: text } });
    const get = async (/** @type {string} */ query) =>
      (await call(emulator, 'GET', `${BASE}/${chat.id}/messages?${query}`, { token: chat.jwt })).body;
    const texts = (/** @type {any} */ page) =>
      page.entities.filter((/** @type {any} */ m) => m.bodyType === 'standard').map((/** @type {any} */ m) => m.body);

    const all = await get('');
    assert.equal(all.pageSize, 100);
    assert.deepEqual(texts(all), ['one', 'two', 'three', 'four']);
    assert.equal(all.entities[0].bodyType, 'member-join');

    const newest = await get('sortOrder=descending&maxResults=2');
    assert.deepEqual(texts(newest), ['four', 'three']);
    assert.equal(newest.next, undefined);
    assert.match(newest.previousPage, new RegExp(`before=${newest.entities[1].id}`));

    const older = await get(new URL(newest.previousPage, 'http://x').search.slice(1));
    assert.deepEqual(texts(older), ['two', 'one']);

    const afterTwo = await get(`after=${older.entities[0].id}`);
    assert.deepEqual(texts(afterTwo), ['three', 'four']);
    const beforeThree = await get(`before=${newest.entities[1].id}&maxResults=1`);
    assert.deepEqual(texts(beforeThree), ['two']);
    assert.match(beforeThree.next, /after=/);
    chat.socket.close();
  });

  test('empty query values count as absent, as the SDKs send every unset parameter empty', async () => {
    const chat = await createChat(emulator);
    const history = await call(emulator, 'GET', `${BASE}/${chat.id}/messages?after=&before=&sortOrder=&maxResults=`, {
      token: chat.jwt,
    });
    assert.equal(history.status, 200);
    assert.equal(history.body.pageSize, 100);
    const members = await call(
      emulator,
      'GET',
      `${BASE}/${chat.id}/members?pageSize=&pageNumber=&excludeDisconnectedMembers=`,
      { token: chat.jwt },
    );
    assert.equal(members.status, 200);
  });

  test('400 invalid.query.param.value on bad history queries', async () => {
    const chat = await createChat(emulator);
    for (const query of ['maxResults=101', 'maxResults=0', 'sortOrder=sideways', 'after=nope']) {
      assertError(
        await call(emulator, 'GET', `${BASE}/${chat.id}/messages?${query}`, { token: chat.jwt }),
        400,
        'invalid.query.param.value',
      );
    }
  });
});

describe('leaving', () => {
  test('DELETE answers 204 with no body; then posting and leaving again are refused', async () => {
    const chat = await liveChat();
    const path = `${BASE}/${chat.id}/members/${chat.member.id}`;
    const res = await call(emulator, 'DELETE', path, { token: chat.jwt });
    assert.equal(res.status, 204);
    assert.equal(res.body, null);
    const guest = await call(emulator, 'GET', path, { token: chat.jwt });
    assert.equal(guest.body.state, 'DISCONNECTED');
    assert.ok(guest.body.leaveDate);
    assertError(
      await call(emulator, 'POST', `${path}/messages`, { token: chat.jwt, body: { body: 'x' } }),
      400,
      'chat.error.conversation.state',
    );
    assertError(
      await call(emulator, 'POST', `${path}/typing`, { token: chat.jwt }),
      400,
      'chat.error.conversation.state',
    );
    assertError(await call(emulator, 'DELETE', path, { token: chat.jwt }), 400, 'chat.error.conversation.state');
    await chat.socket.waitClosed();
  });
});

describe('media requests', () => {
  test('the list is empty and a single one is not found', async () => {
    const chat = await createChat(emulator);
    const list = await call(emulator, 'GET', `${BASE}/${chat.id}/mediarequests`, { token: chat.jwt });
    assert.deepEqual(list.body, { entities: [] });
    const one = await call(emulator, 'GET', `${BASE}/${chat.id}/mediarequests/x`, { token: chat.jwt });
    assertError(one, 404, 'chat.error.not.found');
    assert.equal(one.body.message, 'The media request was not found.');
    assertError(
      await call(emulator, 'PATCH', `${BASE}/${chat.id}/mediarequests/x`, {
        token: chat.jwt,
        body: { state: 'ACCEPTED' },
      }),
      404,
      'chat.error.not.found',
    );
  });
});
