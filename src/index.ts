export { GuestChatElement, MAX_MESSAGE_LENGTH, type GuestChatPosition } from './ui/guest-chat.js';
export { defineGuestChat } from './ui/define.js';
export type * from './ui/events.js';
export type { GuestChatStrings } from './ui/strings/index.js';
export type * from './transport/types.js';
export { TransportError } from './transport/types.js';
export type * from './session/types.js';
