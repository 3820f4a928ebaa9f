/**
 * Region hosts of the Guest Chat API (the final SDK's list). Anything on these domains is a Genesys host and is
 * always reached as `https://api.{host}`, like the SDK's `setEnvironment`.
 */
const GENESYS_DOMAINS = ['mypurecloud.com', 'mypurecloud.ie', 'mypurecloud.com.au', 'mypurecloud.jp', 'mypurecloud.de'];
const GENESYS_SUFFIXES = ['.pure.cloud', '.us-gov-pure.cloud', '.eusc-pure.cloud'];

function isGenesysHost(host: string): boolean {
  return GENESYS_DOMAINS.includes(host) || GENESYS_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/**
 * The REST base URL for an `environment`: a region host (`mypurecloud.ie`, `api.mypurecloud.ie`,
 * `https://api.mypurecloud.ie`) gives `https://api.mypurecloud.ie`; a full `http(s)://` URL on any other host (the
 * emulator's `http://127.0.0.1:8787`) is used as is, without a trailing slash.
 */
export function guestChatBaseUrl(environment: string): string {
  const trimmed = environment.trim().replace(/\/+$/, '');
  const hasScheme = /^https?:\/\//i.test(trimmed);
  const host = trimmed
    .replace(/^https?:\/\//i, '')
    .replace(/^api\./i, '')
    .toLowerCase();
  if (hasScheme && !isGenesysHost(host.split(/[/:]/)[0])) return trimmed;
  return `https://api.${host}`;
}
