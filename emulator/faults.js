// Scripted faults that fail a call or a frame: `failNext` (any REST call of a side) and `failNextSend` (the next
// message sent by the visitor or by an agent, on either protocol). Both count down and clear themselves.
import { HttpError, reasonFor } from './http.js';

/** @typedef {import('./state.js').Store} Store */
/** @typedef {'guest' | 'agent'} Side */

/** A guest's REST send (Guest Chat). */
const GUEST_SEND = /^\/api\/v2\/webchat\/guest\/conversations\/[^/]+\/members\/[^/]+\/messages\/?$/;
/** An agent's send on either protocol. */
const AGENT_SEND = /^\/api\/v2\/conversations\/(chats|messages)\/[^/]+\/communications\/[^/]+\/messages\/?$/;

/**
 * Takes one count of the `failNextSend` fault if it applies to a send from `side`.
 * @param {Store} store
 * @param {Side} side
 * @returns {{status: number, retryAfterSeconds?: number} | null}
 */
export function takeSendFault(store, side) {
  const fault = store.faults.failNextSend;
  if (!fault || (fault.side !== undefined && fault.side !== side)) return null;
  fault.count -= 1;
  if (fault.count <= 0) store.faults.failNextSend = null;
  return fault;
}

/**
 * The HttpError a fault's status stands for: 429 carries `Retry-After` as the reference says.
 * @param {{status: number, retryAfterSeconds?: number}} fault
 */
function failure({ status, retryAfterSeconds }) {
  const [code, message] = reasonFor(status);
  if (status !== 429) return new HttpError(status, code, message);
  const retryAfter = String(retryAfterSeconds ?? 1);
  return new HttpError(429, code, message, { messageParams: { retryAfter }, headers: { 'Retry-After': retryAfter } });
}

/**
 * The failure a REST call gets from a fault, if one applies: `failNext` for any call of its side (and path),
 * `failNextSend` for a POST that sends a message.
 * @param {Store} store
 * @param {{method: string, pathname: string, search: string, side: Side}} call
 */
export function injectedFailure(store, { method, pathname, search, side }) {
  const sends = method === 'POST' && (side === 'guest' ? GUEST_SEND : AGENT_SEND).test(pathname);
  const send = sends ? takeSendFault(store, side) : null;
  if (send) return failure(send);
  const fault = store.faults.failNext;
  if (!fault) return null;
  if (fault.side !== undefined && fault.side !== side) return null;
  if (fault.pathContains && !(pathname + search).includes(fault.pathContains)) return null;
  fault.count -= 1;
  if (fault.count <= 0) store.faults.failNext = null;
  return failure(fault);
}
