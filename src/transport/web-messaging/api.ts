/**
 * The REST side of Web Messaging: the deployment's `config.json` and the guest history. Each call throws a
 * {@link WebMessagingError} on any failure and validates what it returns.
 */
import type { Clock } from '../../core/clock.js';
import { isObject, stringField, type Validated } from '../json.js';
import { WebMessagingError } from './error.js';
import { readDeploymentConfig, readHistoryPage, type DeploymentSettings, type HistoryPage } from './wire.js';

/** How to call the REST side. */
export interface RestContext {
  fetch: typeof fetch;
  clock: Clock;
  /** Give up on a call after this long. */
  timeoutMs?: number;
}

async function getJson<T>(
  context: RestContext,
  url: string,
  read: (value: unknown) => Validated<T>,
  jwt?: string,
): Promise<T> {
  const controller = new AbortController();
  const timer = context.clock.setTimeout(() => controller.abort(), context.timeoutMs ?? 16_000);
  let response: Response;
  let value: unknown = null;
  try {
    response = await context.fetch(url, {
      headers: jwt ? { Accept: 'application/json', Authorization: `Bearer ${jwt}` } : { Accept: 'application/json' },
      signal: controller.signal,
    });
    const text = await response.text();
    try {
      value = text ? JSON.parse(text) : null;
    } catch {
      value = null;
    }
  } catch (cause) {
    throw WebMessagingError.network(cause);
  } finally {
    context.clock.clearTimeout(timer);
  }
  if (!response.ok) {
    const body = isObject(value) ? value : {};
    throw new WebMessagingError(stringField(body, 'message') ?? `HTTP ${response.status}`, {
      status: response.status,
      code: stringField(body, 'code') ?? `http.${response.status}`,
      contextId: stringField(body, 'contextId'),
      retryable: response.status === 408 || response.status === 429 || response.status >= 500,
    });
  }
  const result = read(value);
  if (!result.ok) {
    throw new WebMessagingError(`Unexpected answer from ${url.split('?')[0]}: ${result.reason}`, {
      status: response.status,
      code: 'invalid.response',
      retryable: false,
    });
  }
  return result.value;
}

/**
 * Reads `config.json`. An unknown deployment (any 4xx) and a disabled one are terminal
 * `chat.deployment.*` errors, so the visitor is told chat is unavailable instead of retrying.
 */
export async function fetchDeploymentConfig(context: RestContext, url: string): Promise<DeploymentSettings> {
  let settings: DeploymentSettings;
  try {
    settings = await getJson(context, url, readDeploymentConfig);
  } catch (error) {
    if (error instanceof WebMessagingError && !error.retryable && error.status !== undefined && error.status < 500) {
      throw new WebMessagingError('This chat deployment does not exist', {
        status: error.status,
        code: 'chat.deployment.not.found',
        retryable: false,
        cause: error,
      });
    }
    throw error;
  }
  if (!settings.active) {
    throw new WebMessagingError('Chat is switched off for this deployment', {
      code: 'chat.deployment.disabled',
      retryable: false,
    });
  }
  return settings;
}

/** `GET /api/v2/webmessaging/messages`: one page, newest first. */
export function fetchHistoryPage(
  context: RestContext,
  apiBase: string,
  jwt: string,
  query: { pageNumber: number; pageSize: number },
): Promise<HistoryPage> {
  const params = new URLSearchParams({ pageNumber: String(query.pageNumber), pageSize: String(query.pageSize) });
  return getJson(context, `${apiBase}/api/v2/webmessaging/messages?${params}`, readHistoryPage, jwt);
}
