import type { ReadonlySignal } from '@preact/signals-core';
import type { RichChoice, RichContent } from '../transport/rich.js';
import type { Clock, PageLifecycle } from '../transport/env.js';
import type {
  ChatTransport,
  ConnectionState,
  MemberInfo,
  Participant,
  ParticipantKind,
  RoutingTarget,
  TransportCapabilities,
} from '../transport/types.js';

/** Where the chat is in its life. */
export type Phase =
  /** Nothing started yet: show the pre-chat form. */
  | 'idle'
  /** Creating the chat and connecting. */
  | 'starting'
  /** In the queue, no agent yet. */
  | 'waiting'
  /** An agent is connected. */
  | 'active'
  /** The link dropped; reconnecting. Sends are queued. */
  | 'reconnecting'
  /** The chat is over; the visitor may start a new one. */
  | 'ended'
  /** The chat could not start or was lost for good; `notice` says why. */
  | 'error';

/** Delivery state of the visitor's own message. */
export type DeliveryState = 'sending' | 'sent' | 'failed';

/** One line of the transcript. */
export interface TranscriptEntry {
  /** Stable key for rendering: the client id for the visitor's own messages, the server id otherwise. */
  key: string;
  /** The server's id, once known. */
  id?: string;
  /** The client id of the visitor's own messages. */
  clientId?: string;
  /** `system` entries are notices (agent joined/left, chat ended) made by the session. */
  kind: ParticipantKind;
  sender?: Participant;
  text: string;
  /** Epoch milliseconds: the server's time once known, the local time while sending. */
  time: number;
  /** Only on the visitor's own messages. */
  status?: DeliveryState;
  /** Why a send failed, readable. */
  error?: string;
  /** What a system notice is about. */
  notice?: NoticeKind;
  /** Structured content: what a bot or agent offers (quick replies, cards, time slots), or on the visitor's own
   * message the answer it gives. */
  content?: RichContent;
}

/** The kinds of system notice the session adds to the transcript. */
export type NoticeKind =
  | 'agent-joined'
  | 'agent-left'
  | 'ended'
  | 'ended-by-agent'
  | 'ended-readonly'
  /** The visitor left, but the protocol keeps the conversation for the agent (Web Messaging without Clear). */
  | 'ended-agent-may-see';

/** A readable problem the UI should show with a way forward. */
export interface SessionNotice {
  /** Stable code for strings and tests (e.g. `network`, `deployment-unavailable`, `origin-not-allowed`). */
  code: string;
  /** Readable English detail (UI strings may replace it by code). */
  message: string;
  /** The chat cannot go on; starting a new one is the way forward. */
  fatal: boolean;
  /** HTTP status or protocol code behind it, when there is one. */
  status?: number;
}

/** Options for `createChatSession`. */
export interface ChatSessionOptions {
  /** The transport to use (one per session; it carries one chat at a time). */
  transport: ChatTransport;
  /** Queue name for Guest Chat (shorthand for `routingTarget: {targetAddress: queue}`). */
  queue?: string;
  /** Full routing target; wins over `queue`. */
  routingTarget?: RoutingTarget;
  /** Key under which the resume state is kept in sessionStorage (one per deployment). Default `guest-chat`. */
  storageKey?: string;
  /** Injectable for tests; default `globalThis.sessionStorage`; null disables resuming. */
  storage?: Storage | null;
  /** Injectable timers for tests; default the real ones. */
  clock?: Clock;
  /** Injectable page lifecycle (pagehide/pageshow) for tests; default the window's. */
  lifecycle?: PageLifecycle;
  /** Tries per message before it is marked failed, for retryable errors (network, 5xx, 429). Default 4. */
  maxSendAttempts?: number;
}

/** A chat session: signals to read, actions to call. One per widget instance. */
export interface ChatSession {
  readonly phase: ReadonlySignal<Phase>;
  readonly transcript: ReadonlySignal<readonly TranscriptEntry[]>;
  /** The connected agent, if any. */
  readonly agent: ReadonlySignal<Participant | null>;
  readonly agentTyping: ReadonlySignal<boolean>;
  readonly connection: ReadonlySignal<ConnectionState>;
  /** Agent messages received while the widget is not visible. */
  readonly unread: ReadonlySignal<number>;
  readonly notice: ReadonlySignal<SessionNotice | null>;
  readonly capabilities: ReadonlySignal<TransportCapabilities | null>;

  /** Starts a chat; resolves when it is created and connected (phase `waiting` or `active`). */
  start(memberInfo: MemberInfo): Promise<void>;
  /** Resumes a chat kept in storage; resolves true when one was resumed. */
  restore(): Promise<boolean>;
  /** Sends text optimistically; returns the client id of the new transcript entry. */
  send(text: string): string;
  /**
   * Answers structured content of the message `messageId` with one of the choices it offers (a quick reply, a card's
   * postback button, a time slot; matched by `payload`). The answer is sent like a message and shows as the
   * visitor's; resolves with its client id. Rejects when no chat is in progress or the message offers no such choice.
   */
  reply(messageId: string, choice: RichChoice): Promise<string>;
  /** Sends a failed message again. */
  retry(clientId: string): void;
  /** Call on each key press in the composer; throttled. */
  typing(): void;
  /** Ends the chat on purpose. */
  end(): Promise<void>;
  /** After `ended` or `error`: back to `idle` so a new chat can start. */
  reset(): void;
  /** Whether the visitor can see the transcript (for unread counting). */
  setVisible(visible: boolean): void;
  /** Releases the transport and listeners. */
  dispose(): void;
}
