import type { SessionNotice } from '../../session/types.js';
import { ENVIRONMENT_RULE } from '../../transport/config-check.js';
import { TRANSPORTS } from '../../transport/registry.js';
import { POSITIONS } from './attributes.js';
import type { SessionConfig } from './session-factory.js';
import { MAX_MESSAGE_LENGTH } from './composer.js';

/**
 * The attribute a developer should check when a chat could not start for a reason of setup, not of the visitor's
 * network: the host in `environment` was unreachable or refused the page, or the server refused the deployment or
 * queue.
 */
function setupHint(code: string, config: SessionConfig): string {
  switch (code) {
    case 'network':
      return `check the environment attribute ("${config.environment}"): this page could not reach it`;
    case 'origin-not-allowed':
      return `allow this page's origin (${location.origin}) in the deployment`;
    case 'deployment-unavailable':
      return `check the deployment-id attribute ("${config.deploymentId}")`;
    default:
      return `check the queue attribute ("${config.queue}")`;
  }
}

/**
 * What the element tells a site's developer on the console, by code: what is wrong and how to fix it. Only a page
 * with something to fix needs these words, so they are a file of their own, loaded when the first warning is due
 * (see `DevWarnings`).
 */
export const WARNINGS = {
  config: (missing: string[]) => `set ${missing.join(', ')} so a chat can start.`,
  environment: (value: string) => `environment "${value}" is refused: use ${ENVIRONMENT_RULE}. No chat starts.`,
  id: (attribute: string, value: string) =>
    `${attribute} "${value}" is not an id (letters, digits, - and _). No chat starts.`,
  transport: (value: string) =>
    `transport "${value}" is not ${TRANSPORTS.map((descriptor) => descriptor.kind).join(' or ')}; using "guest-chat".`,
  position: (value: string) => `position "${value}" is not ${POSITIONS.join(' or ')}; using "bottom-right".`,
  lang: (value: string) => `lang "${value}" has no strings; using the page's language or English.`,
  fields: (token: string) =>
    `fields: "${token}" is neither email, subject nor key:Label; it is left out (default "email,subject").`,
  customFields: () => 'custom-fields must be a JSON object of strings; using {}.',
  customField: (key: string) => `custom-fields "${key}" is not a string; it is left out.`,
  send: () => 'send() was called with no chat in progress; call start() first.',
  sendLength: () => `send() takes 1 to ${MAX_MESSAGE_LENGTH} characters; the message was not sent.`,
  /** A problem shown to the visitor; `config` is set when it is one of the site's setup. */
  notice: (notice: SessionNotice, config: SessionConfig | null, shown: string) =>
    `${notice.message}${notice.status ? ` (${notice.status})` : ''}; ${config ? `${setupHint(notice.code, config)}; ` : ''}the visitor sees "${shown}".`,
};
