// Structured messages from the agent side. Genesys's Platform API has no call for an agent to send quick replies,
// cards, carousels or date pickers (Architect bot flows send them), so the emulator offers its own control route,
// taking the Web Messaging `content[]` items as the guest receives them. It also serves the echo bot's card pictures.
import { HttpError } from '../http.js';
import { isEnded, postMessage } from '../routing.js';
import { cardImage } from './bot-content.js';

/** @typedef {import('../state.js').Store} Store */

const badField = (/** @type {string} */ fieldName, /** @type {string} */ message) =>
  new HttpError(400, 'invalid.value', message, { details: [{ errorCode: 'invalid.value', fieldName }] });
const notFound = () => new HttpError(404, 'not.found', 'The requested resource was not found.');

/**
 * @param {import('../http.js').Router} router
 * @param {Store} store
 */
export function registerStructuredContentApi(router, store) {
  /**
   * `POST /emulator/conversations/{conversationId}/messages` `{text?, content: [...]}`: the connected agent (or bot)
   * of a Web Messaging conversation sends a Structured message. Answers `{id}`, the id the guest sees.
   */
  router.on('POST', '/emulator/conversations/{conversationId}/messages', async (exchange) => {
    const conversation = store.conversations.get(exchange.params.conversationId);
    if (!conversation || conversation.kind !== 'web-messaging') throw notFound();
    const body = await exchange.json();
    const content = body?.content;
    if (!Array.isArray(content) || content.length === 0 || content.some((item) => !item || typeof item !== 'object'))
      throw badField('content', 'content must be a non-empty array of content items');
    if (body.text !== undefined && typeof body.text !== 'string') throw badField('text', 'text must be a string');
    const agent = conversation.members.find((member) => member.role === 'AGENT' && member.state === 'CONNECTED');
    if (isEnded(conversation) || !agent)
      throw new HttpError(409, 'conversation.not.active', 'No agent is connected to this conversation.');
    const message = postMessage(store, conversation, agent, body.text ?? '', 'standard', { content });
    exchange.send(200, { id: message.id });
  });

  router.on('GET', '/emulator/images/{name}', (exchange) => {
    const svg = cardImage(exchange.params.name.replace(/\.svg$/, ''));
    if (!svg) throw notFound();
    exchange.res.writeHead(200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'max-age=3600',
      'Access-Control-Allow-Origin': '*',
    });
    exchange.res.end(svg);
  });
}
