import { css, html, type TemplateResult } from 'lit';
import type { TranscriptEntry } from '../../session/types.js';
import type { RichTimeSlots } from '../../transport/rich.js';
import type { RichView } from './content.js';

/**
 * The time-slot picker: the offered times grouped by day, in the visitor's time zone and the widget's language.
 * Choosing one answers with that slot; the answer shows as the visitor's message, worded in the visitor's language.
 * Loaded the first time a picker shows; `Intl` formatters are made here and not before, as they cost a moment.
 */
export function timeSlots(entry: TranscriptEntry, picker: RichTimeSlots, view: RichView): TemplateResult {
  const s = view.strings;
  const day = new Intl.DateTimeFormat(view.language, { weekday: 'long', month: 'long', day: 'numeric' });
  const time = new Intl.DateTimeFormat(view.language, { hour: 'numeric', minute: '2-digit' });
  const full = new Intl.DateTimeFormat(view.language, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  const days = new Map<string, RichTimeSlots['slots']>();
  for (const slot of picker.slots) {
    const name = day.format(slot.start);
    days.set(name, [...(days.get(name) ?? []), slot]);
  }
  const id = `slots-${entry.key}`;
  return html`<div part="time-slots" class="slots" role="group" aria-labelledby=${id}>
    <p class="slots-title" id=${id}>${picker.title ?? s.times}</p>
    ${picker.subtitle ? html`<p class="subtitle">${picker.subtitle}</p>` : ''}
    ${[...days].map(
      ([name, slots]) =>
        html`<div class="day" role="group" aria-label=${name}>
          <p class="day-name" aria-hidden="true">${name}</p>
          <div class="times">
            ${slots.map(
              (slot) =>
                html`<button
                  part="time-slot"
                  class="rich-action"
                  type="button"
                  ?disabled=${!view.live}
                  @click=${() => view.choose({ text: full.format(slot.start), payload: slot.payload })}
                >
                  <time datetime=${new Date(slot.start).toISOString()}>${time.format(slot.start)}</time>
                </button>`,
            )}
          </div>
        </div>`,
    )}
  </div>`;
}

/** Styles of the picker. */
export const styles = css`
  .slots {
    margin-block-start: 6px;
    padding: 8px 12px 12px;
    border: 1px solid var(--_surface-alt);
    border-radius: 12px;
    inline-size: min(300px, 100%);
  }
  .slots p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .slots-title {
    font-weight: 600;
  }
  .subtitle,
  .day-name {
    font-size: 13px;
    color: var(--_muted);
  }
  .day-name {
    margin-block-start: 8px !important;
  }
  .times {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-block-start: 4px;
  }
`;
