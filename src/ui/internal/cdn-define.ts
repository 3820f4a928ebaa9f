import { unsafeCSS } from 'lit';
import { GuestChatElement } from '../guest-chat.js';
import { panelStyles } from '../guest-chat.styles.js';

/**
 * The CDN build's way in: defines `<guest-chat>` with the launcher's styles the CDN script already holds, as the
 * stylesheet its stand-in adopted (parsed once, shared) or as text where stylesheets cannot be adopted. The CDN
 * build leaves the launcher's text out of the element's file, which only the script loads.
 */
export function defineFromScript(tagName: string, launcher: CSSStyleSheet | string): void {
  if (customElements.get(tagName)) return;
  customElements.define(
    tagName,
    class extends GuestChatElement {
      static override styles = [typeof launcher === 'string' ? unsafeCSS(launcher) : launcher, panelStyles];
    },
  );
}
