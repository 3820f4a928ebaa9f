import type { ReactiveControllerHost } from 'lit';
import type { ChatSession } from '../../session/types.js';
import { loadChecked } from '../../core/checked-load.js';
import type AttachUi from './ui.js';

/**
 * Where the attachment UI sits in the element. Its code is fetched only when a chat takes attachments or shows one,
 * so a text-only chat never loads it.
 */
export class AttachSeat {
  /** The loaded UI, or null until then. */
  ui: AttachUi | null = null;
  private _loading: Promise<void> | null = null;

  constructor(private readonly _host: ReactiveControllerHost & HTMLElement) {}

  /** The UI when `needed` for this session, loading it on first need (the host renders again once it is here). */
  for(session: ChatSession | null, needed: unknown): AttachUi | null {
    if (needed && session?.attachments)
      this._loading ??= loadChecked('chunks/attach.js', () => import('./ui.js')).then(
        (module) => {
          this.ui = new module.default(this._host);
          this._host.requestUpdate();
        },
        () => {
          this._loading = null;
        },
      );
    return this.ui;
  }
}
