// Contract test: Genesys's own guest SDK (purecloud-guest-chat-client) talks to the emulator and accepts every answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import guestChat from 'purecloud-guest-chat-client';
import { GuestSocket, createAgent, createBody, start } from './helpers.js';

const emulator = await start({ defaultAutoAnswerDelayMs: 0 });

const client = guestChat.ApiClient.instance;
// `setEnvironment` always builds `https://api.{env}`; the base path is the only way to reach an http emulator.
client.config.basePath = emulator.url;
// SDK 13.2.0 quirk: the unauthenticated create uses the shared default-headers object as its own headers, and the
// request logger then writes a redacted Authorization into it, so every later call would send that instead of the
// JWT. A fresh default-headers object per call keeps each call's headers its own.
Object.defineProperty(client, 'defaultHeaders', { get: () => ({}), set: () => {} });
client.setReturnExtendedResponses(true);
// With extended responses every call answers `{status, headers, body}`, which the SDK's typings do not describe.
const api = /** @type {any} */ (new guestChat.WebChatApi());

test('the guest SDK creates a chat, reads members, sends a message and typing, pages history and leaves', async () => {
  await createAgent(emulator, { displayName: 'Ana', autoAnswer: true, autoAnswerDelayMs: 0 });

  const created = await api.postWebchatGuestConversations(createBody());
  assert.equal(created.status, 200);
  const { id, jwt, eventStreamUri, member } = created.body;
  client.setJwt(jwt);
  const socket = await GuestSocket.open(eventStreamUri);
  const agentJoined = await socket.waitFor(
    (f) =>
      f.eventBody?.member?.state === 'CONNECTED' &&
      f.eventBody.member.id !== member.id &&
      f.eventBody.member.id === emulator.store.conversations.get(id)?.members.find((m) => m.role === 'AGENT')?.id,
  );

  const members = await api.getWebchatGuestConversationMembers(id, {
    pageSize: 2,
    pageNumber: 1,
    excludeDisconnectedMembers: false,
  });
  assert.equal(members.status, 200);
  assert.equal(members.body.pageSize, 2);
  assert.ok(members.body.nextUri);
  const agent = await api.getWebchatGuestConversationMember(id, agentJoined.eventBody.member.id);
  assert.equal(agent.body.role, 'AGENT');
  assert.equal(agent.body.displayName, 'Ana');

  const sent = await api.postWebchatGuestConversationMemberMessages(id, member.id, {
    body: 'Hello from the SDK',
    bodyType: 'standard',
  });
  assert.equal(sent.status, 200);
  assert.equal(sent.body.body, 'Hello from the SDK');
  await socket.waitFor((f) => f.eventBody?.id === sent.body.id);
  const typing = await api.postWebchatGuestConversationMemberTyping(id, member.id);
  assert.equal(typing.status, 200);
  assert.deepEqual(typing.body.sender, { id: member.id });

  const newest = await api.getWebchatGuestConversationMessages(id, { sortOrder: 'descending', maxResults: 2 });
  assert.equal(newest.status, 200);
  assert.equal(newest.body.entities[0].id, sent.body.id);
  const before = new URL(newest.body.previousPage, emulator.url).searchParams.get('before');
  const older = await api.getWebchatGuestConversationMessages(id, { before, sortOrder: 'descending', maxResults: 2 });
  assert.equal(older.body.entities.length, 2);
  const one = await api.getWebchatGuestConversationMessage(id, sent.body.id);
  assert.deepEqual(one.body, sent.body);
  assert.deepEqual((await api.getWebchatGuestConversationMediarequests(id)).body, { entities: [] });

  const left = await api.deleteWebchatGuestConversationMember(id, member.id);
  assert.equal(left.status, 204);
  assert.equal((await socket.waitClosed()).code, 1001);
  const gone = await api.getWebchatGuestConversationMember(id, member.id);
  assert.equal(gone.body.state, 'DISCONNECTED');
});

test('the guest SDK receives error answers as ErrorBody', async () => {
  const refused = await api
    .postWebchatGuestConversations(createBody({ routingTarget: { targetType: 'QUEUE', targetAddress: 'Nowhere' } }))
    .then(
      () => assert.fail('create should fail'),
      (/** @type {any} */ error) => error,
    );
  assert.equal(refused.status, 400);
  assert.equal(refused.body.code, 'chat.error.invalid.queue');
  assert.equal(refused.body.contextId, refused.headers['inin-correlation-id']);

  const created = await api.postWebchatGuestConversations(createBody());
  client.setJwt(created.body.jwt);
  const early = await api
    .postWebchatGuestConversationMemberMessages(created.body.id, created.body.member.id, { body: 'too early' })
    .then(
      () => assert.fail('a message before the socket should fail'),
      (/** @type {any} */ error) => error,
    );
  assert.equal(early.status, 400);
  assert.equal(early.body.code, 'chat.error.conversation.state');
});
