import { expect, waitUntil } from '@open-wc/testing';
import { TestEmulator } from '../helpers/emulator.js';

type Transport = 'guest-chat' | 'web-messaging';

/** A real 1x1 PNG: the emulator checks that a file claiming to be a PNG starts like one. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The visitor's name in the console: Web Messaging carries no name to the agent side, so its guest is generic. */
/** How the console labels each transport's conversations. */
const KIND_LABELS: Record<Transport, string> = { 'guest-chat': 'Guest Chat', 'web-messaging': 'Web Messaging' };

/**
 * The demo's pages in frames of this page (same origin, so the test can read them), pointed at `emulator`, the site's
 * widget speaking `transport`.
 */
async function openSideBySide(
  emulator: TestEmulator,
  transport: Transport,
): Promise<{ site: Document; agent: Document }> {
  const frame = async (path: string) => {
    const iframe = document.createElement('iframe');
    iframe.style.width = '640px';
    iframe.style.height = '720px';
    iframe.src = `${path}?${new URLSearchParams({ emulator: emulator.url, transport })}`;
    const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
    document.body.append(iframe);
    await loaded;
    return iframe.contentDocument!;
  };
  const [site, agent] = await Promise.all([frame('/demo/index.html'), frame('/demo/agent/index.html')]);
  return { site, agent };
}

type Chat = HTMLElement & { updateComplete: Promise<boolean> };

/** The widget's shadow root, once its element is defined and rendered. */
async function widgetOf(site: Document): Promise<ShadowRoot> {
  await waitUntil(() => site.defaultView?.customElements.get('guest-chat'), 'the CDN bundle defines <guest-chat>');
  const chat = site.querySelector('guest-chat') as Chat;
  await chat.updateComplete;
  return chat.shadowRoot!;
}

/** Types into a field the way a key press would, so the page's input handlers run. */
function type(field: HTMLInputElement | HTMLTextAreaElement, text: string) {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

const text = (node: ParentNode | null | undefined) => node?.textContent?.replace(/\s+/g, ' ') ?? '';

/**
 * A chat between the demo site and the agent console over `transport`: the visitor starts it, the agent accepts, each
 * side sees the other one typing and then their message, and the agent's disconnect ends it on both sides.
 */
async function chatSideBySide(emulator: TestEmulator, transport: Transport) {
  const { site, agent } = await openSideBySide(emulator, transport);
  await waitUntil(() => text(agent.body).includes('Signed in as Sam'), 'the console signs its agent in', {
    timeout: 5000,
  });

  // The visitor opens the widget, introduces themself and starts the chat.
  const widget = await startVisitorChat(site);
  const composer = widget.querySelector('[part~="composer"] textarea') as HTMLTextAreaElement;

  // The visitor writes first: the chat rings in the console; the agent accepts and sees the message.
  type(composer, 'Is my meter reading in?');
  (widget.querySelector('[part~="composer"]') as HTMLFormElement).requestSubmit();
  const button = (name: string) =>
    [...agent.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
  await waitUntil(() => button('Accept'), 'the chat rings for the agent', { timeout: 5000 });
  // Both protocols give the agent the name from the form (Web Messaging as the reserved custom attribute).
  expect(text(agent.querySelector('.chat-list')))
    .to.contain('Dana Whitfield')
    .and.contain(KIND_LABELS[transport]);
  button('Accept')!.click();
  await waitUntil(
    () => text(agent.querySelector('.transcript')).includes('Is my meter reading in?'),
    "the agent sees the visitor's message",
    { timeout: 5000 },
  );
  const head = text(agent.querySelector('.chat-head'));
  expect(head, "the page's custom field, labelled").to.match(/Page:\s*help-centre/);
  expect(head, 'no raw keys such as firstName:').not.to.match(/\b[a-z]+[A-Z]\w*:/);

  // The agent replies, then types again: the visitor sees the reply, then the agent typing. (A Web Messaging widget
  // learns the agent's name from its first message, so typing is checked after one.)
  const reply = agent.querySelector('.composer textarea') as HTMLTextAreaElement;
  type(reply, 'Yes, it arrived on the 20th.');
  // Preact renders the new draft on the next microtask; a person pressing Enter is always later than that.
  await Promise.resolve();
  (agent.querySelector('.composer') as HTMLFormElement).requestSubmit();
  await waitUntil(
    () => text(widget.querySelector('[part~="transcript"]')).includes('Yes, it arrived on the 20th.'),
    "the visitor sees the agent's reply",
    { timeout: 5000 },
  );
  // The agent's name is isolated for bidirectional text (U+2068 ... U+2069).
  expect(text(widget)).to.contain('\u2068Sam\u2069 joined the chat');
  type(reply, 'Anything else');
  await waitUntil(() => text(widget).includes('\u2068Sam\u2069 is typing'), 'the visitor sees the agent typing', {
    timeout: 5000,
  });

  // The visitor types (the widget sends typing at most every few seconds, so wait for that window to pass): the agent
  // sees it, and it stops once the visitor's message arrives.
  const typingStatus = () => text(agent.querySelector('.typing'));
  await waitUntil(
    () => {
      type(composer, 'Thanks');
      return typingStatus().includes('is typing');
    },
    'the agent sees the visitor typing',
    { timeout: 10000, interval: 500 },
  );
  (widget.querySelector('[part~="composer"]') as HTMLFormElement).requestSubmit();
  await waitUntil(
    () => text(agent.querySelector('.transcript')).includes('Thanks'),
    "the agent sees the visitor's reply",
    {
      timeout: 5000,
    },
  );
  await waitUntil(() => !typingStatus().includes('is typing'), "the visitor's typing stops with the message", {
    timeout: 5000,
  });

  // The agent disconnects: both sides see the chat end.
  button('Disconnect')!.click();
  await waitUntil(
    () => text(agent.querySelector('.transcript')).includes('This chat has ended.'),
    'the console shows the end',
    {
      timeout: 5000,
    },
  );
  await waitUntil(() => text(widget).includes('The chat has ended.'), 'the visitor sees the end', { timeout: 5000 });
}

/** The parts of a pushed Outbound message body these tests read. */
interface Outbound {
  direction?: string;
  type?: string;
  text?: string;
  channel?: { from?: { nickname?: string } };
  events?: { eventType?: string; presence?: { type?: string } }[];
}

/** A Web Messaging guest scripted over its socket: what the widget would send, and every frame the server pushed. */
class MessagingGuest {
  readonly frames: { type?: string; class?: string; body?: Outbound }[] = [];
  private readonly token = crypto.randomUUID();

  private constructor(
    private readonly socket: WebSocket,
    private readonly deploymentId: string,
  ) {
    socket.addEventListener('message', (event) => this.frames.push(JSON.parse(event.data)));
  }

  static async connect(emulator: TestEmulator): Promise<MessagingGuest> {
    const { deploymentId } = await emulator.config();
    const socket = new WebSocket(`${emulator.url.replace('http', 'ws')}/v1?deploymentId=${deploymentId}`);
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    const guest = new MessagingGuest(socket, deploymentId);
    guest.send('configureSession', { deploymentId });
    await waitUntil(() => guest.frames.some((frame) => frame.class === 'SessionResponse'), 'the session is configured');
    return guest;
  }

  say(text: string) {
    this.send('onMessage', { message: { type: 'Text', text } });
  }

  typing() {
    this.send('onMessage', { message: { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] } });
  }

  /** Answers quick replies as the widget does: a ButtonResponse with empty text. */
  answer(text: string, payload: string) {
    const buttonResponse = { text, payload, type: 'QuickReply' };
    this.send('onMessage', {
      message: { type: 'Text', text: '', content: [{ contentType: 'ButtonResponse', buttonResponse }] },
    });
  }

  /** Pushed Outbound bodies: what the agent side did. */
  outbound(): Outbound[] {
    return this.frames
      .filter((frame) => frame.type === 'message' && frame.body?.direction === 'Outbound')
      .map((frame) => frame.body!);
  }

  close() {
    this.socket.close();
  }

  private send(action: string, fields: Record<string, unknown>) {
    this.socket.send(JSON.stringify({ action, token: this.token, deploymentId: this.deploymentId, ...fields }));
  }
}

/** The console's buttons by their text. */
const buttonIn = (page: Document, name: string) =>
  [...page.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);

/** The visitor opens the widget, gives a name and starts a chat; resolves with the widget's shadow root. */
async function startVisitorChat(site: Document): Promise<ShadowRoot> {
  const widget = await widgetOf(site);
  (widget.querySelector('[part~="launcher"]') as HTMLButtonElement).click();
  await waitUntil(() => widget.querySelector('[part~="prechat"] input[name="name"]'), 'the pre-chat form shows');
  type(widget.querySelector('input[name="name"]') as HTMLInputElement, 'Dana Whitfield');
  (widget.querySelector('[part~="prechat"]') as HTMLFormElement).requestSubmit();
  await waitUntil(() => widget.querySelector('[part~="composer"] textarea'), 'the chat starts', { timeout: 5000 });
  return widget;
}

/**
 * "Fail visitor's next send" in the console fails the visitor's next message on `transport` (a REST send, an
 * `onMessage` frame), and not the console's own polls, which go on meanwhile.
 */
async function failVisitorSend(emulator: TestEmulator, transport: Transport) {
  const { site, agent } = await openSideBySide(emulator, transport);
  await waitUntil(() => text(agent.body).includes('Signed in as Sam'), 'the console signs its agent in', {
    timeout: 5000,
  });
  const widget = await startVisitorChat(site);
  const composer = widget.querySelector('[part~="composer"] textarea') as HTMLTextAreaElement;
  const say = (words: string) => {
    type(composer, words);
    (widget.querySelector('[part~="composer"]') as HTMLFormElement).requestSubmit();
  };
  say('Hello');
  await waitUntil(() => buttonIn(agent, 'Accept'), 'the chat rings for the agent', { timeout: 5000 });
  buttonIn(agent, 'Accept')!.click();
  await waitUntil(() => text(agent.querySelector('.transcript')).includes('Hello'), 'the agent reads it', {
    timeout: 5000,
  });

  type Faults = { failNextSend: { side?: string } | null };
  const faults = () => emulator.call<Faults>('POST', '/emulator/faults', {});
  buttonIn(agent, "Fail visitor's next send")!.click();
  await waitUntil(async () => (await faults()).failNextSend, 'the fault is armed', { timeout: 5000 });
  // The agent's reply and the console's polls that show it must not use the visitor's fault up.
  const reply = agent.querySelector('.composer textarea') as HTMLTextAreaElement;
  type(reply, 'Hi Dana');
  await Promise.resolve();
  (agent.querySelector('.composer') as HTMLFormElement).requestSubmit();
  await waitUntil(
    () => text(widget.querySelector('[part~="transcript"]')).includes('Hi Dana'),
    'the visitor gets the reply',
    { timeout: 5000 },
  );
  await waitUntil(() => text(agent.querySelector('.transcript')).includes('Hi Dana'), 'the console polled it', {
    timeout: 5000,
  });
  expect((await faults()).failNextSend?.side, 'still armed after the console polled').to.equal('guest');

  // The visitor's send fails once (503, or 5000 on the socket) and the widget tries it again, so it still arrives.
  say('Sent on the second try');
  await waitUntil(async () => (await faults()).failNextSend === null, "the visitor's send used the fault", {
    timeout: 5000,
  });
  await waitUntil(
    () => text(agent.querySelector('.transcript')).includes('Sent on the second try'),
    'the widget recovered: the agent gets the message',
    { timeout: 10000 },
  );
  expect(text(agent.body)).to.contain('Emulator online');
  expect(agent.querySelector('.error')).to.equal(null);
}

describe('demo: the site and the agent console side by side', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await TestEmulator.start({ demo: true });
  });

  // Each test starts from an empty emulator with no console of an earlier test left signed in.
  afterEach(async () => {
    document.querySelectorAll('iframe').forEach((iframe) => iframe.remove());
    // The frames share this page's storage: a chat a failed test left open must not be resumed by the next one.
    localStorage.clear();
    sessionStorage.clear();
    await emulator.call('POST', '/emulator/reset');
  });

  after(async () => {
    await emulator.stop();
  });

  it('serves both pages, the bundles and the emulator on one port', async () => {
    for (const [path, type] of [
      ['/', 'text/html'],
      ['/agent/', 'text/html'],
      ['/dist/guest-chat.min.js', 'text/javascript'],
      ['/dist/demo/agent.js', 'text/javascript'],
      ['/emulator/health', 'application/json'],
    ]) {
      const res = await fetch(emulator.url + path);
      expect(res.status, path).to.equal(200);
      expect(res.headers.get('content-type'), path).to.contain(type);
    }
    expect(await (await fetch(`${emulator.url}/`)).text()).to.contain('<guest-chat');
  });

  it("runs a Guest Chat from both ends: each side sees the other one's messages and typing", async () => {
    await chatSideBySide(emulator, 'guest-chat');
  });

  it("runs a Web Messaging chat from both ends: each side sees the other one's messages and typing", async () => {
    await chatSideBySide(emulator, 'web-messaging');
  });

  it('the console answers a Web Messaging conversation: messages and typing both ways, then the disconnect', async () => {
    const { agent } = await openSideBySide(emulator, 'guest-chat');
    await waitUntil(() => text(agent.body).includes('Signed in as Sam'), 'the console signs its agent in', {
      timeout: 5000,
    });
    const guest = await MessagingGuest.connect(emulator);
    guest.say('Can I move my payment date?');

    const button = (name: string) =>
      [...agent.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
    await waitUntil(() => button('Accept'), 'the conversation rings for the agent', { timeout: 5000 });
    expect(text(agent.querySelector('.chat-list'))).to.contain('Web Messaging');
    button('Accept')!.click();
    await waitUntil(
      () => text(agent.querySelector('.transcript')).includes('Can I move my payment date?'),
      "the agent sees the guest's message",
      { timeout: 5000 },
    );

    guest.typing();
    await waitUntil(
      () => text(agent.querySelector('.typing')).includes('is typing'),
      'the agent sees the guest typing',
      {
        timeout: 5000,
      },
    );
    guest.say('To the 1st?');
    await waitUntil(
      () => text(agent.querySelector('.transcript')).includes('To the 1st?'),
      'the second message arrives',
      {
        timeout: 5000,
      },
    );
    await waitUntil(
      () => !text(agent.querySelector('.typing')).includes('is typing'),
      'typing stops with the message',
      {
        timeout: 5000,
      },
    );

    const reply = agent.querySelector('.composer textarea') as HTMLTextAreaElement;
    type(reply, 'Yes');
    await waitUntil(
      () => guest.outbound().some((body) => body.events?.[0]?.eventType === 'Typing'),
      'the guest hears the agent typing',
      { timeout: 5000 },
    );
    type(reply, 'Yes, any day from the 1st to the 28th.');
    await Promise.resolve();
    (agent.querySelector('.composer') as HTMLFormElement).requestSubmit();
    await waitUntil(
      () => guest.outbound().some((body) => body.text === 'Yes, any day from the 1st to the 28th.'),
      'the guest gets the reply',
      { timeout: 5000 },
    );
    expect(guest.outbound().find((body) => body.type === 'Text')?.channel?.from?.nickname).to.equal('Sam');
    await waitUntil(
      () => text(agent.querySelector('.transcript')).includes('Yes, any day from the 1st to the 28th.'),
      'the reply shows in the console',
      { timeout: 5000 },
    );

    button('Disconnect')!.click();
    await waitUntil(
      () => guest.outbound().some((body) => body.events?.[0]?.presence?.type === 'Disconnect'),
      'the guest hears the disconnect',
      { timeout: 5000 },
    );
    await waitUntil(
      () => text(agent.querySelector('.transcript')).includes('This chat has ended.'),
      'the console shows the end',
      {
        timeout: 5000,
      },
    );
    guest.close();
  });

  it("the console shows what a bot offered a Web Messaging guest and the guest's answer", async () => {
    const { agent } = await openSideBySide(emulator, 'guest-chat');
    await waitUntil(() => text(agent.body).includes('Signed in as Sam'), 'the console signs its agent in', {
      timeout: 5000,
    });
    const guest = await MessagingGuest.connect(emulator);
    guest.say('Hi');
    const accept = () => [...agent.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Accept');
    await waitUntil(accept, 'the conversation rings for the agent', { timeout: 5000 });
    accept()!.click();
    await waitUntil(() => text(agent.querySelector('.transcript')).includes('Hi'), 'the agent sees the guest', {
      timeout: 5000,
    });
    const [conversation] = await emulator.conversations<{ id: string }[]>();
    await emulator.call('POST', `/emulator/conversations/${conversation.id}/messages`, {
      text: 'Did that help?',
      content: [
        { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'YES' } },
        { contentType: 'QuickReply', quickReply: { text: 'No', payload: 'NO' } },
      ],
    });
    await waitUntil(
      () => text(agent.querySelector('.transcript')).includes('Quick replies: Yes · No'),
      'the console shows the offer',
      { timeout: 5000 },
    );
    guest.answer('Yes', 'YES');
    await waitUntil(() => agent.querySelector('.message.answer'), "the console shows the guest's answer", {
      timeout: 5000,
    });
    expect(text(agent.querySelector('.message.answer')))
      .to.contain('Yes')
      .and.contain('payload YES');
    guest.close();
  });

  it("\"Fail visitor's next send\" fails the visitor's next Guest Chat send, not the console's poll", async () => {
    await failVisitorSend(emulator, 'guest-chat');
  });

  it('"Fail visitor\'s next send" fails the visitor\'s next Web Messaging message', async () => {
    await failVisitorSend(emulator, 'web-messaging');
  });

  it('both pages have a favicon', async () => {
    for (const page of ['/', '/agent/']) {
      const html = await (await fetch(emulator.url + page)).text();
      const icon = new DOMParser().parseFromString(html, 'text/html').querySelector('link[rel="icon"]');
      expect(icon, page).to.not.equal(null);
      const res = await fetch(new URL(icon!.getAttribute('href')!, emulator.url));
      expect(res.status, page).to.equal(200);
      expect(res.headers.get('content-type'), page).to.contain('image/svg+xml');
    }
  });

  it('the site takes only an http(s) URL from ?emulator=', async () => {
    for (const given of ['javascript:alert(1)', 'data:text/html,hi', 'not a url']) {
      const iframe = document.createElement('iframe');
      iframe.src = `/demo/index.html?${new URLSearchParams({ emulator: given })}`;
      const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      document.body.append(iframe);
      await loaded;
      const page = iframe.contentDocument!;
      expect(page.querySelector('guest-chat')!.getAttribute('environment'), given).to.equal(location.origin);
      expect(page.getElementById('agent-link')!.getAttribute('href'), given).to.equal(`${location.origin}/agent/`);
      iframe.remove();
    }
  });

  it('closing the console signs its agent out: the conversation ringing for it goes back to the queue', async () => {
    const { agent } = await openSideBySide(emulator, 'guest-chat');
    await waitUntil(() => text(agent.body).includes('Signed in as Sam'), 'the console signs its agent in', {
      timeout: 5000,
    });
    const guest = await MessagingGuest.connect(emulator);
    guest.say('Anyone there?');
    await waitUntil(() => text(agent.querySelector('.chat-list')).includes('Ringing'), 'it rings for the agent', {
      timeout: 5000,
    });

    document.querySelectorAll('iframe').forEach((iframe) => iframe.remove());
    type Member = { role: string; state: string };
    const agentsRinging = async () => {
      const [conversation] = await emulator.conversations<{ members: Member[] }[]>();
      return conversation.members.filter((m) => m.role === 'AGENT' && m.state !== 'DISCONNECTED').length;
    };
    await waitUntil(async () => (await agentsRinging()) === 0, 'the agent signed out', { timeout: 5000 });
    guest.close();
  });

  it('the auto-answer toggle hands the console to the echo bot, and back to the agent', async () => {
    const { agent } = await openSideBySide(emulator, 'guest-chat');
    await waitUntil(() => text(agent.body).includes('Signed in as Sam'), 'the console signs its agent in', {
      timeout: 5000,
    });
    const toggle = agent.querySelector('.toggle input') as HTMLInputElement;
    toggle.click();
    await waitUntil(() => text(agent.body).includes('Echo bot answers new chats'), 'the echo bot signs in', {
      timeout: 5000,
    });

    const guest = await MessagingGuest.connect(emulator);
    guest.say('Hello?');
    await waitUntil(
      () => guest.outbound().some((body) => body.text?.startsWith("Hi, I'm Echo bot")),
      'the echo bot answers',
      { timeout: 10000 },
    );
    await waitUntil(
      () => text(agent.querySelector('.chat-list')).includes('Echo bot'),
      "the console shows the bot's chat",
      {
        timeout: 5000,
      },
    );

    // Back to the agent: the bot signs out and its conversation rings for the agent instead.
    toggle.click();
    await waitUntil(() => text(agent.body).includes('Signed in as Sam'), 'the agent signs in again', { timeout: 5000 });
    await waitUntil(
      () => [...agent.querySelectorAll('button')].some((candidate) => candidate.textContent?.trim() === 'Accept'),
      "the bot's conversation rings for the agent",
      { timeout: 5000 },
    );
    guest.close();
  });

  it('attachments both ways: the visitor sends a picture, the console shows it and sends one back', async () => {
    const { site, agent } = await openSideBySide(emulator, 'web-messaging');
    await waitUntil(() => text(agent.body).includes('Signed in as Sam'), 'the console signs its agent in', {
      timeout: 5000,
    });
    const png = (view: Window & typeof globalThis, name: string) =>
      new view.File([Uint8Array.from(atob(PNG_BASE64), (char) => char.charCodeAt(0))], name, { type: 'image/png' });
    const pick = (input: HTMLInputElement, file: File) => {
      const transfer = new (input.ownerDocument.defaultView as Window & typeof globalThis).DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const widget = await widgetOf(site);
    (widget.querySelector('[part~="launcher"]') as HTMLButtonElement).click();
    await waitUntil(() => widget.querySelector('[part~="prechat"] input[name="name"]'), 'the pre-chat form shows');
    type(widget.querySelector('input[name="name"]') as HTMLInputElement, 'Dana Whitfield');
    (widget.querySelector('[part~="prechat"]') as HTMLFormElement).requestSubmit();
    await waitUntil(() => widget.querySelector('[part~="attach-button"]'), 'the attach button shows', {
      timeout: 5000,
    });
    pick(widget.querySelector('[part~="composer"] input[type="file"]')!, png(site.defaultView as never, 'meter.png'));
    await waitUntil(() => widget.querySelector('.uploads .upload.ready'), 'the picture is uploaded', { timeout: 5000 });
    (widget.querySelector('[part~="composer"]') as HTMLFormElement).requestSubmit();

    const button = (name: string) =>
      [...agent.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
    await waitUntil(() => button('Accept'), 'the chat rings for the agent', { timeout: 5000 });
    button('Accept')!.click();
    await waitUntil(
      () => agent.querySelector('.transcript img[alt="meter.png"]'),
      "the console shows the visitor's picture",
      {
        timeout: 5000,
      },
    );
    pick(agent.querySelector('.composer input[type="file"]')!, png(agent.defaultView as never, 'label.png'));
    await waitUntil(
      () => widget.querySelector('[part~="message"][part~="agent"] .thumb img[alt="label.png"]'),
      "the visitor sees the agent's picture",
      { timeout: 5000 },
    );
  });
});
