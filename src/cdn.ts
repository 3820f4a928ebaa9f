import { defineGuestChat } from './ui/define.js';

// The CDN script carries the element only: the engine's protocols are fetched beside it when a chat starts.
// Pages that drive the engine without the element use the npm build.
export { GuestChatElement } from './ui/guest-chat.js';
export { defineGuestChat } from './ui/define.js';

defineGuestChat();
