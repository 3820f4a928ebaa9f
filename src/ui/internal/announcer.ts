import { html, type ReactiveControllerHost } from 'lit';
import type { TranscriptEntry } from '../../session/types.js';
import type { GuestChatStrings } from '../strings/index.js';
import { isolate } from './bidi.js';

/**
 * What the live region says of an agent's message: the sender and the text, or what stands for the text when there is
 * none (cards by their titles, the words for content that cannot be shown), so structured content is never announced
 * as a bare name.
 */
export function describeMessage(entry: TranscriptEntry, s: GuestChatStrings): string {
  const name = isolate(entry.sender?.name || s.agent);
  const { text, content } = entry;
  const cards = content?.cards ?? [];
  if (text || !cards.length) {
    return `${name}: ${isolate(text || (content?.unsupported ? s.unsupported : content?.timeSlots?.title || ''))}`;
  }
  const titles = cards.filter((card) => card.title).map((card) => isolate(card.title));
  const sent = s.sentCards(name, cards.length);
  return titles.length ? `${sent}: ${titles.join(', ')}` : sent;
}

/**
 * The polite live region through which screen readers hear what happens in the chat. Several announcements in one
 * task are read together.
 */
export class Announcer {
  private _queue: string[] = [];
  private _text = '';

  constructor(private readonly _host: ReactiveControllerHost) {}

  /** Says `text` once the current task is over, with whatever else is said in it. */
  say(text: string): void {
    if (this._queue.push(text) > 1) return;
    queueMicrotask(() => {
      const message = this._queue.join(' ');
      this._queue = [];
      // The same text again would not be read out; a trailing no-break space makes it a change.
      this._text = message === this._text ? `${message}\u00a0` : message;
      this._host.requestUpdate();
    });
  }

  /** The live region itself, with what was said last. */
  render() {
    return html`<div class="sr-only" role="status" aria-live="polite">${this._text}</div>`;
  }
}
