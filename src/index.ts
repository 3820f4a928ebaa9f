export { GuestChatElement } from './ui/guest-chat.js';
export { defineGuestChat } from './ui/define.js';
export type * from './transport/types.js';
export { TransportError } from './transport/types.js';
export type * from './session/types.js';
