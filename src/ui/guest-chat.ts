import { SignalWatcher } from '@lit-labs/preact-signals';
import { effect } from '@preact/signals-core';
import { LitElement, html, nothing, svg, type CSSResultGroup, type PropertyValues } from 'lit';
import { EARLIER_CHAT_ENDED } from '../session/notice-codes.js';
import type { ChatSession, Phase, SessionEvent, SessionNotice, TranscriptEntry } from '../session/types.js';
import type { MemberInfo, Participant } from '../transport/types.js';
import type { GuestChatEventMap } from './events.js';
import { styles } from './guest-chat.styles.js';
import { playChime } from './internal/chime.js';
import { configProblems, plainMap, setupHint } from './internal/config-problems.js';
import { isolate } from './internal/bidi.js';
import { PanelOpenState } from './internal/open-state.js';
import { safeHref } from './internal/linkify.js';
import {
  REQUIRED_CONFIG,
  TRANSPORTS,
  createSession,
  transportKind,
  type SessionConfig,
  type SessionFactory,
  type TransportKind,
} from './internal/session-factory.js';
import { AttachSeat } from './attach/seat.js';
import { TabTitleController } from './internal/tab-title.js';
import { TranscriptView } from './internal/transcript-view.js';
import { MobileViewportController } from './internal/viewport.js';
import { CHAT_ICON_PATH } from './launcher.js';
import { directionOf, en, loadStrings, loadedStrings, matchLanguage, type GuestChatStrings } from './strings/index.js';

/** Longest message the composer accepts. */
export const MAX_MESSAGE_LENGTH = 4000;
/** The character counter shows once this few characters are left. */
const COUNTER_FROM = 400;
const LIVE_PHASES: Phase[] = ['waiting', 'active', 'reconnecting'];
const POSITIONS = ['bottom-right', 'bottom-left'] as const;
const BUILT_IN_FIELDS = ['email', 'subject'];
const FIELD_LIMITS = new Map([
  ['name', 100],
  ['email', 254],
]);
const FIELD_LIMIT = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Where the launcher sits. */
export type GuestChatPosition = (typeof POSITIONS)[number];

interface FieldSpec {
  key: string;
  label: string;
  custom: boolean;
}

const chatIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${CHAT_ICON_PATH} /></svg>`;
const downIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5.6 8.3 12 14.7l6.4-6.4 1.4 1.4-7.8 7.8-7.8-7.8z"/></svg>`;
const sendIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20.5 21.5 12 3 3.5 3 10l13 2-13 2z"/></svg>`;

/** Reads `custom-fields` JSON; a malformed value is kept as the raw string and reported when it is used. */
const jsonConverter = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return {};
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  },
};

/**
 * A customer chat widget for Genesys Cloud contact centres: a launcher button that opens a chat panel with a pre-chat
 * form, a live transcript and a composer. Untrusted text (messages, names, custom fields) is only ever rendered as
 * text.
 *
 * @summary Launcher button and chat panel for a visitor's live chat with an agent.
 *
 * @attr transport - The Genesys protocol: `guest-chat` (default; the Guest Chat API, retired on live Genesys Cloud)
 *   or `web-messaging` (Web Messaging, for Messenger deployments).
 * @attr environment - Genesys Cloud region host (`mypurecloud.ie`) or a full URL (an emulator).
 * @attr organization-id - The Genesys Cloud organization id (Guest Chat only).
 * @attr deployment-id - The chat deployment id (a Messenger deployment for Web Messaging).
 * @attr queue - The name of the queue chats are routed to (Guest Chat only: Web Messaging routes by the
 *   deployment's flow).
 * @attr display-name - Prefills the name in the pre-chat form.
 * @attr fields - Pre-chat fields besides the name, comma separated: `email`, `subject`, and integrator-defined
 *   `key:Label` fields sent as custom fields. Default `email,subject`.
 * @attr custom-fields - JSON object of strings passed to the contact centre as `customFields`.
 * @attr lang - Language of the widget (`en`, `fr`, `de`, `es`, `pt`, `nl`, `ja`, `ar`, `he`); default: the page's.
 * @attr position - `bottom-right` (default) or `bottom-left`.
 * @attr open - Present while the panel is open.
 * @attr launcher-label - Accessible name of the launcher button.
 * @attr heading - The panel's heading.
 * @attr sound - Plays a chime when an agent's message arrives.
 *
 * @event {CustomEvent<null>} guest-chat-open - The panel opened.
 * @event {CustomEvent<null>} guest-chat-close - The panel closed (the chat goes on).
 * @event {CustomEvent<GuestChatStartDetail>} guest-chat-start - A chat was created and connected.
 * @event {CustomEvent<GuestChatAgentDetail>} guest-chat-agent-join - An agent joined.
 * @event {CustomEvent<GuestChatAgentDetail>} guest-chat-agent-leave - The agent left.
 * @event {CustomEvent<GuestChatMessageDetail>} guest-chat-message - An agent's message arrived or the visitor's was
 *   accepted by the server.
 * @event {CustomEvent<GuestChatEndDetail>} guest-chat-end - The chat ended.
 * @event {CustomEvent<GuestChatErrorDetail>} guest-chat-error - A problem was shown to the visitor.
 *
 * @csspart launcher - The button that opens and closes the panel.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's header with the heading, the agent and the buttons.
 * @csspart prechat - The pre-chat form.
 * @csspart transcript - The scrolling list of messages.
 * @csspart message - One message; with `own` or `agent`, and `failed` when it was not sent.
 * @csspart notice - A system notice in the transcript (agent joined or left, chat ended).
 * @csspart composer - The message form at the bottom.
 * @csspart send-button - The send button.
 * @csspart quick-replies - The group of quick replies under a message.
 * @csspart quick-reply - One quick reply.
 * @csspart card - A card (alone or in a carousel).
 * @csspart carousel - A carousel of cards.
 * @csspart card-action - A card's link or postback button.
 * @csspart time-slots - A time-slot picker.
 * @csspart time-slot - One time of a picker.
 *
 * @cssprop --guest-chat-accent - Brand colour of the launcher, header and own messages.
 * @cssprop --guest-chat-on-accent - Text on the accent colour.
 * @cssprop --guest-chat-surface - Panel background.
 * @cssprop --guest-chat-surface-alt - Agent messages and banners.
 * @cssprop --guest-chat-text - Text colour.
 * @cssprop --guest-chat-text-muted - Secondary text colour.
 * @cssprop --guest-chat-danger - Errors and the unread badge.
 * @cssprop --guest-chat-radius - Corner radius of the panel.
 * @cssprop --guest-chat-font - Font family.
 * @cssprop --guest-chat-shadow - Shadow of the launcher and panel.
 * @cssprop --guest-chat-z-index - Stacking order above the page.
 * @cssprop --guest-chat-launcher-size - Diameter of the launcher.
 * @cssprop --guest-chat-panel-width - Width of the panel on wide screens.
 * @cssprop --guest-chat-panel-height - Height of the panel on wide screens.
 */
export class GuestChatElement extends SignalWatcher(LitElement) {
  static override styles: CSSResultGroup = styles;

  // `attribute: false` on internal state too, so the manifest does not list it as an attribute.
  static override properties = {
    transport: {},
    environment: {},
    organizationId: { attribute: 'organization-id' },
    deploymentId: { attribute: 'deployment-id' },
    queue: {},
    displayName: { attribute: 'display-name' },
    fields: {},
    customFields: { attribute: 'custom-fields', converter: jsonConverter },
    lang: {},
    position: {},
    opened: { type: Boolean, reflect: true, attribute: 'open' },
    launcherLabel: { attribute: 'launcher-label' },
    heading: {},
    sound: { type: Boolean },
    strings: { attribute: false },
    confirmingEnd: { state: true, attribute: false },
    draft: { state: true, attribute: false },
    fieldErrors: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    submitting: { state: true, attribute: false },
  };

  /** The Genesys protocol: `guest-chat` (default) or `web-messaging`. */
  transport: TransportKind = 'guest-chat';

  /** Genesys Cloud region host (`mypurecloud.ie`) or a full URL. */
  environment = '';
  /** The Genesys Cloud organization id. */
  organizationId = '';
  /** The chat deployment id. */
  deploymentId = '';
  /** The name of the queue chats are routed to. */
  queue = '';
  /** Prefills the name in the pre-chat form. */
  displayName = '';
  /** Pre-chat fields besides the name: `email`, `subject`, and `key:Label` custom fields, comma separated. */
  fields = 'email,subject';
  /** Passed to the contact centre as `customFields`; the attribute takes JSON. */
  customFields: Record<string, string> = {};
  /** Language of the widget; empty follows the page. */
  override lang = '';
  /** Where the launcher sits: `bottom-right` or `bottom-left`. */
  position: GuestChatPosition = 'bottom-right';
  /** Whether the panel is open (the `open` attribute; `open()` and `close()` change it too). */
  opened = false;
  /** Accessible name of the launcher button; empty uses the language's default. */
  launcherLabel = '';
  /** The panel's heading; empty uses the language's default. */
  heading = '';
  /** Plays a chime when an agent's message arrives. */
  sound = false;
  /** Overrides some of the current language's strings. */
  strings: Partial<GuestChatStrings> = {};

  /**
   * Makes the session from the configuration; tests give a fake one here.
   * @internal
   */
  sessionFactory: SessionFactory = createSession;

  private confirmingEnd = false;
  private draft = '';
  private fieldErrors = plainMap<string>();
  private announcement = '';
  private submitting = false;

  private _session: ChatSession | null = null;
  /** The shadow root the CDN script painted a stand-in launcher into, until the first render replaces it. */
  private _standIn: ShadowRoot | null = null;
  private _sessionKey = '';
  private _unsubscribe: (() => void)[] = [];
  private _formValues = plainMap<string>();
  /** Whether the panel is open, kept with the chat so a reload mid-chat brings it back as it was. */
  private _openState: PanelOpenState | null = null;
  /** A chat was created on this page: a network failure after that is the visitor's, not the site's setup. */
  private _reachedChat = false;
  /** The current notice is a setup problem (the site's to fix), shown to the visitor as "not available". */
  private _setupProblem = false;
  private _warned = new Set<string>();
  private _announceQueue: string[] = [];
  private _audio: AudioContext | null = null;
  private _title = new TabTitleController(this);
  private _viewport = new MobileViewportController(this);
  private _files = new AttachSeat(this);
  private _transcript = new TranscriptView(
    this,
    (entry) => this._retry(entry),
    (entry) => this._files.for(this._session, 1)?.entry(this._session, entry, this._s),
  );

  // Normalised from the attributes in willUpdate.
  private _language = 'en';
  private _panelShown = false;
  private _s: GuestChatStrings = en;
  private _position: GuestChatPosition = 'bottom-right';
  private _fieldSpecs: FieldSpec[] = [];
  private _custom: Record<string, string> = {};

  /** Where the chat is: `idle`, `starting`, `waiting`, `active`, `reconnecting`, `ended` or `error`. */
  get state(): Phase {
    return this._session?.phase.peek() ?? 'idle';
  }

  /** Opens the panel. */
  open(): void {
    this.opened = true;
  }

  /** Closes (minimises) the panel; the chat goes on. */
  close(): void {
    this.opened = false;
  }

  /**
   * Starts a chat without the pre-chat form. Resolves once the chat is created and connected; rejects when it could
   * not start (the panel shows why).
   */
  async start(memberInfo: MemberInfo): Promise<void> {
    const session = this._connectSession();
    if (!session)
      throw new Error(`<guest-chat> cannot start: check ${this._missingConfig().join(', ') || 'the configuration'}`);
    await session.start(memberInfo);
    if (LIVE_PHASES.includes(session.phase.peek())) this._reachedChat = true;
    if (!LIVE_PHASES.includes(session.phase.peek())) {
      throw new Error(`<guest-chat> could not start: ${session.notice.peek()?.message ?? session.phase.peek()}`);
    }
    this._emit('guest-chat-start', { memberInfo });
  }

  /** Sends a message in the current chat; returns its client id, or null when no chat is in progress. */
  send(text: string): string | null {
    const session = this._session;
    if (!session || !LIVE_PHASES.includes(session.phase.peek())) {
      this._warn('send', 'send() was called with no chat in progress; call start() first.');
      return null;
    }
    const body = text.trim();
    if (!body || body.length > MAX_MESSAGE_LENGTH) {
      this._warn('send-length', `send() takes 1 to ${MAX_MESSAGE_LENGTH} characters; the message was not sent.`);
      return null;
    }
    this._transcript.follow();
    return session.send(body);
  }

  /** Ends the chat at once, without asking the visitor. */
  async end(): Promise<void> {
    await this._session?.end();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    // The CDN script paints a stand-in launcher into the shadow root before this code arrives. Lit takes the root
    // over; the stand-in stays on screen until the first render takes its place.
    this._standIn = this.shadowRoot;
    const root = super.createRenderRoot();
    // Lit would render in front of the root's first node, the stand-in, which goes away: render into the end instead.
    this.renderOptions.renderBefore = null;
    return root;
  }

  protected override update(changed: PropertyValues<this>): void {
    const standIn = this._standIn;
    if (standIn) {
      this._standIn = null;
      // A visitor who had focused the stand-in stays on the launcher.
      if (standIn.activeElement) void this.updateComplete.then(() => this._launcher()?.focus());
      standIn.replaceChildren();
    }
    super.update(changed);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    queueMicrotask(() => this._connectSession());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._detach();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') || changed.has('strings') || !this.hasUpdated) this._resolveStrings();
    if (changed.has('position')) {
      if (POSITIONS.includes(this.position)) this._position = this.position;
      else {
        this._warn(
          `position:${this.position}`,
          `position "${this.position}" is not ${POSITIONS.join(' or ')}; using "bottom-right".`,
        );
        this._position = 'bottom-right';
      }
    }
    if (changed.has('transport') && this._transportKind() !== this.transport) {
      this._warn(
        `transport:${this.transport}`,
        `transport "${this.transport}" is not ${TRANSPORTS.join(' or ')}; using "guest-chat".`,
      );
    }
    if (changed.has('fields')) this._fieldSpecs = this._parseFields();
    if (changed.has('customFields')) this._custom = this._parseCustomFields();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('opened') && this.opened && !this._session && this._missingConfig().length) {
      this._warn('config', `set ${this._missingConfig().join(', ')} so a chat can start.`);
    }
    if (changed.has('opened') && changed.get('opened') !== undefined) {
      this._emit(this.opened ? 'guest-chat-open' : 'guest-chat-close', null);
      if (this.opened) this._focusPanel();
      else if (this.matches(':focus-within')) this._launcher()?.focus();
    }
    if (changed.has('opened') && LIVE_PHASES.includes(this.state)) this._openState?.write(this.opened);
    if (changed.has('opened')) {
      this._viewport.open = this.opened;
      queueMicrotask(() => this._syncVisibility());
    }
    if (
      changed.has('transport') ||
      changed.has('environment') ||
      changed.has('organizationId') ||
      changed.has('deploymentId') ||
      changed.has('queue')
    ) {
      queueMicrotask(() => this._connectSession());
    }
  }

  protected override render() {
    const s = this._s;
    const unread = this._session?.unread.value ?? 0;
    // A chat goes on while the panel is closed: the launcher says so, as it does unread messages.
    const running = !this.opened && LIVE_PHASES.includes(this._session?.phase.value ?? 'idle');
    const label = this.launcherLabel || s.launcher;
    // The panel is built the first time it opens, not before: most visitors never open it, and the launcher then
    // paints sooner. Once built it stays, so a draft or scroll position survives minimising.
    this._panelShown ||= this.opened;
    return html`<div
      class="root ${this._position === 'bottom-left' ? 'left' : ''} ${this.opened ? 'open' : ''} ${this._viewport.narrow ? 'narrow' : ''}"
      lang=${this._language}
      dir=${directionOf(this._language)}
    >
      ${this._panelShown ? this._renderPanel() : nothing}
      <button
        part="launcher"
        class="launcher"
        type="button"
        aria-expanded=${this.opened}
        aria-controls=${this._panelShown ? 'panel' : nothing}
        aria-label=${unread ? `${label}, ${s.unread(unread)}` : running ? `${label}, ${s.inProgress}` : label}
        @click=${this._toggle}
      >
        ${this.opened ? downIcon : chatIcon}
        ${unread && !this.opened ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : running ? html`<span part="badge running" class="badge running" aria-hidden="true"></span>` : nothing}
      </button>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private _renderPanel() {
    const s = this._s;
    const session = this._session;
    const phase = session?.phase.value ?? 'idle';
    const agent = session?.agent.value ?? null;
    const live = LIVE_PHASES.includes(phase);
    // Each status is said once: the agent's name or "waiting" here, a lost connection in the body's banner.
    const status = agent ? agent.name || s.agent : phase === 'waiting' ? s.waiting : '';
    return html`<section
      id="panel"
      part="panel"
      class="panel"
      role="dialog"
      aria-labelledby="heading"
      ?hidden=${!this.opened}
      @keydown=${this._onPanelKeydown}
    >
      <header part="header">
        ${agent ? this._renderAvatar(agent) : nothing}
        <div class="titles">
          <h2 id="heading">${this.heading || s.heading}</h2>
          ${status ? html`<p dir="auto">${status}</p>` : nothing}
        </div>
        ${live && !this.confirmingEnd ? html`<button type="button" class="end" @click=${this._askEnd}>${s.end}</button>` : nothing}
        <button type="button" class="icon minimise" aria-label=${s.minimise} @click=${this.close}>${downIcon}</button>
      </header>
      <div class="body">${this._renderBody(phase)}</div>
    </section>`;
  }

  private _renderAvatar(agent: Participant) {
    const url = agent.avatarUrl && safeHref(agent.avatarUrl);
    return url && /^https?:/.test(url)
      ? html`<img class="avatar" src=${url} alt="" />`
      : html`<span class="avatar" aria-hidden="true">${(agent.name || this._s.agent).charAt(0).toUpperCase()}</span>`;
  }

  private _renderBody(phase: Phase) {
    const s = this._s;
    const session = this._session;
    if (!session) {
      return html`<div class="center"><p>${s.unavailable}</p></div>`;
    }
    const transcript = session.transcript.value;
    const notice = problem(session.notice.value);
    if ((phase === 'idle' || phase === 'starting') && transcript.length === 0) return this._renderForm(phase);
    if (phase === 'error' && transcript.length === 0) {
      // A fatal error (a refused deployment, queue or origin) stays so however often the visitor tries.
      return html`<div class="center">
        <p class="error">${this._noticeText(notice)}</p>
        ${notice?.fatal ? nothing : html`<button type="button" class="primary again" @click=${this._newChat}>${s.tryAgain}</button>`}
      </div>`;
    }
    const agent = session.agent.value;
    return html`${this._transcript.render(transcript, s, LIVE_PHASES.includes(phase), {
      session,
      language: this._language,
    })}
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
    ${notice && phase !== 'error' ? html`<p class="banner bad">${this._noticeText(notice)}</p>` : nothing}
    ${this._renderFooter(phase, notice)}`;
  }

  private _renderFooter(phase: Phase, notice: SessionNotice | null) {
    const s = this._s;
    if (this.confirmingEnd && LIVE_PHASES.includes(phase)) {
      return html`<div class="bar confirm" role="group" aria-labelledby="confirm-question">
        <p id="confirm-question">${s.endAsk}</p>
        <button type="button" class="primary confirm-end" @click=${this._confirmEnd}>${s.end}</button>
        <button type="button" class="cancel" @click=${this._cancelEnd}>${s.cancel}</button>
      </div>`;
    }
    if (phase === 'ended' || phase === 'error') {
      return html`<div class="bar">
        ${phase === 'ended' ? nothing : html`<p>${this._noticeText(notice)}</p>`}
        <button type="button" class="primary again" @click=${this._newChat}>
          ${phase === 'ended' || notice?.fatal ? s.newChat : s.tryAgain}
        </button>
      </div>`;
    }
    const remaining = MAX_MESSAGE_LENGTH - this.draft.length;
    const counter = remaining <= COUNTER_FROM;
    const session = this._session!;
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
        @keydown=${this._onComposerKeydown}
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

  private _renderForm(phase: Phase) {
    const s = this._s;
    const starting = phase === 'starting' || this.submitting;
    const earlier = this._session?.notice.value?.code === EARLIER_CHAT_ENDED;
    return html`<form part="prechat" class="prechat" novalidate @submit=${this._onStart}>
      ${earlier ? html`<p class="banner" role="status">${s.earlierEnded}</p>` : nothing}
      <p>${s.intro}</p>
      ${this._renderField({ key: 'name', label: s.name, custom: false }, true)}
      ${this._fieldSpecs.map((spec) => this._renderField(spec, false))}
      <button type="submit" class="primary" ?disabled=${starting}>${starting ? s.starting : s.start}</button>
    </form>`;
  }

  private _renderField(spec: FieldSpec, required: boolean) {
    const id = `field-${spec.key}`;
    const error = this.fieldErrors[spec.key];
    const value = this._formValues[spec.key] ?? (spec.key === 'name' ? this.displayName : '');
    return html`<div>
      <label for=${id}>${spec.label}${required ? '' : ` (${this._s.optional})`}</label>
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

  private _noticeText(notice: SessionNotice | null): string {
    const s = this._s;
    if (!notice) return s.error;
    if (this._setupProblem) return s.unavailable;
    // Exhaustive: a new code fails to compile here until it is given words.
    switch (notice.code) {
      case 'network':
        return s.offline;
      case 'origin-not-allowed':
      case 'deployment-unavailable':
      case 'queue-unavailable':
      case 'chat-unavailable':
        return s.unavailable;
      case EARLIER_CHAT_ENDED:
        return s.earlierEnded;
      case 'agent-left':
      case 'connection-lost':
      case 'unexpected':
        return s.error;
    }
  }

  // Session wiring.

  /** The protocol to speak: the `transport` attribute when it names one, else Guest Chat. */
  private _transportKind(): TransportKind {
    return transportKind(this.transport);
  }

  private _missingConfig(): string[] {
    return REQUIRED_CONFIG[this._transportKind()]
      .filter(([key]) => !this[key].trim())
      .map(([, attribute]) => attribute);
  }

  /** Creates (or replaces) the session when the configuration is complete; resumes a chat kept from before a reload. */
  private _connectSession(): ChatSession | null {
    if (!this.isConnected) return null;
    const missing = this._missingConfig();
    if (missing.length) return this._session;
    const config: SessionConfig = {
      transport: this._transportKind(),
      environment: this.environment.trim(),
      organizationId: this.organizationId.trim(),
      deploymentId: this.deploymentId.trim(),
      queue: this.queue.trim(),
    };
    const problems = configProblems(config);
    if (problems.length) {
      for (const problem of problems) this._warn(problem.code, problem.message);
      return this._session;
    }
    const key = JSON.stringify(config);
    if (this._session && (key === this._sessionKey || LIVE_PHASES.includes(this._session.phase.peek()))) {
      return this._session;
    }
    this._detach();
    const session = this.sessionFactory(config);
    this._session = session;
    this._sessionKey = key;
    this._openState = new PanelOpenState(config.transport, config.deploymentId);
    this._attach(session);
    this.requestUpdate();
    return session;
  }

  private _attach(session: ChatSession): void {
    this._unsubscribe = [
      effect(() => {
        this._title.unread = session.unread.value;
      }),
      session.subscribe(this._onSessionEvent),
    ];
    document.addEventListener('visibilitychange', this._syncVisibility);
    this._syncVisibility();
    const openState = this._openState;
    void session.restore().then(
      (resumed) => {
        if (resumed && openState?.read()) this.opened = true;
      },
      () => undefined,
    );
  }

  private _detach(): void {
    this._unsubscribe.forEach((unsubscribe) => unsubscribe());
    this._unsubscribe = [];
    document.removeEventListener('visibilitychange', this._syncVisibility);
    this._session?.dispose();
    this._session = null;
    this._sessionKey = '';
  }

  private _syncVisibility = (): void => {
    this._session?.setVisible(this.opened && document.visibilityState === 'visible');
  };

  /** Re-dispatches what the session tells as the element's events, and announces it. */
  private _onSessionEvent = (event: SessionEvent): void => {
    const s = this._s;
    switch (event.type) {
      case 'phase': {
        const { phase, previous } = event;
        if (LIVE_PHASES.includes(phase)) {
          if (this.opened) this._openState?.write(true);
        } else if (phase !== 'starting') {
          this._openState?.write(false);
        }
        if (phase === 'waiting') this._announce(s.waiting);
        if (phase === 'reconnecting') this._announce(s.reconnecting);
        if (previous === 'reconnecting' && (phase === 'active' || phase === 'waiting')) this._announce(s.reconnected);
        if (phase === 'ended') {
          this._announce(s.ended);
          this.confirmingEnd = false;
        }
        break;
      }
      case 'agent-changed':
        if (event.previous) {
          this._emit('guest-chat-agent-leave', { agent: event.previous });
          this._announce(s.gone(isolate(event.previous.name || s.agent)));
        }
        if (event.agent) {
          this._emit('guest-chat-agent-join', { agent: event.agent });
          this._announce(s.joined(isolate(event.agent.name || s.agent)));
        }
        break;
      case 'message-received':
        this._emit('guest-chat-message', { direction: 'incoming', message: event.entry });
        this._announce(`${isolate(event.entry.sender?.name || s.agent)}: ${isolate(event.entry.text)}`);
        if (this.sound) this._chime();
        break;
      case 'message-confirmed':
        this._emit('guest-chat-message', { direction: 'outgoing', message: event.entry });
        break;
      case 'notice': {
        const notice = problem(event.notice);
        this._setupProblem = false;
        if (!notice) break;
        const status = notice.status ? ` (${notice.status})` : '';
        // Before any chat was created here, an unreachable host is the site's setup, not the visitor's connection.
        const setup =
          notice.code === 'network' && (this._reachedChat || !navigator.onLine)
            ? null
            : setupHint(notice.code, JSON.parse(this._sessionKey || '{}') as SessionConfig);
        this._setupProblem = setup !== null;
        const text = this._noticeText(notice);
        this._warn(
          `notice:${notice.code}`,
          `${notice.message}${status}; ${setup ? `${setup}; ` : ''}the visitor sees "${text}".`,
        );
        this._announce(text);
        this._emit('guest-chat-error', notice);
        break;
      }
      case 'ended': {
        const endedBy = event.reason === 'visitor-left' ? 'visitor' : event.reason === 'agent-ended' ? 'agent' : null;
        this._emit('guest-chat-end', { endedBy, reason: event.reason });
        break;
      }
    }
  };

  /** Announces through the polite live region; several announcements in one task are read together. */
  private _announce(text: string): void {
    if (this._announceQueue.push(text) > 1) return;
    queueMicrotask(() => {
      const message = this._announceQueue.join(' ');
      this._announceQueue = [];
      // The same text again would not be read out; a trailing no-break space makes it a change.
      this.announcement = message === this.announcement ? `${message}\u00a0` : message;
    });
  }

  private _chime(): void {
    try {
      this._audio ??= new AudioContext();
      playChime(this._audio);
    } catch {
      // Audio is optional: a browser without Web Audio, or one that blocks it, just stays silent.
    }
  }

  // Visitor actions.

  private _toggle = (): void => {
    this.opened = !this.opened;
  };

  private _onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (this.confirmingEnd) this._cancelEnd();
    else this.close();
  };

  private _onStart = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = plainMap<string>();
    new FormData(form).forEach((value, key) => (values[key] = String(value).trim()));
    this._formValues = values;
    const errors = this._validate(values);
    this.fieldErrors = errors;
    const firstInvalid = Object.keys(errors)[0];
    if (firstInvalid) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`#field-${firstInvalid}`)?.focus();
      return;
    }
    const customFields = Object.assign(plainMap<string>(), this._custom);
    for (const spec of this._fieldSpecs) {
      if (spec.key !== 'email' && values[spec.key]) customFields[spec.key] = values[spec.key];
    }
    const memberInfo: MemberInfo = { displayName: values.name };
    if (values.email) memberInfo.email = values.email;
    if (Object.keys(customFields).length) memberInfo.customFields = customFields;
    this.submitting = true;
    try {
      await this.start(memberInfo);
      this._formValues = plainMap();
      this._focusPanel();
    } catch {
      // The session shows why in the panel and through `guest-chat-error`.
    } finally {
      this.submitting = false;
    }
  };

  private _validate(values: Record<string, string>): Record<string, string> {
    const s = this._s;
    const errors = plainMap<string>();
    for (const key of ['name', ...this._fieldSpecs.map((spec) => spec.key)]) {
      const value = values[key] ?? '';
      const limit = FIELD_LIMITS.get(key) ?? FIELD_LIMIT;
      if (key === 'name' && !value) errors[key] = s.nameMissing;
      else if (key === 'email' && value && !EMAIL.test(value)) errors[key] = s.emailBad;
      else if (value.length > limit) errors[key] = s.tooLong(limit);
    }
    return errors;
  }

  private _onInput = (event: InputEvent): void => {
    const textarea = event.target as HTMLTextAreaElement;
    this.draft = textarea.value;
    if (this._session?.capabilities.peek()?.guestTyping) this._session.typing();
    // Browsers without `field-sizing: content` grow the text area here (CSSOM, which a strict CSP allows).
    if (!CSS.supports('field-sizing', 'content')) {
      textarea.style.height = 'auto';
      textarea.style.height = `${textarea.scrollHeight}px`;
    }
  };

  private _onComposerKeydown = (event: KeyboardEvent): void => {
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
      if (withFiles < 2) this.draft = '';
      return;
    }
    if (!this.draft.trim()) return;
    if (this.send(this.draft) !== null) {
      this.draft = '';
    }
  }

  private _retry(entry: TranscriptEntry): void {
    if (entry.clientId) this._session?.retry(entry.clientId);
  }

  private _askEnd = async (): Promise<void> => {
    this.confirmingEnd = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.cancel')?.focus();
  };

  private _cancelEnd = async (): Promise<void> => {
    this.confirmingEnd = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.end')?.focus();
  };

  private _confirmEnd = async (): Promise<void> => {
    this.confirmingEnd = false;
    try {
      await this.end();
    } catch {
      // A failed end shows through the session's notice.
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.again')?.focus();
  };

  private _newChat = async (): Promise<void> => {
    this._session?.reset();
    this.fieldErrors = plainMap();
    this._transcript.follow();
    await this.updateComplete;
    this._focusPanel();
  };

  // Helpers.

  private _launcher(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('.launcher');
  }

  private _focusPanel(): void {
    this.updateComplete.then(() => {
      const root = this.renderRoot;
      const target =
        root.querySelector<HTMLElement>('.prechat input[aria-invalid="true"], .prechat input') ??
        root.querySelector<HTMLElement>('.composer textarea, .bar button, .center button') ??
        root.querySelector<HTMLElement>('.minimise');
      target?.focus();
    });
  }

  private _emit<K extends keyof GuestChatEventMap>(type: K, detail: GuestChatEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Prints a console warning once per code for this element. */
  private _warn(code: string, message: string): void {
    if (this._warned.has(code)) return;
    this._warned.add(code);
    console.warn(`<guest-chat> ${message}`);
  }

  private _resolveStrings(): void {
    const requested = this.lang.trim();
    let language = requested ? matchLanguage(requested) : null;
    if (requested && !language) {
      this._warn(`lang:${requested}`, `lang "${requested}" has no strings; using the page's language or English.`);
    }
    if (!language) {
      const pageLanguage =
        this.closest<HTMLElement>('[lang]')?.lang || document.documentElement.lang || navigator.language;
      language = matchLanguage(pageLanguage) ?? 'en';
    }
    this._language = language;
    const loaded = loadedStrings(language);
    this._s = { ...(loaded ?? en), ...this.strings };
    // Until its file arrives the language shows in English; then the element renders again in it.
    if (!loaded) {
      void loadStrings(language).then(() => {
        if (this._language !== language) return;
        this._resolveStrings();
        this.requestUpdate();
      });
    }
  }

  private _parseFields(): FieldSpec[] {
    const specs: FieldSpec[] = [];
    for (const token of this.fields
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const [rawKey, ...rest] = token.split(':');
      const key = rawKey.trim();
      const label = rest.join(':').trim();
      if (BUILT_IN_FIELDS.includes(key) && !label) {
        specs.push({ key, label: this._s[key as 'email' | 'subject'], custom: false });
      } else if (key !== 'name' && /^[A-Za-z][\w.-]*$/.test(key) && label) {
        specs.push({ key, label, custom: true });
      } else if (key !== 'name') {
        this._warn(
          `fields:${token}`,
          `fields: "${token}" is neither email, subject nor key:Label; it is left out (default "email,subject").`,
        );
      }
    }
    return specs;
  }

  private _parseCustomFields(): Record<string, string> {
    const value: unknown = this.customFields;
    if (value === null || value === undefined) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this._warn('custom-fields', 'custom-fields must be a JSON object of strings; using {}.');
      return {};
    }
    const result = plainMap<string>();
    for (const [key, item] of Object.entries(value)) {
      if (['string', 'number', 'boolean'].includes(typeof item)) result[key] = String(item);
      else this._warn(`custom-fields:${key}`, `custom-fields "${key}" is not a string; it is left out.`);
    }
    return result;
  }
}

/** The notice when it is a problem to show; `agent-left` is only information, told by the transcript. */
function problem(notice: SessionNotice | null): SessionNotice | null {
  return notice && notice.code !== 'agent-left' && notice.code !== EARLIER_CHAT_ENDED ? notice : null;
}

declare global {
  interface HTMLElementTagNameMap {
    'guest-chat': GuestChatElement;
  }
}
