/**
 * Region hosts of Genesys Cloud (the final Guest Chat SDK's list and the Web Messaging regions). Anything on these
 * domains is a Genesys region; anything else given as a full `http(s)://` URL is a custom endpoint (the emulator).
 */
const GENESYS_DOMAINS = ['mypurecloud.com', 'mypurecloud.ie', 'mypurecloud.com.au', 'mypurecloud.jp', 'mypurecloud.de'];
const GENESYS_SUFFIXES = ['.pure.cloud', '.us-gov-pure.cloud', '.eusc-pure.cloud'];

function isGenesysHost(host: string): boolean {
  return GENESYS_DOMAINS.includes(host) || GENESYS_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

import { ENVIRONMENT_RULE, isEnvironment } from './config-check.js';
import { TransportError } from './types.js';

/** Where an `environment` option points: a Genesys region host, or a custom base URL used as is. */
export type Environment = { region: string } | { baseUrl: string };

/**
 * Reads an `environment` option: a region host, with or without a scheme or a service prefix (`mypurecloud.ie`,
 * `api.mypurecloud.ie`, `https://webmessaging.mypurecloud.ie`), gives `{region: 'mypurecloud.ie'}`; a full
 * `http(s)://` URL on any other host (the emulator's `http://127.0.0.1:8787`) gives that URL without a trailing slash.
 */
export function parseEnvironment(environment: string): Environment {
  if (!isEnvironment(environment)) {
    throw new TransportError(`environment "${environment}" is refused: use ${ENVIRONMENT_RULE}`, {
      code: 'config.environment',
      retryable: false,
    });
  }
  const trimmed = environment.trim().replace(/\/+$/, '');
  const hasScheme = /^https?:\/\//i.test(trimmed);
  const host = trimmed
    .replace(/^https?:\/\//i, '')
    .replace(/^(api|api-cdn|webmessaging)\./i, '')
    .toLowerCase();
  if (hasScheme && !isGenesysHost(host.split(/[/:]/)[0])) return { baseUrl: trimmed };
  return { region: host };
}
