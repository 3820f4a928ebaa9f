import { css, html, nothing, type ReactiveElement } from 'lit';
import type { Phase, TranscriptEntry } from '../../session/types.js';
import type { RichChoice, RichContent } from '../../transport/rich.js';
import type { GuestChatStrings } from '../strings/index.js';
import { richStrings, type RichStrings } from './strings.js';
import { cards, styles as cardStyles } from './cards.js';
import type { RichContext } from './controller.js';
import { timeSlots, styles as slotStyles } from './time-slots.js';

/** What a renderer of structured content needs, for one message. */
export interface RichView {
  strings: GuestChatStrings & RichStrings;
  /** The widget's language, for dates and times. */
  language: string;
  /** The visitor can answer (a chat is in progress). */
  live: boolean;
  /** The visitor picks `choice`. */
  choose(choice: RichChoice): void;
}

const LIVE: Phase[] = ['waiting', 'active', 'reconnecting'];
/** Per transcript: the keys of the entries no visitor message follows. */
const unanswered = new WeakMap<readonly TranscriptEntry[], Set<string>>();

/** Whether no visitor message follows `entry`: read from the transcript, so it holds after a reload too. */
function isUnanswered(entry: TranscriptEntry, transcript: readonly TranscriptEntry[]): boolean {
  let keys = unanswered.get(transcript);
  if (!keys) {
    keys = new Set();
    for (let index = transcript.length - 1; index >= 0 && transcript[index].kind !== 'guest'; index--) {
      keys.add(transcript[index].key);
    }
    unanswered.set(transcript, keys);
  }
  return keys.has(entry.key);
}

async function choose(entry: TranscriptEntry, choice: RichChoice, context: RichContext, host: ReactiveElement) {
  try {
    await context.session?.reply(entry.id ?? '', choice);
  } catch (error) {
    console.warn(`<guest-chat> ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  await host.updateComplete;
  // The choices went away with the focus on one of them: the visitor goes on in the composer.
  const root = host.renderRoot as ShadowRoot;
  if (!root.activeElement) root.querySelector<HTMLElement>('.composer textarea')?.focus();
}

/** One quick reply. Its text is bound with no space around it, as it is shown. */
function quickReply(choice: RichChoice, view: RichView) {
  const choose = () => view.choose(choice);
  return html`<button part="quick-reply" type="button" @click=${choose}>${choice.text}</button>`;
}

/**
 * Structured content under a message: cards or a carousel, a time-slot picker, quick replies, and the "can't be
 * shown" notice for what the widget does not understand. Quick replies and time slots are offered until the visitor
 * writes anything after them; a picker answered leaves its title. Loaded the first time a message has content.
 */
export function renderContent(
  entry: TranscriptEntry,
  content: RichContent,
  context: RichContext,
  host: ReactiveElement,
) {
  const { session, language } = context;
  const s = richStrings(language, context.strings);
  const live = LIVE.includes(session?.phase.value ?? 'idle');
  const open = live && isUnanswered(entry, session!.transcript.value);
  const view: RichView = { strings: s, language, live, choose: (choice) => void choose(entry, choice, context, host) };
  const slots = content.timeSlots;
  return [
    content.cards ? cards(entry, content.cards, content, view) : nothing,
    slots && open
      ? timeSlots(entry, slots, view)
      : slots?.title && !entry.text
        ? html`<p class="bubble">${slots.title}</p>`
        : nothing,
    content.quickReplies && open
      ? html`<div part="quick-replies" class="replies" role="group" aria-label=${s.replies}>
          ${content.quickReplies.map((choice) => quickReply(choice, view))}
        </div>`
      : nothing,
    content.unsupported ? html`<p class="unsupported">${s.unsupported}</p>` : nothing,
  ];
}

/** Styles of quick replies, the notice, cards, carousels and the picker. */
export const contentStyles = css`
  .rich {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    align-self: stretch;
    min-inline-size: 0;
  }
  .own .rich {
    align-items: flex-end;
  }
  .replies {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-block-start: 6px;
    max-inline-size: 100%;
  }
  .replies button,
  .rich-action {
    border: 1px solid var(--_accent);
    border-radius: 16px;
    padding: 6px 12px;
    background: var(--_surface);
    color: var(--_accent);
    font: inherit;
    text-align: start;
    overflow-wrap: anywhere;
    max-inline-size: 100%;
    cursor: pointer;
  }
  .replies button:hover,
  .rich-action:hover {
    background: var(--_surface-alt);
  }
  .rich-action:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .unsupported {
    margin: 4px 0 0;
    font-size: 13px;
    font-style: italic;
    color: var(--_muted);
  }
  ${cardStyles}
  ${slotStyles}
`;
