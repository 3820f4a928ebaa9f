// Contract test: Genesys's Platform SDK (purecloud-platform-client-v2 252.0.0, the last with the chat calls), acting
// as an agent against the emulator, accepts every answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import platform from 'purecloud-platform-client-v2';
import { GuestSocket, createAgent, createChat, start, until } from './helpers.js';

const emulator = await start();

const client = platform.ApiClient.instance;
client.setGateway({ host: '127.0.0.1', protocol: 'http', port: emulator.port });
client.setReturnExtendedResponses(true);
// With extended responses every call answers `{status, headers, body}`, which the SDK's typings do not describe.
const conversations = /** @type {any} */ (new platform.ConversationsApi());
const analytics = /** @type {any} */ (new platform.AnalyticsApi());

test('the Platform SDK, as an agent, lists, reads, accepts, messages, types and disconnects', async () => {
  const agent = await createAgent(emulator, { displayName: 'Ana' });
  client.setAccessToken(agent.token);
  const chat = await createChat(emulator);
  const socket = await GuestSocket.open(chat.eventStreamUri);

  const listed = await until(async () => {
    const res = await conversations.getConversationsChats();
    return res.body.entities.length > 0 && res;
  });
  assert.equal(listed.status, 200);
  assert.equal(listed.body.entities[0].id, chat.id);

  const one = await conversations.getConversationsChat(chat.id);
  assert.equal(one.status, 200);
  const participant = one.body.participants.find((/** @type {any} */ p) => p.user?.id === agent.id);
  assert.equal(participant.state, 'alerting');

  const accepted = await conversations.patchConversationsChatParticipant(chat.id, participant.id, {
    state: 'connected',
  });
  assert.equal(accepted.status, 202);

  const generic = await conversations.getConversation(chat.id);
  assert.equal(generic.status, 200);
  const communicationId = generic.body.participants.find((/** @type {any} */ p) => p.id === participant.id).chats[0].id;

  const sent = await conversations.postConversationsChatCommunicationMessages(chat.id, communicationId, {
    body: 'Hello, this is Ana.',
    bodyType: 'standard',
  });
  assert.equal(sent.status, 200);
  await socket.waitFor((f) => f.eventBody?.id === sent.body.id);
  const typing = await conversations.postConversationsChatCommunicationTyping(chat.id, communicationId);
  assert.equal(typing.status, 200);
  assert.deepEqual(typing.body.sender, { id: communicationId });

  const messages = await conversations.getConversationsChatMessages(chat.id, {
    sortOrder: 'descending',
    maxResults: 5,
  });
  assert.equal(messages.status, 200);
  assert.equal(messages.body.entities[0].id, sent.body.id);
  const message = await conversations.getConversationsChatMessage(chat.id, sent.body.id);
  assert.equal(message.body.body, 'Hello, this is Ana.');

  const details = await analytics.getAnalyticsConversationDetails(chat.id);
  assert.equal(details.status, 200);
  assert.ok(details.body.participants.some((/** @type {any} */ p) => p.sessions[0].sessionId === communicationId));

  const left = await conversations.patchConversationsChatParticipant(chat.id, participant.id, {
    state: 'disconnected',
  });
  assert.equal(left.status, 202);
  assert.equal((await socket.waitClosed()).code, 1001);
  assert.equal((await conversations.getConversationsChats()).body.total, 0);
});

test('the Platform SDK replays the forum thread and gets the 404 as an ErrorBody', async () => {
  const agent = await createAgent(emulator, { displayName: 'Bo' });
  client.setAccessToken(agent.token);
  const queueId = emulator.store.queueByName('Chat Queue')?.id;
  const created = await conversations.postConversationsChats({
    queueId,
    provider: 'Chat System',
    customerName: 'Forum Customer',
  });
  assert.equal(created.status, 200);
  const details = await analytics.getAnalyticsConversationDetails(created.body.id);
  const sessionId = details.body.participants.find((/** @type {any} */ p) => p.purpose === 'external').sessions[0]
    .sessionId;
  const failed = await conversations
    .postConversationsChatCommunicationMessages(created.body.id, sessionId, { body: 'hi' })
    .then(
      () => assert.fail('posting to a third-party chat should fail'),
      (/** @type {any} */ error) => error,
    );
  assert.equal(failed.status, 404);
  assert.equal(failed.body.code, 'chat.error.not.found');
  assert.equal(failed.body.message, 'Not Found');
});
