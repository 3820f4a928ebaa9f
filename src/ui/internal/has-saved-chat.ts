import { browserStorage } from '../../core/storage.js';

/** The key a chat over `transport` with a deployment is kept under, per deployment so two widgets do not collide. */
export const savedChatKey = (transport: string, deploymentId: string): string => `${transport}:${deploymentId}`;

/**
 * Whether a chat kept from an earlier page is waiting to be resumed for this `transport` value and deployment, under
 * its {@link savedChatKey}. It looks in both storages, so the CDN script asks without knowing any protocol
 * (their descriptors and code stay out of it); a value that names no protocol has nothing kept.
 */
export function hasSavedChat(transport: string | null, deploymentId: string): boolean {
  const key = savedChatKey(transport || 'guest-chat', deploymentId);
  return (['localStorage', 'sessionStorage'] as const).some((name) => {
    try {
      return !!browserStorage(name)?.getItem(key);
    } catch {
      return false;
    }
  });
}
