// HTTP plumbing shared by every API module: a tiny router, JSON bodies, CORS and the Genesys ErrorBody.
import { randomUUID } from 'node:crypto';

/** Reason texts for the statuses the emulator answers with its own errors. */
const REASONS = /** @type {Record<number, [string, string]>} */ ({
  400: ['bad.request', 'The request could not be understood by the server due to malformed syntax.'],
  401: ['bad.credentials', 'Invalid login credentials.'],
  403: ['not.authorized', 'You are not authorized to perform the requested action.'],
  404: ['not.found', 'The requested resource was not found.'],
  408: ['client.timeout', 'The client did not produce a request within the server timeout limit.'],
  409: ['request.conflict', 'The request conflicts with the current state of the resource.'],
  413: ['request.entity.too.large', 'The request is over the size limit.'],
  415: ['unsupported.media.type', 'Unsupported Media Type - Unsupported or incorrect media type.'],
  429: ['too.many.requests.retry.after', 'Retry the request in [{retryAfter}] seconds'],
  500: [
    'internal.server.error',
    'The server encountered an unexpected condition which prevented it from fulfilling the request.',
  ],
  503: ['service.unavailable', 'Service Unavailable - The server is currently unavailable.'],
  504: ['request.timeout', 'The request timed out.'],
});

/** The default error code and message for a status. @param {number} status */
export function reasonFor(status) {
  return (
    REASONS[status] ?? [
      status >= 500 ? 'internal.server.error' : 'bad.request',
      `Request failed with status ${status}.`,
    ]
  );
}

/** An answer-ready failure; thrown anywhere inside a handler and turned into an ErrorBody. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{messageParams?: Record<string, string>, details?: Array<{errorCode: string, fieldName?: string,
   *   entityId?: string, entityName?: string}>, headers?: Record<string, string>}} [extra]
   */
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/**
 * A Genesys ErrorBody. As Genesys answers, `messageWithParams` is the template with `{name}` placeholders, `message`
 * the same text filled in from `messageParams`, so a client may show `message` or fill the template itself.
 * @param {HttpError} error
 * @param {string} contextId
 */
export function errorBody(error, contextId) {
  const messageParams = error.extra.messageParams ?? {};
  return {
    message: error.message.replace(/\{(\w+)\}/g, (_, name) => messageParams[name] ?? `{${name}}`),
    code: error.code,
    status: error.status,
    messageWithParams: error.message,
    messageParams,
    contextId,
    details: error.extra.details ?? [],
    errors: [],
  };
}

/**
 * One request being answered. Every answer carries `inin-correlation-id`, which is also an error's `contextId`.
 */
export class Exchange {
  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  constructor(req, res) {
    this.req = req;
    this.res = res;
    /** The request line names no URL a parser takes (`GET //[::1`): the server answers 400. */
    this.malformed = false;
    try {
      this.url = new URL(req.url ?? '/', 'http://emulator');
    } catch {
      this.url = new URL('http://emulator/');
      this.malformed = true;
    }
    this.correlationId = randomUUID();
    /** @type {Record<string, string>} */
    this.params = {};
    /** The request's origin may read the answer (see `corsHeaders`). */
    this.trusted = true;
  }

  /**
   * A query parameter, or undefined when absent or empty: Genesys's SDKs send every unset parameter, and `false`,
   * as an empty value (`?after=&before=`).
   * @param {string} name
   */
  query(name) {
    return this.url.searchParams.get(name) || undefined;
  }

  /** The Bearer token of the `Authorization` header, or undefined. */
  bearer() {
    const match = /^Bearer\s+(\S+)$/i.exec(this.req.headers.authorization ?? '');
    return match?.[1];
  }

  /**
   * Reads the body as JSON; an empty body is `undefined`.
   * @returns {Promise<any>}
   */
  async json() {
    const chunks = [];
    let size = 0;
    for await (const chunk of this.req) {
      size += chunk.length;
      if (size > 1_000_000) throw new HttpError(413, ...reasonFor(413));
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(
        400,
        'bad.request',
        'The request could not be understood by the server due to malformed syntax.',
      );
    }
  }

  /**
   * @param {number} status
   * @param {unknown} [body]  omitted for an empty answer
   * @param {Record<string, string>} [headers]
   */
  send(status, body, headers = {}) {
    if (this.res.headersSent) return;
    const all = { ...corsHeaders(this.req, this.trusted), 'inin-correlation-id': this.correlationId, ...headers };
    if (body === undefined) {
      this.res.writeHead(status, all).end();
      return;
    }
    this.res.writeHead(status, { ...all, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }

  /** @param {HttpError} error */
  fail(error) {
    this.send(error.status, errorBody(error, this.correlationId), error.extra.headers);
  }
}

/**
 * The URL of a request handled outside an Exchange (an upgrade); a request line no URL parser takes is 400.
 * @param {import('node:http').IncomingMessage} req
 */
export function requestUrl(req) {
  try {
    return new URL(req.url ?? '/', 'http://emulator');
  } catch {
    throw new HttpError(400, ...reasonFor(400));
  }
}

/**
 * Whether a request's declared body type is JSON, or it declares none. @param {import('node:http').IncomingMessage} req
 */
export const declaresJsonOrNothing = (req) => {
  const type = req.headers['content-type'];
  return type === undefined || /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type);
};

/**
 * Paths an agent or a test drives (the control API and the agent side of the Platform API), as opposed to what a
 * visitor's browser calls from any site: these answer only pages of this server and of loopback hosts.
 * @param {string} pathname
 */
export const isPrivileged = (pathname) =>
  pathname.startsWith('/emulator/') ||
  (pathname.startsWith('/api/v2/') &&
    !pathname.startsWith('/api/v2/webchat/guest/') &&
    !pathname.startsWith('/api/v2/webmessaging/'));

/**
 * Whether a page at `origin` may drive the privileged APIs: a page of this server (`self`, its `http://host:port`)
 * or of a loopback host. `null` (sandboxed frames, files) and every other site may not.
 * @param {string} origin
 * @param {string} self
 */
export function isTrustedOrigin(origin, self) {
  if (origin === self) return true;
  let url;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackName(url.hostname);
}

/**
 * Whether a host name (as a URL's `hostname` gives it) is this machine's loopback.
 * @param {string} host
 */
export const isLoopbackName = (host) =>
  host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * CORS for browser pages. The guest APIs answer any origin (creating a chat checks the deployment's origins
 * separately); the privileged ones only trusted origins, so another site's page cannot read or drive them.
 * @param {import('node:http').IncomingMessage} req
 * @param {boolean} [trusted]  the request's origin may read the answer
 */
export function corsHeaders(req, trusted = true) {
  const origin = req.headers.origin;
  return {
    ...(trusted ? { 'Access-Control-Allow-Origin': origin ?? '*' } : {}),
    ...(origin ? { Vary: 'Origin' } : {}),
    'Access-Control-Expose-Headers': 'inin-correlation-id, Retry-After, X-Total-Count',
  };
}

/**
 * Answers a CORS preflight; an untrusted origin gets no CORS headers, so its browser sends nothing further.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {boolean} trusted
 */
export function answerPreflight(req, res, trusted) {
  if (!trusted) {
    res.writeHead(403, { Vary: 'Origin' }).end();
    return;
  }
  res
    .writeHead(204, {
      ...corsHeaders(req),
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers':
        req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type, Accept',
      'Access-Control-Max-Age': '600',
    })
    .end();
}

/** @typedef {(exchange: Exchange) => unknown} Handler */

/** Method + path-pattern routing; `{name}` segments become `exchange.params.name`. */
export class Router {
  constructor() {
    /** @type {Array<{method: string, pattern: RegExp, names: string[], handler: Handler}>} */
    this.routes = [];
  }

  /**
   * @param {string} method
   * @param {string} path  e.g. `/api/v2/webchat/guest/conversations/{conversationId}/members`
   * @param {Handler} handler
   */
  on(method, path, handler) {
    /** @type {string[]} */
    const names = [];
    const source = path.replace(/\{(\w+)\}/g, (_, name) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
  }

  /**
   * Finds the handler and path parameters for a request, or null.
   * @param {string} method
   * @param {string} pathname
   * @returns {{handler: Handler, params: Record<string, string>} | null}
   */
  match(method, pathname) {
    for (const route of this.routes) {
      const found = route.method === method && route.pattern.exec(pathname);
      if (!found) continue;
      /** @type {Record<string, string>} */
      const params = {};
      route.names.forEach((name, i) => (params[name] = decodePathParam(found[i + 1])));
      return { handler: route.handler, params };
    }
    return null;
  }
}

/**
 * A path segment decoded; a malformed `%` escape is the client's 400, not the server's failure.
 * @param {string} segment
 */
export function decodePathParam(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'bad.request', 'Path parameter [{value}] is not valid', {
      messageParams: { value: segment },
    });
  }
}

/**
 * One page of a Platform entity list (`entities`, paging counts and page URIs), as Genesys answers paged lists.
 * @template T
 * @param {T[]} items every item, in page order
 * @param {number} pageNumber
 * @param {number} pageSize
 * @param {(page: number) => string} uri the list's URI for a page
 */
export function entityPage(items, pageNumber, pageSize, uri) {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  return {
    entities: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total: items.length,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(pageNumber),
    ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
    ...(pageNumber > 1 ? { previousUri: uri(Math.min(pageNumber - 1, pageCount)) } : {}),
    lastUri: uri(pageCount),
  };
}

/**
 * An integer query parameter within bounds, or its default when absent; anything else is 400
 * `invalid.query.param.value`.
 * @param {Exchange} exchange
 * @param {string} name
 * @param {{fallback: number, min: number, max: number}} bounds
 */
export function intQuery(exchange, name, { fallback, min, max }) {
  const raw = exchange.query(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw invalidQuery(name, raw);
  return value;
}

/**
 * @param {string} name
 * @param {string} value
 */
export function invalidQuery(name, value) {
  return new HttpError(400, 'invalid.query.param.value', 'Value [{value}] is not valid for query parameter [{name}]', {
    messageParams: { value, name },
  });
}
