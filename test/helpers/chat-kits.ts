import { createGuestChatTransport } from '../../src/transport/guest-chat/index.js';
import type { SocketLike } from '../../src/transport/env.js';
import type { ChatTransport } from '../../src/transport/types.js';
import { createWebMessagingTransport } from '../../src/transport/web-messaging/index.js';
import type { TransportTuning } from '../../src/ui/internal/session-factory.js';
import type { EmulatorAgent, EmulatorOptions, TestEmulator } from './emulator.js';
import type { FakeLifecycle } from './fakes.js';

/** The emulator's view of a conversation, the fields the suites read. */
export interface EmulatorConversation {
  id: string;
  kind?: string;
  members: {
    id: string;
    participantId?: string;
    role: string;
    state: string;
    agentId?: string;
    customFields?: Record<string, string>;
  }[];
  messages: { id: string; senderId: string; body: string; bodyType: string }[];
}

/** What a transport built for a test records about its traffic. */
export interface Traffic {
  /** Attempts to send the visitor's text (HTTP POSTs or `onMessage` Text frames). */
  textSends: number;
  /** Typing signals sent. */
  typingSends: number;
}

/** Everything the shared session suites need to drive one transport against the emulator. */
export interface TransportKit {
  name: 'guest-chat' | 'web-messaging';
  /** The keep-alive period the suite runs with (Guest Chat heartbeat, Web Messaging echo). */
  keepAliveMs: number;
  emulatorOptions: EmulatorOptions;
  /**
   * What the element's session factory takes to run one simulated tab against the suite's emulator, counting the
   * tab's traffic; the caller adds the tab's storage.
   */
  tuning(context: { lifecycle: FakeLifecycle; traffic: Traffic }): TransportTuning;
  /** A transport for one simulated tab; `storage` stands for localStorage, shared by the tabs of one browser. */
  createTransport(context: {
    emulator: TestEmulator;
    deploymentId: string;
    organizationId: string;
    lifecycle: FakeLifecycle;
    storage: Storage;
    traffic: Traffic;
  }): ChatTransport;
  /** The server's conversation of a started chat, found by the `run` custom field the suite sets. */
  conversationOf(emulator: TestEmulator, transport: ChatTransport | null, run: string): Promise<EmulatorConversation>;
  agentSays(
    emulator: TestEmulator,
    agent: EmulatorAgent,
    conversation: EmulatorConversation,
    text: string,
  ): Promise<void>;
  agentTypes(emulator: TestEmulator, agent: EmulatorAgent, conversation: EmulatorConversation): Promise<void>;
  agentLeaves(emulator: TestEmulator, agent: EmulatorAgent, conversation: EmulatorConversation): Promise<void>;
  /** Makes the next visitor send fail once with 429 (Retry-After 1 s). */
  fail429(emulator: TestEmulator): Promise<void>;
  /** Whether the agent is visible as soon as routing connects it (Guest Chat); Web Messaging needs an agent message. */
  agentVisibleOnConnect: boolean;
}

async function conversations(emulator: TestEmulator): Promise<EmulatorConversation[]> {
  return emulator.conversations<EmulatorConversation[]>();
}

function agentMember(conversation: EmulatorConversation, agent: EmulatorAgent) {
  const member = conversation.members.find(
    (candidate) => candidate.agentId === agent.id && candidate.state === 'CONNECTED',
  );
  if (!member) throw new Error(`Agent ${agent.id} is not connected to ${conversation.id}`);
  return member;
}

/** The newest conversation whose visitor carries the `run` custom field. */
async function conversationByRun(emulator: TestEmulator, run: string): Promise<EmulatorConversation> {
  const found = (await conversations(emulator))
    .filter((candidate) =>
      candidate.members.some((member) => member.role === 'CUSTOMER' && member.customFields?.run === run),
    )
    .pop();
  if (!found) throw new Error(`No conversation for run ${run}`);
  return found;
}

/** Counts the visitor's message and typing POSTs. */
function countingFetch(traffic: Traffic): typeof fetch {
  return (input, init) => {
    if (init?.method === 'POST' && String(input).endsWith('/messages')) traffic.textSends += 1;
    if (init?.method === 'POST' && String(input).endsWith('/typing')) traffic.typingSends += 1;
    return fetch(input, init);
  };
}

/** Counts the `onMessage` Text frames a socket sends. */
function countingSocket(traffic: Traffic, url: string): SocketLike {
  const socket = new WebSocket(url);
  const send = socket.send.bind(socket);
  socket.send = (data: string) => {
    const frame = JSON.parse(data) as {
      action?: string;
      message?: { type?: string; events?: { eventType?: string }[] };
    };
    if (frame.action === 'onMessage' && frame.message?.type === 'Text') traffic.textSends += 1;
    if (frame.action === 'onMessage' && frame.message?.events?.[0]?.eventType === 'Typing') traffic.typingSends += 1;
    send(data);
  };
  return socket;
}

export const guestChatKit: TransportKit = {
  name: 'guest-chat',
  keepAliveMs: 150,
  emulatorOptions: { heartbeatIntervalMs: 150 },
  agentVisibleOnConnect: true,
  tuning: ({ lifecycle, traffic }) => ({ keepAliveMs: 150, lifecycle, fetch: countingFetch(traffic) }),
  createTransport: ({ emulator, deploymentId, organizationId, lifecycle, traffic }) =>
    createGuestChatTransport({
      environment: emulator.url,
      organizationId,
      deploymentId,
      heartbeatIntervalMs: 150,
      lifecycle,
      fetch: countingFetch(traffic),
    }),
  conversationOf: (emulator, _transport, run) => conversationByRun(emulator, run),
  async agentSays(emulator, agent, conversation, text) {
    const member = agentMember(conversation, agent);
    await emulator.call(
      'POST',
      `/api/v2/conversations/chats/${conversation.id}/communications/${member.id}/messages`,
      { body: text },
      agent.token,
    );
  },
  async agentTypes(emulator, agent, conversation) {
    const member = agentMember(conversation, agent);
    await emulator.call(
      'POST',
      `/api/v2/conversations/chats/${conversation.id}/communications/${member.id}/typing`,
      undefined,
      agent.token,
    );
  },
  async agentLeaves(emulator, agent, conversation) {
    const member = agentMember(conversation, agent);
    await emulator.call(
      'PATCH',
      `/api/v2/conversations/chats/${conversation.id}/participants/${member.participantId}`,
      { state: 'disconnected' },
      agent.token,
    );
  },
  fail429: async (emulator) => {
    await emulator.faults({ failNext: { count: 1, status: 429, pathContains: '/messages', retryAfterSeconds: 1 } });
  },
};

export const webMessagingKit: TransportKit = {
  name: 'web-messaging',
  keepAliveMs: 150,
  // Auto-start sends Presence Join at start, so the chat is routed before the visitor writes, as with Guest Chat.
  emulatorOptions: { webMessaging: { autoStart: true } },
  agentVisibleOnConnect: false,
  tuning: ({ lifecycle, traffic }) => ({
    keepAliveMs: 150,
    lifecycle,
    createSocket: (url) => countingSocket(traffic, url),
  }),
  createTransport: ({ emulator, deploymentId, lifecycle, storage, traffic }) =>
    createWebMessagingTransport({
      environment: emulator.url,
      deploymentId,
      echoIntervalMs: 150,
      lifecycle,
      storage,
      createSocket: (url) => countingSocket(traffic, url),
    }),
  conversationOf: (emulator, _transport, run) => conversationByRun(emulator, run),
  async agentSays(emulator, agent, conversation, text) {
    const member = agentMember(conversation, agent);
    await emulator.call(
      'POST',
      `/api/v2/conversations/messages/${conversation.id}/communications/${member.id}/messages`,
      { textBody: text },
      agent.token,
    );
  },
  async agentTypes(emulator, agent, conversation) {
    const member = agentMember(conversation, agent);
    await emulator.call(
      'POST',
      `/api/v2/conversations/messages/${conversation.id}/communications/${member.id}/typing`,
      { typing: { type: 'On', duration: 5000 } },
      agent.token,
    );
  },
  async agentLeaves(emulator, agent, conversation) {
    const member = agentMember(conversation, agent);
    await emulator.call(
      'PATCH',
      `/api/v2/conversations/messages/${conversation.id}/participants/${member.participantId}`,
      { state: 'disconnected' },
      agent.token,
    );
  },
  fail429: async (emulator) => {
    await emulator.faults({ failNextFrames: { count: 1, code: 429, retryAfterSeconds: 1 } });
  },
};

/** Both transports, for suites that must hold for each. */
export const TRANSPORT_KITS: readonly TransportKit[] = [guestChatKit, webMessagingKit];

/** Runs `suite` once per transport, each in its own `describe`. */
export function describeForEachTransport(title: string, suite: (kit: TransportKit) => void): void {
  for (const kit of TRANSPORT_KITS) describe(`${title} (${kit.name})`, () => suite(kit));
}
