import { isIdLike, parseEnvironmentText } from '../config-check.js';
import type { ResumeState } from '../types.js';

/** What a Guest Chat transport keeps to resume its chat after a reload. */
export interface GuestChatResumeState extends ResumeState {
  kind: 'guest-chat';
  conversationId: string;
  memberId: string;
  jwt: string;
  eventStreamUri: string;
}

/** Whether a record read back from storage has the shape of a Guest Chat's (its values are checked below). */
export function isResumeState(state: ResumeState): state is GuestChatResumeState {
  return (
    state.kind === 'guest-chat' &&
    typeof state.conversationId === 'string' &&
    typeof state.memberId === 'string' &&
    typeof state.jwt === 'string' &&
    typeof state.eventStreamUri === 'string'
  );
}

/** A JWT's characters (base64url and dots); real ones are well under a kilobyte, 4 kB leaves room for any claims. */
const JWT = /^[A-Za-z0-9_.-]{1,4096}$/;

/**
 * Whether a Guest Chat record read back from storage can be used as it is: ids that look like ids (they go into URL
 * paths), a token of a sane size and alphabet, and an event stream on the host `environment` names, so a record
 * written by another page or tampered with cannot send the guest's token elsewhere.
 */
export function usableSavedChat(state: GuestChatResumeState, environment: string): boolean {
  return (
    isIdLike(state.conversationId) &&
    isIdLike(state.memberId) &&
    JWT.test(state.jwt) &&
    socketBelongsTo(state.eventStreamUri, environment)
  );
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
  const { text, url } = parseEnvironmentText(environment);
  if (url?.host === socket.host) return true;
  const region = (url?.host ?? text.toLowerCase()).replace(/^(api|api-cdn|webmessaging)\./, '');
  return socket.protocol === 'wss:' && (socket.host === region || socket.host.endsWith(`.${region}`));
}
