import { ENVIRONMENT_RULE, isEnvironment, isIdLike } from '../../transport/config-check.js';
import type { SessionConfig } from './session-factory.js';

/** One problem with the element's configuration: a code to report it once by, and what to tell the developer. */
export interface ConfigProblem {
  code: string;
  message: string;
}

/**
 * What makes a configuration unusable, for the console: an `environment` that is neither a host name nor an
 * `http(s)` origin, and ids with characters no id has (they go into URL paths, where `..` or `/` would change the
 * address). Empty when every value set is usable.
 */
export function configProblems(config: SessionConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!isEnvironment(config.environment)) {
    problems.push({
      code: `environment:${config.environment}`,
      message: `environment "${config.environment}" is refused: use ${ENVIRONMENT_RULE}. No chat starts.`,
    });
  }
  for (const [key, attribute] of [
    ['deploymentId', 'deployment-id'],
    ['organizationId', 'organization-id'],
  ] as const) {
    const value = config[key];
    if (value && !isIdLike(value)) {
      problems.push({
        code: `${attribute}:${value}`,
        message: `${attribute} "${value}" is not an id (letters, digits, - and _). No chat starts.`,
      });
    }
  }
  return problems;
}

/**
 * The attribute a developer should check when a chat could not start for a reason of setup, not of the visitor's
 * network: the host in `environment` was unreachable or refused the page, or the server refused the deployment or
 * queue. Null when the code says nothing about setup.
 */
export function setupHint(code: string, config: SessionConfig): string | null {
  switch (code) {
    case 'network':
      return `check the environment attribute ("${config.environment}"): this page could not reach it`;
    case 'origin-not-allowed':
      return `allow this page's origin (${location.origin}) in the deployment`;
    case 'deployment-unavailable':
      return `check the deployment-id attribute ("${config.deploymentId}")`;
    case 'queue-unavailable':
      return `check the queue attribute ("${config.queue}")`;
    default:
      return null;
  }
}

/** A map with no prototype, so keys like `constructor` or `__proto__` are plain keys with no inherited value. */
export function plainMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
