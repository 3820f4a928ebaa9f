import { expect, waitUntil } from '@open-wc/testing';
import { TestEmulator } from '../helpers/emulator.js';
import type { GuestChatElement } from '../../src/ui/guest-chat.js';
import { defineGuestChat } from '../../src/ui/define.js';
import { $, $$, fillForm, settle, typeDraft } from '../ui/helpers/fake-session.js';
import { openAgainst } from '../ui/helpers/mount.js';

// A chat the server no longer has (the emulator reset stands for a restart or an expiry) must be given up within
// seconds: the waits below are far shorter than the minutes the socket's own retries would take.
const soon = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 10_000 });

defineGuestChat();

/** Every WebSocket the page opens, to check none is left open and none goes to a host it should not. */
const opened: WebSocket[] = [];
const NativeWebSocket = window.WebSocket;
class RecordingWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    opened.push(this);
  }
}
window.WebSocket = RecordingWebSocket;
const stillOpen = () => opened.filter((socket) => socket.readyState <= NativeWebSocket.OPEN);

for (const transport of ['guest-chat', 'web-messaging'] as const)
  describe(`a chat the server forgot (${transport})`, () => {
    const emulator = TestEmulator.forSuite();
    let el: GuestChatElement;
    let config: Awaited<ReturnType<TestEmulator['config']>>;
    const storage = () => (transport === 'web-messaging' ? localStorage : sessionStorage);
    const key = () => `${transport}:${config.deploymentId}`;

    before(async () => {
      config = await emulator.config();
    });
    beforeEach(() => {
      opened.length = 0;
    });

    async function mount(): Promise<GuestChatElement> {
      el = await openAgainst(emulator, transport);
      return el;
    }

    async function chatting(): Promise<void> {
      await mount();
      await fillForm(el, { name: 'Sam Visitor' });
      await soon(() => el.state === 'waiting', 'the chat starts');
      if (transport === 'web-messaging') {
        await typeDraft(el, 'Hello');
        $<HTMLButtonElement>(el, '[part~="send-button"]').click();
        await soon(() => $(el, '[part~="own"]')?.textContent?.includes('Sent'), 'the first message is delivered');
      }
    }

    const formShowsEnded = () =>
      $(el, '#field-name') && $(el, '[part~="prechat"]')?.textContent?.includes('Your earlier chat has ended.');

    it('resumes nothing after a restart: the form says the earlier chat ended, the record and sockets are gone', async () => {
      await chatting();
      expect(storage().getItem(key())).to.not.equal(null);
      el.remove();
      await emulator.call('POST', '/emulator/reset');
      opened.length = 0;
      await mount();
      await soon(formShowsEnded, 'the form with the notice');
      expect(storage().getItem(key())).to.equal(null);
      await soon(() => stillOpen().length === 0, 'no socket is left open');
      expect($$(el, '[part~="message"]')).to.have.length(0);
    });

    it('ends a live chat the server forgot within seconds, keeping unsent text visible without a Retry', async () => {
      await chatting();
      await emulator.call('POST', '/emulator/reset');
      await typeDraft(el, 'Are you still there?');
      $<HTMLButtonElement>(el, '[part~="send-button"]').click();
      await soon(() => el.state === 'ended', 'the chat ends');
      await settle(el);
      // The server no longer has the chat: it expired, which is no network failure.
      expect($$(el, '[part~="notice"]').at(-1)!.textContent).to.equal('The chat has expired.');
      expect($(el, '.bar').textContent).to.not.contain('expired');
      expect($(el, '.banner')?.textContent ?? '').to.not.contain('connection');
      const unsent = $$(el, '[part~="own"]').at(-1)!;
      expect(unsent.querySelector('.bubble')?.textContent).to.equal('Are you still there?');
      expect(unsent.textContent).to.not.contain('Sending');
      expect($$(el, '.retry')).to.have.length(0);
    });
  });

describe('a kept Guest Chat record that cannot be used as it is', () => {
  const emulator = TestEmulator.forSuite();
  let el: GuestChatElement;
  let config: Awaited<ReturnType<TestEmulator['config']>>;

  before(async () => {
    config = await emulator.config();
  });
  beforeEach(() => {
    opened.length = 0;
  });

  async function mountWith(record: Record<string, string>): Promise<void> {
    const key = `guest-chat:${config.deploymentId}`;
    sessionStorage.setItem(key, JSON.stringify({ version: 1, transport: { kind: 'guest-chat', ...record } }));
    el = await openAgainst(emulator, 'guest-chat');
    await soon(() => $(el, '[part~="prechat"]')?.textContent?.includes('Your earlier chat has ended.'), 'the form');
    expect(sessionStorage.getItem(key)).to.equal(null);
  }

  const ids = {
    conversationId: 'c0ffee00-0000-4000-8000-000000000001',
    memberId: 'c0ffee00-0000-4000-8000-000000000002',
  };

  it('never connects to an event stream on a host other than the environment', async () => {
    await mountWith({ ...ids, jwt: 'a.b.c', eventStreamUri: 'wss://elsewhere.example/v1/token/a.b.c' });
    expect(opened.map((socket) => socket.url)).to.deep.equal([]);
  });

  it('drops a record whose event stream address is unusable', async () => {
    await mountWith({ ...ids, jwt: 'a.b.c', eventStreamUri: 'javascript:alert(1)' });
    expect(opened).to.have.length(0);
  });

  it('drops a record with an oversized token without sending it', async () => {
    const jwt = 'a'.repeat(100_000);
    await mountWith({ ...ids, jwt, eventStreamUri: `${emulator.url.replace(/^http/, 'ws')}/v1/token/${jwt}` });
    expect(opened).to.have.length(0);
  });

  it('drops a record whose ids would walk the URL path', async () => {
    await mountWith({
      conversationId: '..',
      memberId: '../../x',
      jwt: 'a.b.c',
      eventStreamUri: `${emulator.url.replace(/^http/, 'ws')}/v1/token/a.b.c`,
    });
    expect(opened).to.have.length(0);
  });
});

describe('a kept Web Messaging record with an oversized token', () => {
  const emulator = TestEmulator.forSuite();
  let el: GuestChatElement;

  it('is dropped, and the token is never sent', async () => {
    const config = await emulator.config();
    const token = 'x'.repeat(100_000);
    const key = `web-messaging:${config.deploymentId}`;
    localStorage.setItem(
      key,
      JSON.stringify({ version: 1, transport: { kind: 'web-messaging', deploymentId: config.deploymentId, token } }),
    );
    localStorage.setItem(`guest-chat:web-messaging:${config.deploymentId}`, token);
    const sent: string[] = [];
    const send = NativeWebSocket.prototype.send;
    NativeWebSocket.prototype.send = function (this: WebSocket, data: string) {
      sent.push(data);
      send.call(this, data);
    };
    try {
      el = await openAgainst(emulator, 'web-messaging');
      await soon(() => $(el, '[part~="prechat"]')?.textContent?.includes('Your earlier chat has ended.'), 'the form');
      expect(localStorage.getItem(key)).to.equal(null);
      await fillForm(el, { name: 'Sam' });
      await soon(() => el.state === 'waiting', 'a new chat starts');
      expect(sent.some((frame) => frame.includes(token))).to.equal(false);
    } finally {
      NativeWebSocket.prototype.send = send;
    }
  });
});
