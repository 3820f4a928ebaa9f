import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Shows the unread count in the tab title while the tab is hidden, and puts the page's own title back when the
 * visitor returns. It only ever restores a title it changed.
 */
export class TabTitleController implements ReactiveController {
  private _unread = 0;
  private _original: string | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this._sync);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this._sync);
    this._restore();
  }

  /** The number of agent messages the visitor has not seen. */
  set unread(count: number) {
    this._unread = count;
    this._sync();
  }

  private _sync = (): void => {
    if (document.visibilityState !== 'hidden' || this._unread === 0) {
      this._restore();
      return;
    }
    this._original ??= document.title;
    document.title = `(${this._unread}) ${this._original}`;
  };

  private _restore(): void {
    if (this._original === null) return;
    document.title = this._original;
    this._original = null;
  }
}
