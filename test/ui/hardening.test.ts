import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { MemberInfo } from '../../src/transport/types.js';
import type { SessionNotice } from '../../src/session/types.js';
import type { GuestChatElement } from '../../src/ui/guest-chat.js';
import { until } from '../helpers/wait.js';
import { $, $$, FakeSession, chatFixture, fillForm, settle } from './helpers/fake-session.js';

describe('<guest-chat> against bad input and dead ends', () => {
  let warn: sinon.SinonStub;
  beforeEach(() => {
    warn = sinon.stub(console, 'warn');
  });
  afterEach(() => sinon.restore());

  async function configured(attributes: Record<string, string>) {
    const factory = sinon.stub().returns(new FakeSession());
    const el = document.createElement('guest-chat');
    el.sessionFactory = factory;
    for (const [name, value] of Object.entries({
      environment: 'mypurecloud.ie',
      'organization-id': 'org-1',
      'deployment-id': 'dep-1',
      queue: 'Sales',
      ...attributes,
    })) {
      el.setAttribute(name, value);
    }
    document.body.append(el);
    el.open();
    await settle(el);
    return { el, factory };
  }

  for (const environment of [
    'mypurecloud.ie@evil.com',
    'evil.com/x?',
    'https://evil.com/a/../b',
    'javascript:alert(1)',
  ])
    it(`refuses environment="${environment}" with one console warning and starts nothing`, async () => {
      const { el, factory } = await configured({ environment });
      el.close();
      el.open();
      el.queue = 'Other';
      await settle(el);
      expect(factory.called).to.equal(false);
      expect($(el, '.center').textContent).to.contain('Chat is not available right now.');
      await until(() => warn.called, 'the console warning');
      expect(warn.callCount).to.equal(1);
      expect(warn.firstCall.args[0]).to.contain(`environment "${environment}" is refused`);
      el.remove();
    });

  for (const [attribute, value] of [
    ['deployment-id', '..'],
    ['deployment-id', '../../api/v2/x'],
    ['organization-id', 'a/b'],
  ])
    it(`refuses ${attribute}="${value}" so it never reaches a URL path`, async () => {
      const { el, factory } = await configured({ [attribute]: value });
      expect(factory.called).to.equal(false);
      await until(() => warn.called, 'the console warning');
      expect(warn.callCount).to.equal(1);
      expect(warn.firstCall.args[0]).to.contain(`${attribute} "${value}" is not an id`);
      el.remove();
    });

  it('neither prefills nor sends pre-chat fields named after object members', async () => {
    const { el, session } = await chatFixture({
      attributes: { fields: 'constructor:Constructor,toString:To string,valueOf:Value of,hasOwnProperty:Own' },
    });
    el.open();
    await settle(el);
    for (const key of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      expect($<HTMLInputElement>(el, `#field-${key}`).value, key).to.equal('');
      expect($(el, `#field-${key}-error`), key).to.equal(null);
    }
    await fillForm(el, { name: 'Sam' });
    const memberInfo = session.start.firstCall.args[0] as MemberInfo;
    expect(memberInfo).to.deep.equal({ displayName: 'Sam' });
    expect($$(el, '.prechat .error')).to.have.length(0);
  });

  it('keeps a custom field named __proto__ a plain field', async () => {
    const { el, session } = await chatFixture({ attributes: { 'custom-fields': '{"__proto__":"x","plan":"gold"}' } });
    el.open();
    await settle(el);
    await fillForm(el, { name: 'Sam' });
    const { customFields } = session.start.firstCall.args[0] as MemberInfo;
    expect(Object.getPrototypeOf(customFields)).to.equal(null);
    expect(JSON.parse(JSON.stringify(customFields))).to.deep.equal(JSON.parse('{"__proto__":"x","plan":"gold"}'));
  });

  /** A visitor sends the form, and the session's start fails with `notice`. */
  async function startFailingWith(notice: SessionNotice): Promise<GuestChatElement> {
    const session = new FakeSession();
    session.start.callsFake(async () => {
      session.notice.value = notice;
      session.phase.value = 'error';
    });
    const { el } = await chatFixture({ session });
    el.open();
    await settle(el);
    await fillForm(el, { name: 'Sam' });
    await settle(el);
    return el;
  }

  it('offers no Try again for a fatal error', async () => {
    const el = await startFailingWith({
      code: 'queue-unavailable',
      message: 'The queue [Sales] is not valid',
      fatal: true,
    });
    expect($(el, '.center .error').textContent).to.equal('Chat is not available right now.');
    expect($(el, '.again')).to.equal(null);
    await until(() => warn.called, 'the console warning');
    expect(warn.firstCall.args[0]).to.contain('The queue [Sales] is not valid');
    expect(warn.firstCall.args[0]).to.contain('check the queue attribute');
  });

  it('calls an unreachable host at the first start a setup problem, not the visitor connection', async () => {
    const el = await startFailingWith({
      code: 'network',
      message: 'The chat service could not be reached',
      fatal: false,
    });
    expect($(el, '.center .error').textContent).to.equal('Chat is not available right now.');
    expect($(el, '.center').textContent).to.not.contain('connection');
    await until(() => warn.called, 'the console warning');
    expect(warn.firstCall.args[0]).to.contain('check the environment attribute ("http://127.0.0.1:1")');
  });

  it('shows no Retry on an unsent message once the chat has ended, and keeps its text', async () => {
    const { el, session } = await chatFixture();
    el.open();
    session.phase.value = 'active';
    session.push({
      key: 'c1',
      clientId: 'c1',
      kind: 'guest',
      text: 'Keep me',
      time: Date.now(),
      status: 'failed',
      error: 'network',
    });
    await settle(el);
    expect($$(el, '.retry')).to.have.length(1);
    session.phase.value = 'ended';
    await settle(el);
    expect($$(el, '.retry')).to.have.length(0);
    expect($(el, '[part~="own"] .bubble').textContent).to.equal('Keep me');
    expect($(el, '[part~="own"]').textContent).to.contain('Not sent');
  });
});
