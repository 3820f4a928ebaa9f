import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { en } from '../../src/ui/strings/en.js';
import { languages, loadStrings } from '../../src/ui/strings/index.js';
import { until } from '../helpers/wait.js';
import { $, $$, ANNA, FakeSession, chatFixture, settle } from './helpers/fake-session.js';

describe('<guest-chat> attributes', () => {
  let warn: sinon.SinonStub;
  beforeEach(() => {
    warn = sinon.stub(console, 'warn');
  });
  afterEach(() => sinon.restore());

  it('passes environment, organization-id, deployment-id and queue to the session, trimmed', async () => {
    const factory = sinon.stub().returns(new FakeSession());
    const el = document.createElement('guest-chat');
    el.sessionFactory = factory;
    el.setAttribute('environment', ' mypurecloud.ie ');
    el.setAttribute('organization-id', 'org-1');
    el.setAttribute('deployment-id', 'dep-1');
    el.setAttribute('queue', 'Sales');
    document.body.append(el);
    await settle(el);
    expect(factory.firstCall.args[0]).to.deep.equal({
      transport: 'guest-chat',
      environment: 'mypurecloud.ie',
      organizationId: 'org-1',
      deploymentId: 'dep-1',
      queue: 'Sales',
    });
    expect(factory.callCount).to.equal(1);
    el.remove();
  });

  it('without a deployment shows that chat is unavailable and warns once naming the attribute', async () => {
    const factory = sinon.stub().returns(new FakeSession());
    const el = document.createElement('guest-chat');
    el.sessionFactory = factory;
    el.setAttribute('environment', 'mypurecloud.ie');
    document.body.append(el);
    el.open();
    await settle(el);
    el.close();
    el.open();
    await settle(el);
    expect(factory.called).to.equal(false);
    expect($(el, '.center').textContent).to.contain('Chat is not available right now.');
    await until(() => warn.called, 'the console warning');
    expect(warn.callCount).to.equal(1);
    expect(warn.firstCall.args[0]).to.contain('organization-id, deployment-id, queue');
    let error: unknown;
    await el.start({ displayName: 'Sam' }).catch((e) => (error = e));
    expect(String(error)).to.contain('deployment-id');
    el.remove();
  });

  it('transport="web-messaging" needs only environment and deployment-id; a bad transport warns once', async () => {
    const factory = sinon.stub().returns(new FakeSession());
    const el = document.createElement('guest-chat');
    el.sessionFactory = factory;
    el.setAttribute('transport', 'web-messaging');
    el.setAttribute('environment', 'mypurecloud.de');
    el.setAttribute('deployment-id', 'messenger-1');
    document.body.append(el);
    await settle(el);
    expect(factory.callCount).to.equal(1);
    expect(factory.firstCall.args[0]).to.include({ transport: 'web-messaging', deploymentId: 'messenger-1' });
    el.remove();

    const bad = document.createElement('guest-chat');
    bad.sessionFactory = factory;
    bad.setAttribute('transport', 'carrier-pigeon');
    bad.setAttribute('environment', 'mypurecloud.de');
    bad.setAttribute('deployment-id', 'messenger-1');
    document.body.append(bad);
    await settle(bad);
    bad.setAttribute('queue', 'Sales');
    await settle(bad);
    // Warnings keep their order: the first one being the bad transport's, the element before warned of nothing.
    await until(() => warn.called, 'the console warning');
    expect(warn.callCount).to.equal(1);
    expect(warn.firstCall.args[0]).to.contain('transport').and.contain('"guest-chat"');
    bad.setAttribute('organization-id', 'org-1');
    await settle(bad);
    expect(factory.lastCall.args[0]).to.include({ transport: 'guest-chat', queue: 'Sales' });
    bad.remove();
  });

  it('prefills the name from display-name', async () => {
    const { el } = await chatFixture({ attributes: { open: true, 'display-name': 'Sam Smith' } });
    expect($<HTMLInputElement>(el, '#field-name').value).to.equal('Sam Smith');
  });

  it('fields chooses the optional fields; a bad token warns once and is left out', async () => {
    const { el } = await chatFixture({ attributes: { open: true, fields: 'subject, order:Order number, bogus' } });
    expect($$<HTMLInputElement>(el, 'form.prechat input').map((input) => input.name)).to.deep.equal([
      'name',
      'subject',
      'order',
    ]);
    expect($(el, 'label[for="field-order"]').textContent).to.equal('Order number (optional)');
    await until(() => warn.called, 'the console warning');
    expect(warn.callCount).to.equal(1);
    expect(warn.firstCall.args[0]).to.contain('fields').and.contain('bogus').and.contain('email,subject');
  });

  it('custom-fields that is not JSON warns once and starts with no custom fields; nothing throws', async () => {
    const { el, session } = await chatFixture({ attributes: { 'custom-fields': '{oops' } });
    await until(() => warn.called, 'the console warning');
    expect(warn.callCount).to.equal(1);
    expect(warn.firstCall.args[0]).to.contain('custom-fields').and.contain('{}');
    await el.start({ displayName: 'Sam' });
    expect(session.start.firstCall.args[0]).to.deep.equal({ displayName: 'Sam' });
  });

  it('position places the launcher; a bad value warns and uses bottom-right', async () => {
    const { el } = await chatFixture({ attributes: { position: 'bottom-left' } });
    expect($(el, '.launcher').getBoundingClientRect().left).to.be.lessThan(100);
    el.position = 'top' as never;
    await settle(el);
    expect($(el, '.launcher').getBoundingClientRect().right).to.be.greaterThan(window.innerWidth - 100);
    await until(() => warn.called, 'the console warning');
    expect(warn.callCount).to.equal(1);
    expect(warn.firstCall.args[0]).to.contain('position').and.contain('"bottom-right"');
  });

  it('open opens the panel and is reflected; launcher-label and heading name the launcher and the panel', async () => {
    const { el } = await chatFixture({ attributes: { open: true, 'launcher-label': 'Ask us', heading: 'Acme help' } });
    expect($(el, '[part~="panel"]').hidden).to.equal(false);
    expect($(el, '.launcher').getAttribute('aria-label')).to.equal('Ask us');
    expect($(el, 'h2').textContent).to.equal('Acme help');
    el.removeAttribute('open');
    await settle(el);
    expect(el.opened).to.equal(false);
  });

  it('lang chooses the strings and the page language is the default; Arabic is right to left', async () => {
    const { el } = await chatFixture({ attributes: { open: true, lang: 'fr-CA' } });
    await loadStrings('fr');
    await settle(el);
    expect($(el, 'form.prechat button[type="submit"]').textContent).to.equal('Démarrer la discussion');
    expect($(el, '.root').getAttribute('lang')).to.equal('fr');
    el.lang = 'ar';
    await settle(el);
    await loadStrings('ar');
    await settle(el);
    expect($(el, '.root').getAttribute('dir')).to.equal('rtl');
    expect($(el, '.launcher').getAttribute('aria-label')).to.equal('تحدث معنا');
    document.documentElement.lang = 'de';
    try {
      const { el: german } = await chatFixture();
      await loadStrings('de');
      await settle(german);
      expect($(german, '.launcher').getAttribute('aria-label')).to.equal('Chatten Sie mit uns');
    } finally {
      document.documentElement.lang = '';
    }
    // Warnings keep their order: when the first is the one asked for here, nothing before it warned.
    el.send('Hello');
    await until(() => warn.called, 'the console warning');
    expect(warn.callCount).to.equal(1);
    expect(warn.firstCall.args[0]).to.contain('send()');
  });

  it("shows message times in the language's clock, overridable, without making an Intl formatter", async () => {
    const intl = sinon.spy(Intl, 'DateTimeFormat');
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.phase.value = 'active';
    session.say('Morning', ANNA, new Date(2026, 10, 26, 0, 7).getTime());
    session.say('Afternoon', { ...ANNA, id: 'agent-2', name: 'Bo' }, new Date(2026, 10, 26, 15, 5).getTime());
    await settle(el);
    const times = () => $$(el, '[part~="message"] time').map((time) => time.textContent);
    expect(times()).to.deep.equal(['12:07 AM', '3:05 PM']);
    el.lang = 'fr';
    await loadStrings('fr');
    await settle(el);
    expect(times()).to.deep.equal(['0:07', '15:05']);
    el.lang = 'ar';
    await loadStrings('ar');
    await settle(el);
    expect(times()).to.deep.equal(['12:07 ص', '3:05 م']);
    el.strings = { time: (hour, minutes) => `${hour}h${minutes}` };
    await settle(el);
    expect(times()).to.deep.equal(['0h07', '15h05']);
    expect(intl.called).to.equal(false);
  });

  it('an unknown lang warns once and falls back to English', async () => {
    const { el } = await chatFixture({ attributes: { lang: 'xx' } });
    expect($(el, '.launcher').getAttribute('aria-label')).to.equal('Chat with us');
    await until(() => warn.called, 'the console warning');
    expect(warn.callCount).to.equal(1);
    expect(warn.firstCall.args[0]).to.contain('lang').and.contain('English');
  });

  it('strings overrides single strings of the current language', async () => {
    const { el } = await chatFixture({ attributes: { lang: 'nl' } });
    await loadStrings('nl');
    await settle(el);
    expect($(el, '.launcher').getAttribute('aria-label')).to.equal('Chat met ons');
    el.strings = { launcher: 'Vraag het ons' };
    await settle(el);
    expect($(el, '.launcher').getAttribute('aria-label')).to.equal('Vraag het ons');
  });

  it('every translation is whole: each English key, of the same kind, and nothing else', async () => {
    expect(languages).to.include.members(['en', 'fr', 'de', 'es', 'pt', 'nl', 'ja', 'ar', 'he']);
    for (const language of languages.filter((code) => code !== 'en')) {
      const own: Record<string, unknown> = (await import(`../../src/ui/strings/i18n/${language}.ts`)).default;
      const expected = Object.keys(en);
      expect(Object.keys(own).sort(), language).to.deep.equal(expected.sort());
      for (const key of expected) expect(typeof own[key], `${language} ${key}`).to.equal(typeof en[key as 'heading']);
      const strings = await loadStrings(language);
      expect(strings.typing('Zoë'), language).to.contain('Zoë');
      expect(strings.launcher, language).not.to.equal(en.launcher);
    }
  });

  it("tells how a chat ended in the visitor's language, each way in its own words", async () => {
    const { el, session } = await chatFixture({ attributes: { lang: 'fr', open: true } });
    await loadStrings('fr');
    const notices = ['ended-by-agent', 'ended-readonly', 'ended-agent-may-see', 'ended-expired', 'ended'] as const;
    session.join();
    session.push(
      ...notices.map((notice) => ({ key: notice, kind: 'system' as const, text: '', time: Date.now(), notice })),
    );
    await settle(el);
    const shown = $$(el, '[part~="notice"]').map((item) => item.textContent);
    expect(shown.slice(1)).to.deep.equal([
      'Le conseiller a mis fin à la discussion.',
      'La discussion est terminée. Vous pouvez la relire, mais plus y répondre.',
      'Vous avez quitté la discussion. Le conseiller peut encore voir la conversation.',
      'La discussion a expiré.',
      'La discussion est terminée.',
    ]);
  });

  it('words counts in each language, one and many alike', async () => {
    const fr = await loadStrings('fr');
    expect([fr.unread(1), fr.unread(3)]).to.deep.equal(['1 non lu', '3 non lus']);
    expect([en.charsLeft(1), en.charsLeft(3)]).to.deep.equal(['1 character left', '3 characters left']);
  });

  it('sound plays a chime for agent messages only when enabled', async () => {
    const played: number[] = [];
    class FakeAudioContext {
      currentTime = 0;
      destination = {};
      createGain() {
        return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} };
      }
      createOscillator() {
        played.push(1);
        return { frequency: { value: 0 }, connect() {}, start() {}, stop() {} };
      }
    }
    sinon.stub(window, 'AudioContext').value(FakeAudioContext);
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    session.say('quiet');
    await settle(el);
    expect(played).to.have.length(0);
    el.sound = true;
    await settle(el);
    session.say('loud');
    await until(() => played.length > 0, 'the chime plays');
  });

  it('while the tab is hidden the title shows the unread count until the visitor returns', async () => {
    const { el, session } = await chatFixture();
    const original = document.title;
    document.title = 'Shop';
    const visibility = sinon.stub(document, 'visibilityState').get(() => 'hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    session.unread.value = 2;
    await settle(el);
    expect(document.title).to.equal('(2) Shop');
    visibility.get(() => 'visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(document.title).to.equal('Shop');
    session.unread.value = 3;
    expect(document.title).to.equal('Shop');
    document.title = original;
  });
});

describe('<guest-chat> events and JS API', () => {
  afterEach(() => sinon.restore());

  function record() {
    const seen: { type: string; detail: unknown; composed: boolean; bubbles: boolean }[] = [];
    const types = [
      'guest-chat-open',
      'guest-chat-close',
      'guest-chat-start',
      'guest-chat-agent-join',
      'guest-chat-agent-leave',
      'guest-chat-message',
      'guest-chat-end',
      'guest-chat-error',
    ];
    const listener = (event: Event) =>
      seen.push({
        type: event.type,
        detail: (event as CustomEvent).detail,
        composed: event.composed,
        bubbles: event.bubbles,
      });
    for (const type of types) document.addEventListener(type, listener);
    return {
      seen,
      types: () => seen.map((event) => event.type),
      stop: () => types.forEach((type) => document.removeEventListener(type, listener)),
    };
  }

  it('fires bubbling, composed events through a whole chat', async () => {
    const { el, session } = await chatFixture();
    const events = record();
    try {
      el.open();
      await settle(el);
      await el.start({ displayName: 'Sam' });
      session.join();
      const incoming = session.say('Hi Sam');
      await settle(el);
      const id = el.send('Hello')!;
      await settle(el);
      const messageCount = () => events.types().filter((type) => type === 'guest-chat-message').length;
      expect(messageCount(), 'no outgoing event before the server accepts it').to.equal(1);
      session.update(id, { status: 'sent' });
      session.agent.value = null;
      session.notice.value = { code: 'agent-left', message: 'Anna left', fatal: false };
      await settle(el);
      session.notice.value = { code: 'network', message: 'offline', fatal: false };
      await el.end();
      el.close();
      await settle(el);
      expect(events.types()).to.deep.equal([
        'guest-chat-open',
        'guest-chat-start',
        'guest-chat-agent-join',
        'guest-chat-message',
        'guest-chat-message',
        'guest-chat-agent-leave',
        'guest-chat-error',
        'guest-chat-end',
        'guest-chat-close',
      ]);
      expect(events.seen.every((event) => event.bubbles && event.composed)).to.equal(true);
      const [, start, join, received, sent, leave, error, end] = events.seen.map((event) => event.detail);
      expect(start).to.deep.equal({ memberInfo: { displayName: 'Sam' } });
      expect(join).to.deep.equal({ agent: ANNA });
      expect(received).to.deep.equal({ direction: 'incoming', message: incoming });
      expect(sent).to.have.nested.property('message.text', 'Hello');
      expect(sent).to.have.property('direction', 'outgoing');
      expect(leave).to.deep.equal({ agent: ANNA });
      expect(error).to.have.property('code', 'network');
      expect(end).to.deep.equal({ endedBy: 'visitor', reason: 'visitor-left' });
    } finally {
      events.stop();
    }
  });

  it('reports an end by the agent as such, and state follows the session', async () => {
    const { el, session } = await chatFixture();
    const events = record();
    try {
      session.join();
      expect(el.state).to.equal('active');
      session.finish('agent-ended');
      await settle(el);
      expect(el.state).to.equal('ended');
      expect(events.seen.at(-1)).to.deep.include({
        type: 'guest-chat-end',
        detail: { endedBy: 'agent', reason: 'agent-ended' },
      });
    } finally {
      events.stop();
    }
  });

  it('does not say the agent ended a chat that expired or was closed elsewhere', async () => {
    for (const reason of ['expired', 'closed'] as const) {
      const { el, session } = await chatFixture();
      const events = record();
      try {
        session.join();
        session.finish(reason);
        await settle(el);
        expect(events.seen.at(-1), reason).to.deep.include({
          type: 'guest-chat-end',
          detail: { endedBy: null, reason },
        });
      } finally {
        events.stop();
      }
    }
  });

  it('send() with no chat in progress returns null and sends nothing', async () => {
    const warn = sinon.stub(console, 'warn');
    const { el, session } = await chatFixture();
    expect(el.send('Hello')).to.equal(null);
    expect(session.send.called).to.equal(false);
    await until(() => warn.called, 'the console warning');
    expect(warn.calledOnce).to.equal(true);
  });

  it('is safe to remove: the session is disposed and no events follow', async () => {
    const { el, session } = await chatFixture();
    const events = record();
    try {
      el.remove();
      session.join();
      session.say('anyone?');
      expect(session.dispose.calledOnce).to.equal(true);
      expect(events.seen).to.deep.equal([]);
    } finally {
      events.stop();
    }
  });
});
