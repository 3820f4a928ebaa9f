import { css, html, nothing, type TemplateResult } from 'lit';
import type { TranscriptEntry } from '../../session/types.js';
import type { RichCard, RichContent } from '../../transport/rich.js';
import type { RichView } from './content.js';

/**
 * Cards and carousels: a title, a description, an optional image in a box of fixed aspect (so the transcript does
 * not jump when it loads, and it loads only when scrolled near) and action buttons. Link actions open in a new tab
 * with `noopener noreferrer`, as links in text do; postback actions answer like a quick reply. A carousel scrolls
 * sideways with its buttons, the arrow keys, Home and End, and tells which card of how many is shown. Loaded the
 * first time a message has cards.
 */

function card(entry: TranscriptEntry, value: RichCard, index: number, view: RichView): TemplateResult {
  const id = `card-${entry.key}-${index}`;
  const title = value.url
    ? html`<a href=${value.url} target="_blank" rel="noopener noreferrer">${value.title}</a>`
    : value.title;
  return html`<div part="card" class="card" role="group" aria-labelledby=${id}>
    ${
      value.image
        ? html`<div class="image"><img src=${value.image} alt="" loading="lazy" referrerpolicy="no-referrer" /></div>`
        : nothing
    }
    <div class="text">
      <h3 id=${id}>${title}</h3>
      ${value.description ? html`<p>${value.description}</p>` : nothing}
    </div>
    ${
      value.actions.length
        ? html`<div class="actions">
            ${value.actions.map((action) =>
              action.type === 'link'
                ? html`<a
                    part="card-action"
                    class="rich-action"
                    href=${action.url}
                    target="_blank"
                    rel="noopener noreferrer"
                    >${action.text}</a
                  >`
                : postback(action, view),
            )}
          </div>`
        : nothing
    }
  </div>`;
}

/** A postback button: it answers like a quick reply. Its text is bound with no space around it, as it is shown. */
function postback(action: { text: string; payload: string }, view: RichView): TemplateResult {
  const choose = () => view.choose({ text: action.text, payload: action.payload });
  const off = !view.live;
  return html`<button part="card-action" class="rich-action" ?disabled=${off} @click=${choose}>${action.text}</button>`;
}

/** Scrolls the carousel around `from` to the card `to` (clamped), focuses it and says which one it is. */
function show(from: Element, to: number): void {
  const carousel = from.closest('.carousel')!;
  const slides = [...carousel.querySelectorAll<HTMLElement>('.slide')];
  const target = slides[Math.max(0, Math.min(slides.length - 1, to))];
  const track = carousel.querySelector<HTMLElement>('.track')!;
  track.scrollTo({ left: target.offsetLeft - track.offsetLeft, behavior: 'smooth' });
  target.focus({ preventScroll: true });
  carousel.querySelector('.where')!.textContent = target.getAttribute('aria-label');
}

/** Index of the card a key press or a button starts from: the focused one, else the first one in view. */
function current(from: Element): number {
  const carousel = from.closest('.carousel')!;
  const track = carousel.querySelector<HTMLElement>('.track')!;
  const slides = [...carousel.querySelectorAll<HTMLElement>('.slide')];
  const focused = slides.findIndex((slide) => slide.contains(document.activeElement) || slide.matches(':focus-within'));
  if (focused >= 0) return focused;
  const visible = slides.findIndex(
    (slide) => slide.offsetLeft - track.offsetLeft + slide.offsetWidth / 2 >= track.scrollLeft,
  );
  return Math.max(0, visible);
}

function onKeydown(event: KeyboardEvent): void {
  const from = event.currentTarget as Element;
  const at = current(event.target as Element);
  const rtl = getComputedStyle(from).direction === 'rtl';
  const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
  const to = step !== undefined ? at + step : event.key === 'Home' ? 0 : event.key === 'End' ? Infinity : undefined;
  if (to === undefined || (event.target as Element).closest('.actions')) return;
  event.preventDefault();
  show(from, to);
}

/** Cards of one message: one card alone, or a carousel. */
export function cards(
  entry: TranscriptEntry,
  values: RichCard[],
  content: RichContent,
  view: RichView,
): TemplateResult {
  const s = view.strings;
  if (!content.carousel) return html`${values.map((value, index) => card(entry, value, index, view))}`;
  const label = (index: number) => s.cardOf(index + 1, values.length);
  return html`<div part="carousel" class="carousel" role="region" aria-roledescription="carousel" aria-label=${s.cards}>
    <ul class="track" @keydown=${onKeydown}>
      ${values.map(
        (value, index) =>
          html`<li class="slide" tabindex="-1" aria-roledescription="slide" aria-label=${label(index)}>
            ${card(entry, value, index, view)}
          </li>`,
      )}
    </ul>
    <div class="nav">
      <button
        type="button"
        class="prev"
        aria-label=${s.previous}
        @click=${(event: Event) => show(event.currentTarget as Element, current(event.currentTarget as Element) - 1)}
      >
        ‹
      </button>
      <span class="where sr-only" aria-live="polite"></span>
      <button
        type="button"
        class="next"
        aria-label=${s.next}
        @click=${(event: Event) => show(event.currentTarget as Element, current(event.currentTarget as Element) + 1)}
      >
        ›
      </button>
    </div>
  </div>`;
}

/** Styles of cards and carousels. */
export const styles = css`
  .card {
    display: flex;
    flex-direction: column;
    inline-size: min(260px, 100%);
    margin-block-start: 6px;
    border: 1px solid var(--_surface-alt);
    border-radius: 12px;
    overflow: hidden;
    background: var(--_surface);
  }
  .card .image {
    aspect-ratio: 16 / 9;
    background: var(--_surface-alt);
  }
  .card img {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .card .text {
    padding: 8px 12px 0;
  }
  .card h3 {
    margin: 0;
    font-size: 15px;
    overflow-wrap: anywhere;
  }
  .card h3 a {
    color: inherit;
  }
  .card p {
    margin: 4px 0 0;
    font-size: 14px;
    color: var(--_muted);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .card .actions {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 8px 12px 12px;
  }
  .card .rich-action {
    text-align: center;
    text-decoration: none;
  }
  .carousel {
    inline-size: 100%;
    min-inline-size: 0;
  }
  .track {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    gap: 8px;
    overflow-x: auto;
    scroll-snap-type: x mandatory;
    overscroll-behavior-x: contain;
    padding-block-end: 4px;
  }
  .slide {
    flex: 0 0 auto;
    inline-size: min(240px, 80%);
    scroll-snap-align: start;
    margin: 0;
  }
  .slide .card {
    inline-size: 100%;
    block-size: calc(100% - 6px);
  }
  .nav {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
  }
  .nav button {
    inline-size: 32px;
    block-size: 32px;
    padding: 0;
    border-radius: 50%;
  }
`;
