import { html, nothing } from 'lit';
import { EARLIER_CHAT_ENDED } from '../../session/notice-codes.js';
import type { ChatSession, Phase } from '../../session/types.js';
import type { MemberInfo } from '../../transport/types.js';
import type { FieldSpec } from './attributes.js';
import { focusFirst, focusPanel, type ChatHost, type UiState } from './chat-host.js';
import { plainMap } from './plain-map.js';

const FIELD_LIMITS = new Map([
  ['name', 100],
  ['email', 254],
]);
const FIELD_LIMIT = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The pre-chat form a new visitor fills in: the name, then the fields the `fields` attribute asks for. It checks what
 * was entered, keeps it while the chat starts, and starts the chat through the element's `start()`.
 */
export class PrechatForm {
  private _errors = plainMap<string>();
  private _values = plainMap<string>();
  private _submitting = false;

  constructor(
    private readonly _host: ChatHost,
    private readonly _ui: UiState,
  ) {}

  /** Forgets the errors shown, for a new chat. */
  reset(): void {
    this._errors = plainMap();
  }

  /** The form; while `phase` is `starting` its button says so and cannot be pressed again. */
  render(phase: Phase, session: ChatSession) {
    const s = this._ui.s;
    const starting = phase === 'starting' || this._submitting;
    const earlier = session.notice.value?.code === EARLIER_CHAT_ENDED;
    return html`<form part="prechat" class="prechat" novalidate @submit=${this._onSubmit}>
      ${earlier ? html`<p class="banner" role="status">${s.earlierEnded}</p>` : nothing}
      <p>${s.intro}</p>
      ${this._field({ key: 'name', label: s.name }, true)} ${this._ui.fields.map((spec) => this._field(spec, false))}
      <button type="submit" class="primary" ?disabled=${starting}>${starting ? s.starting : s.start}</button>
    </form>`;
  }

  private _field(spec: FieldSpec, required: boolean) {
    const id = `field-${spec.key}`;
    const error = this._errors[spec.key];
    const value = this._values[spec.key] ?? (spec.key === 'name' ? this._host.displayName : '');
    return html`<div>
      <label for=${id}>${spec.label}${required ? '' : ` (${this._ui.s.optional})`}</label>
      <input
        id=${id}
        name=${spec.key}
        type=${spec.key === 'email' ? 'email' : 'text'}
        autocomplete=${spec.key === 'name' ? 'name' : spec.key === 'email' ? 'email' : 'off'}
        ?required=${required}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        .value=${value}
      />
      ${error ? html`<p id="${id}-error" class="error">${error}</p>` : nothing}
    </div>`;
  }

  private _onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const host = this._host;
    const values = plainMap<string>();
    new FormData(event.currentTarget as HTMLFormElement).forEach((value, key) => (values[key] = String(value).trim()));
    this._values = values;
    this._errors = this._validate(values);
    host.requestUpdate();
    const firstInvalid = Object.keys(this._errors)[0];
    if (firstInvalid) return focusFirst(host, `#field-${firstInvalid}`);
    const customFields = Object.assign(plainMap<string>(), this._ui.custom);
    for (const spec of this._ui.fields) {
      if (spec.key !== 'email' && values[spec.key]) customFields[spec.key] = values[spec.key];
    }
    const memberInfo: MemberInfo = { displayName: values.name };
    if (values.email) memberInfo.email = values.email;
    if (Object.keys(customFields).length) memberInfo.customFields = customFields;
    this._submitting = true;
    try {
      await host.start(memberInfo);
      this._values = plainMap();
      focusPanel(host);
    } catch {
      // The session shows why in the panel and through `guest-chat-error`.
    } finally {
      this._submitting = false;
      host.requestUpdate();
    }
  };

  private _validate(values: Record<string, string>): Record<string, string> {
    const s = this._ui.s;
    const errors = plainMap<string>();
    for (const key of ['name', ...this._ui.fields.map((spec) => spec.key)]) {
      const value = values[key] ?? '';
      const limit = FIELD_LIMITS.get(key) ?? FIELD_LIMIT;
      if (key === 'name' && !value) errors[key] = s.nameMissing;
      else if (key === 'email' && value && !EMAIL.test(value)) errors[key] = s.emailBad;
      else if (value.length > limit) errors[key] = s.tooLong(limit);
    }
    return errors;
  }
}
