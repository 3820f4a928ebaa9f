// The launcher's styles, as plain text: the element adopts them through Lit, and the CDN script's stand-in through
// a constructed stylesheet before Lit is loaded. Tagged `css` so the build minifies them like the element's own.
const css = String.raw;

/** Styles of the launcher and what it sits in. Public `--guest-chat-*` tokens are read once on `:host` into
 * private `--_*` locals. */
export const launcherCss = css`
  :host {
    all: initial;
    display: contents;
    --_accent: var(--guest-chat-accent, #1a5fd0);
    --_on-accent: var(--guest-chat-on-accent, #fff);
    --_surface: var(--guest-chat-surface, #fff);
    --_surface-alt: var(--guest-chat-surface-alt, #eef1f5);
    --_text: var(--guest-chat-text, #1b1d21);
    --_muted: var(--guest-chat-text-muted, #5a6270);
    --_danger: var(--guest-chat-danger, #b3261e);
    --_radius: var(--guest-chat-radius, 12px);
    --_font: var(--guest-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_shadow: var(--guest-chat-shadow, 0 8px 32px rgb(0 0 0 / 0.24));
    --_z: var(--guest-chat-z-index, 2147483000);
    --_launcher: var(--guest-chat-launcher-size, 56px);
    --_width: var(--guest-chat-panel-width, 380px);
    --_height: var(--guest-chat-panel-height, 600px);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--guest-chat-accent, #8ab4ff);
      --_on-accent: var(--guest-chat-on-accent, #0b1b36);
      --_surface: var(--guest-chat-surface, #1e2026);
      --_surface-alt: var(--guest-chat-surface-alt, #2c2f37);
      --_text: var(--guest-chat-text, #eceef2);
      --_muted: var(--guest-chat-text-muted, #b0b6c1);
      --_danger: var(--guest-chat-danger, #ffb4ab);
    }
  }
  .root {
    font: 15px/1.4 var(--_font);
    color: var(--_text);
    position: fixed;
    z-index: var(--_z);
    inset: auto 20px 20px auto;
  }
  .left {
    inset: auto auto 20px 20px;
  }
  *,
  *::before {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border-radius: 8px;
    border: 1px solid var(--_accent);
    background: var(--_surface);
    color: var(--_accent);
    padding: 6px 12px;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .launcher {
    display: grid;
    place-items: center;
    position: relative;
    inline-size: var(--_launcher);
    block-size: var(--_launcher);
    padding: 0;
    margin-inline-start: auto;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: var(--_shadow);
    transition: transform 0.15s;
  }
  .left .launcher {
    margin-inline: 0 auto;
  }
  .launcher:hover {
    transform: scale(1.06);
  }
  svg {
    inline-size: 24px;
    block-size: 24px;
    fill: currentColor;
  }
`;

/** The launcher's name in English, the default language (`launcher` in the strings). */
export const LAUNCHER_LABEL = 'Chat with us';

/** The launcher's icon, a speech bubble. */
export const CHAT_ICON_PATH = 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z';

const SVG_NS = 'http://www.w3.org/2000/svg';
let sheet: CSSStyleSheet | null = null;

/**
 * Paints a stand-in for the launcher into `host`'s shadow root, with plain DOM and a constructed stylesheet (no
 * inline style, no HTML parsing: a strict CSP with Trusted Types allows it). The element, once defined, reuses
 * that shadow root and renders over it. Returns the stand-in button, or null when `host` already has a shadow root
 * or the browser cannot adopt stylesheets (the element then paints on its own).
 */
export function paintStandIn(host: HTMLElement): HTMLButtonElement | null {
  if (host.shadowRoot || !('adoptedStyleSheets' in Document.prototype)) return null;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(launcherCss);
  }
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet];
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
