import { html, nothing } from 'lit';
import type { ChatSession } from '../../session/types.js';
import type { AttachSeat } from '../attach/seat.js';
import { icon, type ChatHost, type UiState } from './chat-host.js';

/** Longest message the composer accepts. */
export const MAX_MESSAGE_LENGTH = 4000;
/** The character counter shows once this few characters are left. */
const COUNTER_FROM = 400;
const sendIcon = icon('M3 20.5 21.5 12 3 3.5 3 10l13 2-13 2z');

/** The message form at the bottom of a chat: the draft, its counter, the send button, and files where the chat takes them. */
export class Composer {
  /** What the visitor has written and not sent yet; it survives minimising the panel. */
  draft = '';
  /** The session of the last render, which the form's events act on. */
  private _session: ChatSession | null = null;

  constructor(
    private readonly _host: ChatHost,
    private readonly _ui: UiState,
    private readonly _files: AttachSeat,
  ) {}

  /** The form, acting on `session`. */
  render(session: ChatSession) {
    const s = this._ui.s;
    this._session = session;
    const remaining = MAX_MESSAGE_LENGTH - this.draft.length;
    const counter = remaining <= COUNTER_FROM;
    const files = this._files.for(session, session.capabilities.value?.attachments);
    return html`<form part="composer" class="composer" @submit=${this._onSend}>
      ${files?.composer(session, s)}
      <textarea
        rows="1"
        maxlength=${MAX_MESSAGE_LENGTH}
        aria-label=${s.message}
        placeholder=${s.message}
        aria-describedby=${counter ? 'counter' : nothing}
        .value=${this.draft}
        @input=${this._onInput}
        @keydown=${this._onKeydown}
      ></textarea>
      <button
        part="send-button"
        class="send primary"
        type="submit"
        aria-label=${s.send}
        ?disabled=${!(files?.canSend(session) ?? this.draft.trim())}
      >
        ${sendIcon}
      </button>
      ${counter ? html`<span id="counter" class="counter">${s.charsLeft(remaining)}</span>` : nothing}
    </form>`;
  }

  private _setDraft(draft: string): void {
    this.draft = draft;
    this._host.requestUpdate();
  }

  private _onInput = (event: InputEvent): void => {
    const textarea = event.target as HTMLTextAreaElement;
    this._setDraft(textarea.value);
    if (this._session?.capabilities.peek()?.guestTyping) this._session.typing();
    // Browsers without `field-sizing: content` grow the text area here (CSSOM, which a strict CSP allows).
    if (!CSS.supports('field-sizing', 'content')) {
      textarea.style.height = 'auto';
      textarea.style.height = `${textarea.scrollHeight}px`;
    }
  };

  private _onKeydown = (event: KeyboardEvent): void => {
    // Enter while an input method is composing (Japanese, Chinese) confirms the composition, not the message. Safari
    // sends that Enter after compositionend, with isComposing false: keyCode 229 is what still marks it.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this._sendDraft();
  };

  private _onSend = (event: SubmitEvent): void => {
    event.preventDefault();
    this._sendDraft();
  };

  private _sendDraft(): void {
    const withFiles = this._files.ui?.send(this._session!, this.draft);
    if (withFiles) {
      if (withFiles < 2) this._setDraft('');
      return;
    }
    if (this.draft.trim() && this._host.send(this.draft) !== null) this._setDraft('');
  }
}
