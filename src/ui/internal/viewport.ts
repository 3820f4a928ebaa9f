import type { ReactiveController, ReactiveElement } from 'lit';

/** Width under which the panel fills the screen; matches the styles' media query. */
export const NARROW_QUERY = '(max-width: 480px)';

/**
 * While the panel is open on a narrow screen: follows `visualViewport` so the panel stays above the on-screen
 * keyboard (through the `--_vv-top` and `--_vv-height` locals, set with CSSOM, which a strict CSP allows), and stops
 * the page behind it from scrolling.
 */
export class MobileViewportController implements ReactiveController {
  #host: ReactiveElement;
  #active = false;
  #savedOverflow: string | null = null;
  #narrow = matchMedia(NARROW_QUERY);

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#narrow.addEventListener('change', this.#refresh);
  }

  hostDisconnected(): void {
    this.#narrow.removeEventListener('change', this.#refresh);
    this.#stop();
  }

  /** Whether the panel is open. */
  set open(open: boolean) {
    this.#active = open;
    this.#refresh();
  }

  #refresh = (): void => {
    if (this.#active && this.#narrow.matches) this.#start();
    else this.#stop();
  };

  #start(): void {
    if (this.#savedOverflow !== null) return;
    const root = document.documentElement;
    this.#savedOverflow = root.style.overflow;
    root.style.overflow = 'hidden';
    visualViewport?.addEventListener('resize', this.#follow);
    visualViewport?.addEventListener('scroll', this.#follow);
    this.#follow();
  }

  #stop(): void {
    if (this.#savedOverflow === null) return;
    document.documentElement.style.overflow = this.#savedOverflow;
    this.#savedOverflow = null;
    visualViewport?.removeEventListener('resize', this.#follow);
    visualViewport?.removeEventListener('scroll', this.#follow);
    this.#host.style.removeProperty('--_vv-top');
    this.#host.style.removeProperty('--_vv-height');
  }

  #follow = (): void => {
    if (!visualViewport) return;
    this.#host.style.setProperty('--_vv-top', `${visualViewport.offsetTop}px`);
    this.#host.style.setProperty('--_vv-height', `${visualViewport.height}px`);
  };
}
