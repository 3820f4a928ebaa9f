// The deployment's `config.json` (GET, no auth, CORS): the Messenger settings a widget reads before it connects.
import { HttpError } from '../http.js';
import { fileUploadConfig } from './attachments.js';

/** @typedef {import('../state.js').Store} Store */

/**
 * Whether a deployment id is known and may open guest sockets: `active`, `inactive` (the configured deployment
 * switched off, or the fixed disabled deployment) or `unknown`.
 * @param {Store} store
 * @param {string | null | undefined} deploymentId
 * @returns {'active' | 'inactive' | 'unknown'}
 */
export function deploymentState(store, deploymentId) {
  const { deploymentId: main, webMessaging } = store.config;
  if (deploymentId === main) return webMessaging.status === 'Active' && webMessaging.enabled ? 'active' : 'inactive';
  return deploymentId === webMessaging.disabledDeploymentId ? 'inactive' : 'unknown';
}

/**
 * The config.json of a known deployment; `base` is this server's `host:port`, which serves REST and the socket.
 * @param {Store} store
 * @param {string} deploymentId
 * @param {string} base
 */
export function deploymentConfig(store, deploymentId, base) {
  const wm = store.config.webMessaging;
  const active = deploymentState(store, deploymentId) === 'active';
  return {
    id: deploymentId,
    version: '1',
    status: active ? 'Active' : 'Inactive',
    languages: ['en-us'],
    defaultLanguage: 'en-us',
    apiEndpoint: `http://${base}`,
    messenger: {
      enabled: deploymentId === store.config.deploymentId && wm.enabled,
      apps: {
        conversations: {
          messagingEndpoint: `ws://${base}`,
          showAgentTypingIndicator: wm.showAgentTypingIndicator,
          showUserTypingIndicator: wm.showUserTypingIndicator,
          autoStart: { enabled: wm.autoStart },
          conversationDisconnect: { ...wm.conversationDisconnect },
          conversationClear: { enabled: wm.conversationClear },
          markdown: { enabled: wm.markdown },
          sessionDurationSeconds: wm.sessionDurationSeconds,
        },
      },
      styles: { primaryColor: wm.primaryColor },
      launcherButton: { visibility: 'On' },
      fileUpload: fileUploadConfig(store),
    },
    journeyEvents: { enabled: false },
    auth: { enabled: false, allowSessionUpgrade: false },
  };
}

/**
 * @param {import('../http.js').Router} router
 * @param {Store} store
 * @param {(exchange: import('../http.js').Exchange) => string} authority  `host:port` the guest reached
 */
export function registerDeploymentConfig(router, store, authority) {
  router.on('GET', '/webdeployments/v1/deployments/{deploymentId}/config.json', (exchange) => {
    const { deploymentId } = exchange.params;
    if (deploymentState(store, deploymentId) === 'unknown')
      throw new HttpError(404, 'not.found', 'The requested resource was not found.');
    exchange.send(200, deploymentConfig(store, deploymentId, authority(exchange)), { 'Cache-Control': 'no-cache' });
  });
}
