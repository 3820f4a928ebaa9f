import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { en } from '../../src/ui/strings/en.js';
import { TestEmulator } from '../helpers/emulator.js';
import { Chat, TRANSPORTS, until } from './helpers/chat.js';

for (const transport of TRANSPORTS) {
  describe(`bad configuration is told to the visitor and once to the site's developer (${transport.name})`, function () {
    this.timeout(30_000);
    let emulator: TestEmulator;
    let chat: Chat;
    let warn: sinon.SinonSpy;

    before(async () => {
      emulator = await TestEmulator.start();
    });
    after(() => emulator.stop());
    beforeEach(async () => {
      warn = sinon.spy(console, 'warn');
      chat = await Chat.mount(emulator, transport);
    });
    afterEach(async () => {
      warn.restore();
      chat.remove();
      await emulator.call('POST', '/emulator/reset');
    });

    const text = (selector: string) => chat.root.querySelector(selector)?.textContent?.trim();

    /** Starts from the pre-chat form and waits for the start to fail. */
    async function failingStart(): Promise<void> {
      chat.el.open();
      await chat.el.updateComplete;
      chat.root.querySelector<HTMLInputElement>('#field-name')!.value = 'Visitor';
      chat.root.querySelector<HTMLFormElement>('[part~="prechat"]')!.requestSubmit();
      await until(() => chat.el.state === 'error', 'the start fails');
      await chat.el.updateComplete;
    }

    for (const [attribute, value, fragment] of [
      ['position', 'top-middle', 'position "top-middle"'],
      ['lang', 'tlh', 'lang "tlh"'],
      ['fields', 'email,<b>:', 'fields: "<b>:"'],
      ['custom-fields', '{not json', 'custom-fields'],
      ['custom-fields', '{"nested":{"a":1}}', 'custom-fields "nested"'],
    ] as const) {
      it(`${attribute}="${value}" falls back to a working widget with one warning`, async () => {
        chat.el.setAttribute(attribute, value);
        chat.el.open();
        await chat.el.updateComplete;
        chat.el.setAttribute('heading', 'Again');
        await chat.el.updateComplete;
        await until(() => warn.called, 'the console warning');
        expect(warn.callCount, warn.args.join(' | ')).to.equal(1);
        expect(String(warn.firstCall.args[0])).to.contain('<guest-chat>').and.contain(fragment);
        expect(chat.root.querySelector('[part~="prechat"] #field-name'), 'the form still shows').to.not.equal(null);
      });
    }

    it('without the required attributes says chat is unavailable and names them once', async () => {
      const el = document.createElement('guest-chat');
      await transport.configure(el, emulator);
      el.deploymentId = '';
      el.queue = '';
      document.body.append(el);
      el.open();
      await el.updateComplete;
      el.close();
      el.open();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.center')?.textContent?.trim()).to.equal(en.unavailable);
      el.remove();
      await until(() => warn.called, 'the console warning');
      expect(warn.callCount).to.equal(1);
      for (const attribute of transport.required) expect(String(warn.firstCall.args[0])).to.contain(attribute);
    });

    it('with an unreachable environment at the first start says chat is unavailable, offers a retry, and warns once naming the attribute', async () => {
      chat.el.environment = 'http://127.0.0.1:9';
      await chat.el.updateComplete;
      await failingStart();
      // No chat was ever reached from this page: the host is the site's setup, not the visitor's connection.
      expect(text('.center .error')).to.equal(en.unavailable);
      expect(chat.root.querySelector('.center .again')).to.not.equal(null);
      await until(() => warn.called, 'the console warning');
      expect(warn.callCount, warn.args.join(' | ')).to.equal(1);
      expect(String(warn.firstCall.args[0])).to.contain('check the environment attribute ("http://127.0.0.1:9")');
    });

    for (const status of [401, 403, 404]) {
      it(`with a deployment that answers ${status} says chat is unavailable, offers no retry, and warns once`, async () => {
        await emulator.faults({ failNext: { count: 1, status, pathContains: transport.startPath } });
        await failingStart();
        expect(text('.center .error')).to.equal(en.unavailable);
        // The refusal is final: trying again would only be refused again.
        expect(chat.root.querySelector('.center .again')).to.equal(null);
        await until(() => warn.called, 'the console warning');
        expect(warn.callCount, warn.args.join(' | ')).to.equal(1);
        expect(String(warn.firstCall.args[0])).to.contain(String(status));
      });
    }
  });
}
