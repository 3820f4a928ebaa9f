import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Shows the unread count in the tab title while the tab is hidden, and puts the page's own title back when the
 * visitor returns. It only ever restores a title it changed.
 */
export class TabTitleController implements ReactiveController {
  #unread = 0;
  #original: string | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#sync);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#sync);
    this.#restore();
  }

  /** The number of agent messages the visitor has not seen. */
  set unread(count: number) {
    this.#unread = count;
    this.#sync();
  }

  #sync = (): void => {
    if (document.visibilityState !== 'hidden' || this.#unread === 0) {
      this.#restore();
      return;
    }
    this.#original ??= document.title;
    document.title = `(${this.#unread}) ${this.#original}`;
  };

  #restore(): void {
    if (this.#original === null) return;
    document.title = this.#original;
    this.#original = null;
  }
}
