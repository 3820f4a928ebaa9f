import { browserStorage } from '../../core/storage.js';
import { transportFor, type TransportKind } from '../../transport/registry.js';
import { savedChatKey } from './has-saved-chat.js';

export type { TransportKind };

/** The protocol an element's `transport` value names: Guest Chat unless it names another one. */
export function transportKind(value: string | null): TransportKind {
  return transportFor(value).kind;
}

/** Where the element keeps a chat to resume: under its {@link savedChatKey}, in the storage its protocol names. */
export function savedChatPlace(kind: TransportKind, deploymentId: string): { storage: Storage | null; key: string } {
  return { storage: browserStorage(transportFor(kind).keptIn), key: savedChatKey(kind, deploymentId) };
}
