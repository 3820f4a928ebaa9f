// The launcher's styles, as plain text: the element adopts them through Lit, and the CDN script's stand-in through
// a constructed stylesheet before Lit is loaded, which it then hands to the element. Tagged `css` so the build
// minifies them like the element's own.
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
  /* Text on the accent is black or white, whichever contrasts more with it (at least 4.58:1 for any accent), unless
     the site sets its own: a site that sets only the accent keeps readable text in both schemes. The choice is the
     WCAG one, by the accent's relative luminance against 0.179, where both contrast equally. */
  @supports (color: color(from red srgb-linear r g b)) {
    :host {
      --_bw: clamp(0, (0.179 - (0.2126 * r + 0.7152 * g + 0.0722 * b)) * 1e6, 1);
      --_on-accent: var(
        --guest-chat-on-accent,
        color(from var(--_accent) srgb-linear var(--_bw) var(--_bw) var(--_bw))
      );
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
