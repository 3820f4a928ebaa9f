import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { createChatSession, GUEST_TYPING_THROTTLE_MS, type ChatSession } from '../../src/session/index.js';
import { systemClock } from '../../src/core/clock.js';
import {
  TransportError,
  type ChatTransport,
  type Participant,
  type StartResult,
  type TransportEvent,
  type TransportMessage,
} from '../../src/transport/types.js';
import { FakeLifecycle, MemoryStorage, flush } from '../helpers/fakes.js';
import { until } from '../helpers/wait.js';

const ANA: Participant = { id: 'a1', kind: 'agent', name: 'Ana' };
const BO: Participant = { id: 'a2', kind: 'agent', name: 'Bo' };
const GUEST: Participant = { id: 'g1', kind: 'guest' };

/** A transport the test scripts: sends wait for the test to answer them. */
class FakeTransport implements ChatTransport {
  readonly kind = 'guest-chat' as const;
  listener: ((event: TransportEvent) => void) | null = null;
  sends: { text: string; clientId: string; resolve(message: TransportMessage): void; reject(error: unknown): void }[] =
    [];
  typingCalls = 0;
  suspended = 0;
  woken = 0;
  history = sinon.fake.resolves([] as TransportMessage[]);
  resume = sinon.fake.resolves({
    selfId: 'g1',
    history: [],
    resumed: true,
    members: [],
    readOnly: false,
  } as StartResult);
  state = { kind: 'guest-chat', conversationId: 'c1' };

  prepare = async () => ({ guestTyping: true, agentTyping: true, leaveEndsConversation: true });
  start = async (): Promise<StartResult> => ({
    selfId: 'g1',
    history: [],
    resumed: false,
    members: [],
    readOnly: false,
  });
  resumeState = () => this.state;
  send(text: string, clientId: string): Promise<TransportMessage> {
    return new Promise((resolve, reject) => this.sends.push({ text, clientId, resolve, reject }));
  }
  sendTyping = async () => {
    this.typingCalls += 1;
  };
  leave = async () => {};
  subscribe(listener: (event: TransportEvent) => void) {
    this.listener = listener;
    return () => (this.listener = null);
  }
  suspend = () => {
    this.suspended += 1;
  };
  wake = () => {
    this.woken += 1;
  };
  dispose = () => {};
  emit(event: TransportEvent): void {
    this.listener?.(event);
  }
}

const message = (id: string, sender: Participant, text: string, time: number): TransportMessage => ({
  id,
  sender,
  text,
  time,
});

describe('createChatSession', () => {
  let clock: sinon.SinonFakeTimers;
  let transport: FakeTransport;
  let lifecycle: FakeLifecycle;
  let storage: MemoryStorage;
  let session: ChatSession;

  beforeEach(async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    transport = new FakeTransport();
    lifecycle = new FakeLifecycle();
    storage = new MemoryStorage();
    session = createChatSession({
      transport,
      queue: 'Support',
      storage,
      storageKey: 'k',
      clock: systemClock,
      lifecycle,
    });
    await session.start({ displayName: 'Vi' });
  });

  afterEach(() => {
    session.dispose();
    clock.restore();
  });

  const texts = () => session.transcript.value.map((entry) => entry.text);
  const status = (key: string) => session.transcript.value.find((entry) => entry.key === key)?.status;

  it('waits in the queue, goes active when an agent connects, and keeps going through a transfer', () => {
    expect(session.phase.value).to.equal('waiting');
    transport.emit({ type: 'member', member: { id: 'q', kind: 'system' }, state: 'connected' });
    expect(session.phase.value).to.equal('waiting');
    transport.emit({ type: 'member', member: ANA, state: 'connected' });
    expect(session.phase.value).to.equal('active');
    expect(session.agent.value).to.equal(ANA);
    transport.emit({ type: 'member', member: ANA, state: 'disconnected' });
    expect(session.phase.value).to.equal('waiting');
    expect(session.notice.value?.code).to.equal('agent-left');
    transport.emit({ type: 'member', member: BO, state: 'connected' });
    expect(session.phase.value).to.equal('active');
    expect(session.agent.value).to.equal(BO);
    expect(session.notice.value).to.equal(null);
  });

  it('treats a bot that answers like an agent: active, shown, its typing and unread messages counted', () => {
    const bot: Participant = { id: 'bot:Helper', kind: 'bot', name: 'Helper' };
    session.setVisible(false);
    transport.emit({ type: 'member', member: bot, state: 'connected' });
    expect(session.phase.value).to.equal('active');
    expect(session.agent.value).to.equal(bot);
    transport.emit({ type: 'typing', sender: bot, durationMs: 5_000 });
    expect(session.agentTyping.value).to.equal(true);
    transport.emit({ type: 'message', message: message('b1', bot, 'Hi, I am a bot', 100) });
    expect(session.agentTyping.value).to.equal(false);
    expect(session.unread.value).to.equal(1);
    transport.emit({ type: 'typing', sender: GUEST, durationMs: 5_000 });
    expect(session.agentTyping.value).to.equal(false);
  });

  it('keeps order and shows each message once when the echo beats the POST answer', async () => {
    const a = session.send('first');
    const b = session.send('second');
    expect(session.transcript.value.map((entry) => entry.status)).to.deep.equal(['sending', 'sending']);
    expect(transport.sends).to.have.length(1);
    transport.emit({ type: 'message', message: message('s1', GUEST, 'first', 100) });
    transport.sends[0].resolve({ ...message('s1', GUEST, 'first', 100), clientId: a });
    await until(() => transport.sends.length === 2, 'the second message goes out once the first is answered');
    transport.emit({ type: 'message', message: message('x1', ANA, 'between', 150) });
    transport.sends[1].resolve({ ...message('s2', GUEST, 'second', 200), clientId: b });
    await until(() => status(b) === 'sent', 'the second message is sent');
    transport.emit({ type: 'message', message: message('s2', GUEST, 'second', 200) });
    expect(texts()).to.deep.equal(['first', 'between', 'second']);
    expect(session.transcript.value.map((entry) => entry.key)).to.deep.equal([a, 'x1', b]);
    expect(session.transcript.value.every((entry) => entry.kind !== 'guest' || entry.status === 'sent')).to.equal(true);
  });

  it('orders by server time, then id, whatever the arrival order', () => {
    transport.emit({ type: 'message', message: message('b', ANA, 'two', 10) });
    transport.emit({ type: 'message', message: message('c', ANA, 'three', 20) });
    transport.emit({ type: 'message', message: message('a', ANA, 'one', 10) });
    transport.emit({ type: 'message', message: message('a', ANA, 'one', 10) });
    expect(texts()).to.deep.equal(['one', 'two', 'three']);
  });

  it('marks a send failed without retrying a terminal error, and retries it on request', async () => {
    const id = session.send('hello');
    transport.sends[0].reject(
      new TransportError('Conversation State', {
        status: 400,
        code: 'chat.error.conversation.state',
        retryable: false,
      }),
    );
    await until(() => status(id) === 'failed', 'the message is marked failed');
    clock.tick(60_000);
    // Nothing may go out again on its own: whatever is pending gets its turns before the count.
    await flush();
    expect(transport.sends).to.have.length(1);
    expect(session.transcript.value.find((candidate) => candidate.key === id)?.error).to.equal('chat-unavailable');
    session.retry(id);
    expect(transport.sends).to.have.length(2);
    transport.sends[1].resolve({ ...message('s1', GUEST, 'hello', 5), clientId: id });
    await until(() => status(id) === 'sent', 'the retried message is sent');
  });

  it('waits for Retry-After before sending again after a 429', async () => {
    session.send('hello');
    transport.sends[0].reject(new TransportError('Too many', { status: 429, retryAfter: 3, retryable: true }));
    await until(() => clock.countTimers() > 0, 'the retry is scheduled');
    clock.tick(2_999);
    await flush();
    expect(transport.sends).to.have.length(1);
    clock.tick(1);
    await until(() => transport.sends.length === 2, 'the message goes out again after Retry-After');
    expect(session.transcript.value[0].status).to.equal('sending');
  });

  it('queues sends while reconnecting, backfills from the last message seen, then delivers in order', async () => {
    transport.emit({ type: 'message', message: message('m1', ANA, 'hi', 1) });
    transport.emit({ type: 'connection', state: 'reconnecting', previous: 'open' });
    expect(session.phase.value).to.equal('reconnecting');
    session.send('one');
    session.send('two');
    expect(transport.sends).to.have.length(0);
    transport.history = sinon.fake.resolves([message('m2', ANA, 'missed', 2)]);
    transport.emit({ type: 'connection', state: 'open', previous: 'reconnecting' });
    transport.emit({ type: 'resynced' });
    await until(() => session.phase.value === 'waiting', 'the chat is back after the backfill');
    expect(transport.history.firstCall.args).to.deep.equal(['m1']);
    expect(transport.sends.map((send) => send.text)).to.deep.equal(['one']);
    expect(texts()).to.deep.equal(['hi', 'missed', 'one', 'two']);
  });

  it('backfills from before the gap even when live messages arrive on the new link first', async () => {
    transport.emit({ type: 'message', message: message('m1', ANA, 'before', 1) });
    transport.emit({ type: 'connection', state: 'reconnecting', previous: 'open' });
    transport.emit({ type: 'connection', state: 'open', previous: 'reconnecting' });
    // The new link carries a message before the transport has confirmed the chat and asked for a backfill.
    transport.emit({ type: 'message', message: message('m3', ANA, 'live', 3) });
    transport.history = sinon.fake.resolves([message('m2', ANA, 'in the gap', 2), message('m3', ANA, 'live', 3)]);
    transport.emit({ type: 'resynced' });
    await until(() => texts().length === 3, 'the gap is backfilled');
    expect(transport.history.firstCall.args).to.deep.equal(['m1']);
    expect(texts()).to.deep.equal(['before', 'in the gap', 'live']);
    // The next gap starts from the newest message again.
    transport.emit({ type: 'connection', state: 'reconnecting', previous: 'open' });
    transport.history = sinon.fake.resolves([]);
    transport.emit({ type: 'resynced' });
    await until(() => transport.history.called, 'the second gap is backfilled');
    expect(transport.history.firstCall.args).to.deep.equal(['m3']);
  });

  it('sends typing at most once per throttle window', () => {
    session.typing();
    session.typing();
    clock.tick(GUEST_TYPING_THROTTLE_MS - 1);
    session.typing();
    expect(transport.typingCalls).to.equal(1);
    clock.tick(1);
    session.typing();
    expect(transport.typingCalls).to.equal(2);
  });

  it("shows the agent typing until the duration passes or the agent's message arrives", () => {
    transport.emit({ type: 'member', member: ANA, state: 'connected' });
    transport.emit({ type: 'typing', sender: ANA, durationMs: 4_000 });
    expect(session.agentTyping.value).to.equal(true);
    clock.tick(4_000);
    expect(session.agentTyping.value).to.equal(false);
    transport.emit({ type: 'typing', sender: ANA, durationMs: 4_000 });
    transport.emit({ type: 'message', message: message('m1', ANA, 'done', 1) });
    expect(session.agentTyping.value).to.equal(false);
  });

  it('counts agent messages while hidden and clears on open', () => {
    transport.emit({ type: 'message', message: message('m1', ANA, 'one', 1) });
    transport.emit({ type: 'message', message: message('n1', { id: 'sys', kind: 'system' }, 'notice', 2) });
    expect(session.unread.value).to.equal(1);
    session.setVisible(true);
    expect(session.unread.value).to.equal(0);
    transport.emit({ type: 'message', message: message('m2', ANA, 'two', 3) });
    expect(session.unread.value).to.equal(0);
  });

  it('ignores warnings (bad frames) and carries on', () => {
    transport.emit({ type: 'warning', error: new TransportError('bad frame', { retryable: false }) });
    transport.emit({ type: 'message', message: message('m1', ANA, 'still here', 1) });
    expect(session.phase.value).to.equal('waiting');
    expect(texts()).to.deep.equal(['still here']);
  });

  it('closes the stream on pagehide and reopens it on pageshow', () => {
    lifecycle.emit('pagehide');
    expect(transport.suspended).to.equal(1);
    lifecycle.emit('pageshow');
    expect(transport.woken).to.equal(1);
    lifecycle.emit('pageshow');
    expect(transport.woken).to.equal(1);
  });

  it('keeps the resume state while the chat lives and clears only its own when it ends', () => {
    transport.emit({ type: 'message', message: message('m1', ANA, 'hi', 1) });
    clock.tick(0);
    expect(JSON.parse(storage.getItem('k')!)).to.deep.equal({
      version: 1,
      transport: transport.state,
      lastMessageId: 'm1',
    });
    // Another chat took the key in this tab meanwhile: ending ours must not wipe it.
    storage.setItem('k', JSON.stringify({ version: 1, transport: { kind: 'guest-chat', conversationId: 'other' } }));
    transport.emit({ type: 'ended', reason: 'agent-ended', readOnly: false });
    expect(storage.getItem('k')).to.contain('other');
    expect(session.phase.value).to.equal('ended');
    expect(session.transcript.value.at(-1)?.notice).to.equal('ended-by-agent');
  });

  it('writes the resume record once a burst of messages is shown, and at once when the page hides or goes away', async () => {
    const saved = () => JSON.parse(storage.getItem('k') ?? 'null')?.lastMessageId;
    const writes = sinon.spy(storage, 'setItem');
    transport.emit({ type: 'message', message: message('m1', ANA, 'one', 1) });
    transport.emit({ type: 'message', message: message('m2', ANA, 'two', 2) });
    // Not on the messages' own path: the write waits for a task after theirs, and covers both.
    expect(writes.callCount).to.equal(0);
    clock.tick(0);
    expect(writes.callCount).to.equal(1);
    expect(saved()).to.equal('m2');

    transport.emit({ type: 'message', message: message('m3', ANA, 'three', 3) });
    lifecycle.emit('pagehide');
    expect(saved()).to.equal('m3');
    lifecycle.emit('pageshow');
    transport.emit({ type: 'message', message: message('m4', ANA, 'four', 4) });
    lifecycle.emit('hidden');
    expect(saved()).to.equal('m4');
    // A hidden page may be closed or discarded without another event: it writes at once.
    transport.emit({ type: 'message', message: message('m5', ANA, 'five', 5) });
    expect(saved()).to.equal('m5');
    lifecycle.emit('visible');
    transport.emit({ type: 'message', message: message('m6', ANA, 'six', 6) });
    // The element leaves the page (a reload): the next page must resume from the newest message.
    session.dispose();
    expect(saved()).to.equal('m6');
    expect(writes.callCount).to.equal(5);

    const next = new FakeTransport();
    next.resume = sinon.fake.resolves({
      selfId: 'g1',
      history: [1, 2, 3, 4, 5, 6, 7].map((n) => message(`m${n}`, ANA, `said ${n}`, n)),
      resumed: true,
      members: [{ member: ANA, state: 'connected' }],
      readOnly: false,
    } as StartResult);
    session = createChatSession({ transport: next, storage, storageKey: 'k', clock: systemClock, lifecycle });
    expect(await session.restore()).to.equal(true);
    // Only what came after the newest message shown before the reload counts as unread.
    expect(session.unread.value).to.equal(1);
  });

  it('does not bring back the resume record of a chat that ended before its pending write', () => {
    transport.emit({ type: 'message', message: message('m1', ANA, 'hi', 1) });
    transport.emit({ type: 'ended', reason: 'agent-ended', readOnly: false });
    clock.tick(0);
    expect(storage.getItem('k')).to.equal(null);
  });

  it("tells why a chat ended, and never calls an expiry or a close elsewhere the agent's doing", async () => {
    const cases = [
      ['expired', 'expired', 'ended-expired'],
      ['closed', 'closed', 'ended'],
      ['agent-ended', 'agent-ended', 'ended-by-agent'],
      ['visitor-left', 'visitor-left', 'ended'],
    ] as const;
    for (const [reason, told, notice] of cases) {
      if (session.phase.value === 'ended') {
        session.reset();
        await session.start({ displayName: 'Vi' });
      }
      const events: unknown[] = [];
      const stop = session.subscribe((event) => event.type === 'ended' && events.push(event));
      transport.emit({ type: 'member', member: ANA, state: 'connected' });
      transport.emit({ type: 'ended', reason, readOnly: false });
      stop();
      expect(events, reason).to.deep.equal([{ type: 'ended', reason: told }]);
      expect(session.transcript.value.at(-1)?.notice, reason).to.equal(notice);
    }
  });

  it('tells each agent message, accepted send, agent change and notice once', async () => {
    const told: { type: string }[] = [];
    session.subscribe((event) => told.push(event));
    transport.emit({ type: 'member', member: ANA, state: 'connected' });
    transport.emit({ type: 'message', message: message('m1', ANA, 'hi', 1) });
    transport.emit({ type: 'message', message: message('m1', ANA, 'hi', 1) });
    const id = session.send('hello');
    transport.emit({ type: 'message', message: { ...message('s1', GUEST, 'hello', 2), clientId: id } });
    transport.sends[0].resolve({ ...message('s1', GUEST, 'hello', 2), clientId: id });
    // The send's answer after its echo must not tell the message again: it gets its turns before the count.
    await flush();
    transport.emit({ type: 'member', member: ANA, state: 'disconnected' });
    // Changes made in one step (an agent joining makes the chat active) may be told in either order.
    expect(told.map((event) => event.type).sort()).to.deep.equal(
      ['agent-changed', 'phase', 'message-received', 'message-confirmed', 'agent-changed', 'notice', 'phase'].sort(),
    );
    const changes = told.filter((event) => event.type === 'agent-changed');
    expect(changes[0]).to.deep.include({ agent: ANA, previous: null });
    expect(changes[1]).to.deep.include({ agent: null, previous: ANA });
    expect(told.find((event) => event.type === 'notice')).to.have.nested.property('notice.code', 'agent-left');
  });

  it('writes no display text into the transcript: notices and failures are codes', async () => {
    transport.emit({ type: 'member', member: ANA, state: 'connected' });
    transport.emit({ type: 'message', message: { ...message('j1', ANA, '', 1), notice: 'joined' } });
    session.send('never');
    await session.end();
    const system = session.transcript.value.filter((entry) => entry.kind === 'system');
    expect(system.map((entry) => entry.notice)).to.deep.equal(['agent-joined', 'ended']);
    expect(system.map((entry) => entry.text)).to.deep.equal(['', '']);
    expect(session.transcript.value.find((entry) => entry.kind === 'guest')?.error).to.equal('chat-ended');
  });

  it('clears the resume state when the chat ends and fails what was not sent', async () => {
    session.send('never');
    await session.end();
    expect(storage.getItem('k')).to.equal(null);
    expect(session.transcript.value[0].status).to.equal('failed');
  });

  it('restores from storage and counts messages that arrived while away as unread', async () => {
    const saved = { version: 1, transport: transport.state, lastMessageId: 'm1' };
    const other = new FakeTransport();
    other.resume = sinon.fake.resolves({
      selfId: 'g1',
      history: [message('m1', ANA, 'seen', 1), message('m2', ANA, 'new', 2)],
      resumed: true,
      members: [{ member: ANA, state: 'connected' }],
      readOnly: false,
    } as StartResult);
    const restoredStorage = new MemoryStorage();
    restoredStorage.setItem('k', JSON.stringify(saved));
    const restored = createChatSession({
      transport: other,
      storage: restoredStorage,
      storageKey: 'k',
      clock: systemClock,
      lifecycle,
    });
    const told: string[] = [];
    restored.subscribe((event) => told.push(event.type));
    expect(await restored.restore()).to.equal(true);
    expect(other.resume.firstCall.args[0]).to.deep.equal(transport.state);
    expect(restored.phase.value).to.equal('active');
    expect(restored.transcript.value.map((entry) => entry.text)).to.deep.equal(['seen', 'new']);
    expect(restored.unread.value).to.equal(1);
    // What the chat brings back is not news: only its phase is told.
    expect(told).to.deep.equal(['phase', 'phase']);
    other.emit({ type: 'message', message: message('m3', ANA, 'live', 3) });
    expect(told.at(-1)).to.equal('message-received');
    restored.dispose();
  });

  it('forgets a saved chat that can no longer be resumed', async () => {
    const gone = new FakeTransport();
    gone.resume = sinon.fake.rejects(new TransportError('ended', { code: 'chat.ended', retryable: false }));
    const goneStorage = new MemoryStorage();
    goneStorage.setItem('k', JSON.stringify({ version: 1, transport: gone.state }));
    const restored = createChatSession({
      transport: gone,
      storage: goneStorage,
      storageKey: 'k',
      clock: systemClock,
      lifecycle,
    });
    expect(await restored.restore()).to.equal(false);
    expect(restored.phase.value).to.equal('idle');
    expect(goneStorage.getItem('k')).to.equal(null);
    restored.dispose();
  });
});
