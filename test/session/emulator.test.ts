import { expect } from '@open-wc/testing';
import type { ChatSession } from '../../src/session/index.js';
import { createSession } from '../../src/ui/internal/session-factory.js';
import { describeForEachTransport, type EmulatorConversation, type Traffic } from '../helpers/chat-kits.js';
import { TestEmulator, type EmulatorAgent } from '../helpers/emulator.js';
import { FakeLifecycle, MemoryStorage } from '../helpers/fakes.js';
import { until as eventually } from '../helpers/wait.js';

/** One simulated browser tab: the session the element would build in it, and what it sent. */
interface Tab {
  session: ChatSession;
  lifecycle: FakeLifecycle;
  traffic: Traffic;
  storage: Storage;
}

describeForEachTransport('chat session against the emulator', (kit) => {
  let emulator: TestEmulator;
  let config: Awaited<ReturnType<TestEmulator['config']>>;
  let agent: EmulatorAgent;
  /** The browser's localStorage, shared by its tabs. */
  let local: MemoryStorage;
  let run: string;
  const open: Tab[] = [];

  before(async function () {
    this.timeout(30_000);
    emulator = await TestEmulator.start(kit.emulatorOptions);
    config = await emulator.config();
    agent = await emulator.createAgent({
      displayName: 'Ana',
      avatarImageUrl: 'https://example.test/ana.png',
      autoAnswer: true,
      autoAnswerDelayMs: 0,
    });
  });

  after(() => emulator.stop());

  beforeEach(function () {
    this.timeout(30_000);
    local = new MemoryStorage();
    run = crypto.randomUUID();
  });

  afterEach(async () => {
    for (const { session } of open.splice(0)) session.dispose();
    await emulator.clearFaults();
  });

  /**
   * One tab, its session built as the element builds it. `storage` is where the protocol keeps the chat (the tab's
   * sessionStorage for Guest Chat, the browser's localStorage for Web Messaging): the tab's own unless given.
   */
  function newTab(storage: Storage = new MemoryStorage()): Tab {
    const lifecycle = new FakeLifecycle();
    const traffic: Traffic = { textSends: 0, typingSends: 0 };
    const session = createSession(
      {
        transport: kit.name,
        environment: emulator.url,
        organizationId: config.organizationId,
        deploymentId: config.deploymentId,
        queue: config.queues[0],
      },
      { ...kit.tuning({ lifecycle, traffic }), storage },
    );
    const tab = { session, lifecycle, traffic, storage };
    open.push(tab);
    return tab;
  }

  const start = (tab: Tab) => tab.session.start({ displayName: 'Vi', customFields: { run } });
  const conversation = (_tab: Tab) => kit.conversationOf(emulator, null, run);

  /** Starts a chat and waits until the agent is visible (with Web Messaging, through the agent's first message). */
  async function startWithAgent(tab: Tab): Promise<EmulatorConversation> {
    await start(tab);
    expect(tab.session.phase.value, JSON.stringify(tab.session.notice.value)).to.be.oneOf(['waiting', 'active']);
    await eventually(
      async () => (await conversation(tab)).members.some((m) => m.agentId === agent.id && m.state === 'CONNECTED'),
      'agent connected',
    );
    if (!kit.agentVisibleOnConnect) {
      expect(tab.session.phase.value).to.equal('waiting');
      await kit.agentSays(emulator, agent, await conversation(tab), 'Hello, I am Ana');
    }
    await eventually(() => tab.session.phase.value === 'active', 'agent visible');
    return conversation(tab);
  }

  /** The conversation's messages on the server must be the transcript's messages, each exactly once. */
  async function expectTranscriptMatchesServer(tab: Tab): Promise<void> {
    const server = (await conversation(tab)).messages.filter((message) => message.bodyType === 'standard');
    const shown = tab.session.transcript.value.filter((entry) => entry.kind !== 'system');
    expect(shown.map((entry) => entry.id)).to.deep.equal(server.map((message) => message.id));
    expect(new Set(shown.map((entry) => entry.id)).size).to.equal(shown.length);
  }

  const texts = async (tab: Tab) =>
    (await conversation(tab)).messages.filter((m) => m.bodyType === 'standard').map((m) => m.body);
  const sent = (tab: Tab, clientId: string) =>
    tab.session.transcript.value.find((entry) => entry.key === clientId)?.status === 'sent';

  it('runs a whole chat: start, agent joins, both talk, typing both ways, the guest leaves', async () => {
    const tab = newTab();
    expect(tab.session.phase.value).to.equal('idle');
    const server = await startWithAgent(tab);
    expect(tab.session.agent.value).to.deep.include({
      kind: 'agent',
      name: 'Ana',
      avatarUrl: 'https://example.test/ana.png',
    });
    expect(tab.session.transcript.value.filter((entry) => entry.notice === 'agent-joined')).to.have.length(1);

    const clientId = tab.session.send('Hello there');
    expect(tab.session.transcript.value.find((entry) => entry.key === clientId)?.status).to.equal('sending');
    await eventually(() => sent(tab, clientId), 'sent');

    await kit.agentSays(emulator, agent, server, 'Hi Vi, how can I help?');
    await eventually(
      () => tab.session.transcript.value.some((entry) => entry.text === 'Hi Vi, how can I help?'),
      'agent message',
    );
    const fromAgent = tab.session.transcript.value.find((entry) => entry.text === 'Hi Vi, how can I help?')!;
    expect(fromAgent.kind).to.equal('agent');
    expect(fromAgent.sender?.name).to.equal('Ana');

    await kit.agentTypes(emulator, agent, server);
    await eventually(() => tab.session.agentTyping.value, 'agent typing shown');
    tab.session.typing();
    tab.session.typing();
    await eventually(() => tab.traffic.typingSends === 1, 'guest typing sent');

    await expectTranscriptMatchesServer(tab);
    await tab.session.end();
    expect(tab.session.phase.value).to.equal('ended');
    expect(tab.session.transcript.value.at(-1)?.notice).to.match(/^ended/);
    // A reload after the end must not bring the chat back.
    expect(tab.storage.getItem(`${kit.name}:${config.deploymentId}`)).to.equal(null);
    const guest = (await conversation(tab)).members.find((member) => member.role === 'CUSTOMER')!;
    expect(guest.state).to.equal('DISCONNECTED');
    // Typing is throttled: the second key press within the window sent nothing.
    expect(tab.traffic.typingSends).to.equal(1);
    tab.session.reset();
    expect(tab.session.phase.value).to.equal('idle');
    expect(tab.session.transcript.value).to.have.length(0);
  });

  it('loses and duplicates nothing across dropped sockets, queueing sends made while reconnecting', async () => {
    const tab = newTab();
    const server = await startWithAgent(tab);
    const first = tab.session.send('before the drop');
    await eventually(() => sent(tab, first), 'first sent');

    // Offline holds the reconnect back, so the gap is certain to contain the agent's message and the queued send.
    tab.lifecycle.emit('offline');
    await emulator.faults({ dropSockets: true });
    await eventually(() => tab.session.phase.value === 'reconnecting', 'reconnecting');
    tab.session.send('while reconnecting');
    await kit.agentSays(emulator, agent, server, 'said during the gap');
    expect(tab.session.transcript.value.find((entry) => entry.text === 'while reconnecting')?.status).to.equal(
      'sending',
    );
    tab.lifecycle.emit('online');
    await eventually(() => tab.session.phase.value === 'active', 'back to active');
    await eventually(
      () =>
        tab.session.transcript.value.some((entry) => entry.text === 'said during the gap') &&
        tab.session.transcript.value.every((entry) => entry.status !== 'sending'),
      'backfilled and sent',
    );
    await expectTranscriptMatchesServer(tab);
    expect((await texts(tab)).slice(-3)).to.deep.equal([
      'before the drop',
      'said during the gap',
      'while reconnecting',
    ]);
  });

  it('notices a silent link (no keep-alive answers), reconnects and backfills', async () => {
    const tab = newTab();
    const server = await startWithAgent(tab);
    const states: string[] = [];
    const stop = tab.session.connection.subscribe((state) => states.push(state));
    await emulator.faults({ heartbeats: false });
    await eventually(() => states.includes('reconnecting'), 'watchdog fired');
    await kit.agentSays(emulator, agent, server, 'are you still there?');
    await emulator.clearFaults();
    await eventually(
      () => tab.session.transcript.value.some((entry) => entry.text === 'are you still there?'),
      'backfilled',
    );
    await eventually(() => tab.session.phase.value === 'active', 'active again');
    stop();
    await expectTranscriptMatchesServer(tab);
  });

  it('waits out a 429 and sends again, delivering the message once', async () => {
    const tab = newTab();
    await startWithAgent(tab);
    const before = tab.traffic.textSends;
    await kit.fail429(emulator);
    const clientId = tab.session.send('after the limit');
    await eventually(() => sent(tab, clientId), 'sent after the wait');
    expect(tab.traffic.textSends - before).to.equal(2);
    expect((await texts(tab)).filter((text) => text === 'after the limit')).to.have.length(1);
    await expectTranscriptMatchesServer(tab);
  });

  it('resumes the same chat with its full transcript after a reload', async () => {
    const storage = new MemoryStorage();
    const first = newTab(storage);
    const server = await startWithAgent(first);
    first.session.send('one');
    await kit.agentSays(emulator, agent, server, 'two');
    await eventually(
      () =>
        first.session.transcript.value.some((entry) => entry.text === 'two') &&
        first.session.transcript.value.every((entry) => entry.status !== 'sending'),
      'both',
    );
    const before = first.session.transcript.value.filter((entry) => entry.kind !== 'system').map((entry) => entry.id);
    // The page unloads: the socket closes without leaving the chat.
    first.session.dispose();

    const second = newTab(storage);
    expect(await second.session.restore()).to.equal(true);
    expect((await conversation(second)).id).to.equal(server.id);
    expect(second.session.phase.value).to.equal('active');
    expect(second.session.agent.value?.name).to.equal('Ana');
    expect(
      second.session.transcript.value.filter((entry) => entry.kind !== 'system').map((entry) => entry.id),
    ).to.deep.equal(before);
    const clientId = second.session.send('three');
    await eventually(() => sent(second, clientId), 'sent after restore');
    await expectTranscriptMatchesServer(second);
  });

  it('resumes the same chat in a second tab that shares the browser storage', async () => {
    const first = newTab(local);
    const server = await startWithAgent(first);
    const one = first.session.send('from the first tab');
    await eventually(() => sent(first, one), 'sent');

    const second = newTab(local);
    expect(await second.session.restore()).to.equal(true);
    expect((await conversation(second)).id).to.equal(server.id);
    expect(second.session.transcript.value.some((entry) => entry.text === 'from the first tab')).to.equal(true);
    const two = second.session.send('from the second tab');
    await eventually(() => sent(second, two), 'sent from the second tab');
    await kit.agentSays(emulator, agent, server, 'to both tabs');
    for (const tab of [first, second]) {
      await eventually(
        () => tab.session.transcript.value.some((entry) => entry.text === 'to both tabs'),
        'heard in each tab',
      );
    }
    await expectTranscriptMatchesServer(second);
  });
});
