import { useEffect, useRef, useState } from 'preact/hooks';
import { KIND_LABELS } from './chat-list.js';
import type { AgentDesk, DeskChat, DeskFile, DeskMessage } from './desk.js';
import { fieldLabel } from './labels.js';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** One chat: who the visitor is, the transcript, and the agent's composer. */
export function ChatView({ desk, chat }: { desk: AgentDesk; chat: DeskChat }) {
  const [draft, setDraft] = useState('');
  const transcript = useRef<HTMLOListElement>(null);
  const last = chat.messages.at(-1)?.id;

  // Follow the conversation as it grows.
  useEffect(() => {
    const list = transcript.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [last]);

  const canWrite = chat.state === 'active' && chat.handledBy === 'you';
  const send = () => {
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    void desk.send(chat.id, text);
  };

  return (
    <section class="chat" aria-label={`Chat with ${chat.customerName}`}>
      <div class="chat-head">
        <h2>{chat.customerName}</h2>
        <span class="badge kind">{KIND_LABELS[chat.kind]}</span>
        <dl>
          {Object.entries(chat.details).map(([key, value]) => (
            <div key={key}>
              <dt>{fieldLabel(key)}:</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <div class="actions">
          {chat.handledBy === 'bot' && chat.state !== 'ended' && (
            <span class="badge bot">Answered by the echo bot</span>
          )}
          {chat.state === 'alerting' && (
            <button type="button" class="primary" onClick={() => void desk.accept(chat.id)}>
              Accept
            </button>
          )}
          {chat.state !== 'ended' && (
            <button type="button" class="danger" onClick={() => void desk.disconnect(chat.id)}>
              {chat.state === 'alerting' ? 'Decline' : 'Disconnect'}
            </button>
          )}
          {chat.state === 'ended' && (
            <button type="button" onClick={() => desk.dismiss(chat.id)}>
              Close
            </button>
          )}
        </div>
      </div>
      <ol class="transcript" ref={transcript} aria-live="polite">
        {chat.state === 'alerting' && <li class="message notice">Accept the chat to see what the visitor wrote.</li>}
        {chat.messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
        {chat.state === 'ended' && <li class="message notice">This chat has ended.</li>}
      </ol>
      <p class="typing" role="status">
        {chat.customerTyping ? `${chat.customerName} is typing…` : ''}
      </p>
      <form
        class="composer"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <label class="visually-hidden" for={`reply-${chat.id}`}>
          Reply
        </label>
        <textarea
          id={`reply-${chat.id}`}
          placeholder={canWrite ? 'Write a reply (Enter sends, Shift+Enter for a new line)' : ''}
          disabled={!canWrite}
          value={draft}
          onInput={(event) => {
            setDraft(event.currentTarget.value);
            desk.typing(chat.id);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              send();
            }
          }}
        />
        <button type="submit" class="primary" disabled={!canWrite || !draft.trim()}>
          Send
        </button>
        {chat.kind === 'web-messaging' && (
          <label class={`button attach${canWrite ? '' : ' disabled'}`}>
            Send an image
            <input
              type="file"
              accept="image/*"
              class="visually-hidden"
              disabled={!canWrite}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) void desk.sendFile(chat.id, file);
              }}
            />
          </label>
        )}
      </form>
    </section>
  );
}

function Message({ message }: { message: DeskMessage }) {
  if (message.from === 'notice') return <li class="message notice">{message.text}</li>;
  return (
    <li class={`message ${message.from}${message.answer ? ' answer' : ''}`}>
      <span class="meta">
        {message.name ?? (message.from === 'agent' ? 'Agent' : 'Visitor')} · {clock.format(message.time)}
      </span>
      {message.text}
      {message.detail && <span class="detail">{message.detail}</span>}
      {message.files?.map((file) => (
        <File key={file.url} file={file} />
      ))}
    </li>
  );
}

/** A file of a message: a picture as a thumbnail that opens full size, anything else as a link. http(s) only. */
function File({ file }: { file: DeskFile }) {
  if (!/^https?:\/\//.test(file.url)) return <span class="file">{file.name}</span>;
  return (
    <a class="file" href={file.url} target="_blank" rel="noopener noreferrer">
      {file.type.startsWith('image/') ? <img src={file.url} alt={file.name} /> : `${file.name} (${file.type})`}
    </a>
  );
}
