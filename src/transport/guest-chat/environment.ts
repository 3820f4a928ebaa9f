import { parseEnvironment } from '../environment.js';

/**
 * The REST base URL for an `environment`: a region host (`mypurecloud.ie`, `api.mypurecloud.ie`,
 * `https://api.mypurecloud.ie`) gives `https://api.mypurecloud.ie`, like the SDK's `setEnvironment`; a full
 * `http(s)://` URL on any other host (the emulator's `http://127.0.0.1:8787`) is used as is, without a trailing slash.
 */
export function guestChatBaseUrl(environment: string): string {
  const parsed = parseEnvironment(environment);
  return 'baseUrl' in parsed ? parsed.baseUrl : `https://api.${parsed.region}`;
}
