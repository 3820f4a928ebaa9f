import { createChatSession } from '../../session/index.js';
import type { ChatSession } from '../../session/types.js';
import { lazyTransport } from '../../transport/lazy.js';

/** What the element knows about where to chat, from its attributes. */
export interface SessionConfig {
  environment: string;
  organizationId: string;
  deploymentId: string;
  queue: string;
}

/** Makes the session for a configuration; the element's seam for tests. */
export type SessionFactory = (config: SessionConfig) => ChatSession;

/** The configuration keys a chat cannot start without, with the attribute that sets each. */
export const REQUIRED_CONFIG: [keyof SessionConfig, string][] = [
  ['environment', 'environment'],
  ['organizationId', 'organization-id'],
  ['deploymentId', 'deployment-id'],
  ['queue', 'queue'],
];

/**
 * A Guest Chat session; its resume state is kept per deployment so two widgets on one site do not collide. The
 * transport's code is fetched when the session first needs it (the CDN build keeps it in a file of its own).
 */
export const createSession: SessionFactory = ({ environment, organizationId, deploymentId, queue }) =>
  createChatSession({
    transport: lazyTransport('guest-chat', () =>
      import('../../transport/guest-chat/index.js').then((module) =>
        module.createGuestChatTransport({ environment, organizationId, deploymentId }),
      ),
    ),
    queue,
    storageKey: `guest-chat:${deploymentId}`,
  });
