export { createGuestChatTransport } from './transport.js';
export type { GuestChatTransportOptions, GuestChatResumeState } from './transport.js';
export { GuestChatError } from './error.js';
export { guestChatBaseUrl } from './environment.js';
