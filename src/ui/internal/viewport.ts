import type { ReactiveController, ReactiveElement } from 'lit';
import { loadChecked } from '../../core/checked-load.js';
import type { KeyboardViewport } from './keyboard-viewport.js';

/** Width under which the panel fills the screen (the element's `narrow` class). */
export const NARROW_QUERY = '(max-width: 480px)';

/**
 * Whether the screen is narrow, and while the panel is open on a narrow screen, the keyboard-aware layout: its code
 * (`keyboard-viewport.ts`) is fetched the first time the panel opens on a narrow screen, the one place it acts, so a
 * visitor on a wide screen never downloads it. The panel fills the narrow screen by the class alone until it is there.
 */
export class MobileViewportController implements ReactiveController {
  private _host: ReactiveElement;
  private _open = false;
  private _narrow = matchMedia(NARROW_QUERY);
  private _keyboard: KeyboardViewport | undefined;
  private _loading: Promise<void> | undefined;

  constructor(host: ReactiveElement) {
    this._host = host;
    host.addController(this);
  }

  hostConnected(): void {
    // A new query each time: WebKit stops updating a query's `matches` while it has no listener.
    this._narrow = matchMedia(NARROW_QUERY);
    this._narrow.addEventListener('change', this._onChange);
  }

  hostDisconnected(): void {
    this._narrow.removeEventListener('change', this._onChange);
    this._keyboard?.stop();
  }

  /**
   * Whether the screen is narrow, for the host to render as a class. The styles do not use a media query of their
   * own: WebKit leaves the media queries of a constructed stylesheet as they were when it was last adopted, so an
   * element connected again after the screen turned narrow (or wide) would keep the other layout.
   */
  get narrow(): boolean {
    return this._narrow.matches;
  }

  /** Whether the panel is open. */
  set open(open: boolean) {
    this._open = open;
    this._refresh();
  }

  private _onChange = (): void => {
    this._refresh();
    this._host.requestUpdate();
  };

  private _refresh = (): void => {
    const active = this._open && this._narrow.matches;
    if (active)
      this._loading ??= loadChecked('chunks/keyboard-viewport.js', () => import('./keyboard-viewport.js')).then(
        ({ KeyboardViewport }) => {
          this._keyboard = new KeyboardViewport(this._host);
          this._refresh();
        },
        // The panel still fills the screen; the next time it opens on a narrow screen tries again.
        () => (this._loading = undefined),
      );
    if (active) this._keyboard?.start();
    else this._keyboard?.stop();
  };
}
