import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { MessagingSocket, call, createAgent, start, until } from './helpers.js';

const emulator = await start({
  defaultAutoAnswerDelayMs: 0,
  botReplyDelayMs: 20,
  webMessaging: { rateLimitPerSecond: 20 },
});
const MESSAGES = '/api/v2/conversations/messages';

beforeEach(() => call(emulator, 'POST', '/emulator/reset'));

/** A guest whose chat the echo bot answered, after its greeting. */
async function withEchoBot() {
  await createAgent(emulator, { displayName: 'Echo', autoAnswer: true, autoAnswerDelayMs: 0, bot: 'echo' });
  const guest = await MessagingSocket.session(emulator);
  await guest.event({ eventType: 'Presence', presence: { type: 'Join' } });
  const greeting = await guest.waitFor((frame) => /^Hi, I'm Echo/.test(frame.body?.text ?? ''));
  return { guest, greeting };
}

/**
 * Answers a structured message as the SDK does: a ButtonResponse.
 * @param {MessagingSocket} guest
 * @param {{type: string, text: string, payload: string}} buttonResponse
 * @param {string} [text]
 */
const answer = (guest, buttonResponse, text = '') =>
  guest.request('onMessage', {
    message: {
      type: buttonResponse.type === 'Button' ? 'Structured' : 'Text',
      text,
      content: [{ contentType: 'ButtonResponse', buttonResponse }],
    },
  });

test('the echo bot tells Web Messaging guests about its rich messages', async () => {
  const { guest, greeting } = await withEchoBot();
  assert.match(greeting.body.text, /menu, cards or book/);
  guest.close();
});

test('"menu" brings quick replies; the answer is echoed Inbound with its ButtonResponse and the bot names it', async () => {
  const { guest } = await withEchoBot();
  await guest.say('Menu');
  const menu = await guest.waitFor((frame) => frame.body?.text === 'What can I help you with?');
  assert.equal(menu.body.type, 'Structured');
  assert.equal(menu.body.originatingEntity, 'Bot');
  assert.deepEqual(
    menu.body.content.map((/** @type {any} */ item) => [
      item.contentType,
      item.quickReply.text,
      item.quickReply.payload,
    ]),
    [
      ['QuickReply', 'Track my order', 'TRACK'],
      ['QuickReply', 'Opening hours', 'HOURS'],
      ['QuickReply', 'Talk to a person', 'AGENT'],
    ],
  );
  const reply = { text: 'Opening hours', payload: 'HOURS', type: 'QuickReply', originatingMessageId: menu.body.id };
  const echoed = await answer(guest, reply);
  assert.equal(echoed.class, 'StructuredMessage');
  assert.equal(echoed.body.direction, 'Inbound');
  assert.equal(echoed.body.text, '');
  assert.deepEqual(echoed.body.content, [{ contentType: 'ButtonResponse', buttonResponse: reply }]);
  await guest.waitFor((frame) => frame.body?.text === 'You chose: Opening hours (HOURS)');
  // The answer is in history as the guest sent it.
  const [conversation] = await call(emulator, 'GET', '/emulator/conversations').then((r) => r.body);
  const logged = conversation.messages.find((/** @type {any} */ m) => m.id === echoed.body.id);
  assert.equal(logged.body, 'Opening hours');
  assert.deepEqual(logged.content, echoed.body.content);
  guest.close();
});

test('"cards" brings a carousel with pictures the emulator serves; a postback answers as Structured', async () => {
  const { guest } = await withEchoBot();
  await guest.say('cards');
  const offer = await guest.waitFor((frame) => frame.body?.content?.[0]?.contentType === 'Carousel');
  const cards = offer.body.content[0].carousel.cards;
  assert.deepEqual(
    cards.map((/** @type {any} */ card) => card.title),
    ['Starter', 'Plus', 'Pro'],
  );
  assert.deepEqual(
    cards[0].actions.map((/** @type {any} */ action) => action.type),
    ['Postback', 'Link'],
  );
  const picture = await fetch(cards[1].image);
  assert.equal(picture.status, 200);
  assert.equal(picture.headers.get('content-type'), 'image/svg+xml');
  const echoed = await answer(guest, { text: 'Choose Plus', payload: 'PLAN_PLUS', type: 'Button' }, 'Choose Plus');
  assert.equal(echoed.body.type, 'Structured');
  await guest.waitFor((frame) => frame.body?.text === 'You chose: Choose Plus (PLAN_PLUS)');
  guest.close();
});

test('"book" brings a date picker of future times; the chosen slot is echoed back', async () => {
  const { guest } = await withEchoBot();
  await guest.say('book');
  const offer = await guest.waitFor((frame) => frame.body?.content?.[0]?.contentType === 'DatePicker');
  const picker = offer.body.content[0].datePicker;
  assert.equal(picker.title, 'Book a call');
  assert.ok(picker.availableTimes.length >= 3);
  for (const slot of picker.availableTimes) {
    assert.ok(Date.parse(slot.dateTime) > Date.now());
    assert.equal(slot.duration, 1800);
  }
  const chosen = picker.availableTimes[1].dateTime;
  await answer(guest, { text: chosen, payload: chosen, type: 'DatePicker' });
  await guest.waitFor((frame) => frame.body?.text === `You chose: ${chosen} (${chosen})`);
  guest.close();
});

test('a ButtonResponse without text or payload is refused with 4020 and reaches nobody', async () => {
  const { guest } = await withEchoBot();
  const refused = await guest.request('onMessage', {
    message: { type: 'Text', text: '', content: [{ contentType: 'ButtonResponse', buttonResponse: { text: 'x' } }] },
  });
  assert.equal(refused.class, 'string');
  assert.equal(refused.code, 4020);
  const [conversation] = await call(emulator, 'GET', '/emulator/conversations').then((r) => r.body);
  assert.equal(conversation.messages.filter((/** @type {any} */ m) => m.body === 'x').length, 0);
  guest.close();
});

test('the control route sends an agent Structured message; the agent API shows its content and the guest answer', async () => {
  const agent = await createAgent(emulator, { displayName: 'Ana', autoAnswer: true, autoAnswerDelayMs: 0 });
  const guest = await MessagingSocket.session(emulator);
  await guest.say('Hello');
  const [conversation] = await until(async () => {
    const all = (await call(emulator, 'GET', '/emulator/conversations')).body;
    return all[0]?.members.some((/** @type {any} */ m) => m.role === 'AGENT' && m.state === 'CONNECTED') && all;
  });
  const content = [{ contentType: 'Card', card: { title: 'Parcel', description: 'On its way', actions: [] } }];
  const path = `/emulator/conversations/${conversation.id}/messages`;
  const sent = await call(emulator, 'POST', path, { body: { text: 'Look:', content } });
  assert.equal(sent.status, 200);
  const pushed = await guest.waitFor((frame) => frame.body?.id === sent.body.id);
  assert.equal(pushed.body.type, 'Structured');
  assert.equal(pushed.body.originatingEntity, 'Human');
  assert.deepEqual(pushed.body.content, content);
  const answered = await answer(guest, { text: 'Yes', payload: 'YES', type: 'QuickReply' });
  const bulk = await call(emulator, 'POST', `${MESSAGES}/${conversation.id}/messages/bulk`, {
    token: agent.token,
    body: [sent.body.id, answered.body.id],
  });
  assert.deepEqual(
    bulk.body.entities.map((/** @type {any} */ m) => [m.normalizedMessage.type, m.textBody]),
    [
      ['Structured', 'Look:'],
      ['Structured', 'Yes'],
    ],
  );
  assert.equal(bulk.body.entities[1].normalizedMessage.content[0].buttonResponse.payload, 'YES');
  assert.equal((await call(emulator, 'POST', path, { body: { content: [] } })).status, 400);
  assert.equal(
    (await call(emulator, 'POST', '/emulator/conversations/nope/messages', { body: { content } })).status,
    404,
  );
  guest.close();
});
