import { html, nothing } from 'lit';
import type { ChatSession } from '../../session/types.js';
import { CHAT_ICON_PATH } from '../launcher.js';
import { icon, type ChatHost, type UiState } from './chat-host.js';
import { downIcon } from './panel.js';
import { isLive } from './session-wiring.js';

const chatIcon = icon(CHAT_ICON_PATH);

/**
 * The launcher: it opens and closes the panel, and while the panel is closed tells of unread messages or a chat going
 * on, in its badge and its accessible name.
 */
export function renderLauncher(
  host: ChatHost & { launcherLabel: string },
  ui: UiState,
  session: ChatSession | null,
  panelShown: boolean,
  toggle: () => void,
) {
  const s = ui.s;
  const opened = host.opened;
  const unread = session?.unread.value ?? 0;
  // A chat goes on while the panel is closed: the launcher says so, as it does unread messages.
  const running = !opened && isLive(session?.phase.value ?? 'idle');
  const label = host.launcherLabel || s.launcher;
  return html`<button
    part="launcher"
    class="launcher"
    type="button"
    aria-expanded=${opened}
    aria-controls=${panelShown ? 'panel' : nothing}
    aria-label=${unread ? `${label}, ${s.unread(unread)}` : running ? `${label}, ${s.inProgress}` : label}
    @click=${toggle}
  >
    ${opened ? downIcon : chatIcon}
    ${unread && !opened ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : running ? html`<span part="badge running" class="badge running" aria-hidden="true"></span>` : nothing}
  </button>`;
}
