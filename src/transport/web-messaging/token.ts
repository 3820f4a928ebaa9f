import { isIdLike } from '../config-check.js';
import type { ResumeState } from '../types.js';

/**
 * The guest's session token of one deployment, kept in localStorage so a reload, another tab or a return days
 * later configures the same session (the same conversation). Storage failures only lose that.
 */
export class TokenStore {
  private readonly key: string;

  constructor(
    private readonly storage: Storage | null,
    deploymentId: string,
  ) {
    this.key = `guest-chat:web-messaging:${deploymentId}`;
  }

  read(): string | null {
    try {
      const token = this.storage?.getItem(this.key);
      // A token is sent on every frame: one that is not an id (tampered, oversized) is left unused.
      return token && isIdLike(token) ? token : null;
    } catch {
      return null;
    }
  }

  write(token: string): void {
    try {
      this.storage?.setItem(this.key, token);
    } catch {
      // Quota or blocked storage: this chat goes on, a reload just starts a new one.
    }
  }

  /** Forgets `token` if it is still the one kept (another tab may have moved on to a new one). */
  forget(token: string): void {
    try {
      if (this.read() === token) this.storage?.removeItem(this.key);
    } catch {
      // As above.
    }
  }
}

/** What a Web Messaging transport keeps to resume its chat: the session token (the `storage` option keeps it too). */
export interface WebMessagingResumeState extends ResumeState {
  kind: 'web-messaging';
  deploymentId: string;
  token: string;
}

/** Whether saved state is a Web Messaging chat's. */
export function isResumeState(state: ResumeState): state is WebMessagingResumeState {
  return (
    state.kind === 'web-messaging' &&
    typeof state.token === 'string' &&
    isIdLike(state.token) &&
    typeof state.deploymentId === 'string'
  );
}
