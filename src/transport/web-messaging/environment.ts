import { parseEnvironment } from '../environment.js';

/** The three addresses of a Web Messaging deployment. */
export interface WebMessagingUrls {
  /** The guest socket, with the deployment id in its query. */
  socket: string;
  /** REST base (history). */
  api: string;
  /** The deployment's `config.json`. */
  config: string;
}

/**
 * The addresses for an `environment` (SDK `Urls.kt`): a region host gives `wss://webmessaging.{env}/v1`,
 * `https://api.{env}` and `https://api-cdn.{env}/webdeployments/...`; a custom base URL (the emulator) serves all
 * three itself, over `ws(s)://` for the socket, as the SDK's custom endpoint mode.
 */
export function webMessagingUrls(environment: string, deploymentId: string): WebMessagingUrls {
  const parsed = parseEnvironment(environment);
  const id = encodeURIComponent(deploymentId);
  const configPath = `/webdeployments/v1/deployments/${id}/config.json`;
  if ('baseUrl' in parsed) {
    return {
      socket: `${parsed.baseUrl.replace(/^http/i, 'ws')}/v1?deploymentId=${id}`,
      api: parsed.baseUrl,
      config: parsed.baseUrl + configPath,
    };
  }
  return {
    socket: `wss://webmessaging.${parsed.region}/v1?deploymentId=${id}`,
    api: `https://api.${parsed.region}`,
    config: `https://api-cdn.${parsed.region}${configPath}`,
  };
}
