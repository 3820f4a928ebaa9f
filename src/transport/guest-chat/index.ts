export { createGuestChatTransport } from './transport.js';
export type { GuestChatTransportOptions } from './transport.js';
export type { GuestChatResumeState } from './saved-state.js';
export { GuestChatError } from './error.js';
export { guestChatBaseUrl } from './environment.js';
