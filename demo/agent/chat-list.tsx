import type { ComponentChildren } from 'preact';
import type { DeskChat, DeskChatKind } from './desk.js';

/** How the console names each kind of conversation. */
export const KIND_LABELS: Record<DeskChatKind, string> = {
  'guest-chat': 'Guest Chat',
  'web-messaging': 'Web Messaging',
};

interface Props {
  chats: DeskChat[];
  /** Chats in a queue that no agent has been offered yet. */
  queued: number;
  openId: string | null;
  onOpen: (id: string) => void;
}

/** The chats ringing for this agent, the ones it is in, and the ones that ended. */
export function ChatList({ chats, queued, openId, onOpen }: Props) {
  const waiting = chats.filter((chat) => chat.state === 'alerting');
  const active = chats.filter((chat) => chat.state === 'active');
  const ended = chats.filter((chat) => chat.state === 'ended');
  return (
    <nav class="chat-list" aria-label="Chats">
      <Section title="Waiting" chats={waiting} openId={openId} onOpen={onOpen}>
        {queued > 0 ? `${queued} in the queue, no agent free.` : 'Nobody is waiting.'}
      </Section>
      <Section title="Active" chats={active} openId={openId} onOpen={onOpen}>
        No chat in progress.
      </Section>
      {ended.length > 0 && <Section title="Ended" chats={ended} openId={openId} onOpen={onOpen} />}
    </nav>
  );
}

function Section({
  title,
  chats,
  openId,
  onOpen,
  children,
}: {
  title: string;
  chats: DeskChat[];
  openId: string | null;
  onOpen: (id: string) => void;
  children?: ComponentChildren;
}) {
  const id = `list-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} ({chats.length})
      </h2>
      {chats.length === 0 ? (
        <p class="empty">{children}</p>
      ) : (
        <ul>
          {chats.map((chat) => (
            <li key={chat.id}>
              <button
                type="button"
                class="chat-item"
                aria-current={chat.id === openId ? 'true' : undefined}
                onClick={() => onOpen(chat.id)}
              >
                <span class="name">{chat.customerName}</span>
                <span class="preview">{chat.customerTyping ? 'Typing…' : preview(chat)}</span>
                <span class="badge kind">{KIND_LABELS[chat.kind]}</span>
                {chat.state === 'alerting' && <span class="badge">Ringing</span>}
                {chat.handledBy === 'bot' && <span class="badge bot">Echo bot</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function preview(chat: DeskChat): string {
  const last = chat.messages.filter((m) => m.from !== 'notice').at(-1);
  return last?.text ?? 'No messages yet';
}
