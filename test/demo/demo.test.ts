import { expect, waitUntil } from '@open-wc/testing';
import { TestEmulator } from '../helpers/emulator.js';

type Transport = 'guest-chat' | 'web-messaging';

/**
 * The demo's pages in frames of this page (same origin, so the test can read them), pointed at `emulator`, the site's
 * widget speaking `transport`.
 */
async function openSideBySide(emulator: TestEmulator, transport: Transport): Promise<{ site: Document; agent: Document }> {
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
  await waitUntil(() => text(agent.body).includes('Signed in as Sam'), 'the console signs its agent in', { timeout: 5000 });

  // The visitor opens the widget, introduces themself and starts the chat.
  const widget = await widgetOf(site);
  (widget.querySelector('[part~="launcher"]') as HTMLButtonElement).click();
  await waitUntil(() => widget.querySelector('[part~="prechat"] input[name="name"]'), 'the pre-chat form shows');
  type(widget.querySelector('input[name="name"]') as HTMLInputElement, 'Dana Whitfield');
  (widget.querySelector('[part~="prechat"]') as HTMLFormElement).requestSubmit();
  await waitUntil(() => widget.querySelector('[part~="composer"] textarea'), 'the chat starts', { timeout: 5000 });
  const composer = widget.querySelector('[part~="composer"] textarea') as HTMLTextAreaElement;

  // The visitor writes first: the chat rings in the console; the agent accepts and sees the message.
  type(composer, 'Is my meter reading in?');
  (widget.querySelector('[part~="composer"]') as HTMLFormElement).requestSubmit();
  const button = (name: string) =>
    [...agent.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
  await waitUntil(() => button('Accept'), 'the chat rings for the agent', { timeout: 5000 });
  expect(text(agent.querySelector('.chat-list'))).to.contain('Dana Whitfield');
  button('Accept')!.click();
  await waitUntil(
    () => text(agent.querySelector('.transcript')).includes('Is my meter reading in?'),
    'the agent sees the visitor\'s message',
    { timeout: 5000 },
  );

  // The agent types: the visitor sees it; then the reply arrives.
  const reply = agent.querySelector('.composer textarea') as HTMLTextAreaElement;
  type(reply, 'Yes, it arrived');
  await waitUntil(() => text(widget).includes('Sam is typing'), 'the visitor sees the agent typing', { timeout: 5000 });
  type(reply, 'Yes, it arrived on the 20th.');
  // Preact renders the new draft on the next microtask; a person pressing Enter is always later than that.
  await Promise.resolve();
  (agent.querySelector('.composer') as HTMLFormElement).requestSubmit();
  await waitUntil(
    () => text(widget.querySelector('[part~="transcript"]')).includes('Yes, it arrived on the 20th.'),
    'the visitor sees the agent\'s reply',
    { timeout: 5000 },
  );
  expect(text(widget)).to.contain('Sam joined the chat');

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
  await waitUntil(() => text(agent.querySelector('.transcript')).includes('Thanks'), 'the agent sees the visitor\'s reply', {
    timeout: 5000,
  });
  await waitUntil(() => !typingStatus().includes('is typing'), 'the visitor\'s typing stops with the message', { timeout: 5000 });

  // The agent disconnects: both sides see the chat end.
  button('Disconnect')!.click();
  await waitUntil(() => text(agent.querySelector('.transcript')).includes('This chat has ended.'), 'the console shows the end', {
    timeout: 5000,
  });
  await waitUntil(() => text(widget).includes('The chat has ended.'), 'the visitor sees the end', { timeout: 5000 });
}

describe('demo: the site and the agent console side by side', () => {
  let emulator: TestEmulator;

  before(async () => {
    emulator = await TestEmulator.start({ demo: true });
  });

  after(async () => {
    document.querySelectorAll('iframe').forEach((iframe) => iframe.remove());
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

  it('runs a Guest Chat from both ends: each side sees the other one\'s messages and typing', async () => {
    await chatSideBySide(emulator, 'guest-chat');
  });
});
