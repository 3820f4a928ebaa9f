import type { TransportDescriptor } from '../descriptor.js';

/** The Guest Chat API: routed to a queue of an organization; a chat belongs to one tab. */
export const guestChat = {
  kind: 'guest-chat',
  required: [
    ['environment', 'environment'],
    ['organizationId', 'organization-id'],
    ['deploymentId', 'deployment-id'],
    ['queue', 'queue'],
  ],
  keptIn: 'sessionStorage',
  load: () => import('./index.js').then((module) => module.createGuestChatTransport),
} as const satisfies TransportDescriptor;
