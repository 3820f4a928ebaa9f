import { until } from '../../helpers/wait.js';
import type { ChatSession, TranscriptEntry } from '../../../src/session/types.js';
import type { GuestChatElement } from '../../../src/ui/guest-chat.js';
import { defineGuestChat } from '../../../src/ui/define.js';
import { createSession, type TransportTuning } from '../../../src/ui/internal/session-factory.js';
import type { TestEmulator } from '../../helpers/emulator.js';
import { MemoryStorage } from '../../helpers/fakes.js';

defineGuestChat();

/** A message in the emulator's log, as `GET /emulator/conversations` shows it. */
export interface LoggedMessage {
  id: string;
  senderId: string;
  body: string;
  bodyType: string;
  timestamp: string;
}

/** A member of an emulator conversation. */
export interface LoggedMember {
  id: string;
  role: string;
  state: string;
  agentId?: string;
  displayName?: string;
  customFields?: Record<string, string>;
}

/** An emulator conversation with its full message log. */
export interface LoggedConversation {
  id: string;
  kind: string;
  members: LoggedMember[];
  messages: LoggedMessage[];
}

export { until };

/**
 * A transport the widget can chat over. Every "both transports" case runs over {@link TRANSPORTS}; a transport is
 * listed once the element can be switched to it.
 */
export interface TransportCase {
  name: string;
  /** The element's attributes for this transport against `emulator`. */
  configure(el: GuestChatElement, emulator: TestEmulator): Promise<void>;
  /** The attributes the element cannot work without, as its warning names them. */
  required: string[];
  /** Part of the path of the first request a start makes, to fail it. */
  startPath: string;
  /**
   * Where this protocol keeps a chat, as a fresh browser has it: a new store for each session, or undefined for the
   * tab's sessionStorage (which {@link Chat.remove} clears).
   */
  storage(): Storage | undefined;
  /** After the visitor started: whatever makes the chat reach an agent. */
  route(chat: Chat): Promise<void>;
  /** What the agent API can post: Guest Chat also has system notices. */
  bodyTypes: string[];
  /** Posts as the agent into `conversation`; resolves with the id the visitor will see. */
  agentSays(chat: Chat, conversation: LoggedConversation, text: string, bodyType: string): Promise<{ id: string }>;
  /** The server's limit on the visitor's sends per second, if it has one: a burst of messages goes out at this pace. */
  sendsPerSecond?: number;
  /** Makes the visitor's next `count` sends fail with `status` (429s with Retry-After). */
  failSends(
    chat: Chat,
    conversation: LoggedConversation,
    fault: { count: number; status: number; retryAfterSeconds?: number },
  ): Promise<void>;
}

function connectedAgent(conversation: LoggedConversation): LoggedMember {
  const agent = conversation.members.find((member) => member.role === 'AGENT' && member.state === 'CONNECTED');
  if (!agent) throw new Error('No agent is connected');
  return agent;
}

const guestChat: TransportCase = {
  name: 'guest-chat',
  async configure(el, emulator) {
    const config = await emulator.config();
    el.environment = emulator.url;
    el.organizationId = config.organizationId;
    el.deploymentId = config.deploymentId;
    el.queue = config.queues[0];
  },
  required: ['deployment-id', 'queue'],
  startPath: '/webchat/guest/conversations',
  storage: () => undefined,
  // Routing starts when the guest's event stream opens.
  route: async () => {},
  bodyTypes: ['standard', 'notice'],
  agentSays(chat, conversation, text, bodyType) {
    const path = `/api/v2/conversations/chats/${conversation.id}/communications/${connectedAgent(conversation).id}/messages`;
    return chat.emulator.call<LoggedMessage>('POST', path, { body: text, bodyType }, chat.agentToken);
  },
  async failSends(chat, conversation, { count, status, retryAfterSeconds }) {
    const guest = conversation.members.find((member) => member.role === 'CUSTOMER')!;
    await chat.emulator.faults({
      failNext: { count, status, retryAfterSeconds, pathContains: `/members/${guest.id}/messages` },
    });
  },
};

/** A participant of the generic Conversation an agent app reads. */
interface ConversationParticipant {
  purpose: string;
  userId?: string;
  messages?: { id: string; state: string }[];
}

const webMessaging: TransportCase = {
  name: 'web-messaging',
  async configure(el, emulator) {
    el.transport = 'web-messaging';
    el.environment = emulator.url;
    el.deploymentId = (await emulator.config()).deploymentId;
  },
  required: ['deployment-id'],
  startPath: '/config.json',
  // The token and the resume state stay with this widget, as a fresh browser's localStorage would.
  storage: () => new MemoryStorage(),
  async route(chat) {
    // Without auto-start, the visitor's first message opens the conversation and routes it; the agent's reply (or a
    // bot's) is what makes the widget know who answers.
    chat.el.send('Hello');
    const conversation = await chat.whenAgentConnected();
    await webMessaging.agentSays(chat, conversation, 'Welcome', 'standard');
  },
  bodyTypes: ['standard'],
  // The emulator's default, Genesys's documented `onMessage` limit.
  sendsPerSecond: 2,
  async agentSays(chat, conversation, text) {
    const view = await chat.emulator.call<{ participants: ConversationParticipant[] }>(
      'GET',
      `/api/v2/conversations/${conversation.id}`,
      undefined,
      chat.agentToken,
    );
    const agent = view.participants.find(
      (participant) =>
        participant.purpose === 'agent' && participant.messages?.some((message) => message.state === 'connected'),
    );
    const communication = agent?.messages?.find((message) => message.state === 'connected');
    if (!communication) throw new Error('No agent is connected');
    const path = `/api/v2/conversations/messages/${conversation.id}/communications/${communication.id}/messages`;
    return chat.emulator.call<{ id: string }>('POST', path, { textBody: text }, chat.agentToken);
  },
  async failSends(chat, _conversation, { count, status, retryAfterSeconds }) {
    await chat.emulator.faults({ failNextFrames: { count, code: status, retryAfterSeconds } });
  },
};

/** The transports the element can use. */
export const TRANSPORTS: TransportCase[] = [guestChat, webMessaging];

/** One visitor's widget on the page and the agent who answers it, both against one emulator. */
export class Chat {
  readonly sessions: ChatSession[] = [];
  agentToken = '';

  private constructor(
    readonly el: GuestChatElement,
    readonly emulator: TestEmulator,
    readonly transport: TransportCase,
  ) {}

  /**
   * Puts a configured `<guest-chat>` on the page. Its sessions are the element's own, built by the factory it ships
   * with; `tuning` sets only what the defaults make too slow to test (a `keepAliveMs` must match the emulator's
   * `heartbeatIntervalMs`) or what a test watches (sockets).
   */
  static async mount(emulator: TestEmulator, transport: TransportCase, tuning: TransportTuning = {}): Promise<Chat> {
    const el = document.createElement('guest-chat');
    const chat = new Chat(el, emulator, transport);
    el.sessionFactory = (config) => {
      const session = createSession(config, { storage: transport.storage(), ...tuning });
      chat.sessions.push(session);
      return session;
    };
    await transport.configure(el, emulator);
    document.body.append(el);
    await el.updateComplete;
    return chat;
  }

  /** The session the widget shows. */
  get session(): ChatSession {
    const session = this.sessions.at(-1);
    if (!session) throw new Error('The widget made no session');
    return session;
  }

  /**
   * Adds an agent who answers at once, opens the panel and starts a chat, through the pre-chat form as a visitor
   * would or with `start()` as a site's script would; resolves once the agent has joined.
   */
  async start(
    agent: { displayName: string; avatarImageUrl?: string } = { displayName: 'Agent Ann' },
    how: 'form' | 'script' = 'script',
  ): Promise<void> {
    ({ token: this.agentToken } = await this.emulator.createAgent({
      ...agent,
      autoAnswer: true,
      autoAnswerDelayMs: 0,
    }));
    this.el.open();
    if (how === 'script') await this.el.start({ displayName: 'Visitor' });
    else {
      await this.el.updateComplete;
      this.root.querySelector<HTMLInputElement>('#field-name')!.value = 'Visitor';
      this.root.querySelector<HTMLFormElement>('[part~="prechat"]')!.requestSubmit();
    }
    await until(
      () => this.session.phase.value === 'waiting' || this.session.phase.value === 'active',
      'the chat starts',
    );
    await this.transport.route(this);
    await until(() => this.session.agent.value !== null, 'the agent joins');
  }

  /** This chat's conversation in the emulator. */
  async conversation(): Promise<LoggedConversation> {
    const all = await this.emulator.conversations<LoggedConversation[]>();
    const conversation = all.at(-1);
    if (!conversation) throw new Error('The emulator has no conversation');
    return conversation;
  }

  /** This chat's conversation once an agent is connected to it. */
  async whenAgentConnected(): Promise<LoggedConversation> {
    let found: LoggedConversation | undefined;
    await until(async () => {
      const all = await this.emulator.conversations<LoggedConversation[]>();
      found = all.at(-1);
      return found?.members.some((member) => member.role === 'AGENT' && member.state === 'CONNECTED');
    }, 'an agent is connected');
    return found!;
  }

  /** Posts as the agent through the emulator's agent API; resolves with the id the visitor will see. */
  async agentSays(text: string, bodyType = 'standard'): Promise<{ id: string }> {
    return this.transport.agentSays(this, await this.conversation(), text, bodyType);
  }

  /** The transcript the widget renders from. */
  transcript(): readonly TranscriptEntry[] {
    return this.session.transcript.value;
  }

  /** The widget's shadow root. */
  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  /** Removes the widget and forgets its resume state. */
  remove(): void {
    this.el.remove();
    sessionStorage.clear();
  }
}

/**
 * The messages a visitor is shown from the emulator's log, in the log's order: what people wrote, not the
 * join and leave records.
 */
export function spoken(conversation: LoggedConversation): LoggedMessage[] {
  return conversation.messages.filter((message) => message.bodyType === 'standard' || message.bodyType === 'notice');
}

/** The transcript entries that carry server messages people wrote. */
export function written(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  return entries.filter((entry) => entry.kind !== 'system' || !entry.notice);
}
