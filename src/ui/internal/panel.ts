import { html, nothing } from 'lit';
import type { Phase, SessionNotice } from '../../session/types.js';
import type { Participant } from '../../transport/types.js';
import type { AttachSeat } from '../attach/seat.js';
import { isolate } from './bidi.js';
import { focusFirst, focusPanel, icon, type ChatHost, type UiState } from './chat-host.js';
import { Composer } from './composer.js';
import { safeHref } from './linkify.js';
import { PrechatForm } from './prechat-form.js';
import { isLive, problem, type SessionWiring } from './session-wiring.js';
import type { TranscriptView } from './transcript-view.js';

/** The icon of the buttons that close the panel. */
export const downIcon = icon('M5.6 8.3 12 14.7l6.4-6.4 1.4 1.4-7.8 7.8-7.8-7.8z');

/**
 * The chat panel: its header (heading, agent, End and Minimise), and a body that is the pre-chat form, the transcript
 * with the composer, or where a chat could not start, what went wrong and the way forward.
 */
export class Panel {
  /** The form a new visitor fills in. */
  readonly form: PrechatForm;
  /** The message form of a chat in progress. */
  readonly composer: Composer;
  /** The visitor pressed End and is asked to confirm. */
  private _confirming = false;

  constructor(
    private readonly _host: ChatHost,
    private readonly _ui: UiState,
    private readonly _wiring: SessionWiring,
    private readonly _transcript: TranscriptView,
    files: AttachSeat,
  ) {
    this.form = new PrechatForm(_host, _ui);
    this.composer = new Composer(_host, _ui, files);
  }

  /** The panel, hidden while closed so a draft or scroll position survives minimising. */
  render() {
    const s = this._ui.s;
    const session = this._wiring.session;
    const phase = session?.phase.value ?? 'idle';
    const agent = session?.agent.value ?? null;
    const live = isLive(phase);
    // Nothing is left to confirm once the chat is over.
    this._confirming &&= live;
    // Each status is said once: the agent's name or "waiting" here, a lost connection in the body's banner.
    const status = agent ? agent.name || s.agent : phase === 'waiting' ? s.waiting : '';
    return html`<section
      id="panel"
      part="panel"
      class="panel"
      role="dialog"
      aria-labelledby="heading"
      ?hidden=${!this._host.opened}
      @keydown=${this._onKeydown}
    >
      <header part="header">
        ${agent ? this._avatar(agent) : nothing}
        <div class="titles">
          <h2 id="heading">${this._host.heading || s.heading}</h2>
          ${status ? html`<p dir="auto">${status}</p>` : nothing}
        </div>
        ${live && !this._confirming ? html`<button type="button" class="end" @click=${this._askEnd}>${s.end}</button>` : nothing}
        <button type="button" class="icon minimise" aria-label=${s.minimise} @click=${() => this._host.close()}>
          ${downIcon}
        </button>
      </header>
      <div class="body">${this._body(phase)}</div>
    </section>`;
  }

  private _avatar(agent: Participant) {
    const url = agent.avatarUrl && safeHref(agent.avatarUrl);
    return url && /^https?:/.test(url)
      ? html`<img class="avatar" src=${url} alt="" />`
      : html`<span class="avatar" aria-hidden="true"
          >${(agent.name || this._ui.s.agent).charAt(0).toUpperCase()}</span
        >`;
  }

  private _body(phase: Phase) {
    const s = this._ui.s;
    const session = this._wiring.session;
    if (!session) return html`<div class="center"><p>${s.unavailable}</p></div>`;
    const transcript = session.transcript.value;
    const notice = problem(session.notice.value);
    if ((phase === 'idle' || phase === 'starting') && transcript.length === 0) return this.form.render(phase, session);
    if (phase === 'error' && transcript.length === 0) {
      // A fatal error (a refused deployment, queue or origin) stays so however often the visitor tries.
      return html`<div class="center">
        <p class="error">${this._wiring.noticeText(notice)}</p>
        ${notice?.fatal ? nothing : this._again(s.tryAgain)}
      </div>`;
    }
    const agent = session.agent.value;
    return html`${this._transcript.render(transcript, s, isLive(phase), { session, language: this._ui.language })}
    ${
      session.agentTyping.value && agent
        ? html`<p class="typing">
            ${s.typing(isolate(agent.name || s.agent))}<span class="dots" aria-hidden="true"
              ><i></i><i></i><i></i
            ></span>
          </p>`
        : nothing
    }
    ${phase === 'reconnecting' ? html`<p class="banner">${s.reconnecting}</p>` : nothing}
    ${notice && phase !== 'error' ? html`<p class="banner bad">${this._wiring.noticeText(notice)}</p>` : nothing}
    ${this._footer(phase, notice)}`;
  }

  private _footer(phase: Phase, notice: SessionNotice | null) {
    const s = this._ui.s;
    if (this._confirming) {
      return html`<div class="bar confirm" role="group" aria-labelledby="confirm-question">
        <p id="confirm-question">${s.endAsk}</p>
        <button type="button" class="primary confirm-end" @click=${this._confirmEnd}>${s.end}</button>
        <button type="button" class="cancel" @click=${this._cancelEnd}>${s.cancel}</button>
      </div>`;
    }
    if (phase === 'ended' || phase === 'error') {
      return html`<div class="bar">
        ${phase === 'ended' ? nothing : html`<p>${this._wiring.noticeText(notice)}</p>`}
        ${this._again(phase === 'ended' || notice?.fatal ? s.newChat : s.tryAgain)}
      </div>`;
    }
    return this.composer.render(this._wiring.session!);
  }

  /** The button that starts over: a new chat, or another try at one that could not start. */
  private _again(label: string) {
    return html`<button type="button" class="primary again" @click=${this._newChat}>${label}</button>`;
  }

  private _setConfirming(confirming: boolean, focus: string): void {
    this._confirming = confirming;
    this._host.requestUpdate();
    focusFirst(this._host, focus);
  }

  private _onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (this._confirming) this._cancelEnd();
    else this._host.close();
  };

  private _askEnd = (): void => this._setConfirming(true, '.cancel');

  private _cancelEnd = (): void => this._setConfirming(false, '.end');

  private _confirmEnd = async (): Promise<void> => {
    this._confirming = false;
    this._host.requestUpdate();
    try {
      await this._host.end();
    } catch {
      // A failed end shows through the session's notice.
    }
    focusFirst(this._host, '.again');
  };

  private _newChat = (): void => {
    this._wiring.session?.reset();
    this.form.reset();
    this._transcript.follow();
    this._host.requestUpdate();
    focusPanel(this._host);
  };
}
