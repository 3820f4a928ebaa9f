import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { createWebMessagingTransport } from '../../../src/transport/web-messaging/index.js';
import type { TransportEvent } from '../../../src/transport/types.js';
import {
  FakeFetch,
  FakeLifecycle,
  FakeSockets,
  MemoryStorage,
  flush,
  jsonResponse,
  until,
} from '../../helpers/fakes.js';

const CONFIG = {
  id: 'dep-1',
  status: 'Active',
  messenger: {
    enabled: true,
    apps: {
      conversations: {
        showAgentTypingIndicator: true,
        showUserTypingIndicator: true,
        conversationDisconnect: { enabled: true, type: 'ReadOnly' },
        conversationClear: { enabled: true },
      },
    },
  },
};

describe('Web Messaging transport (fake socket and clock)', () => {
  let clock: sinon.SinonFakeTimers;
  let sockets: FakeSockets;
  let events: TransportEvent[];

  beforeEach(() => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    sockets = new FakeSockets();
    events = [];
  });
  afterEach(() => clock.restore());

  async function started() {
    const fetch = new FakeFetch(() => jsonResponse(200, CONFIG));
    const transport = createWebMessagingTransport({
      environment: 'mypurecloud.ie',
      deploymentId: 'dep-1',
      fetch: fetch.fetch,
      createSocket: sockets.create,
      storage: new MemoryStorage(),
      lifecycle: new FakeLifecycle(),
      random: () => 0.5,
    });
    transport.subscribe((event) => events.push(event));
    const starting = transport.start({ memberInfo: { displayName: 'Vi' } });
    await until(() => sockets.all.length === 1);
    const socket = sockets.last;
    expect(socket.url).to.equal('wss://webmessaging.mypurecloud.ie/v1?deploymentId=dep-1');
    expect(fetch.requests[0].url).to.equal(
      'https://api-cdn.mypurecloud.ie/webdeployments/v1/deployments/dep-1/config.json',
    );
    socket.open();
    const configure = JSON.parse(socket.sent[0]);
    expect(configure).to.deep.include({ action: 'configureSession', deploymentId: 'dep-1', startNew: false });
    socket.receive({
      type: 'response',
      class: 'SessionResponse',
      code: 200,
      body: { connected: true, newSession: true },
      tracingId: configure.tracingId,
    });
    await starting;
    return { transport, socket };
  }

  const onMessages = (sent: string[]) =>
    sent.map((data) => JSON.parse(data)).filter((frame) => frame.action === 'onMessage');

  it('keeps onMessage within 2 per second, typing included, and sends the rest once a slot frees', async () => {
    const { transport, socket } = await started();
    void transport.send('one', 'c1');
    void transport.sendTyping();
    void transport.send('two', 'c2');
    await flush();
    expect(onMessages(socket.sent)).to.have.length(2);
    await clock.tickAsync(1_099);
    expect(onMessages(socket.sent)).to.have.length(2);
    await clock.tickAsync(1);
    expect(onMessages(socket.sent).map((frame) => frame.tracingId)).to.deep.equal([
      'c1',
      onMessages(socket.sent)[1].tracingId,
      'c2',
    ]);
  });

  it('waits retryAfter after a 429 and sends the same frame again; nothing is dropped', async () => {
    const { transport, socket } = await started();
    const sending = transport.send('hello', 'c1');
    await flush();
    socket.receive({
      type: 'response',
      class: 'TooManyRequestsErrorMessage',
      code: 429,
      body: { retryAfter: 3, errorCode: 4029, errorMessage: 'Message rate too high' },
      tracingId: 'c1',
    });
    await clock.tickAsync(2_999);
    expect(onMessages(socket.sent)).to.have.length(1);
    await clock.tickAsync(1);
    expect(onMessages(socket.sent)).to.have.length(2);
    expect(onMessages(socket.sent)[1], 'the same frame again').to.deep.equal(onMessages(socket.sent)[0]);
    expect(onMessages(socket.sent)[1].message).to.deep.include({ type: 'Text', text: 'hello' });
    const echo = {
      id: 'm1',
      type: 'Text',
      text: 'hello',
      direction: 'Inbound',
      channel: { time: '2025-07-01T10:00:00.000Z', messageId: 'm1' },
    };
    socket.receive({ type: 'message', class: 'StructuredMessage', code: 200, body: echo, tracingId: 'c1' });
    expect(await sending).to.deep.include({ id: 'm1', clientId: 'c1', text: 'hello' });
    expect(events.filter((event) => event.type === 'message')).to.have.length(1);
  });

  it('sends echo as the keep-alive and never shows its reply', async () => {
    const { socket } = await started();
    await clock.tickAsync(30_000);
    const echo = socket.sent.map((data) => JSON.parse(data)).find((frame) => frame.action === 'echo');
    expect(echo).to.deep.include({
      tracingId: 'SGVhbHRoQ2hlY2tNZXNzYWdlSWQ=',
      message: { type: 'Text', text: 'ping' },
    });
    socket.receive({
      type: 'response',
      class: 'StructuredMessage',
      code: 200,
      body: { id: 'e1', type: 'Text', text: 'ping', direction: 'Inbound' },
      tracingId: echo.tracingId,
    });
    expect(events.filter((event) => event.type === 'message')).to.have.length(0);
  });

  it('knows the agent from outbound messages: name and avatar from channel.from, a bot from originatingEntity', async () => {
    const { socket } = await started();
    socket.receive({
      type: 'message',
      class: 'StructuredMessage',
      code: 200,
      body: {
        id: 'b1',
        type: 'Text',
        text: 'I am a bot',
        direction: 'Outbound',
        originatingEntity: 'Bot',
        channel: { time: '2025-07-01T10:00:01.000Z', from: { nickname: 'Botty' } },
      },
    });
    socket.receive({
      type: 'message',
      class: 'StructuredMessage',
      code: 200,
      body: {
        id: 'a1',
        type: 'Text',
        text: 'Hi',
        direction: 'Outbound',
        originatingEntity: 'Human',
        channel: { time: '2025-07-01T10:00:02.000Z', from: { nickname: 'Ana', image: 'https://x.test/ana.png' } },
      },
    });
    const members = events.filter((event) => event.type === 'member');
    // A bot that answers is who the visitor talks to until a person takes over: the hand-over reads as a transfer.
    const bot = { id: 'bot:Botty', kind: 'bot', name: 'Botty', avatarUrl: undefined };
    expect(members).to.deep.equal([
      { type: 'member', member: bot, state: 'connected' },
      { type: 'member', member: bot, state: 'disconnected' },
      {
        type: 'member',
        member: { id: 'agent:Ana', kind: 'agent', name: 'Ana', avatarUrl: 'https://x.test/ana.png' },
        state: 'connected',
      },
    ]);
    const messages = events.flatMap((event) => (event.type === 'message' ? [event.message] : []));
    expect(messages.map((message) => [message.sender.kind, message.notice ?? message.text])).to.deep.equal([
      ['bot', 'joined'],
      ['bot', 'I am a bot'],
      ['bot', 'left'],
      ['agent', 'joined'],
      ['agent', 'Hi'],
    ]);
  });
  it('knows the agent from a typing event before the first reply, and announces them once', async () => {
    const { socket } = await started();
    const from = { nickname: 'Sam', image: 'https://x.test/sam.png' };
    socket.receive({
      type: 'message',
      class: 'StructuredMessage',
      code: 200,
      body: {
        id: 't1',
        type: 'Event',
        direction: 'Outbound',
        originatingEntity: 'Human',
        events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }],
        channel: { time: '2025-07-01T10:00:01.000Z', from },
      },
    });
    const sam = { id: 'agent:Sam', kind: 'agent', name: 'Sam', avatarUrl: 'https://x.test/sam.png' };
    const heard = events.filter(
      (event) => event.type === 'member' || event.type === 'message' || event.type === 'typing',
    );
    expect(heard.map((event) => event.type)).to.deep.equal(['member', 'message', 'typing']);
    expect(heard[0]).to.deep.equal({ type: 'member', member: sam, state: 'connected' });
    expect(heard[1].type === 'message' && heard[1].message).to.deep.include({
      sender: sam,
      notice: 'joined',
      text: '',
    });
    expect(heard[2]).to.deep.equal({ type: 'typing', sender: sam, durationMs: 5000 });

    socket.receive({
      type: 'message',
      class: 'StructuredMessage',
      code: 200,
      body: {
        id: 't1',
        type: 'Event',
        direction: 'Outbound',
        originatingEntity: 'Human',
        events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }],
        channel: { time: '2025-07-01T10:00:01.000Z', from },
      },
    });
    socket.receive({
      type: 'message',
      class: 'StructuredMessage',
      code: 200,
      body: {
        id: 't2',
        type: 'Event',
        direction: 'Outbound',
        originatingEntity: 'Human',
        events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }],
        channel: { time: '2025-07-01T10:00:02.000Z', from },
      },
    });
    socket.receive({
      type: 'message',
      class: 'StructuredMessage',
      code: 200,
      body: {
        id: 'a1',
        type: 'Text',
        text: 'Hi',
        direction: 'Outbound',
        originatingEntity: 'Human',
        channel: { time: '2025-07-01T10:00:03.000Z', from },
      },
    });
    expect(
      events.filter((event) => event.type === 'member'),
      'announced once',
    ).to.have.length(1);
    const messages = events.flatMap((event) => (event.type === 'message' ? [event.message] : []));
    expect(messages.map((message) => message.notice ?? message.text)).to.deep.equal(['joined', 'Hi']);
  });

  it("does not announce anyone from typing without a sender, or from the visitor's own typing", async () => {
    const { socket } = await started();
    socket.receive({
      type: 'message',
      class: 'StructuredMessage',
      code: 200,
      body: {
        id: 't1',
        type: 'Event',
        direction: 'Outbound',
        events: [{ eventType: 'Typing', typing: { type: 'On' } }],
        channel: { time: '2025-07-01T10:00:01.000Z' },
      },
    });
    socket.receive({
      type: 'message',
      class: 'StructuredMessage',
      code: 200,
      body: {
        id: 't2',
        type: 'Event',
        direction: 'Inbound',
        events: [{ eventType: 'Typing', typing: { type: 'On' } }],
        channel: { time: '2025-07-01T10:00:02.000Z' },
      },
    });
    expect(events.filter((event) => event.type === 'member' || event.type === 'message')).to.deep.equal([]);
  });
});
