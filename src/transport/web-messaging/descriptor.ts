import type { TransportDescriptor } from '../descriptor.js';

/**
 * Web Messaging: routed by the deployment's own flow, so it needs neither a queue nor the organization; a
 * conversation belongs to the visitor, so every tab and a later visit resume it.
 */
export const webMessaging = {
  kind: 'web-messaging',
  required: [
    ['environment', 'environment'],
    ['deploymentId', 'deployment-id'],
  ],
  keptIn: 'localStorage',
  load: () => import('./index.js').then((module) => module.createWebMessagingTransport),
} as const satisfies TransportDescriptor;
