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
 * A Genesys ErrorBody. `messageWithParams` fills `{name}` placeholders from `messageParams`.
 * @param {HttpError} error
 * @param {string} contextId
 */
export function errorBody(error, contextId) {
  const messageParams = error.extra.messageParams ?? {};
  return {
    message: error.message,
    code: error.code,
    status: error.status,
    messageWithParams: error.message.replace(/\{(\w+)\}/g, (_, name) => messageParams[name] ?? `{${name}}`),
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
    this.url = new URL(req.url ?? '/', 'http://emulator');
    this.correlationId = randomUUID();
    /** @type {Record<string, string>} */
    this.params = {};
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
    const all = { ...corsHeaders(this.req), 'inin-correlation-id': this.correlationId, ...headers };
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
 * CORS for browser pages: any origin may call (creating a chat checks the deployment's origins separately).
 * @param {import('node:http').IncomingMessage} req
 */
export function corsHeaders(req) {
  const origin = req.headers.origin;
  return {
    'Access-Control-Allow-Origin': origin ?? '*',
    ...(origin ? { Vary: 'Origin' } : {}),
    'Access-Control-Expose-Headers': 'inin-correlation-id, Retry-After',
  };
}

/**
 * Answers a CORS preflight.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function answerPreflight(req, res) {
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
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1])));
      return { handler: route.handler, params };
    }
    return null;
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
