import { html, type ReactiveElement } from 'lit';
import type { ChatSession, TranscriptEntry } from '../../session/types.js';
import { loadChecked } from '../../core/checked-load.js';
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
 * The class of the box a message's body goes in: the bubble itself for plain text, a bare box for a rich message
 * (its renderer draws the bubble and the content under it). The element keeps the box in its own template, so a
 * plain message costs the transcript no more nodes than before rich messages.
 */
export function richClass(entry: TranscriptEntry): string {
  return entry.content && (module || !entry.text) ? 'rich' : 'bubble';
}

/**
 * A message's body: its text, or with the rich module its Markdown and structured content. Markdown (where the
 * deployment turns it on) and structured content (quick replies, cards, carousels, time slots) are drawn by a module
 * fetched the first time a message needs it; until then the text shows as text, so a text-only chat never loads it.
 * Content that cannot be drawn because the module failed to load shows as "This message can't be shown here", never
 * as nothing.
 */
export function renderRich(entry: TranscriptEntry, context: RichContext, host: ReactiveElement): unknown {
  if (!entry.content) return linkify(entry.text);
  if (module) return module.render(entry, context, host);
  loading ??= loadChecked('rich/rich.js', () => import('./rich.js')).then(
    (loaded) => (module = loaded),
    () => {
      loading = undefined;
      failed = true;
    },
  );
  // Rendered again once it is there (or is not: the visitor is then told, and the next render tries again).
  void loading.then(() => host.requestUpdate());
  const text = linkify(entry.text);
  return failed ? [text, html`<p class="unsupported">${context.strings.unsupported}</p>`] : text;
}
