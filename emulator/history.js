// Message history paging, shared by the guest API and the agent API (same query and answer shape).
import { intQuery, invalidQuery } from './http.js';

/**
 * One page of a conversation's messages for `GET …/messages`: `after` and `before` (message ids) bound the window,
 * `maxResults` (default and maximum from the config) caps it from the anchor's side (the newest ones when
 * descending without an anchor, else the oldest), `sortOrder` orders the page. `previousPage` and `next` are
 * relative URIs that continue before the page's oldest and after its newest message.
 * @template T
 * @param {import('./http.js').Exchange} exchange
 * @param {import('./state.js').Message[]} messages  oldest first
 * @param {{basePath: string, maxResults: number, view: (message: import('./state.js').Message) => T}} options
 */
export function pageMessages(exchange, messages, { basePath, maxResults, view }) {
  const size = intQuery(exchange, 'maxResults', { fallback: maxResults, min: 1, max: maxResults });
  const sortOrder = (exchange.query('sortOrder') ?? 'ascending').toLowerCase();
  if (sortOrder !== 'ascending' && sortOrder !== 'descending') throw invalidQuery('sortOrder', sortOrder);
  const indexOf = (/** @type {string} */ name) => {
    const id = exchange.query(name);
    if (id === undefined) return undefined;
    const index = messages.findIndex((message) => message.id === id);
    if (index < 0) throw invalidQuery(name, id);
    return index;
  };
  const after = indexOf('after');
  const before = indexOf('before');
  const low = after === undefined ? 0 : after + 1;
  const high = before === undefined ? messages.length : Math.max(low, before);
  const fromEnd = after === undefined && (before !== undefined || sortOrder === 'descending');
  const start = fromEnd ? Math.max(low, high - size) : low;
  const end = fromEnd ? high : Math.min(high, low + size);
  const page = messages.slice(start, end);
  const link = (/** @type {string} */ anchor, /** @type {string} */ id) =>
    `${basePath}?${new URLSearchParams({ [anchor]: id, maxResults: String(size), sortOrder })}`;
  return {
    entities: (sortOrder === 'descending' ? [...page].reverse() : page).map(view),
    pageSize: size,
    ...(page.length > 0 && start > 0 ? { previousPage: link('before', page[0].id) } : {}),
    ...(page.length > 0 && end < messages.length ? { next: link('after', page[page.length - 1].id) } : {}),
    selfUri: exchange.url.pathname + exchange.url.search,
  };
}
