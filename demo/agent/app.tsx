import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AgentDesk, type DeskState } from './desk.js';
import { ChatList } from './chat-list.js';
import { ChatView } from './chat-view.js';
import { Toolbar } from './toolbar.js';

// The emulator serves this console, so it lives at this page's origin; opened from elsewhere, `?emulator=` names it.
const emulator = new URLSearchParams(location.search).get('emulator') ?? location.origin;
/** The demo site, at the emulator's address. */
const sitePage = `${emulator}/`;

/** The agent console: the toolbar, the chats offered to this agent, and the open chat. */
function App({ desk }: { desk: AgentDesk }) {
  const [state, setState] = useState<DeskState>(desk.snapshot);
  const [openId, setOpenId] = useState<string | null>(null);
  useEffect(() => desk.subscribe(setState), [desk]);

  // Open the first chat that arrives, so a new user sees it without hunting for it, and keep it open once it ends.
  const open = state.chats.find((chat) => chat.id === openId) ?? state.chats.find((chat) => chat.state !== 'ended');
  useEffect(() => {
    if (open) setOpenId(open.id);
  }, [open?.id]);
  return (
    <div class="console">
      <Toolbar desk={desk} state={state} />
      <div class="body">
        <ChatList chats={state.chats} queued={state.queued} openId={open?.id ?? null} onOpen={setOpenId} />
        {open ? (
          <ChatView key={open.id} desk={desk} chat={open} />
        ) : (
          <div class="placeholder">
            <p>No chats yet.</p>
            <p>
              Open the{' '}
              <a href={sitePage} target="guest-chat-demo">
                demo page
              </a>
              , start a chat there, and it rings here.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

const desk = new AgentDesk(emulator, 'Sam');
const root = document.getElementById('app');
if (root) render(<App desk={desk} />, root);
void desk.start();
// Sign out when the page goes away, and in again when the browser brings it back from its back/forward cache.
addEventListener('pagehide', () => desk.leave());
addEventListener('pageshow', (event) => event.persisted && void desk.start());
