import { effect } from '@preact/signals-core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { EARLIER_CHAT_ENDED } from '../../session/notice-codes.js';
import type { ChatSession, Phase, SessionEvent, SessionNotice } from '../../session/types.js';
import type { GuestChatEventMap } from '../events.js';
import type { GuestChatStrings } from '../strings/index.js';
import { describeMessage, type Announcer } from './announcer.js';
import { isolate } from './bidi.js';
import { checkBeside } from './integrity.js';
import { PanelOpenState } from './open-state.js';
import type { SessionConfig, SessionFactory } from './session-factory.js';
import type { DevWarnings } from './warnings.js';

const LIVE_PHASES: Phase[] = ['waiting', 'active', 'reconnecting'];
/** Notice codes that, before any chat was reached, can be the site's setup rather than the visitor's trouble. */
const SETUP_CODES = ['network', 'origin-not-allowed', 'deployment-unavailable', 'queue-unavailable'];

/** Whether a chat is in progress in `phase` (messages can be sent). */
export function isLive(phase: Phase): boolean {
  return LIVE_PHASES.includes(phase);
}

/** The notice when it is a problem to show; `agent-left` is only information, told by the transcript. */
export function problem(notice: SessionNotice | null): SessionNotice | null {
  return notice && notice.code !== 'agent-left' && notice.code !== EARLIER_CHAT_ENDED ? notice : null;
}

/** Dispatches one of the element's events: bubbling and composed, so a page hears it from outside the shadow root. */
export function emit<K extends keyof GuestChatEventMap>(
  target: EventTarget,
  type: K,
  detail: GuestChatEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** What the session wiring needs of its element. */
export interface WiringHost extends ReactiveControllerHost, HTMLElement {
  opened: boolean;
  sound: boolean;
  sessionFactory: SessionFactory;
}

/** What the session wiring needs of the rest of the UI. */
export interface WiringUi {
  /** The strings shown now. */
  strings(): GuestChatStrings;
  announcer: Announcer;
  warnings: DevWarnings;
}

/**
 * Holds the element's session: makes it from the configuration, resumes a kept chat, and listens to what it tells,
 * which it re-dispatches as the element's events and says through the live region. The session is the one owner of
 * what happened; this only passes it on.
 */
export class SessionWiring implements ReactiveController {
  /** The session, once the configuration is complete and usable. */
  session: ChatSession | null = null;
  /** Whether the panel is open, kept with the chat so a reload mid-chat brings it back as it was. */
  openState: PanelOpenState | null = null;
  /** A chat was created on this page: a network failure after that is the visitor's, not the site's setup. */
  reachedChat = false;
  /** The current notice is a setup problem (the site's to fix), shown to the visitor as "not available". */
  private _setupProblem = false;
  private _config: SessionConfig | null = null;
  private _key = '';
  private _stop: (() => void)[] = [];
  private _chimeCode: Promise<typeof import('./chime.js')> | undefined;
  /** The page's own title while the tab's title shows the unread count, to put back when the visitor returns. */
  private _title: string | null = null;

  constructor(
    private readonly _host: WiringHost,
    private readonly _ui: WiringUi,
  ) {
    _host.addController(this);
  }

  /** A removed element lets its session go: no events follow. */
  hostDisconnected(): void {
    this.detach();
  }

  /**
   * Creates (or replaces) the session for `config`, unless the current one has it or is in a chat; resumes a chat kept
   * from before a reload. Null `config` (incomplete or unusable) keeps what there is.
   */
  connect(config: SessionConfig | null): ChatSession | null {
    const key = JSON.stringify(config);
    const current = this.session;
    if (!config || (current && (key === this._key || isLive(current.phase.peek())))) return current;
    this.detach();
    const session = this._host.sessionFactory(config);
    const openState = new PanelOpenState(config.transport, config.deploymentId);
    this.session = session;
    this.openState = openState;
    this._config = config;
    this._key = key;
    this._stop = [effect(() => this._syncTitle(session.unread.value)), session.subscribe(this._onEvent)];
    document.addEventListener('visibilitychange', this.syncVisibility);
    this.syncVisibility();
    void session.restore().then(
      (resumed) => {
        if (resumed && openState.read()) this._host.opened = true;
      },
      () => undefined,
    );
    this._host.requestUpdate();
    return session;
  }

  /** Lets the session go. */
  detach(): void {
    this._stop.forEach((stop) => stop());
    this._stop = [];
    document.removeEventListener('visibilitychange', this.syncVisibility);
    this._syncTitle(0);
    this.session?.dispose();
    this.session = null;
    this._config = null;
    this._key = '';
  }

  /** Tells the session whether the visitor can see the transcript. */
  syncVisibility = (): void => {
    this.session?.setVisible(this._host.opened && document.visibilityState === 'visible');
    this._syncTitle(this.session?.unread.peek() ?? 0);
  };

  /**
   * Shows the `unread` count in the tab's title while the tab is hidden, and puts the page's own title back when the
   * visitor returns or the chat goes. It only ever restores a title it changed.
   */
  private _syncTitle(unread: number): void {
    if (document.visibilityState === 'hidden' && unread) {
      this._title ??= document.title;
      document.title = `(${unread}) ${this._title}`;
    } else if (this._title !== null) {
      document.title = this._title;
      this._title = null;
    }
  }

  /** The visitor's words for a notice. */
  noticeText(notice: SessionNotice | null): string {
    const s = this._ui.strings();
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

  private _onEvent = (event: SessionEvent): void => {
    const host = this._host;
    const s = this._ui.strings();
    const say = (text: string) => this._ui.announcer.say(text);
    switch (event.type) {
      case 'phase': {
        const { phase, previous } = event;
        if (isLive(phase)) {
          if (host.opened) this.openState?.write(true);
        } else if (phase !== 'starting') {
          this.openState?.write(false);
        }
        if (phase === 'waiting') say(s.waiting);
        if (phase === 'reconnecting') say(s.reconnecting);
        if (previous === 'reconnecting' && (phase === 'active' || phase === 'waiting')) say(s.reconnected);
        if (phase === 'ended') say(s.ended);
        break;
      }
      case 'agent-changed':
        if (event.previous) {
          emit(host, 'guest-chat-agent-leave', { agent: event.previous });
          say(s.gone(isolate(event.previous.name || s.agent)));
        }
        if (event.agent) {
          emit(host, 'guest-chat-agent-join', { agent: event.agent });
          say(s.joined(isolate(event.agent.name || s.agent)));
        }
        break;
      case 'message-received':
        emit(host, 'guest-chat-message', { direction: 'incoming', message: event.entry });
        say(describeMessage(event.entry, s));
        if (host.sound) this._chime();
        break;
      case 'message-confirmed':
        emit(host, 'guest-chat-message', { direction: 'outgoing', message: event.entry });
        break;
      case 'notice': {
        const notice = problem(event.notice);
        // Before any chat was created here, an unreachable host is the site's setup, not the visitor's connection.
        this._setupProblem =
          !!notice &&
          SETUP_CODES.includes(notice.code) &&
          !(notice.code === 'network' && (this.reachedChat || !navigator.onLine));
        if (!notice) break;
        const text = this.noticeText(notice);
        this._ui.warnings.warn(
          `notice:${notice.code}`,
          'notice',
          notice,
          this._setupProblem ? this._config : null,
          text,
        );
        say(text);
        emit(host, 'guest-chat-error', notice);
        break;
      }
      case 'ended': {
        const endedBy = event.reason === 'visitor-left' ? 'visitor' : event.reason === 'agent-ended' ? 'agent' : null;
        emit(host, 'guest-chat-end', { endedBy, reason: event.reason });
        break;
      }
    }
  };

  /** Plays the chime; its code is fetched on the first one, as only a page that turns `sound` on needs it. */
  private _chime(): void {
    this._chimeCode ??= checkBeside('chunks/chime.js').then(() => import('./chime.js'));
    this._chimeCode.then(
      ({ playChime }) => playChime(),
      // A chime whose file could not be fetched (or was refused) is left out; the chat goes on.
      () => undefined,
    );
  }
}
