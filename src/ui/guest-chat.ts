import { SignalWatcher } from '@lit-labs/preact-signals';
import { LitElement, html, nothing, type CSSResultGroup, type PropertyValues } from 'lit';
import type { Phase } from '../session/types.js';
import type { MemberInfo } from '../transport/types.js';
import { AttachSeat } from './attach/seat.js';
import { styles } from './guest-chat.styles.js';
import { Announcer } from './internal/announcer.js';
import {
  configOf,
  jsonConverter,
  missingConfig,
  parseCustomFields,
  parseFields,
  positionOf,
  resolveStrings,
  type GuestChatPosition,
} from './internal/attributes.js';
import { focusFirst, type UiState } from './internal/chat-host.js';
import { MAX_MESSAGE_LENGTH } from './internal/composer.js';
import { renderLauncher } from './internal/launcher-button.js';
import { OpenCloseController } from './internal/open-close.js';
import { Panel } from './internal/panel.js';
import { createSession, transportKind, type SessionFactory, type TransportKind } from './internal/session-factory.js';
import { SessionWiring, emit, isLive } from './internal/session-wiring.js';
import { TranscriptView } from './internal/transcript-view.js';
import { MobileViewportController } from './internal/viewport.js';
import { DevWarnings } from './internal/warnings.js';
import { directionOf, en, type GuestChatStrings } from './strings/index.js';

export { MAX_MESSAGE_LENGTH } from './internal/composer.js';
export type { GuestChatPosition } from './internal/attributes.js';

/** The attributes that say where to chat: a change makes a new session (unless a chat is in progress). */
const CONFIG_KEYS = ['transport', 'environment', 'organizationId', 'deploymentId', 'queue'] as const;

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

  /** The shadow root the CDN script painted a stand-in launcher into, until the first render replaces it. */
  private _standIn: ShadowRoot | null = null;
  /** The panel is built the first time it opens, then kept. */
  private _panelShown = false;
  // Normalised from the attributes in willUpdate.
  private _position: GuestChatPosition = 'bottom-right';
  private _ui: UiState = { s: en, language: 'en', fields: [], custom: {} };
  private _warnings = new DevWarnings();
  private _announcer = new Announcer(this);
  private _wiring = new SessionWiring(this, {
    strings: () => this._ui.s,
    announcer: this._announcer,
    warnings: this._warnings,
  });
  private _viewport = new MobileViewportController(this);
  private _files = new AttachSeat(this);
  private _transcript = new TranscriptView(
    this,
    (entry) => entry.clientId && this._wiring.session?.retry(entry.clientId),
    (entry) => this._files.for(this._wiring.session, 1)?.entry(this._wiring.session, entry, this._ui.s),
  );
  private _panel = new Panel(this, this._ui, this._wiring, this._transcript, this._files);

  constructor() {
    super();
    new OpenCloseController(this, this._wiring, this._viewport);
  }

  /** Where the chat is: `idle`, `starting`, `waiting`, `active`, `reconnecting`, `ended` or `error`. */
  get state(): Phase {
    return this._wiring.session?.phase.peek() ?? 'idle';
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
    const session = this._connect();
    if (!session)
      throw new Error(`<guest-chat> cannot start: check ${missingConfig(this).join(', ') || 'the configuration'}`);
    await session.start(memberInfo);
    const phase = session.phase.peek();
    if (!isLive(phase)) throw new Error(`<guest-chat> could not start: ${session.notice.peek()?.message ?? phase}`);
    this._wiring.reachedChat = true;
    emit(this, 'guest-chat-start', { memberInfo });
  }

  /** Sends a message in the current chat; returns its client id, or null when no chat is in progress. */
  send(text: string): string | null {
    const session = this._wiring.session;
    const body = text.trim();
    if (!session || !isLive(session.phase.peek())) this._warnings.warn('send', 'send');
    else if (!body || body.length > MAX_MESSAGE_LENGTH) this._warnings.warn('send-length', 'sendLength');
    else {
      this._transcript.follow();
      return session.send(body);
    }
    return null;
  }

  /** Ends the chat at once, without asking the visitor. */
  async end(): Promise<void> {
    await this._wiring.session?.end();
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
      if (standIn.activeElement) focusFirst(this, '.launcher');
      standIn.replaceChildren();
    }
    super.update(changed);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    queueMicrotask(() => this._connect());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const warnings = this._warnings;
    if (changed.has('lang') || changed.has('strings') || !this.hasUpdated) {
      resolveStrings(this, this._ui, warnings, () => this.requestUpdate());
    }
    if (changed.has('position')) this._position = positionOf(this.position, warnings);
    if (changed.has('transport') && transportKind(this.transport) !== this.transport) {
      warnings.warn(`transport:${this.transport}`, 'transport', this.transport);
    }
    if (changed.has('fields')) this._ui.fields = parseFields(this.fields, this._ui.s, warnings);
    if (changed.has('customFields')) this._ui.custom = parseCustomFields(this.customFields, warnings);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('opened') && this.opened && !this._wiring.session) {
      const missing = missingConfig(this);
      if (missing.length) this._warnings.warn('config', 'config', missing);
    }
    if (CONFIG_KEYS.some((key) => changed.has(key))) queueMicrotask(() => this._connect());
  }

  protected override render() {
    const language = this._ui.language;
    // The panel is built the first time it opens, not before: most visitors never open it, and the launcher then
    // paints sooner. Once built it stays, so a draft or scroll position survives minimising.
    this._panelShown ||= this.opened;
    return html`<div
      class="root ${this._position === 'bottom-left' ? 'left' : ''} ${this.opened ? 'open' : ''} ${this._viewport.narrow ? 'narrow' : ''}"
      lang=${language}
      dir=${directionOf(language)}
    >
      ${this._panelShown ? this._panel.render() : nothing}
      ${renderLauncher(this, this._ui, this._wiring.session, this._panelShown, this._toggle)}
      ${this._announcer.render()}
    </div>`;
  }

  private _toggle = (): void => {
    this.opened = !this.opened;
  };

  /** Makes (or keeps) the session for the configuration, once connected. */
  private _connect() {
    return this.isConnected ? this._wiring.connect(configOf(this, this._warnings)) : null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'guest-chat': GuestChatElement;
  }
}
