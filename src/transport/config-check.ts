/**
 * Checks of what an integrator or the browser's storage hands a transport before any of it reaches a URL: an
 * `environment` must be a host name or an `http(s)` URL and ids must look like ids.
 */

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** What an `environment` must be, for messages. */
export const ENVIRONMENT_RULE = 'a host name (mypurecloud.ie) or an http(s) URL (http://127.0.0.1:8787)';

/** An `environment` without its trailing `/`, parsed when it is an `http(s)` URL. */
export function parseEnvironmentText(environment: string): { text: string; url: URL | null } {
  const text = environment.trim().replace(/\/$/, '');
  try {
    return { text, url: /^https?:\/\//i.test(text) ? new URL(text) : null };
  } catch {
    return { text, url: null };
  }
}

/**
 * Whether an `environment` value is usable: a bare host name (letters, digits, dots, hyphens) or an `http(s)://` URL
 * (a proxy may add a path). Anything else (user info as in `mypurecloud.ie@evil.com`, a query, a fragment, a
 * backslash, `..` in the path) could send the chat somewhere the site did not mean, so it is refused rather than
 * repaired: the URL parser forgives much, so only a URL that reads as what it parses to is taken.
 */
export function isEnvironment(environment: string): boolean {
  const { text, url } = parseEnvironmentText(environment);
  if (HOST.test(text)) return true;
  if (!url || url.username || url.password || /[?#\\]/.test(text)) return false;
  return text.toLowerCase() === `${url.protocol}//${url.host}${url.pathname}`.replace(/\/$/, '').toLowerCase();
}

/** Whether a deployment, organization, conversation or member id looks like one (so `/`, `.` or `%` never do). */
export function isIdLike(value: string): boolean {
  return ID.test(value);
}
