/**
 * Checks of what an integrator or the browser's storage hands a transport before any of it reaches a URL: an
 * `environment` must be a host name or an `http(s)` origin, ids must look like ids, and an address kept in storage
 * must point where `environment` does.
 */

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * Why an `environment` value is refused, or null when it is usable: a bare host name (letters, digits, dots,
 * hyphens) or an `http(s)://` origin with nothing after the host but an optional `/`. Anything else (user info as in
 * `mypurecloud.ie@evil.com`, a path, a query, a fragment, a backslash) could send the chat somewhere the site did not
 * mean, so it is refused rather than repaired.
 */
export function environmentProblem(value: string): string | null {
  const trimmed = value.trim().replace(/\/$/, '');
  if (HOST.test(trimmed)) return null;
  if (!/^https?:\/\//i.test(trimmed)) return 'it is neither a host name (mypurecloud.ie) nor an http(s) URL';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'it is not a valid URL';
  }
  // The URL parser forgives much (`\`, user info, a lone `?`); only an origin written plainly is taken.
  return trimmed.toLowerCase() === `${url.protocol}//${url.host}`.toLowerCase()
    ? null
    : 'an http(s) URL here is a scheme and a host (and port) only, with no user, path, query or fragment';
}

/** Whether a deployment, organization, conversation or member id looks like one (so `/`, `.` or `%` never do). */
export function isIdLike(value: string): boolean {
  return ID.test(value);
}

/** The host (and port) an `environment` value's addresses live under, lower case: `mypurecloud.ie`, `127.0.0.1:8787`. */
function environmentHost(environment: string): string {
  const trimmed = environment.trim().replace(/\/$/, '');
  return (/^https?:\/\//i.test(trimmed) ? new URL(trimmed).host : trimmed)
    .replace(/^(api|api-cdn|webmessaging)\./i, '')
    .toLowerCase();
}

/**
 * Whether a socket address (from storage, or from a server's answer) belongs to `environment`: a `ws(s)` URL on the
 * same host as an `http(s)` environment, or on the region's domain or one of its subdomains for a region host.
 */
export function socketBelongsTo(address: string, environment: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') return false;
  if (url.username || url.password) return false;
  const home = environmentHost(environment);
  const host = url.host.toLowerCase();
  if (/^https?:\/\//i.test(environment.trim())) {
    // A custom endpoint (the emulator) serves its event streams itself.
    const custom = new URL(environment.trim()).host.toLowerCase();
    if (host === custom) return true;
  }
  return url.protocol === 'wss:' && (host === home || host.endsWith(`.${home}`));
}
