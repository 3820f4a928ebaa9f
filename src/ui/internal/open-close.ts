import type { ReactiveController } from 'lit';
import { emit, isLive, type SessionWiring } from './session-wiring.js';
import { focusPanel, type ChatHost } from './chat-host.js';
import type { MobileViewportController } from './viewport.js';

/**
 * What follows the panel opening or closing: the `guest-chat-open` and `guest-chat-close` events, focus (into the
 * panel, or back to the launcher when it was inside), the open state kept with a chat in progress, the mobile
 * viewport, and whether the session counts messages as seen.
 */
export class OpenCloseController implements ReactiveController {
  /** Whether the panel was open at the last update; undefined before the first. */
  private _was: boolean | undefined;

  constructor(
    private readonly _host: ChatHost,
    private readonly _wiring: SessionWiring,
    private readonly _viewport: MobileViewportController,
  ) {
    _host.addController(this);
  }

  hostUpdated(): void {
    const host = this._host;
    const opened = host.opened;
    if (opened === this._was) return;
    // The first update only sets things up: nothing opened or closed yet.
    if (this._was !== undefined) {
      emit(host, opened ? 'guest-chat-open' : 'guest-chat-close', null);
      if (opened) focusPanel(host);
      else if (host.matches(':focus-within')) host.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
    }
    this._was = opened;
    if (isLive(this._wiring.session?.phase.peek() ?? 'idle')) this._wiring.openState?.write(opened);
    this._viewport.open = opened;
    queueMicrotask(() => this._wiring.syncVisibility());
  }
}
