import { html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { TranscriptEntry } from '../../session/types.js';
import { renderRich, richClass, type RichContext } from '../rich/controller.js';
import { formatTime, type GuestChatStrings } from '../strings/index.js';
import { isolate } from './bidi.js';

/** Consecutive messages of one sender closer than this are grouped. */
const GROUP_MS = 5 * 60_000;
/** Up to this many entries are all in the DOM, so find-in-page reaches a normal-length chat whole. */
export const RENDERED = 100;
/** Older entries added at a time when the visitor scrolls up to the top of what is rendered. */
const MORE = 100;
/** How close to the top (px) the visitor must scroll for older entries to be added. */
const NEAR_TOP = 400;
/** How close to the bottom (px) counts as following the newest message. */
const NEAR_BOTTOM = 24;

/** What the transcript view needs from the element. */
export interface TranscriptContext {
  strings: GuestChatStrings;
  /** Sends a failed message again; absent once the chat is over, when nothing can be sent again. */
  retry?(entry: TranscriptEntry): void;
  /** The files of an entry that carries some (the attachment UI, loaded when first needed). */
  files?(entry: TranscriptEntry): unknown;
  /** What rich messages need: the session to answer through, the language for dates. */
  rich: RichContext;
  host: ReactiveElement;
}

/**
 * Renders one transcript entry: the one place an entry becomes DOM, so richer content plugs in here. A notice's
 * words come from its code; a message's text is only ever rendered as text (links made safe).
 */
export function renderEntry(
  entry: TranscriptEntry,
  context: TranscriptContext,
  previous?: TranscriptEntry,
  next?: TranscriptEntry,
): TemplateResult {
  const s = context.strings;
  if (entry.kind === 'system') return html`<li part="notice" class="notice">${noticeText(entry, s)}</li>`;
  const own = entry.kind === 'guest';
  const first = !previous || !sameGroup(previous, entry);
  const last = !next || !sameGroup(entry, next);
  const name = own ? s.you : entry.sender?.name || s.agent;
  const status = own ? entry.status : undefined;
  // Files go inside the bubble, in the text's own part: a message without files has no more nodes than before.
  const text = renderRich(entry, context.rich, context.host);
  const body = entry.attachments ? [text, context.files?.(entry)] : text;
  // Templates of transcript entries have no whitespace between tags: every text node counts against the DOM budget.
  // Prettier would break the template over lines, and each line break would be a text node in the npm build.
  // prettier-ignore
  return html`<li part="message ${own ? 'own' : 'agent'}${status === 'failed' ? ' failed' : ''}" class="${own ? 'own' : 'them'}${first ? ' first' : ''}">${first ? html`<span class=${own ? 'sr-only' : 'who'} dir="auto">${name}</span>` : nothing}<div class=${richClass(entry)} dir="auto">${body}</div>${last || (status && status !== 'sent') ? renderMeta(entry, status, context) : nothing}</li>`;
}

function renderMeta(entry: TranscriptEntry, status: TranscriptEntry['status'], context: TranscriptContext) {
  const s = context.strings;
  const { retry } = context;
  // Once the chat is over the text stays in its bubble to copy, without a Retry that could not work.
  const state =
    status === 'failed'
      ? html`<span class="failed">${s.failed}</span
          >${retry ? html`<button type="button" class="retry" @click=${() => retry(entry)}>${s.retry}</button>` : nothing}`
      : status === 'sending'
        ? s.sending
        : status
          ? s.sent
          : nothing;
  return html`<span class="meta"
    ><time datetime=${new Date(entry.time).toISOString()}>${formatTime(s, entry.time)}</time>${state}</span
  >`;
}

/** The words of a system notice: from its code when the session made it. */
function noticeText(entry: TranscriptEntry, s: GuestChatStrings): string {
  // The name is isolated: its own right-to-left characters cannot reorder the words around it.
  const name = isolate(entry.sender?.name || s.agent);
  switch (entry.notice) {
    case 'agent-joined':
      return s.joined(name);
    case 'agent-left':
      return s.gone(name);
    case 'ended-by-agent':
      return s.endedByAgent;
    case 'ended-readonly':
      return s.endedReadOnly;
    case 'ended-agent-may-see':
      return s.endedAgentMaySee;
    case 'ended-expired':
      return s.endedExpired;
    case 'ended':
      return s.ended;
    case undefined:
      // A notice the server sent as such (Guest Chat's `notice` body type): its own text, in the agent's words.
      return entry.text;
  }
}

/**
 * The entries without an agent's leave that only echoes the visitor's own end: when the visitor ends the chat the
 * agent is taken out with them, and "Sam left the chat" right before "The chat has ended." says it twice, wrongly.
 */
function saidOnce(entries: readonly TranscriptEntry[]): readonly TranscriptEntry[] {
  let endedHere = false;
  const kept: TranscriptEntry[] = [];
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index];
    if (entry.notice === 'ended' || entry.notice === 'ended-agent-may-see') endedHere = true;
    else if (entry.notice !== 'agent-left') endedHere = false;
    else if (endedHere) continue;
    kept.push(entry);
  }
  return kept.length === entries.length ? entries : kept.reverse();
}

function sameGroup(a: TranscriptEntry, b: TranscriptEntry): boolean {
  return (
    a.kind === b.kind && a.kind !== 'system' && a.sender?.id === b.sender?.id && Math.abs(b.time - a.time) < GROUP_MS
  );
}

/**
 * The transcript as one continuous scroll. A chat of up to `RENDERED` entries is in the DOM whole; a longer one
 * renders its newest entries and adds older ones as the visitor scrolls up, keeping what is on screen where it was.
 * While the visitor follows the newest message, the rendered part stays bounded.
 */
export class TranscriptView implements ReactiveController {
  private _host: ReactiveElement;
  /** Index of the oldest rendered entry, counted from the end; null renders the newest `RENDERED`. */
  private _fromEnd: number | null = null;
  /** Follows the newest message: each render scrolls to the bottom. */
  private _stick = true;
  /** The scroll height before older entries were added, to hold the visitor's place. */
  private _heightBefore: number | null = null;
  private _scroller: HTMLElement | null = null;
  private _retry: (entry: TranscriptEntry) => void;
  private _files?: (entry: TranscriptEntry) => unknown;
  /** Counts renders: the dependency that makes an entry render every time. */
  private _renders = 0;

  /** `retry` sends a failed message again; `files` renders the files of an entry that carries some. */
  constructor(
    host: ReactiveElement,
    retry: (entry: TranscriptEntry) => void,
    files?: (entry: TranscriptEntry) => unknown,
  ) {
    this._host = host;
    this._retry = retry;
    this._files = files;
    host.addController(this);
  }

  /** Follows the newest message again (the visitor sent one, or a new chat began). */
  follow(): void {
    this._stick = true;
    this._fromEnd = null;
  }

  hostUpdated(): void {
    const scroller = this._host.renderRoot.querySelector<HTMLElement>('.transcript');
    this._scroller = scroller;
    if (!scroller) return;
    if (this._heightBefore !== null) {
      scroller.scrollTop += scroller.scrollHeight - this._heightBefore;
      this._heightBefore = null;
    } else if (this._stick) {
      scroller.scrollTop = scroller.scrollHeight;
    }
  }

  /** `live`: the chat goes on, so a failed message may be sent again. `rich` carries what rich messages need. */
  render(
    entries: readonly TranscriptEntry[],
    strings: GuestChatStrings,
    live: boolean,
    rich: Omit<RichContext, 'strings'>,
  ): TemplateResult {
    const context: TranscriptContext = {
      strings,
      retry: live ? this._retry : undefined,
      rich: { ...rich, strings },
      host: this._host,
      files: this._files,
    };
    const renders = ++this._renders;
    const count = this._fromEnd === null ? RENDERED : this._fromEnd;
    const shown = saidOnce(entries.length > count ? entries.slice(entries.length - count) : entries);
    // The oldest rendered entry is grouped with the one before it, rendered or not: the window moving (a new message
    // at the bottom, older ones added at the top) then changes nothing in the entries already on screen.
    const before = entries.length > count ? entries[entries.length - count - 1] : undefined;
    return html`<div
      part="transcript"
      class="transcript"
      role="region"
      tabindex="0"
      aria-label=${strings.messages}
      @scroll=${this._onScroll}
    >
      <ol>
        ${repeat(
          shown,
          (entry) => entry.key,
          (entry, index) => {
            const previous = index ? shown[index - 1] : before;
            const next = shown[index + 1];
            // An entry renders again only when what it shows can have changed, not at each new message: re-rendering
            // every entry in the window was most of the cost of appending one. Files and rich content are drawn by
            // modules that load later and re-render the element when they arrive, so those entries render each time.
            return guard(
              [
                entry,
                !!previous && sameGroup(previous, entry),
                !!next && sameGroup(entry, next),
                strings,
                context.retry,
                entry.attachments || entry.content ? renders : 0,
              ],
              () => renderEntry(entry, context, previous, next),
            );
          },
        )}
      </ol>
    </div>`;
  }

  private _onScroll = (): void => {
    const scroller = this._scroller;
    if (!scroller) return;
    this._stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM;
    if (this._stick) {
      if (this._fromEnd !== null) {
        this._fromEnd = null;
        this._host.requestUpdate();
      }
      return;
    }
    const rendered = scroller.querySelector('ol')?.childElementCount ?? 0;
    const count = this._fromEnd ?? RENDERED;
    if (scroller.scrollTop < NEAR_TOP && rendered >= count && this._heightBefore === null) {
      this._fromEnd = count + MORE;
      this._heightBefore = scroller.scrollHeight;
      this._host.requestUpdate();
    }
  };
}
