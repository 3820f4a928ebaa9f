import type { ReactiveController, ReactiveElement } from 'lit';

/** Width under which the panel fills the screen (the element's `narrow` class). */
export const NARROW_QUERY = '(max-width: 480px)';

/**
 * While the panel is open on a narrow screen: follows `visualViewport` so the panel stays above the on-screen
 * keyboard (through the `--_vv-top` and `--_vv-height` locals, set with CSSOM, which a strict CSP allows), and stops
 * the page behind it from scrolling.
 */
export class MobileViewportController implements ReactiveController {
  private _host: ReactiveElement;
  private _active = false;
  private _savedOverflow: string | null = null;
  private _narrow = matchMedia(NARROW_QUERY);

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
    this._stop();
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
    this._active = open;
    this._refresh();
  }

  private _onChange = (): void => {
    this._refresh();
    this._host.requestUpdate();
  };

  private _refresh = (): void => {
    if (this._active && this._narrow.matches) this._start();
    else this._stop();
  };

  private _start(): void {
    if (this._savedOverflow !== null) return;
    const root = document.documentElement;
    this._savedOverflow = root.style.overflow;
    root.style.overflow = 'hidden';
    visualViewport?.addEventListener('resize', this._follow);
    visualViewport?.addEventListener('scroll', this._follow);
    this._follow();
  }

  private _stop(): void {
    if (this._savedOverflow === null) return;
    document.documentElement.style.overflow = this._savedOverflow;
    this._savedOverflow = null;
    visualViewport?.removeEventListener('resize', this._follow);
    visualViewport?.removeEventListener('scroll', this._follow);
    this._host.style.removeProperty('--_vv-top');
    this._host.style.removeProperty('--_vv-height');
  }

  private _follow = (): void => {
    if (!visualViewport) return;
    this._host.style.setProperty('--_vv-top', `${visualViewport.offsetTop}px`);
    this._host.style.setProperty('--_vv-height', `${visualViewport.height}px`);
  };
}
