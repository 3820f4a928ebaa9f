import { waitUntil } from '@open-wc/testing';
import { createChatSession } from '../../../src/session/index.js';
import type { ChatSession, TranscriptEntry } from '../../../src/session/types.js';
import type { BackoffOptions } from '../../../src/transport/backoff.js';
import type { SocketFactory } from '../../../src/transport/env.js';
import { createGuestChatTransport } from '../../../src/transport/guest-chat/index.js';
import type { GuestChatElement } from '../../../src/ui/guest-chat.js';
import { defineGuestChat } from '../../../src/ui/define.js';
import type { TestEmulator } from '../../helpers/emulator.js';

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

/** Waits for a condition, polling often: these tests wait on a local server, never on a fixed time. */
export const until = (condition: () => unknown, message: string, timeout = 10_000) =>
  waitUntil(condition, message, { timeout, interval: 5 });

/** How a test wants the widget's transport tuned; only what the widget's defaults make too slow to test. */
export interface TransportTuning {
  /** The heartbeat period the widget expects; the emulator must be started with the same `heartbeatIntervalMs`. */
  heartbeatIntervalMs?: number;
  /** Reconnect delays; the default's first retry can take a second. */
  backoff?: BackoffOptions;
  /** Wraps the widget's sockets, to see or add frames. */
  createSocket?: SocketFactory;
}

/**
 * A transport the widget can chat over. Every "both transports" case runs over {@link TRANSPORTS}; a transport is
 * listed once the element can be switched to it.
 */
export interface TransportCase {
  name: string;
  /** The element's attributes for this transport against `emulator`. */
  configure(el: GuestChatElement, emulator: TestEmulator): Promise<void>;
  /** The session the element would make, with the tuning applied. */
  session(el: GuestChatElement, tuning: TransportTuning): ChatSession;
  /** The path under which the agent posts into a conversation, and the body it posts. */
  agentMessage(conversation: LoggedConversation, communicationId: string, text: string, bodyType: string): { path: string; body: unknown };
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
  session(el, tuning) {
    return createChatSession({
      transport: createGuestChatTransport({
        environment: el.environment,
        organizationId: el.organizationId,
        deploymentId: el.deploymentId,
        ...tuning,
      }),
      queue: el.queue,
      storageKey: `guest-chat:${el.deploymentId}`,
    });
  },
  agentMessage(conversation, communicationId, text, bodyType) {
    return {
      path: `/api/v2/conversations/chats/${conversation.id}/communications/${communicationId}/messages`,
      body: { body: text, bodyType },
    };
  },
};

/** The transports the element can use today. */
export const TRANSPORTS: TransportCase[] = [guestChat];

/** One visitor's widget on the page and the agent who answers it, both against one emulator. */
export class Chat {
  readonly sessions: ChatSession[] = [];
  agentToken = '';

  private constructor(
    readonly el: GuestChatElement,
    readonly emulator: TestEmulator,
    readonly transport: TransportCase,
  ) {}

  /** Puts a configured `<guest-chat>` on the page. */
  static async mount(emulator: TestEmulator, transport: TransportCase, tuning: TransportTuning = {}): Promise<Chat> {
    const el = document.createElement('guest-chat');
    const chat = new Chat(el, emulator, transport);
    el.sessionFactory = () => {
      const session = transport.session(el, tuning);
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
  async start(agent: { displayName: string; avatarImageUrl?: string } = { displayName: 'Agent Ann' }, how: 'form' | 'script' = 'script'): Promise<void> {
    ({ token: this.agentToken } = await this.emulator.createAgent({ ...agent, autoAnswer: true, autoAnswerDelayMs: 0 }));
    this.el.open();
    if (how === 'script') await this.el.start({ displayName: 'Visitor' });
    else {
      await this.el.updateComplete;
      this.root.querySelector<HTMLInputElement>('#field-name')!.value = 'Visitor';
      this.root.querySelector<HTMLFormElement>('[part~="prechat"]')!.requestSubmit();
    }
    await until(() => this.session.agent.value !== null, 'the agent joins');
  }

  /** This chat's conversation in the emulator. */
  async conversation(): Promise<LoggedConversation> {
    const all = await this.emulator.conversations<LoggedConversation[]>();
    const conversation = all.at(-1);
    if (!conversation) throw new Error('The emulator has no conversation');
    return conversation;
  }

  /** Posts as the agent through the emulator's agent API. */
  async agentSays(text: string, bodyType = 'standard'): Promise<LoggedMessage> {
    const conversation = await this.conversation();
    const agent = conversation.members.find((member) => member.role === 'AGENT' && member.state === 'CONNECTED');
    if (!agent) throw new Error('No agent is connected');
    const { path, body } = this.transport.agentMessage(conversation, agent.id, text, bodyType);
    return this.emulator.call<LoggedMessage>('POST', path, body, this.agentToken);
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
