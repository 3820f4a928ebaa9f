import { defineGuestChat } from './ui/define.js';

export * from './index.js';

defineGuestChat();
