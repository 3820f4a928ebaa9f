import { TransportError, type FailureReason, type TransportErrorInit } from '../types.js';
import { isObject, stringField } from '../json.js';

/** The closed reason behind a Guest Chat error code. Undefined leaves the default: `network` when retryable, else `chat-unavailable`. */
function reasonOf({ code = '' }: TransportErrorInit): FailureReason | undefined {
  return code.startsWith('chat.deployment.')
    ? 'deployment-unavailable'
    : code === 'origin.not.allowed'
      ? 'origin-not-allowed'
      : code === 'chat.error.invalid.queue'
        ? 'queue-unavailable'
        : undefined;
}

/**
 * The ErrorBody's message with its parameters filled in: `messageWithParams` when the server sent it, else `message`
 * with each `{name}` taken from `messageParams` (a placeholder with no value stays as written).
 */
function readableMessage(body: Record<string, unknown>): string | undefined {
  const filled = stringField(body, 'messageWithParams');
  if (filled && !/\{\w+\}/.test(filled)) return filled;
  const params = isObject(body.messageParams) ? body.messageParams : {};
  return stringField(body, 'message')?.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) && typeof params[name] === 'string' ? (params[name] as string) : whole,
  );
}

/**
 * An error from the Guest Chat API: an HTTP error with its ErrorBody, a network failure, or a bad frame. Network
 * failures, 408, 429 and 5xx are retryable; every other 4xx is terminal.
 */
export class GuestChatError extends TransportError {
  constructor(message: string, init: TransportErrorInit) {
    super(message, { reason: reasonOf(init), ...init });
    this.name = 'GuestChatError';
  }

  /** Builds the error for a non-2xx answer from its status, headers and (possibly empty or non-JSON) body. */
  static fromResponse(status: number, headers: Headers, body: unknown): GuestChatError {
    const errorBody = isObject(body) ? body : {};
    const retryAfterHeader = Number(headers.get('Retry-After'));
    const retryAfter = Number.isFinite(retryAfterHeader) && retryAfterHeader > 0 ? retryAfterHeader : undefined;
    return new GuestChatError(readableMessage(errorBody) ?? `HTTP ${status}`, {
      status,
      code: stringField(errorBody, 'code'),
      // The ErrorBody's contextId is the same UUID as the correlation header; either identifies the call.
      contextId: stringField(errorBody, 'contextId') ?? headers.get('inin-correlation-id') ?? undefined,
      retryAfter,
      retryable: status === 408 || status === 429 || status >= 500,
    });
  }

  /** A request that got no answer (offline, DNS, CORS, timeout). */
  static network(cause: unknown, code = 'network'): GuestChatError {
    return new GuestChatError('The chat service could not be reached', { code, retryable: true, cause });
  }
}
