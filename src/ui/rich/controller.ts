import { html, nothing, type LitElement } from 'lit';
import type { ChatSession, TranscriptEntry } from '../../session/types.js';
import { linkify } from '../internal/linkify.js';
import type { GuestChatStrings } from '../strings/index.js';

/** What the element tells the renderers at each render. */
export interface RichContext {
  session: ChatSession | null;
  strings: GuestChatStrings;
  /** The widget's language, for dates and times. */
  language: string;
}

/** The module once loaded (shared by every element on the page), the pending load, and whether the last one failed. */
let module: typeof import('./rich.js') | undefined;
let loading: Promise<unknown> | undefined;
let failed = false;

/**
 * A message's text and its structured content, for the element's transcript. Markdown (where the deployment turns
 * it on) and structured content (quick replies, cards, carousels, time slots) are drawn by a module fetched the
 * first time a message needs it; until then the text shows as text, so a text-only chat never loads it. Content
 * that cannot be drawn because the module failed to load shows as "This message can't be shown here", never as
 * nothing.
 */
export function renderRich(entry: TranscriptEntry, context: RichContext, host: LitElement): unknown {
  const rich = entry.content || (entry.kind !== 'guest' && context.session?.capabilities.value?.markdown);
  if (rich && module) return module.render(entry, context, host);
  if (rich) {
    loading ??= import('./rich.js').then(
      (loaded) => (module = loaded),
      () => {
        loading = undefined;
        failed = true;
      },
    );
    // Rendered again once it is there (or is not: the visitor is then told, and the next render tries again).
    void loading.then(() => host.requestUpdate());
  }
  // One value, not a list, for a plain message: every part of a list costs the transcript marker nodes.
  const text = entry.text ? html`<p class="bubble">${linkify(entry.text)}</p>` : nothing;
  return entry.content && failed ? [text, html`<p class="unsupported">${context.strings.unsupported}</p>`] : text;
}
