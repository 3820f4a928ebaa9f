/**
 * One function per Guest Chat endpoint used by the widget. Each throws a {@link GuestChatError} on any failure and
 * validates what it returns.
 */
import type { Clock } from '../../core/clock.js';
import type { Validated } from '../json.js';
import type { MemberInfo, RoutingTarget } from '../types.js';
import { GuestChatError } from './error.js';
import {
  readCreated,
  readEntities,
  readMember,
  readMessage,
  readTyping,
  type CreatedConversation,
  type WebChatMember,
  type WebChatMessage,
  type WebChatTyping,
} from './wire.js';

/** Where and how to call the API. */
export interface GuestChatApi {
  baseUrl: string;
  fetch: typeof fetch;
  clock: Clock;
  /** The SDK gives up after 16 s; so do we. */
  timeoutMs?: number;
}

/** The conversation and member a call is about, with the guest's JWT. */
export interface GuestChatAuth {
  conversationId: string;
  memberId: string;
  jwt: string;
}

const ROOT = '/api/v2/webchat/guest/conversations';

async function call<T>(
  api: GuestChatApi,
  method: string,
  path: string,
  options: { jwt?: string; body?: unknown; read?: (value: unknown) => Validated<T> },
): Promise<T> {
  // The SDK sends both headers on every call, GET and DELETE included.
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (options.jwt) headers.Authorization = `Bearer ${options.jwt}`;
  const controller = new AbortController();
  const timer = api.clock.setTimeout(() => controller.abort(), api.timeoutMs ?? 16_000);
  let response: Response;
  let text: string;
  try {
    response = await api.fetch(api.baseUrl + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: controller.signal,
    });
    text = await response.text();
  } catch (cause) {
    throw GuestChatError.network(cause, controller.signal.aborted ? 'timeout' : 'network');
  } finally {
    api.clock.clearTimeout(timer);
  }
  let value: unknown = null;
  if (text) {
    try {
      value = JSON.parse(text);
    } catch {
      value = null;
    }
  }
  if (!response.ok) throw GuestChatError.fromResponse(response.status, response.headers, value);
  if (!options.read) return undefined as T;
  const result = options.read(value);
  if (!result.ok) {
    throw new GuestChatError(`Unexpected answer from ${method} ${path.split('?')[0]}: ${result.reason}`, {
      status: response.status,
      code: 'invalid.response',
      retryable: false,
    });
  }
  return result.value;
}

function memberPath(auth: GuestChatAuth, memberId = auth.memberId): string {
  return `${ROOT}/${encodeURIComponent(auth.conversationId)}/members/${encodeURIComponent(memberId)}`;
}

/** `POST /conversations` (no auth): creates the chat with the guest as its only member. */
export function createConversation(
  api: GuestChatApi,
  request: {
    organizationId: string;
    deploymentId: string;
    routingTarget: RoutingTarget;
    memberInfo: MemberInfo;
    memberAuthToken?: string;
  },
): Promise<CreatedConversation> {
  const { routingTarget } = request;
  return call(api, 'POST', ROOT, {
    body: {
      organizationId: request.organizationId,
      deploymentId: request.deploymentId,
      routingTarget: {
        targetType: 'QUEUE',
        targetAddress: routingTarget.targetAddress,
        skills: routingTarget.skills,
        language: routingTarget.language,
        priority: routingTarget.priority,
      },
      memberInfo: request.memberInfo,
      memberAuthToken: request.memberAuthToken,
    },
    read: readCreated,
  });
}

/** `GET /conversations/{cid}/members/{mid}`. */
export function getMember(api: GuestChatApi, auth: GuestChatAuth, memberId: string): Promise<WebChatMember> {
  return call(api, 'GET', memberPath(auth, memberId), { jwt: auth.jwt, read: readMember });
}

/** `GET /conversations/{cid}/members`: one page of members. */
export function listMembers(
  api: GuestChatApi,
  auth: GuestChatAuth,
  query: { pageSize: number; pageNumber: number; excludeDisconnectedMembers: boolean },
): Promise<WebChatMember[]> {
  const params = new URLSearchParams({
    pageSize: String(query.pageSize),
    pageNumber: String(query.pageNumber),
    excludeDisconnectedMembers: String(query.excludeDisconnectedMembers),
  });
  return call(api, 'GET', `${ROOT}/${encodeURIComponent(auth.conversationId)}/members?${params}`, {
    jwt: auth.jwt,
    read: (value) => readEntities(value, readMember),
  });
}

/** `DELETE /conversations/{cid}/members/{mid}`: the guest leaves. */
export function removeMember(api: GuestChatApi, auth: GuestChatAuth): Promise<void> {
  return call(api, 'DELETE', memberPath(auth), { jwt: auth.jwt });
}

/** `POST /conversations/{cid}/members/{mid}/messages`. */
export function postMessage(api: GuestChatApi, auth: GuestChatAuth, body: string): Promise<WebChatMessage> {
  return call(api, 'POST', `${memberPath(auth)}/messages`, {
    jwt: auth.jwt,
    body: { body, bodyType: 'standard' },
    read: readMessage,
  });
}

/** `POST /conversations/{cid}/members/{mid}/typing`. */
export function postTyping(api: GuestChatApi, auth: GuestChatAuth): Promise<WebChatTyping> {
  return call(api, 'POST', `${memberPath(auth)}/typing`, { jwt: auth.jwt, read: readTyping });
}

/** `GET /conversations/{cid}/messages`: one ascending page after `after` (from the start when omitted). */
export function listMessages(
  api: GuestChatApi,
  auth: GuestChatAuth,
  query: { after?: string; maxResults: number },
): Promise<WebChatMessage[]> {
  const params = new URLSearchParams({ sortOrder: 'ascending', maxResults: String(query.maxResults) });
  if (query.after) params.set('after', query.after);
  return call(api, 'GET', `${ROOT}/${encodeURIComponent(auth.conversationId)}/messages?${params}`, {
    jwt: auth.jwt,
    read: (value) => readEntities(value, readMessage),
  });
}
