import type { SessionNotice, TranscriptEntry } from '../session/types.js';
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
  /** `visitor` when ended from the widget or `end()`, `agent` otherwise. */
  endedBy: 'visitor' | 'agent';
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
