import { TransportError, type FailureReason, type TransportErrorInit } from '../types.js';
import { isObject, stringField } from '../json.js';

/** Readable codes for the wire's numeric ones the widget reacts to; others become `web-messaging.{code}`. */
const CODES: Record<number, string> = {
  403: 'forbidden',
  429: 'rate.limited',
  4006: 'session.expired',
  4007: 'session.not.found',
  4011: 'message.too.long',
  4013: 'custom.attributes.too.large',
  4029: 'rate.limited',
};

/** The closed reason behind a Web Messaging error code. Undefined leaves the default: `network` when retryable, else `chat-unavailable`. */
function reasonOf({ code = '' }: TransportErrorInit): FailureReason | undefined {
  if (code.startsWith('chat.deployment.')) return 'deployment-unavailable';
}

/**
 * An error from Web Messaging: an error frame (`class:"string"` or `TooManyRequestsErrorMessage`), an HTTP error
 * of the REST side, a network failure, or an unusable deployment. 408, 429 and server errors are retryable.
 */
export class WebMessagingError extends TransportError {
  constructor(message: string, init: TransportErrorInit) {
    super(message, { reason: reasonOf(init), ...init });
    this.name = 'WebMessagingError';
  }

  /** The error an error frame stands for; `code` is the frame's code, `body` its text or TooManyRequests body. */
  static fromFrame(code: number, body: unknown): WebMessagingError {
    const detail = isObject(body) ? body : {};
    const retryAfter = typeof detail.retryAfter === 'number' && detail.retryAfter > 0 ? detail.retryAfter : undefined;
    const text = typeof body === 'string' ? body : (stringField(detail, 'errorMessage') ?? `Error ${code}`);
    return new WebMessagingError(text, {
      status: code,
      code: CODES[code] ?? `web-messaging.${code}`,
      retryAfter,
      retryable: code === 408 || code === 429 || code === 4029 || (code >= 500 && code < 600) || code === 5000,
    });
  }

  /** A request that got no answer (offline, DNS, CORS, a dropped socket). */
  static network(cause?: unknown): WebMessagingError {
    return new WebMessagingError('The chat service could not be reached', { code: 'network', retryable: true, cause });
  }
}
