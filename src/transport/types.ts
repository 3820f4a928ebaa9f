import type { RichContent, RichReply } from './rich.js';

/**
 * The contract between the session engine and a wire protocol. A transport owns its REST calls, its socket (with
 * heartbeat, reconnect and dedupe) and its wire types; it hands the session normalised events only. Nothing here
 * knows about the DOM or Lit.
 */
import type { AttachmentFields, AttachmentUploads, MediaPolicy } from './attachments.js';

/** Connection state of a transport's event stream. Changed in one place per transport, reported with the previous one. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'failed';

/** Who the visitor is, as entered in the pre-chat form. */
export interface MemberInfo {
  displayName: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  avatarImageUrl?: string;
  /** Passed to the contact centre: Guest Chat `customFields`, Web Messaging custom attributes. */
  customFields?: Record<string, string>;
}

/** Where the chat is routed. Web Messaging routes by the deployment's flow and ignores it. */
export interface RoutingTarget {
  /** The queue's name (not its id). */
  targetAddress: string;
  skills?: string[];
  language?: string;
  priority?: number;
}

/** What a participant is, as the visitor should see it. */
export type ParticipantKind = 'guest' | 'agent' | 'bot' | 'system';

/** A participant of the conversation, normalised. */
export interface Participant {
  id: string;
  kind: ParticipantKind;
  name?: string;
  avatarUrl?: string;
}

/** A message as a transport reports it: from the server's event stream, a send answer or history. */
export interface TransportMessage {
  /** The server's id: the dedupe key. */
  id: string;
  /** The session's client id when this is the visitor's own message and the wire carried it back. */
  clientId?: string;
  sender: Participant;
  text: string;
  /** Server time, epoch milliseconds. */
  time: number;
  /** Set when this message records the sender joining or leaving (its `text` is then empty). Only agents' joins and
   * leaves are reported, so placeholders of the routing flow never show. */
  notice?: 'joined' | 'left';
  /** Files the message carries (its `text` may then be empty), unchecked: see `readAttachment`. */
  attachments?: AttachmentFields[];
  /** Structured content (quick replies, cards, time slots, the visitor's answer to them); `text` may then be empty. */
  content?: RichContent;
}

/** Why a chat ended. */
export type EndReason =
  /** The visitor left (`leave()`, the widget's End button). */
  | 'visitor-left'
  /** The agent or the flow ended it. */
  | 'agent-ended'
  /** The server dropped the visitor (grace period over, session expired or logged out). */
  | 'expired'
  /** The chat was closed with nobody here ending it: cleared or closed from another tab or by the server. */
  | 'closed';

/** One stream of normalised events. */
export type TransportEvent =
  | { type: 'message'; message: TransportMessage }
  /** `sender` is typing now; hide after `durationMs` or when that sender's next message arrives. */
  | { type: 'typing'; sender: Participant; durationMs: number }
  /** A member's state changed. Agents come `alerting` then `connected`; leaving is `disconnected`. */
  | { type: 'member'; member: Participant; state: 'alerting' | 'connected' | 'disconnected' }
  | { type: 'ended'; reason: EndReason; readOnly: boolean }
  | { type: 'connection'; state: ConnectionState; previous: ConnectionState }
  /** The link came back after a gap: fetch what was said meanwhile. */
  | { type: 'resynced' }
  /** Something went wrong that does not end the chat (a bad frame, a rejected typing event). */
  | { type: 'warning'; error: TransportError };

/** What the deployment allows, known after `prepare()`. */
export interface TransportCapabilities {
  /** The visitor's typing is sent to the agent. */
  guestTyping: boolean;
  /** The agent's typing is shown to the visitor. */
  agentTyping: boolean;
  /** `leave()` wipes the conversation for the agent too (Web Messaging Clear). When false, Web Messaging's
   * `leave()` only forgets the session and the agent may still see the conversation. */
  leaveEndsConversation: boolean;
  /** Custom field byte budget, when the protocol has one. */
  maxCustomDataBytes?: number;
  /** What the visitor may attach, known once a chat is open (a getter, where the protocol has attachments); absent
   * or null: no attachments. */
  readonly attachments?: MediaPolicy | null;
}

/** Options to start a chat. */
export interface StartRequest {
  memberInfo: MemberInfo;
  routingTarget?: RoutingTarget;
}

/** Opaque, JSON-serialisable state a transport needs to resume its chat after a reload. */
export type ResumeState = Record<string, unknown> & { kind: string };

/** The outcome of `start()` or `resume()`. */
export interface StartResult {
  /** The visitor's own participant id. */
  selfId: string;
  /** Messages already in the conversation (a resumed chat), oldest first. */
  history: TransportMessage[];
  /** True when an existing conversation was resumed. */
  resumed: boolean;
  /** Participants already present (agents on a resumed chat). */
  members: { member: Participant; state: 'alerting' | 'connected' | 'disconnected' }[];
  /** The conversation has ended and is read only (a resumed chat the agent ended). */
  readOnly: boolean;
}

/** A transport: one per session, carrying one chat at a time (a new `start()` replaces the previous chat). */
export interface ChatTransport {
  readonly kind: 'guest-chat' | 'web-messaging';
  /** Checks the deployment before a chat (Web Messaging reads `config.json`); throws a terminal TransportError when
   * chat is unavailable. Cheap to call again: the result is cached. */
  prepare(): Promise<TransportCapabilities>;
  /** Creates a chat and connects its event stream. Resolves once messages may be sent. */
  start(request: StartRequest): Promise<StartResult>;
  /** Reconnects to a chat from saved state; rejects with a terminal TransportError when it is gone. */
  resume(state: ResumeState): Promise<StartResult>;
  /** What to save to resume this chat later, or null when there is nothing to resume. */
  resumeState(): ResumeState | null;
  /** Sends the visitor's text, or with `reply` the visitor's answer to structured content. Resolves with the server's message once accepted. The echo on the event stream
   * may arrive before this resolves; both carry the same id. */
  send(text: string, clientId: string, reply?: RichReply): Promise<TransportMessage>;
  /** Tells the agent the visitor is typing now. */
  sendTyping(): Promise<void>;
  /** Ends the visitor's part of the chat on purpose. */
  leave(): Promise<void>;
  /** Messages after the given id (all when omitted), oldest first. */
  history(afterId?: string): Promise<TransportMessage[]>;
  /** Subscribes to events; returns the unsubscribe function. */
  subscribe(listener: (event: TransportEvent) => void): () => void;
  /** Closes the event stream without leaving the chat (page hidden into the back/forward cache). */
  suspend(): void;
  /** Reopens the event stream after `suspend()`; emits `resynced` once open. */
  wake(): void;
  /** Closes everything for good; no event is emitted afterwards. */
  dispose(): void;
  /** A new upload side, where the protocol has one (its code is fetched on the first call); it takes over from the
   * previous one, so keep the one you get. */
  attachments?(): Promise<AttachmentUploads>;
}

/** Options of an error raised by a transport. */
/**
 * What went wrong, in the closed set of reasons every transport maps its wire errors into (each in its own
 * `error.ts`). The session and the UI know only these, never a protocol's codes.
 */
export type FailureReason =
  /** The service could not be reached, or answered with a retryable error. */
  | 'network'
  /** The deployment does not allow this page's origin. */
  | 'origin-not-allowed'
  /** The deployment does not exist or is switched off. */
  | 'deployment-unavailable'
  /** The queue to route to does not exist. */
  | 'queue-unavailable'
  /** The link to the chat was lost for good. */
  | 'connection-lost'
  /** Any other refusal: the chat cannot go on. */
  | 'chat-unavailable';

export interface TransportErrorInit {
  status?: number;
  code?: string;
  /** The closed reason behind the wire code; by default `network` when retryable, else `chat-unavailable`. */
  reason?: FailureReason;
  contextId?: string;
  /** Seconds to wait before retrying (429, Retry-After). */
  retryAfter?: number;
  retryable: boolean;
  cause?: unknown;
}

/** Marks transport errors, so `instanceof TransportError` holds across separately loaded copies of this module. */
const BRAND = Symbol.for('guest-chat.TransportError');

/** An error from a transport: a network failure, an HTTP error body, or an error frame. */
export class TransportError extends Error {
  /**
   * The CDN bundle loads each transport as a file of its own, which carries its own copy of this class: an error
   * thrown there must still be recognised by the session's `instanceof TransportError`. Subclasses keep the
   * ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== TransportError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && BRAND in value;
  }

  readonly [BRAND] = true;
  readonly status?: number;
  readonly code?: string;
  /** What went wrong, as the session and UI know it. */
  readonly reason: FailureReason;
  readonly contextId?: string;
  readonly retryAfter?: number;
  /** Network, 5xx and 429 are retryable; 4xx are terminal. */
  readonly retryable: boolean;

  constructor(message: string, init: TransportErrorInit) {
    super(message, { cause: init.cause });
    this.name = 'TransportError';
    this.status = init.status;
    this.code = init.code;
    this.reason = init.reason ?? (init.retryable ? 'network' : 'chat-unavailable');
    this.contextId = init.contextId;
    this.retryAfter = init.retryAfter;
    this.retryable = init.retryable;
  }
}
