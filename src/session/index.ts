export { createChatSession } from './session.js';
export { GUEST_TYPING_THROTTLE_MS } from './typing.js';
export type * from './types.js';
