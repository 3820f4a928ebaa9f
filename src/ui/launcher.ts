import { launcherCss } from './launcher.styles.js';

/** The launcher's name in English, the default language (`launcher` in the strings). */
export const LAUNCHER_LABEL = 'Chat with us';

/** The launcher's icon, a speech bubble. */
export const CHAT_ICON_PATH = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z';

const SVG_NS = 'http://www.w3.org/2000/svg';
let sheet: CSSStyleSheet | null = null;

/** Whether the browser adopts constructed stylesheets (it does not before Safari 16.4). */
export const adoptsSheets = (): boolean => 'adoptedStyleSheets' in Document.prototype;

/** The launcher's styles as one constructed stylesheet, parsed once and shared by every stand-in and the element. */
export function launcherSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(launcherCss);
  }
  return sheet;
}

/**
 * Paints a stand-in for the launcher into `host`'s shadow root, with plain DOM and a constructed stylesheet (no
 * inline style, no HTML parsing: a strict CSP with Trusted Types allows it). The element, once defined, reuses
 * that shadow root and renders over it. Returns the stand-in button, or null when `host` already has a shadow root
 * or the browser cannot adopt stylesheets (the element then paints on its own).
 */
export function paintStandIn(host: HTMLElement): HTMLButtonElement | null {
  if (host.shadowRoot || !adoptsSheets()) return null;
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [launcherSheet()];
  const wrapper = document.createElement('div');
  wrapper.className = host.getAttribute('position') === 'bottom-left' ? 'root left' : 'root';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-label', host.getAttribute('launcher-label') || LAUNCHER_LABEL);
  const icon = document.createElementNS(SVG_NS, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', CHAT_ICON_PATH);
  icon.append(path);
  button.append(icon);
  wrapper.append(button);
  root.append(wrapper);
  return button;
}
