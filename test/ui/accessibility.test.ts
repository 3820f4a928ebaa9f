import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import sinon from 'sinon';
import { $, $$, chatFixture, fillForm, settle, typeDraft } from './helpers/fake-session.js';

describe('<guest-chat> accessibility', () => {
  afterEach(() => sinon.restore());

  it('passes axe with the launcher alone and with an unread badge', async () => {
    const { el, session } = await chatFixture();
    await expect(el).to.be.accessible();
    session.unread.value = 2;
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('passes axe on the pre-chat form, with and without errors', async () => {
    const { el } = await chatFixture({ attributes: { open: true, fields: 'email,subject,order:Order number' } });
    await expect(el).to.be.accessible();
    await fillForm(el, { name: '', email: 'bad' });
    await expect(el).to.be.accessible();
  });

  it('passes axe while waiting, in an active chat with every delivery state, typing and the counter', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.phase.value = 'waiting';
    session.send('first');
    await settle(el);
    await expect(el).to.be.accessible();
    session.join();
    session.say('Hello, see https://example.com');
    session.send('second');
    session.update('c1', { status: 'sent' });
    session.update('c2', { status: 'failed' });
    session.agentTyping.value = true;
    await typeDraft(el, 'x'.repeat(3800));
    await expect(el).to.be.accessible();
  });

  it('passes axe while confirming the end, reconnecting, ended and in error, in Arabic too', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    await settle(el);
    $<HTMLButtonElement>(el, 'header .end').click();
    await settle(el);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.confirm .cancel').click();
    session.phase.value = 'reconnecting';
    await settle(el);
    await expect(el).to.be.accessible();
    session.phase.value = 'ended';
    el.lang = 'ar';
    await settle(el);
    await expect(el).to.be.accessible();
    session.notice.value = { code: 'network', message: 'offline', fatal: true };
    session.phase.value = 'error';
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('passes axe in dark mode', async function () {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      // Written reason for the skip: only Chromium's driver can emulate a colour scheme. Firefox (WebDriver BiDi)
      // and WebKit (WebDriver) cannot, and run in the light scheme, so they have no dark mode to check.
      if (!matchMedia('(prefers-color-scheme: dark)').matches) this.skip();
      const { el, session } = await chatFixture({ attributes: { open: true } });
      session.join();
      session.say('Hello');
      await settle(el);
      await expect(el).to.be.accessible();
      expect(getComputedStyle($(el, '.panel')).backgroundColor).to.equal('rgb(30, 32, 38)');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  // The test runner cannot emulate forced colours, so this reads the element's own stylesheet: in forced-colours
  // mode, backgrounds are dropped, and the controls and bubbles keep their shape through system-colour borders.
  it('outlines the launcher, panel, bubbles and buttons in forced-colours mode', async () => {
    const { el } = await chatFixture();
    const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
    const forced = rules.find(
      (rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText === '(forced-colors: active)',
    );
    const outlined = [...forced!.cssRules]
      .filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule && rule.style.borderStyle === 'solid')
      .map((rule) => rule.selectorText)
      .join(',');
    for (const selector of ['.launcher', '.panel', '.bubble', 'button']) expect(outlined).to.contain(selector);
  });

  it('removes animation when reduced motion is preferred', async function () {
    await emulateMedia({ reducedMotion: 'no-preference' });
    // Written reason for the skip: only Chromium's driver can switch this preference. Firefox and WebKit run with
    // reduced motion preferred throughout (set when they start), so they cannot show the animation to compare.
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) this.skip();
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    session.agentTyping.value = true;
    await settle(el);
    expect(getComputedStyle($(el, '.dots i')).animationName).to.equal('blink');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle($(el, '.dots i')).animationName).to.equal('none');
      expect(getComputedStyle($(el, '.panel')).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('works end to end with the keyboard only', async () => {
    const { el, session } = await chatFixture({ attributes: { fields: 'email' } });
    $<HTMLButtonElement>(el, '.launcher').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.shadowRoot!.activeElement?.id).to.equal('field-name');
    await sendKeys({ type: 'Sam' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'sam@example.com' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(session.start.firstCall.args[0]).to.deep.equal({ displayName: 'Sam', email: 'sam@example.com' });
    session.join();
    await settle(el);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.composer textarea'));
    await sendKeys({ type: 'Hello' });
    await sendKeys({ press: 'Enter' });
    expect(session.send.firstCall.args[0]).to.equal('Hello');
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(el.opened).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.launcher'));
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(el.opened).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.composer textarea'));
    $<HTMLButtonElement>(el, 'header .end').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(el.opened, 'Escape cancels the confirmation first').to.equal(true);
    expect(session.end.called).to.equal(false);
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(session.end.calledOnce).to.equal(true);
  });
});

describe('<guest-chat> layout', () => {
  // Measured without the opening animation, which moves the panel while it runs.
  beforeEach(() => emulateMedia({ reducedMotion: 'reduce' }));
  afterEach(async () => {
    sinon.restore();
    await emulateMedia({ reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  it('fills a narrow screen, follows the visual viewport and stops the page scrolling behind it', async () => {
    await setViewport({ width: 375, height: 640 });
    const { el } = await chatFixture();
    el.open();
    await settle(el);
    const panel = $(el, '[part~="panel"]').getBoundingClientRect();
    expect([panel.left, panel.top, panel.width]).to.deep.equal([0, 0, 375]);
    expect(Math.round(panel.height)).to.equal(Math.round(visualViewport!.height));
    // The keyboard-aware layout's code is fetched when the panel first opens on a narrow screen.
    await waitUntil(() => document.documentElement.style.overflow === 'hidden', 'the page stops scrolling');
    expect(el.style.getPropertyValue('--_vv-height')).to.equal(`${visualViewport!.height}px`);
    expect(getComputedStyle($(el, '.launcher')).display).to.equal('none');
    el.close();
    await settle(el);
    expect(document.documentElement.style.overflow).to.equal('');
    expect(getComputedStyle($(el, '.launcher')).display).not.to.equal('none');
  });

  it('fills a narrow screen when put back on the page after the screen turned narrow', async () => {
    await setViewport({ width: 1024, height: 768 });
    const { el } = await chatFixture();
    const parent = el.parentElement!;
    el.remove();
    await setViewport({ width: 375, height: 640 });
    parent.append(el);
    el.open();
    await settle(el);
    const panel = $(el, '[part~="panel"]').getBoundingClientRect();
    expect([panel.left, panel.top, panel.width]).to.deep.equal([0, 0, 375]);
    expect(getComputedStyle($(el, '.launcher')).display).to.equal('none');
  });

  it('stays a floating panel on a wide screen and leaves page scrolling alone', async () => {
    await setViewport({ width: 1024, height: 768 });
    const { el } = await chatFixture({ attributes: { open: true } });
    const panel = $(el, '[part~="panel"]').getBoundingClientRect();
    expect(panel.width).to.equal(380);
    expect(panel.right).to.be.at.most(1024 - 20);
    expect(document.documentElement.style.overflow).to.equal('');
  });

  it('keeps host page styles out and takes --guest-chat-* tokens in', async () => {
    const style = document.createElement('style');
    style.textContent = 'body { font-family: serif; color: rgb(255, 0, 0); } button { background: rgb(0, 255, 0); }';
    document.head.append(style);
    try {
      const { el } = await chatFixture();
      const launcher = $(el, '.launcher');
      expect(getComputedStyle(launcher).backgroundColor).to.equal('rgb(26, 95, 208)');
      expect(getComputedStyle($(el, '.root')).fontFamily).to.match(/^system-ui/);
      el.style.setProperty('--guest-chat-accent', 'rgb(1, 2, 3)');
      expect(getComputedStyle(launcher).backgroundColor).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });

  it('shows a normal-length chat whole, to scroll through and find in page, with no buttons to page', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    for (let i = 0; i < 100; i++) session.say(`message ${i}`);
    await settle(el);
    expect($$(el, '.bubble')).to.have.length(100);
    expect($$(el, '.transcript button:not(.retry)')).to.deep.equal([]);
    const transcript = $(el, '.transcript');
    expect(transcript.scrollTop + transcript.clientHeight).to.be.closeTo(transcript.scrollHeight, 2);
  });

  it('keeps the DOM of a 10,000-message transcript bounded, adding older messages in place as the visitor scrolls up', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    const base = Date.now() - 10_000 * 60_000;
    session.transcript.value = Array.from({ length: 10_000 }, (_, i) => ({
      key: `m${i}`,
      kind: i % 3 ? ('agent' as const) : ('guest' as const),
      sender: i % 3 ? { id: 'agent-1', kind: 'agent' as const, name: 'Anna' } : undefined,
      text: `message ${i} with https://example.com/${i}`,
      time: base + i * 60_000,
      status: i % 3 ? undefined : ('sent' as const),
    }));
    await settle(el);
    const bubbles = () => $$(el, '.bubble');
    const rendered = bubbles().length;
    expect(rendered).to.be.within(50, 150);
    expect(bubbles().at(-1)!.textContent).to.contain('message 9999');
    const transcript = $(el, '.transcript');
    const oldest = bubbles()[0];
    transcript.scrollTop = 0;
    const offset = () => oldest.getBoundingClientRect().top - transcript.getBoundingClientRect().top;
    const before = offset();
    await waitUntil(() => bubbles().length > rendered, 'older messages are added');
    await el.updateComplete;
    // What the visitor was looking at stays where it was: the added messages go above it.
    expect(bubbles()[0]).not.to.equal(oldest);
    expect(offset()).to.be.closeTo(before, 2);
    expect(bubbles().length).to.be.at.most(rendered + 100);
    // Back at the newest message, the DOM is bounded again and a new message shows at once.
    transcript.scrollTop = transcript.scrollHeight;
    await waitUntil(() => bubbles().length === rendered, 'the DOM is bounded again at the bottom');
    session.say('one more');
    await settle(el);
    expect(bubbles().at(-1)!.textContent).to.equal('one more');
    expect(bubbles().length).to.equal(rendered);
  });
});
