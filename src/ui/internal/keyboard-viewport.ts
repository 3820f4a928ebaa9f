/**
 * The keyboard-aware layout of the panel open on a narrow screen: follows `visualViewport` so the panel stays above
 * the on-screen keyboard (through the `--_vv-top` and `--_vv-height` locals, set with CSSOM, which a strict CSP
 * allows), and stops the page behind it from scrolling. Loaded the first time the panel opens on a narrow screen.
 */
export class KeyboardViewport {
  private _savedOverflow: string | null = null;

  constructor(private readonly _host: HTMLElement) {}

  /** Takes over the page's scrolling and follows the visual viewport, unless it does already. */
  start(): void {
    if (this._savedOverflow !== null) return;
    const root = document.documentElement;
    this._savedOverflow = root.style.overflow;
    root.style.overflow = 'hidden';
    visualViewport?.addEventListener('resize', this._follow);
    visualViewport?.addEventListener('scroll', this._follow);
    this._follow();
  }

  /** Gives the page its scrolling back and lets the panel take its own size again. */
  stop(): void {
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
