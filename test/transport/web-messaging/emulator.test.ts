import { expect } from '@open-wc/testing';
import { createChatSession, type ChatSession } from '../../../src/session/index.js';
import { createWebMessagingTransport } from '../../../src/transport/web-messaging/index.js';
import { TestEmulator, type EmulatorAgent } from '../../helpers/emulator.js';
import { webMessagingKit, type EmulatorConversation } from '../../helpers/chat-kits.js';
import { FakeLifecycle, MemoryStorage } from '../../helpers/fakes.js';
import { until as eventually } from '../../helpers/wait.js';

/** Web Messaging behaviour that has no Guest Chat twin: deployment switches, read-only ends, end without Clear. */
function suite(
  webMessaging: Record<string, unknown>,
  tests: (context: () => { emulator: TestEmulator; agent: EmulatorAgent; deploymentId: string }) => void,
) {
  let emulator: TestEmulator;
  let agent: EmulatorAgent;
  let deploymentId: string;
  before(async function () {
    this.timeout(30_000);
    emulator = await TestEmulator.start({ webMessaging: { autoStart: true, ...webMessaging } });
    deploymentId = (await emulator.config()).deploymentId;
    agent = await emulator.createAgent({ displayName: 'Ana', autoAnswer: true, autoAnswerDelayMs: 0 });
  });
  after(() => emulator.stop());
  tests(() => ({ emulator, agent, deploymentId }));
}

function newSession(emulator: TestEmulator, deploymentId: string, local: Storage): ChatSession {
  const lifecycle = new FakeLifecycle();
  const transport = createWebMessagingTransport({
    environment: emulator.url,
    deploymentId,
    echoIntervalMs: 150,
    lifecycle,
    storage: local,
  });
  return createChatSession({ transport, storage: new MemoryStorage(), lifecycle });
}

async function withAgent(
  emulator: TestEmulator,
  agent: EmulatorAgent,
  session: ChatSession,
  run: string,
): Promise<EmulatorConversation> {
  await session.start({ displayName: 'Vi', customFields: { run } });
  await eventually(async () => {
    const found = await webMessagingKit.conversationOf(emulator, null!, run).catch(() => null);
    return !!found?.members.some((m) => m.agentId === agent.id && m.state === 'CONNECTED');
  }, 'agent connected');
  const server = await webMessagingKit.conversationOf(emulator, null!, run);
  await webMessagingKit.agentSays(emulator, agent, server, 'Hello');
  await eventually(() => session.phase.value === 'active', 'agent visible');
  return server;
}

describe('Web Messaging against the emulator: read-only end and a new chat', () => {
  suite({ conversationDisconnect: { enabled: true, type: 'ReadOnly' } }, (context) => {
    it('ends read-only when the agent leaves, keeps the token, and starts a new conversation with startNew', async () => {
      const { emulator, agent, deploymentId } = context();
      const local = new MemoryStorage();
      const session = newSession(emulator, deploymentId, local);
      const run = crypto.randomUUID();
      const server = await withAgent(emulator, agent, session, run);
      const token = local.getItem(`guest-chat:web-messaging:${deploymentId}`);
      expect(token).to.be.a('string');
      await webMessagingKit.agentLeaves(emulator, agent, server);
      await eventually(() => session.phase.value === 'ended', 'ended');
      expect(session.transcript.value.at(-1)?.notice).to.equal('ended-readonly');
      expect(session.transcript.value.some((entry) => entry.text === 'Hello')).to.equal(true);
      expect(local.getItem(`guest-chat:web-messaging:${deploymentId}`)).to.equal(token);

      session.reset();
      const next = crypto.randomUUID();
      await session.start({ displayName: 'Vi', customFields: { run: next } });
      expect(session.phase.value).to.equal('waiting');
      // A new conversation for the same token, with nothing of the old one.
      expect(session.transcript.value).to.have.length(0);
      const fresh = await webMessagingKit.conversationOf(emulator, null!, next);
      expect(fresh.id).to.not.equal(server.id);
      session.dispose();
    });
  });
});

describe('Web Messaging against the emulator: end chat without Clear', () => {
  suite({ conversationClear: false }, (context) => {
    it('closes the session, forgets the token and tells the visitor the agent may still see the conversation', async () => {
      const { emulator, agent, deploymentId } = context();
      const local = new MemoryStorage();
      const session = newSession(emulator, deploymentId, local);
      const server = await withAgent(emulator, agent, session, crypto.randomUUID());
      expect(session.capabilities.value?.leaveEndsConversation).to.equal(false);
      await session.end();
      expect(session.phase.value).to.equal('ended');
      expect(session.transcript.value.at(-1)?.notice).to.equal('ended-agent-may-see');
      expect(local.getItem(`guest-chat:web-messaging:${deploymentId}`)).to.equal(null);
      // Nothing ended for the agent.
      const after = await webMessagingKit.conversationOf(
        emulator,
        null!,
        server.members.find((m) => m.role === 'CUSTOMER')!.customFields!.run,
      );
      expect(after.members.find((m) => m.agentId === agent.id)?.state).to.equal('CONNECTED');
      session.dispose();
    });
  });
});

describe('Web Messaging against the emulator: who the visitor is', () => {
  suite({}, (context) => {
    it("gives the agent the visitor's name and email as Genesys's reserved custom attributes, with the site's fields", async () => {
      const { emulator, deploymentId } = context();
      const session = newSession(emulator, deploymentId, new MemoryStorage());
      const run = crypto.randomUUID();
      await session.start({ displayName: 'Ada Lovelace', email: 'ada@example.com', customFields: { run } });
      let customer: EmulatorConversation['members'][number] & { displayName?: string } = {
        id: '',
        role: '',
        state: '',
      };
      await eventually(async () => {
        const found = await webMessagingKit.conversationOf(emulator, null!, run).catch(() => null);
        customer = found?.members.find((member) => member.role === 'CUSTOMER') ?? customer;
        return !!found;
      }, 'the conversation exists');
      expect(customer.displayName).to.equal('Ada Lovelace');
      expect(customer.customFields).to.deep.equal({
        'context.firstName': 'Ada Lovelace',
        'context.email': 'ada@example.com',
        run,
      });
      session.dispose();
    });
  });
});

describe('Web Messaging against the emulator: unusable deployments', () => {
  suite({}, (context) => {
    it('says the deployment is unavailable for an unknown deployment id, without opening a socket', async () => {
      const { emulator } = context();
      let sockets = 0;
      const transport = createWebMessagingTransport({
        environment: emulator.url,
        deploymentId: 'no-such-deployment',
        storage: new MemoryStorage(),
        createSocket: (url) => {
          sockets += 1;
          return new WebSocket(url);
        },
      });
      const session = createChatSession({ transport, storage: new MemoryStorage(), lifecycle: new FakeLifecycle() });
      await session.start({ displayName: 'Vi' });
      expect(session.phase.value).to.equal('error');
      expect(session.notice.value).to.deep.include({ code: 'deployment-unavailable', fatal: true });
      expect(sockets).to.equal(0);
      session.dispose();
    });
  });

  suite({ enabled: false }, (context) => {
    it('says the deployment is unavailable when Messenger is switched off', async () => {
      const { emulator, deploymentId } = context();
      const session = newSession(emulator, deploymentId, new MemoryStorage());
      await session.start({ displayName: 'Vi' });
      expect(session.phase.value).to.equal('error');
      expect(session.notice.value).to.deep.include({ code: 'deployment-unavailable', fatal: true });
      session.dispose();
    });
  });
});
