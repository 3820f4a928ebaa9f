import { browserStorage } from '../../core/storage.js';

/** The protocols the element speaks, chosen by its `transport` attribute. */
export const TRANSPORTS = ['guest-chat', 'web-messaging'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

/** The protocol an element's `transport` value names: Guest Chat unless it names another one. */
export function transportKind(value: string | null): TransportKind {
  return TRANSPORTS.find((kind) => kind === value) ?? 'guest-chat';
}

/**
 * Where the element keeps a chat to resume, per deployment so two widgets on one site do not collide. A Guest Chat
 * belongs to one tab (sessionStorage); a Web Messaging conversation belongs to the visitor, so every tab and a later
 * visit resume it (localStorage).
 */
export function savedChatPlace(kind: TransportKind, deploymentId: string): { storage: Storage | null; key: string } {
  return {
    storage: browserStorage(kind === 'web-messaging' ? 'localStorage' : 'sessionStorage'),
    key: `${kind}:${deploymentId}`,
  };
}

/** Whether a chat kept from an earlier page is waiting to be resumed in this place. */
export function hasSavedChat(kind: TransportKind, deploymentId: string): boolean {
  const { storage, key } = savedChatPlace(kind, deploymentId);
  try {
    return !!storage?.getItem(key);
  } catch {
    return false;
  }
}
