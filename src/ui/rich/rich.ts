import { adoptStyles, html, nothing, type ReactiveElement } from 'lit';
import type { TranscriptEntry } from '../../session/types.js';
import { linkify } from '../internal/linkify.js';
import { contentStyles, renderContent } from './content.js';
import type { RichContext } from './controller.js';
import { markdown, markdownStyles } from './markdown.js';

/** Elements whose shadow root has these styles already. */
const styled = new WeakSet<ReactiveElement>();

/**
 * What only rich messages need, fetched the first time one shows: Markdown for agents' and bots' text where the
 * deployment turns it on, and structured content. Its styles join the element's own when it first renders.
 */
export function render(entry: TranscriptEntry, context: RichContext, host: ReactiveElement): unknown {
  const root = host.renderRoot;
  if (!styled.has(host) && root instanceof ShadowRoot) {
    styled.add(host);
    adoptStyles(root, [...(host.constructor as typeof ReactiveElement).elementStyles, markdownStyles, contentStyles]);
  }
  const text = !entry.text
    ? nothing
    : entry.content?.markdown
      ? html`<div class="bubble md" dir="auto">${markdown(entry.text)}</div>`
      : html`<p class="bubble" dir="auto">${linkify(entry.text)}</p>`;
  return entry.content ? [text, renderContent(entry, entry.content, context, host)] : text;
}
