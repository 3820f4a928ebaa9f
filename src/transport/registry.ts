import { guestChat } from './guest-chat/descriptor.js';
import { webMessaging } from './web-messaging/descriptor.js';

/** Every protocol the element speaks, the default first. A new protocol is its folder and one line here. */
export const TRANSPORTS = [guestChat, webMessaging] as const;

/** The `transport` attribute's values. */
export type TransportKind = (typeof TRANSPORTS)[number]['kind'];

/** The protocol a `transport` value names, or undefined for a value that names none. */
export function findTransport(value: string | null): (typeof TRANSPORTS)[number] | undefined {
  return TRANSPORTS.find((descriptor) => descriptor.kind === value);
}

/** The protocol a `transport` value names; the default (Guest Chat) for a missing or unknown value. */
export function transportFor(value: string | null): (typeof TRANSPORTS)[number] {
  return findTransport(value) ?? TRANSPORTS[0];
}
