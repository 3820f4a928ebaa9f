import { expect } from '@open-wc/testing';
import { createChatSession, type ChatSession } from '../../src/session/index.js';
import { createGuestChatTransport } from '../../src/transport/guest-chat/index.js';
import type { ChatTransport } from '../../src/transport/types.js';
import { TestEmulator, type EmulatorAgent } from '../helpers/emulator.js';
import { FakeLifecycle, MemoryStorage } from '../helpers/fakes.js';

const HEARTBEAT_MS = 150;

interface EmulatorMessage {
  id: string;
  senderId: string;
  body: string;
  bodyType: string;
}
interface EmulatorConversation {
  id: string;
  members: { id: string; role: string; state: string }[];
  messages: EmulatorMessage[];
}

/** Waits (with real time, but without asserting on it) until `condition` holds. */
async function eventually(condition: () => boolean | Promise<boolean>, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('chat session against the emulator', function () {
  this.timeout(30_000);
  let emulator: TestEmulator;
  let config: Awaited<ReturnType<TestEmulator['config']>>;
  let agent: EmulatorAgent;
  let storage: MemoryStorage;
  let requests: { method: string; url: string }[];
  const open: { session: ChatSession }[] = [];

  before(async () => {
    emulator = await TestEmulator.start({ heartbeatIntervalMs: HEARTBEAT_MS });
    config = await emulator.config();
    agent = await emulator.createAgent({ displayName: 'Ana', avatarImageUrl: 'https://example.test/ana.png', autoAnswer: true, autoAnswerDelayMs: 0 });
  });

  after(() => emulator.stop());

  beforeEach(() => {
    storage = new MemoryStorage();
    requests = [];
  });

  afterEach(async () => {
    for (const { session } of open.splice(0)) session.dispose();
    await emulator.clearFaults();
  });

  function newSession(queue = config.queues[0]): { session: ChatSession; transport: ChatTransport; lifecycle: FakeLifecycle } {
    const lifecycle = new FakeLifecycle();
    const transport = createGuestChatTransport({
      environment: emulator.url,
      organizationId: config.organizationId,
      deploymentId: config.deploymentId,
      heartbeatIntervalMs: HEARTBEAT_MS,
      lifecycle,
      fetch: (input, init) => {
        requests.push({ method: init?.method ?? 'GET', url: String(input) });
        return fetch(input, init);
      },
    });
    const session = createChatSession({ transport, queue, storage, storageKey: `guest-chat:${config.deploymentId}`, lifecycle });
    open.push({ session });
    return { session, transport, lifecycle };
  }

  async function conversation(id: string): Promise<EmulatorConversation> {
    const all = await emulator.conversations<EmulatorConversation[]>();
    const found = all.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`No conversation ${id}`);
    return found;
  }

  function conversationIdOf(transport: ChatTransport): string {
    return String(transport.resumeState()?.conversationId);
  }

  async function agentSays(conversationId: string, body: string): Promise<void> {
    const view = await emulator.call<{ participants: { userId?: string; chats: { id: string; state: string }[] }[] }>(
      'GET',
      `/api/v2/conversations/${conversationId}`,
      undefined,
      agent.token,
    );
    const communicationId = view.participants.find((participant) => participant.userId === agent.id && participant.chats[0].state === 'connected')!
      .chats[0].id;
    await emulator.call('POST', `/api/v2/conversations/chats/${conversationId}/communications/${communicationId}/messages`, { body }, agent.token);
  }

  /** The conversation's standard messages on the server must be the transcript's messages, each exactly once. */
  async function expectTranscriptMatchesServer(session: ChatSession, conversationId: string): Promise<void> {
    const server = (await conversation(conversationId)).messages.filter((message) => message.bodyType === 'standard');
    const shown = session.transcript.value.filter((entry) => entry.kind !== 'system');
    expect(shown.map((entry) => entry.id)).to.deep.equal(server.map((message) => message.id));
    expect(new Set(shown.map((entry) => entry.id)).size).to.equal(shown.length);
  }

  it('runs a whole chat: start, agent joins, both talk, typing, the guest leaves', async () => {
    const { session, transport } = newSession();
    expect(session.phase.value).to.equal('idle');
    await session.start({ displayName: 'Vi' });
    await eventually(() => session.phase.value === 'active', 'agent connected');
    expect(session.agent.value).to.deep.include({ kind: 'agent', name: 'Ana', avatarUrl: 'https://example.test/ana.png' });
    const cid = conversationIdOf(transport);
    expect(storage.getItem(`guest-chat:${config.deploymentId}`)).to.contain(cid);

    const clientId = session.send('Hello there');
    expect(session.transcript.value.find((entry) => entry.key === clientId)?.status).to.equal('sending');
    await eventually(() => session.transcript.value.find((entry) => entry.key === clientId)?.status === 'sent', 'sent');

    await agentSays(cid, 'Hi Vi, how can I help?');
    await eventually(() => session.transcript.value.some((entry) => entry.text === 'Hi Vi, how can I help?'), 'agent message');
    const fromAgent = session.transcript.value.find((entry) => entry.text === 'Hi Vi, how can I help?')!;
    expect(fromAgent.kind).to.equal('agent');
    expect(fromAgent.sender?.name).to.equal('Ana');
    expect(session.unread.value).to.equal(1);
    expect(session.transcript.value.some((entry) => entry.notice === 'agent-joined' && entry.text.includes('Ana'))).to.equal(true);
    // Flow and queue placeholders never show as agents.
    expect(session.transcript.value.filter((entry) => entry.notice === 'agent-joined')).to.have.length(1);

    await emulator.call('POST', `/api/v2/conversations/chats/${cid}/communications/${(await conversation(cid)).members.find((m) => m.role === 'AGENT')!.id}/typing`, undefined, agent.token);
    await eventually(() => session.agentTyping.value, 'agent typing shown');

    await expectTranscriptMatchesServer(session, cid);
    await session.end();
    expect(session.phase.value).to.equal('ended');
    expect(storage.getItem(`guest-chat:${config.deploymentId}`)).to.equal(null);
    const guest = (await conversation(cid)).members.find((member) => member.role === 'CUSTOMER')!;
    expect(guest.state).to.equal('DISCONNECTED');
    session.reset();
    expect(session.phase.value).to.equal('idle');
    expect(session.transcript.value).to.have.length(0);
  });

  it('loses and duplicates nothing across dropped sockets, queueing sends made while reconnecting', async () => {
    const { session, transport, lifecycle } = newSession();
    await session.start({ displayName: 'Vi' });
    await eventually(() => session.phase.value === 'active', 'agent connected');
    const cid = conversationIdOf(transport);
    session.send('before the drop');
    await eventually(() => session.transcript.value.every((entry) => entry.status !== 'sending'), 'first sent');

    // Offline holds the reconnect back, so the gap is certain to contain the agent's message and the queued send.
    lifecycle.emit('offline');
    await emulator.faults({ dropSockets: true });
    await eventually(() => session.phase.value === 'reconnecting', 'reconnecting');
    session.send('while reconnecting');
    await agentSays(cid, 'said during the gap');
    expect(session.transcript.value.find((entry) => entry.text === 'while reconnecting')?.status).to.equal('sending');
    lifecycle.emit('online');
    await eventually(() => session.phase.value === 'active', 'back to active');
    await eventually(
      () => session.transcript.value.some((entry) => entry.text === 'said during the gap') &&
        session.transcript.value.every((entry) => entry.status !== 'sending'),
      'backfilled and sent',
    );
    await expectTranscriptMatchesServer(session, cid);
    const guestTexts = (await conversation(cid)).messages.filter((message) => message.bodyType === 'standard').map((message) => message.body);
    expect(guestTexts).to.deep.equal(['before the drop', 'said during the gap', 'while reconnecting']);
  });

  it('notices a silent link (no heartbeats), reconnects and backfills', async () => {
    const { session, transport } = newSession();
    await session.start({ displayName: 'Vi' });
    await eventually(() => session.phase.value === 'active', 'agent connected');
    const cid = conversationIdOf(transport);
    const states: string[] = [];
    const stop = session.connection.subscribe((state) => states.push(state));
    await emulator.faults({ heartbeats: false });
    await eventually(() => states.includes('reconnecting'), 'watchdog fired');
    await agentSays(cid, 'are you still there?');
    await emulator.clearFaults();
    await eventually(() => session.transcript.value.some((entry) => entry.text === 'are you still there?'), 'backfilled');
    await eventually(() => session.phase.value === 'active', 'active again');
    stop();
    await expectTranscriptMatchesServer(session, cid);
  });

  it('retries a send after a 500 and after a 429 (waiting for Retry-After), delivering each message once', async () => {
    const { session, transport } = newSession();
    await session.start({ displayName: 'Vi' });
    await eventually(() => session.phase.value === 'active', 'agent connected');
    const cid = conversationIdOf(transport);
    await emulator.faults({ failNext: { count: 1, status: 500, pathContains: '/messages' } });
    const first = session.send('first');
    await eventually(() => session.transcript.value.find((entry) => entry.key === first)?.status === 'sent', 'first sent');
    await emulator.faults({ failNext: { count: 1, status: 429, pathContains: '/messages', retryAfterSeconds: 1 } });
    const second = session.send('second');
    await eventually(() => session.transcript.value.find((entry) => entry.key === second)?.status === 'sent', 'second sent');
    const posts = requests.filter((request) => request.method === 'POST' && request.url.endsWith('/messages'));
    expect(posts).to.have.length(4);
    await expectTranscriptMatchesServer(session, cid);
  });

  it('resumes the same chat with its full transcript after a reload', async () => {
    const first = newSession();
    await first.session.start({ displayName: 'Vi' });
    await eventually(() => first.session.phase.value === 'active', 'agent connected');
    const cid = conversationIdOf(first.transport);
    first.session.send('one');
    await agentSays(cid, 'two');
    await eventually(() => first.session.transcript.value.filter((entry) => entry.status === 'sent' || entry.kind === 'agent').length === 2, 'both');
    const before = first.session.transcript.value.filter((entry) => entry.kind !== 'system').map((entry) => entry.id);
    // The page unloads: the socket closes without leaving the chat.
    first.session.dispose();

    const second = newSession();
    expect(await second.session.restore()).to.equal(true);
    expect(conversationIdOf(second.transport)).to.equal(cid);
    expect(second.session.phase.value).to.equal('active');
    expect(second.session.agent.value?.name).to.equal('Ana');
    expect(second.session.transcript.value.filter((entry) => entry.kind !== 'system').map((entry) => entry.id)).to.deep.equal(before);
    const clientId = second.session.send('three');
    await eventually(() => second.session.transcript.value.find((entry) => entry.key === clientId)?.status === 'sent', 'sent after restore');
    await expectTranscriptMatchesServer(second.session, cid);
  });

  it('does not retry a terminal error: an unknown queue fails the start once', async () => {
    const { session } = newSession('No such queue');
    await session.start({ displayName: 'Vi' });
    expect(session.phase.value).to.equal('error');
    expect(session.notice.value).to.deep.include({ fatal: true, status: 400 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(requests.filter((request) => request.method === 'POST')).to.have.length(1);
  });
});
