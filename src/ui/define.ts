import { GuestChatElement } from './guest-chat.js';

/** Defines `<guest-chat>` unless a definition already exists, so a script loaded twice is harmless. */
export function defineGuestChat(tagName = 'guest-chat'): void {
  if (!customElements.get(tagName)) customElements.define(tagName, class extends GuestChatElement {});
}
