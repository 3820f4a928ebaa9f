import type { SessionEndReason, SessionNotice, TranscriptEntry } from '../session/types.js';
import type { MemberInfo, Participant } from '../transport/types.js';

/** `guest-chat-start`: a chat was created and connected. */
export interface GuestChatStartDetail {
  memberInfo: MemberInfo;
}

/** `guest-chat-agent-join` and `guest-chat-agent-leave`. */
export interface GuestChatAgentDetail {
  agent: Participant;
}

/** `guest-chat-message`: an agent's message arrived (`incoming`) or the visitor's was accepted (`outgoing`). */
export interface GuestChatMessageDetail {
  direction: 'incoming' | 'outgoing';
  message: TranscriptEntry;
}

/** `guest-chat-end`: the chat is over. */
export interface GuestChatEndDetail {
  /** `visitor` when ended from the widget or `end()`, `agent` when the agent or flow ended it, null when nobody
   * did (it expired, or was closed from another tab or by the server). */
  endedBy: 'visitor' | 'agent' | null;
  /** Why it ended: `visitor-left`, `agent-ended`, `expired` or `closed`. */
  reason: SessionEndReason;
}

/** `guest-chat-error`: a problem the widget shows to the visitor. */
export type GuestChatErrorDetail = SessionNotice;

/** Every event of `<guest-chat>` with its detail. */
export interface GuestChatEventMap {
  'guest-chat-open': CustomEvent<null>;
  'guest-chat-close': CustomEvent<null>;
  'guest-chat-start': CustomEvent<GuestChatStartDetail>;
  'guest-chat-agent-join': CustomEvent<GuestChatAgentDetail>;
  'guest-chat-agent-leave': CustomEvent<GuestChatAgentDetail>;
  'guest-chat-message': CustomEvent<GuestChatMessageDetail>;
  'guest-chat-end': CustomEvent<GuestChatEndDetail>;
  'guest-chat-error': CustomEvent<GuestChatErrorDetail>;
}

declare global {
  interface HTMLElementEventMap extends GuestChatEventMap {}
}
