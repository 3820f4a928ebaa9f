export { createChatSession, GUEST_TYPING_THROTTLE_MS } from './session.js';
export type * from './types.js';
