import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { TestEmulator } from '../helpers/emulator.js';
import { Chat, TRANSPORTS, spoken, until, written, type LoggedConversation } from './helpers/chat.js';

/** The widget's real sockets to the emulator, and every frame the emulator sent on them. */
class Tap {
  readonly sockets: WebSocket[] = [];
  readonly frames: string[] = [];

  readonly create = (url: string): WebSocket => {
    const socket = new WebSocket(url);
    socket.addEventListener('message', (event) => this.frames.push(String(event.data)));
    this.sockets.push(socket);
    return socket;
  };

  /** Hands a frame to the widget as if the server had sent it on the open socket. */
  inject(data: string): void {
    const socket = this.sockets.at(-1)!;
    socket.onmessage?.(new MessageEvent('message', { data }));
  }

  /** The emulator's message frames so far, oldest first. */
  messageFrames(): string[] {
    return this.frames.filter((frame) => frame.includes('"type":"message"'));
  }
}

/** Frames a broken or hostile server could send: not JSON, wrong shapes, wrong types, missing fields, huge. */
function badFrames(conversation: LoggedConversation): string[] {
  const topic = `v2.conversations.chats.${conversation.id}.messages`;
  const members = `v2.conversations.chats.${conversation.id}.members`;
  const agent = conversation.members.find((member) => member.role === 'AGENT')!.id;
  const message = (eventBody: unknown) =>
    JSON.stringify({ topicName: topic, eventBody, metadata: { type: 'message' } });
  const body = {
    id: 'bad-1',
    conversation: { id: conversation.id },
    sender: { id: agent },
    body: 'x',
    bodyType: 'standard',
    timestamp: new Date().toISOString(),
  };
  return [
    'not json',
    '{',
    '',
    'null',
    '42',
    '"a string"',
    '[]',
    '[{"topicName":"x"}]',
    '{}',
    '{"topicName":5}',
    '{"topicName":null,"eventBody":{}}',
    JSON.stringify({
      topicName: 'v2.users.someone.presence',
      eventBody: { presence: 'x' },
      metadata: { type: 'presence' },
    }),
    JSON.stringify({ topicName: topic, eventBody: body, metadata: { type: 'reaction' } }),
    JSON.stringify({
      topicName: 'v2.conversations.chats.another-conversation.messages',
      eventBody: body,
      metadata: { type: 'message' },
    }),
    JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 42 } }),
    JSON.stringify({ topicName: topic, metadata: { type: 'message' } }),
    JSON.stringify({ topicName: topic, eventBody: 'text', metadata: { type: 'message' } }),
    message({ ...body, id: undefined }),
    message({ ...body, id: 7 }),
    message({ ...body, body: undefined }),
    message({ ...body, body: { html: '<b>x</b>' } }),
    message({ ...body, sender: undefined }),
    message({ ...body, sender: { id: 12 } }),
    message({ ...body, timestamp: 'yesterday' }),
    message({ ...body, timestamp: undefined }),
    message({ ...body, bodyType: 12 }),
    message({ ...body, id: undefined, body: 'y'.repeat(2_000_000) }),
    JSON.stringify({
      topicName: topic,
      eventBody: { id: 'bad-3', sender: { id: agent } },
      metadata: { type: 'typing-indicator' },
    }),
    JSON.stringify({
      topicName: members,
      eventBody: { member: { id: agent, state: 'EXPLODED' }, timestamp: body.timestamp },
      metadata: { type: 'member-change' },
    }),
    JSON.stringify({
      topicName: members,
      eventBody: { member: { state: 'CONNECTED' } },
      metadata: { type: 'member-change' },
    }),
    JSON.stringify({ topicName: members, eventBody: { member: 'agent' }, metadata: { type: 'member-change' } }),
    `{"topicName":"${topic}","eventBody":${'['.repeat(5000)}${']'.repeat(5000)},"metadata":{"type":"message"}}`,
  ];
}

describe('bad input from the server (guest-chat)', function () {
  this.timeout(60_000);
  let emulator: TestEmulator;
  let chat: Chat;
  let tap: Tap;
  let warn: sinon.SinonSpy;
  let error: sinon.SinonSpy;

  before(async () => {
    emulator = await TestEmulator.start();
  });
  after(() => emulator.stop());
  beforeEach(async () => {
    tap = new Tap();
    chat = await Chat.mount(emulator, TRANSPORTS[0], { createSocket: tap.create });
    await chat.start();
    warn = sinon.spy(console, 'warn');
    error = sinon.spy(console, 'error');
  });
  afterEach(() => {
    warn.restore();
    error.restore();
    chat.remove();
  });

  /** The widget's messages are the emulator's log: same messages, same order, nothing twice. */
  async function expectTranscriptIsLog(): Promise<void> {
    const log = spoken(await chat.conversation());
    await until(() => written(chat.transcript()).length >= log.length, 'the widget has every message');
    expect(written(chat.transcript()).map((entry) => `${entry.id} ${entry.text}`)).to.deep.equal(
      log.map((message) => `${message.id} ${message.body}`),
    );
  }

  it('drops malformed, unknown, mistyped, incomplete and huge frames, logs once, and goes on chatting', async () => {
    await chat.agentSays('before');
    await until(() => written(chat.transcript()).some((entry) => entry.text === 'before'), 'the first message');
    for (const frame of badFrames(await chat.conversation())) tap.inject(frame);

    await chat.agentSays('after');
    chat.el.send('visitor after');
    await until(
      () =>
        written(chat.transcript()).filter((entry) => entry.status === 'sent' || entry.text === 'after').length === 2,
      'both sides still talk',
    );
    await expectTranscriptIsLog();
    expect(chat.session.phase.value).to.equal('active');
    expect(chat.transcript().some((entry) => entry.id?.startsWith('bad-'))).to.equal(false);
    expect(warn.callCount + error.callCount, 'one line in the console').to.equal(1);
    expect(String(warn.firstCall?.args[0])).to.contain('guest-chat');
  });

  it("shows duplicated and out-of-order message frames once, in the log's order", async () => {
    await emulator.faults({ duplicateEvents: true });
    for (let index = 0; index < 6; index++) await chat.agentSays(`agent ${index}`);
    await until(() => written(chat.transcript()).length >= 6, 'the messages arrive');
    const frames = tap.messageFrames();
    for (const frame of [...frames].reverse()) tap.inject(frame);
    for (const frame of frames) tap.inject(frame);
    await emulator.clearFaults();
    await chat.agentSays('last');
    await expectTranscriptIsLog();
    expect(warn.callCount + error.callCount).to.equal(0);
  });
});
