import { CSSResult, unsafeCSS } from 'lit';
import { setFileCheck } from '../../core/checked-load.js';
import { nextTask } from '../../core/clock.js';
import { GuestChatElement } from '../guest-chat.js';
import { panelStyles } from '../guest-chat.styles.js';
import type { checkModule } from './checked-import.js';
import { checkBeside, useModuleCheck } from './integrity.js';

/**
 * The CDN build's way in: defines `<guest-chat>` with the launcher's styles the CDN script already holds, as the
 * stylesheet its stand-in adopted (parsed once, shared) or as text where stylesheets cannot be adopted. The CDN
 * build leaves the launcher's text out of the element's file, which only the script loads.
 *
 * The work is split into tasks, none of which blocks the host page for long: the element's properties and
 * stylesheets are prepared in one, the element is defined in the next, and each element's first render over its
 * stand-in comes in the one after. No frame in between shows anything but the stand-in. Before any of it, the
 * transports and the chat engine get this build's integrity check for the files they import: `check`, the script's
 * own module check (with which it checked this file), so this file carries no second copy of it.
 */
export async function defineFromScript(
  tagName: string,
  launcher: CSSStyleSheet | string,
  check: typeof checkModule,
): Promise<void> {
  if (customElements.get(tagName)) return;
  useModuleCheck(check);
  setFileCheck(checkBeside);
  const element = class extends GuestChatElement {
    static override styles = [typeof launcher === 'string' ? unsafeCSS(launcher) : launcher, panelStyles];

    // The first render is a task of its own after the define (which upgrades and connects each element and creates
    // its chat session); the stand-in shows until then.
    protected override async scheduleUpdate(): Promise<void> {
      if (!this.hasUpdated) await nextTask();
      await super.scheduleUpdate();
    }
  };
  await nextTask();
  // Reading the observed attributes finalizes the class; each style's sheet is then parsed once and kept.
  void element.observedAttributes;
  for (const style of element.elementStyles) if (style instanceof CSSResult) void style.styleSheet;
  await nextTask();
  if (!customElements.get(tagName)) customElements.define(tagName, element);
}
