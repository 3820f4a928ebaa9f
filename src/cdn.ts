import type { GuestChatElement } from './ui/guest-chat.js';
import { checkModule } from './ui/internal/checked-import.js';
import { CORE_INTEGRITY } from './ui/internal/core-integrity.js';
import { hasSavedChat } from './ui/internal/has-saved-chat.js';
import { adoptsSheets, launcherSheet, paintStandIn } from './ui/launcher.js';
import { launcherCss } from './ui/launcher.styles.js';

// The CDN script is small on purpose: it paints a stand-in launcher at once and fetches the element's code (Lit,
// the panel, the chat engine) from beside itself once the page has loaded and is idle, or at once when the visitor
// reaches for the launcher, the panel is to be open or a chat from an earlier page is to be resumed. Evaluating that
// code, preparing the element, defining it and rendering it are separate tasks, so none blocks the host page for
// long. The element takes the launcher's styles from this script, so they are fetched and parsed once. Pages that
// drive the engine without the element use the npm build.

const TAG = 'guest-chat';
/** The script's own address, read by the build's intro while the script runs. */
declare const __guestChatScriptUrl: string;
let loading: Promise<void> | null = null;

/** Runs `callback` once the host page has loaded and the main thread is idle, so it never delays the page's paint. */
function whenIdle(callback: () => void): void {
  const idle = () =>
    'requestIdleCallback' in window ? requestIdleCallback(callback, { timeout: 2_000 }) : setTimeout(callback, 1);
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}

/**
 * Fetches and defines the element, once; a failed fetch is tried again on the next call. A page whose CSP refuses
 * the Trusted Types policy of the element's templates can never show it: that is told once, and the stand-ins go.
 */
function loadElement(): Promise<void> {
  // The element's file runs only once it matched the integrity value this build wrote in (when it wrote one).
  loading ??= (
    CORE_INTEGRITY
      ? checkModule(new URL('./guest-chat-core.js', __guestChatScriptUrl).href, CORE_INTEGRITY)
      : Promise.resolve()
  )
    .then(() => import('./ui/internal/cdn-define.js'))
    .then(
      ({ defineFromScript }) => defineFromScript(TAG, adoptsSheets() ? launcherSheet() : launcherCss, checkModule),
      (error: unknown) => {
        if (/lit-html/.test(String(error))) {
          console.warn('<guest-chat> cannot render: the CSP lacks trusted-types lit-html');
          // A launcher that cannot open must not look as if it could; the failed promise stays, so nothing retries.
          for (const host of document.querySelectorAll(TAG)) host.shadowRoot?.replaceChildren();
        } else {
          loading = null;
          console.warn('<guest-chat> could not load; retries on next use', error);
        }
        throw error;
      },
    );
  return loading;
}

const quietly = (): void => void loadElement().catch(() => undefined);

function standIn(host: HTMLElement): void {
  const button = paintStandIn(host);
  if (!button) return;
  const open = () =>
    void loadElement().then(
      async () => {
        const element = host as GuestChatElement;
        await element.updateComplete;
        element.open();
      },
      () => undefined,
    );
  // Pointing at or focusing the launcher is a good sign the visitor will open it: start fetching now.
  button.addEventListener('pointerenter', quietly, { once: true });
  button.addEventListener('focus', quietly, { once: true });
  button.addEventListener('click', open);
  button.addEventListener('pointerdown', () => {
    const release = (event: PointerEvent) => {
      removeEventListener('pointerup', release, true);
      removeEventListener('pointercancel', release, true);
      // The element replaced the stand-in between press and release: the browser fires no click for a press whose
      // target left the page, so a release on the element stands for it.
      if (event.type === 'pointerup' && !button.isConnected && event.composedPath().includes(host)) open();
    };
    addEventListener('pointerup', release, true);
    addEventListener('pointercancel', release, true);
  });
}

/** Paints a stand-in for each `<guest-chat>` parsed so far that has none yet; returns them all. */
function paintStandIns(): HTMLElement[] {
  const hosts = [...document.querySelectorAll<HTMLElement>(TAG)];
  if (!customElements.get(TAG)) hosts.forEach(standIn);
  return hosts;
}

/** A panel to show or a chat from an earlier page to resume: the element is needed now, not when the page is idle. */
function neededNow(host: HTMLElement): boolean {
  return (
    host.hasAttribute('open') ||
    hasSavedChat(host.getAttribute('transport'), host.getAttribute('deployment-id')?.trim() ?? '')
  );
}

/** Once the page is parsed: every stand-in, then the element's fetch. */
function start(): void {
  if (customElements.get(TAG)) return;
  if (paintStandIns().some(neededNow)) quietly();
  else whenIdle(quietly);
}

// Elements above the script get their stand-ins now; those below it, once the page is parsed.
if (document.readyState === 'loading') {
  paintStandIns();
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
