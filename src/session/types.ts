import type { EARLIER_CHAT_ENDED } from './notice-codes.js';
import type { ReadonlySignal } from '@preact/signals-core';
import type { AttachmentFields, AttachmentUploads } from '../transport/attachments.js';
import type { RichChoice, RichContent } from '../transport/rich.js';
import type { Clock } from '../core/clock.js';
import type { PageLifecycle } from '../core/lifecycle.js';
import type {
  ChatTransport,
  ConnectionState,
  EndReason,
  FailureReason,
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
  /** What the sender wrote; empty on `system` entries, whose `notice` says what happened. */
  text: string;
  /** Epoch milliseconds: the server's time once known, the local time while sending. */
  time: number;
  /** Only on the visitor's own messages. */
  status?: DeliveryState;
  /** Why a send failed: `chat-ended`, or the code of the notice its error would make. */
  error?: NoticeCode | 'chat-ended';
  /** What a system notice is about. */
  notice?: NoticeKind;
  /** Files the message carries, unchecked: read each with `readAttachment` (transport/attachments). */
  attachments?: AttachmentFields[];
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
  | 'ended-agent-may-see'
  /** The server ended the chat on its own (session expired, grace period over). */
  | 'ended-expired';

/** Why a chat ended, as the session tells it: the transport's reason. */
export type SessionEndReason = EndReason;

/**
 * What happened in a session, told once as it happens. What a restored chat brings back (its messages, its agent) is
 * not told again.
 */
export type SessionEvent =
  /** The phase changed. */
  | { type: 'phase'; phase: Phase; previous: Phase }
  /** The agent shown changed: one joined (`agent`), left (`previous`), or took over from another (both). */
  | { type: 'agent-changed'; agent: Participant | null; previous: Participant | null }
  /** An agent's (or bot's) message arrived. */
  | { type: 'message-received'; entry: TranscriptEntry }
  /** The server accepted one of the visitor's messages. */
  | { type: 'message-confirmed'; entry: TranscriptEntry }
  /** The notice changed (null: it went away). */
  | { type: 'notice'; notice: SessionNotice | null }
  /** The chat ended. */
  | { type: 'ended'; reason: SessionEndReason };

/**
 * What a notice is about: a transport's failure reason, `agent-left` (the last agent left; information, not a
 * problem), `unexpected` (an error that is no transport's), or `earlier-chat-ended` (a chat kept from an earlier
 * page that the server no longer has; information for the form).
 */
export type NoticeCode = FailureReason | 'agent-left' | 'unexpected' | typeof EARLIER_CHAT_ENDED;

/** A problem the UI should show with a way forward. */
export interface SessionNotice {
  /** What it is about; the UI words it from this code alone. */
  code: NoticeCode;
  /** Diagnostic detail for the console and integrators, in English; never shown to the visitor. */
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
   * Where the code that matches choices cannot load (a file refused by its integrity check), the choice's text goes
   * as a plain message, as if typed.
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
  /** Listens to what happens in the session; returns the way to stop listening. */
  subscribe(listener: (event: SessionEvent) => void): () => void;
  /** Whether the visitor can see the transcript (for unread counting). */
  setVisible(visible: boolean): void;
  /** Releases the transport and listeners. */
  dispose(): void;
  /** The upload side, where the chat takes attachments (`capabilities.attachments`); its code loads on first call.
   * `createAttachmentQueue` (session/attachments) keeps the visitor's files over it. */
  attachments?(): Promise<AttachmentUploads>;
}
