import { css, unsafeCSS } from 'lit';
import { launcherCss } from './launcher.styles.js';

/** Styles of the panel and what is in it, on top of the launcher's. */
export const panelStyles = css`
  .badge {
    position: absolute;
    inset: -4px -4px auto auto;
    min-inline-size: 22px;
    padding: 2px 6px;
    border-radius: 11px;
    background: var(--_danger);
    color: #fff;
    font-size: 12px;
    font-weight: 700;
  }
  .badge.running {
    min-inline-size: 0;
    inline-size: 14px;
    block-size: 14px;
    padding: 0;
    inset: 0 0 auto auto;
    background: #1e8e3e;
    border: 2px solid var(--_surface);
  }
  .panel {
    position: absolute;
    inset: auto 0 calc(var(--_launcher) + 16px) auto;
    display: flex;
    flex-direction: column;
    inline-size: min(var(--_width), calc(100vw - 40px));
    block-size: min(var(--_height), calc(100vh - var(--_launcher) - 56px));
    background: var(--_surface);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
    animation: rise 0.2s ease-out;
  }
  .left .panel {
    inset: auto auto calc(var(--_launcher) + 16px) 0;
  }
  @keyframes rise {
    from {
      transform: translateY(12px);
    }
  }
  header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 12px 12px 12px 16px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  header button {
    background: transparent;
    color: inherit;
    border-color: currentColor;
  }
  button.icon {
    border: 0;
    padding: 6px;
    display: grid;
  }
  h2 {
    margin: 0;
    font-size: 16px;
  }
  .titles {
    flex: 1;
    min-inline-size: 0;
  }
  .titles p {
    margin: 0;
    font-size: 13px;
    overflow-wrap: anywhere;
  }
  .avatar {
    inline-size: 36px;
    block-size: 36px;
    border-radius: 50%;
    object-fit: cover;
    display: grid;
    place-items: center;
    background: var(--_surface-alt);
    color: var(--_text);
    font-weight: 700;
  }
  .body {
    flex: 1;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
  }
  form.prechat,
  .center {
    padding: 16px;
    overflow: auto;
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: 4px;
  }
  input {
    inline-size: 100%;
    padding: 8px 10px;
    border: 1px solid var(--_muted);
    border-radius: 8px;
    background: var(--_surface);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    margin: 4px 0 0;
    font-size: 13px;
  }
  .transcript {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 12px;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    margin-block-start: 2px;
  }
  li.first {
    margin-block-start: 12px;
  }
  li.own {
    align-items: flex-end;
  }
  .bubble {
    margin: 0;
    max-inline-size: 85%;
    padding: 8px 12px;
    border-radius: 16px;
    background: var(--_surface-alt);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .own .bubble {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .own .bubble a {
    color: inherit;
  }
  .who,
  .meta,
  .notice,
  .typing,
  .counter {
    font-size: 12px;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .meta button {
    padding: 0 6px;
  }
  .failed {
    color: var(--_danger);
  }
  /* Stretched and centred as text, not centred as a box: WebKit sizes the text of a centred flex item to its
     unbroken width, so a long word would push the transcript sideways despite overflow-wrap. */
  li.notice {
    align-items: stretch;
    text-align: center;
    margin-block: 12px;
  }
  .status,
  .typing {
    margin: 0;
    padding: 4px 16px;
  }
  .dots i {
    display: inline-block;
    inline-size: 4px;
    block-size: 4px;
    margin-inline-start: 3px;
    border-radius: 50%;
    background: currentColor;
    animation: blink 1.2s infinite;
  }
  .dots i:nth-child(2) {
    animation-delay: 0.2s;
  }
  .dots i:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    50% {
      opacity: 0.2;
    }
  }
  .banner {
    margin: 0;
    padding: 8px 16px;
    background: var(--_surface-alt);
    display: flex;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
  }
  .banner.bad {
    color: var(--_danger);
  }
  .composer,
  .bar {
    display: flex;
    gap: 8px;
    align-items: flex-end;
    padding: 10px 12px;
    border-block-start: 1px solid var(--_surface-alt);
    flex-wrap: wrap;
  }
  .bar p {
    margin: 0;
    flex: 1 0 100%;
  }
  textarea {
    flex: 1;
    resize: none;
    field-sizing: content;
    min-block-size: 40px;
    max-block-size: 140px;
    padding: 9px 12px;
    border: 1px solid var(--_muted);
    border-radius: 20px;
    background: var(--_surface);
  }
  .send {
    border-radius: 50%;
    inline-size: 40px;
    block-size: 40px;
    padding: 0;
    display: grid;
    place-items: center;
  }
  [dir='rtl'] .send svg {
    transform: scaleX(-1);
  }
  .counter {
    flex-basis: 100%;
    text-align: end;
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* A narrow screen (see NARROW_QUERY): a class rather than a media query, which WebKit can leave stale. */
  .root.narrow.open {
    inset: 0;
  }
  .narrow.open .launcher {
    display: none;
  }
  .narrow .panel,
  .narrow.left .panel {
    position: fixed;
    inset: var(--_vv-top, 0) 0 auto 0;
    inline-size: 100%;
    block-size: var(--_vv-height, 100dvh);
    border-radius: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    .dots i {
      animation: none !important;
      transition: none !important;
    }
  }
  @media (forced-colors: active) {
    .launcher,
    .panel,
    .bubble,
    .badge,
    button {
      border: 1px solid CanvasText;
    }
    .own .bubble {
      border-color: Highlight;
    }
  }
`;

/** Styles of `<guest-chat>`: the launcher's (which the CDN script's stand-in shares), then the panel's. */
export const styles = [unsafeCSS(launcherCss), panelStyles];
