/**
 * Checks of what an integrator or the browser's storage hands a transport before any of it reaches a URL: an
 * `environment` must be a host name or an `http(s)` URL, ids must look like ids, and an address kept in storage
 * must point where `environment` does.
 */

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** What an `environment` must be, for messages. */
export const ENVIRONMENT_RULE = 'a host name (mypurecloud.ie) or an http(s) URL (http://127.0.0.1:8787)';

/** An `environment` without its trailing `/`, parsed when it is an `http(s)` URL. */
function parse(environment: string): { text: string; url: URL | null } {
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
  const { text, url } = parse(environment);
  if (HOST.test(text)) return true;
  if (!url || url.username || url.password || /[?#\\]/.test(text)) return false;
  return text.toLowerCase() === `${url.protocol}//${url.host}${url.pathname}`.replace(/\/$/, '').toLowerCase();
}

/** Whether a deployment, organization, conversation or member id looks like one (so `/`, `.` or `%` never do). */
export function isIdLike(value: string): boolean {
  return ID.test(value);
}

/**
 * Whether a socket address (from storage) belongs to `environment`: a `ws(s)` URL on the host of an `http(s)`
 * environment, or a `wss` URL on a region's domain or one of its subdomains (`carrier-pigeon.mypurecloud.ie`).
 */
export function socketBelongsTo(address: string, environment: string): boolean {
  let socket: URL;
  try {
    socket = new URL(address);
  } catch {
    return false;
  }
  if (!/^wss?:$/.test(socket.protocol) || socket.username || socket.password) return false;
  const { text, url } = parse(environment);
  if (url?.host === socket.host) return true;
  const region = (url?.host ?? text.toLowerCase()).replace(/^(api|api-cdn|webmessaging)\./, '');
  return socket.protocol === 'wss:' && (socket.host === region || socket.host.endsWith(`.${region}`));
}
