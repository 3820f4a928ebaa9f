import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { loadStrings } from '../../src/ui/strings/index.js';
import { $, $$, ANNA, FakeSession, chatFixture, fillForm, settle, typeDraft } from './helpers/fake-session.js';

describe('<guest-chat> visitor experience', () => {
  afterEach(() => sinon.restore());

  it('shows a launcher with no panel until it is clicked, then opens the pre-chat form with focus in it', async () => {
    const { el } = await chatFixture();
    const launcher = $<HTMLButtonElement>(el, '[part~="launcher"]');
    // Not built at all until the first open, so the launcher paints sooner.
    expect($(el, '[part~="panel"]')).to.equal(null);
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(launcher.hasAttribute('aria-controls')).to.equal(false);
    launcher.click();
    await settle(el);
    expect(el.opened).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect($(el, '[part~="panel"]').hidden).to.equal(false);
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    expect(launcher.getAttribute('aria-controls')).to.equal('panel');
    expect(el.shadowRoot!.activeElement?.id).to.equal('field-name');
    launcher.click();
    await settle(el);
    expect($(el, '[part~="panel"]').hidden, 'kept, hidden, once built').to.equal(true);
  });

  it('minimising returns focus to the launcher and keeps the chat alive', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.phase.value = 'waiting';
    session.join();
    await settle(el);
    $<HTMLTextAreaElement>(el, '.composer textarea').focus();
    $<HTMLButtonElement>(el, '.minimise').click();
    await settle(el);
    expect(el.opened).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.launcher'));
    expect(session.end.called).to.equal(false);
    expect(el.state).to.equal('active');
  });

  it('requires a name and explains a bad email, without starting a chat', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    await fillForm(el, { name: '', email: 'not-an-email' });
    expect(session.start.called).to.equal(false);
    expect($(el, '#field-name-error').textContent).to.equal('Enter your name.');
    expect($(el, '#field-name').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#field-name').getAttribute('aria-describedby')).to.equal('field-name-error');
    expect($(el, '#field-email-error').textContent).to.contain('name@example.com');
    expect(el.shadowRoot!.activeElement?.id).to.equal('field-name');
  });

  it('starts a chat with the form values, subject and integrator fields as custom fields', async () => {
    const { el, session } = await chatFixture({
      attributes: { open: true, fields: 'email, subject, order:Order number', 'custom-fields': '{"source":"web"}' },
    });
    const started = sinon.spy();
    el.addEventListener('guest-chat-start', started);
    await fillForm(el, { name: ' Sam ', email: 'sam@example.com', subject: 'Refund', order: 'A-1' });
    expect(session.start.firstCall.args[0]).to.deep.equal({
      displayName: 'Sam',
      email: 'sam@example.com',
      customFields: { source: 'web', subject: 'Refund', order: 'A-1' },
    });
    expect(started.firstCall.args[0].detail.memberInfo.displayName).to.equal('Sam');
    // Said once, in the header.
    expect($(el, 'header .titles p').textContent).to.equal('Waiting for an agent…');
    expect($(el, '.body').textContent).to.not.contain('Waiting for an agent…');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.composer textarea'));
  });

  it('shows the agent in the header and groups consecutive messages with one name and one time', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.phase.value = 'waiting';
    session.join();
    const t = Date.now();
    session.say('Hello', ANNA, t);
    session.say('How can I help?', ANNA, t + 1000);
    await settle(el);
    expect($(el, 'header').textContent).to.contain('Anna');
    expect($<HTMLImageElement>(el, 'header img').src).to.equal('https://example.com/anna.png');
    // The name is isolated (U+2068 ... U+2069), so its own direction cannot reorder the sentence.
    expect($(el, '[part~="notice"]').textContent).to.equal('\u2068Anna\u2069 joined the chat');
    const messages = $$(el, '[part~="message"]');
    expect(messages).to.have.length(2);
    expect(messages[0].querySelector('.who')?.textContent).to.equal('Anna');
    expect(messages[1].querySelector('.who')).to.equal(null);
    expect(messages[0].querySelector('time')).to.equal(null);
    expect(messages[1].querySelector('time')).not.to.equal(null);
  });

  it('does not render an avatar URL that is not http(s)', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join({ id: 'x', kind: 'agent', name: 'Eve', avatarUrl: 'javascript:alert(1)' });
    await settle(el);
    expect($(el, 'header img')).to.equal(null);
    expect($(el, 'header .avatar').textContent).to.equal('E');
  });

  it('renders agent text as text and links only http(s), mailto and tel, opened safely', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    session.say(
      '<img src=x onerror=alert(1)> see https://example.com/a?b=1. or javascript:alert(1) mailto:a@b.c tel:+3211',
    );
    await settle(el);
    const bubble = $$(el, '[part~="message"] .bubble').at(-1)!;
    expect(bubble.querySelector('img')).to.equal(null);
    expect(bubble.textContent).to.contain('<img src=x onerror=alert(1)>');
    const links = [...bubble.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/a?b=1',
      'mailto:a@b.c',
      'tel:+3211',
    ]);
    for (const link of links) {
      expect(link.rel).to.equal('noopener noreferrer');
      expect(link.target).to.equal('_blank');
    }
  });

  it('sends on Enter, adds a new line on Shift+Enter, and shows sending, sent and failed with retry', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    await settle(el);
    const textarea = $<HTMLTextAreaElement>(el, '.composer textarea');
    textarea.focus();
    await sendKeys({ type: 'Hi' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'there' });
    await settle(el);
    expect(session.send.called).to.equal(false);
    expect(textarea.value).to.equal('Hi\nthere');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(session.send.firstCall.args[0]).to.equal('Hi\nthere');
    expect(textarea.value).to.equal('');
    const own = () => $$(el, '[part~="message"][part~="own"]').at(-1)!;
    expect(own().textContent).to.contain('Sending…');
    session.update('c1', { status: 'failed', error: 'network' });
    await settle(el);
    expect(own().getAttribute('part')).to.contain('failed');
    expect(own().textContent).to.contain('Not sent');
    own().querySelector<HTMLButtonElement>('.retry')!.click();
    expect(session.retry.calledWith('c1')).to.equal(true);
    session.update('c1', { status: 'sent' });
    await settle(el);
    expect(own().textContent).to.contain('Sent');
    expect(own().querySelector('.retry')).to.equal(null);
  });

  it('does not send when Enter confirms an input method composition, as Chrome, Firefox and Safari report it', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    await settle(el);
    const textarea = await typeDraft(el, 'にほん');
    const enter = (init: KeyboardEventInit) =>
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, ...init }));
    textarea.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    enter({ isComposing: true, keyCode: 229 });
    // Safari ends the composition first, then sends the Enter that confirmed it.
    textarea.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: 'にほん' }));
    enter({ isComposing: false, keyCode: 229 });
    await settle(el);
    expect(session.send.called).to.equal(false);
    expect(textarea.value).to.equal('にほん');
    enter({ keyCode: 13 });
    await settle(el);
    expect(session.send.firstCall.args[0]).to.equal('にほん');
  });

  it('does not send an empty or blank message', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    await settle(el);
    await typeDraft(el, '   ');
    expect($<HTMLButtonElement>(el, '[part~="send-button"]').disabled).to.equal(true);
    $<HTMLTextAreaElement>(el, '.composer textarea').focus();
    await sendKeys({ press: 'Enter' });
    expect(session.send.called).to.equal(false);
  });

  it('shows a counter only near the 4,000-character limit', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    await settle(el);
    await typeDraft(el, 'x'.repeat(3500));
    expect($(el, '.counter')).to.equal(null);
    const textarea = await typeDraft(el, 'x'.repeat(3900));
    expect($(el, '.counter').textContent).to.equal('100 characters left');
    expect(textarea.getAttribute('aria-describedby')).to.equal('counter');
    expect(textarea.maxLength).to.equal(4000);
  });

  it('tells the session the visitor is typing only when the deployment allows it', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    await settle(el);
    await typeDraft(el, 'a');
    expect(session.typing.callCount).to.equal(1);
    session.capabilities.value = { guestTyping: false, agentTyping: true, leaveEndsConversation: true };
    await typeDraft(el, 'ab');
    expect(session.typing.callCount).to.equal(1);
  });

  it("shows the agent's typing indicator while the session says so", async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    await settle(el);
    expect($(el, '.typing')).to.equal(null);
    session.agentTyping.value = true;
    await settle(el);
    expect($(el, '.typing').textContent).to.contain('\u2068Anna\u2069 is typing…');
  });

  it('asks before ending; Cancel keeps the chat, confirming ends it and offers a new chat', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    await settle(el);
    $<HTMLButtonElement>(el, 'header .end').click();
    await settle(el);
    expect($(el, '.confirm').textContent).to.contain('End this chat?');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.confirm .cancel'));
    $<HTMLButtonElement>(el, '.confirm .cancel').click();
    await settle(el);
    expect(session.end.called).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal($(el, 'header .end'));
    $<HTMLButtonElement>(el, 'header .end').click();
    await settle(el);
    $<HTMLButtonElement>(el, '.confirm .confirm-end').click();
    await settle(el);
    expect(session.end.calledOnce).to.equal(true);
    // The transcript's own notice says the chat ended; the bar only offers the way forward.
    expect($(el, '.bar').textContent?.trim()).to.equal('Start a new chat');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.bar .again'));
    $<HTMLButtonElement>(el, '.bar .again').click();
    await settle(el);
    expect(session.reset.calledOnce).to.equal(true);
    expect($(el, 'form.prechat')).not.to.equal(null);
  });

  it('shows reconnecting and errors with a way forward', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    session.join();
    session.phase.value = 'reconnecting';
    await settle(el);
    expect($(el, '.banner').textContent).to.equal('Connection lost. Reconnecting…');
    expect($(el, '.composer textarea')).not.to.equal(null);
    session.notice.value = { code: 'chat-unavailable', message: 'gone', fatal: true };
    session.phase.value = 'error';
    await settle(el);
    expect($(el, '.bar').textContent).to.contain('Chat is not available right now.');
    $<HTMLButtonElement>(el, '.bar .again').click();
    expect(session.reset.calledOnce).to.equal(true);
  });

  it('offers to try again when a chat could not start after one had', async () => {
    const session = new FakeSession();
    const { el } = await chatFixture({ session, attributes: { open: true } });
    await fillForm(el, { name: 'Sam' });
    await el.end();
    await settle(el);
    $<HTMLButtonElement>(el, '.bar .again').click();
    await settle(el);
    // The host was reached once: a failure now is the visitor's connection, not the site's setup.
    session.start.callsFake(async () => {
      session.notice.value = { code: 'network', message: 'offline', fatal: false };
      session.phase.value = 'error';
      throw new Error('offline');
    });
    await fillForm(el, { name: 'Sam' });
    await settle(el);
    expect($(el, '.center .error').textContent).to.contain('Check your connection');
    $<HTMLButtonElement>(el, '.center .again').click();
    await settle(el);
    expect($<HTMLInputElement>(el, '#field-name').value).to.equal('Sam');
  });

  it('shows the unread count on the launcher while closed, and not while open', async () => {
    const { el, session } = await chatFixture();
    session.unread.value = 3;
    await settle(el);
    expect($(el, '[part~="badge"]').textContent).to.equal('3');
    expect($(el, '.launcher').getAttribute('aria-label')).to.equal('Chat with us, 3 unread');
    el.open();
    await settle(el);
    expect($(el, '[part~="badge"]')).to.equal(null);
    expect(session.setVisible.lastCall.args[0]).to.equal(true);
    el.close();
    await settle(el);
    expect(session.setVisible.lastCall.args[0]).to.equal(false);
  });

  it('announces agent messages and status changes in a polite live region', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    const live = $(el, '[aria-live="polite"]');
    session.phase.value = 'waiting';
    await settle(el);
    expect(live.textContent).to.equal('Waiting for an agent…');
    session.join();
    session.say('Hello there');
    await settle(el);
    expect(live.textContent).to.contain('\u2068Anna\u2069 joined the chat');
    expect(live.textContent).to.contain('\u2068Anna\u2069: \u2068Hello there\u2069');
  });

  it('announces a message of cards without text by its cards, not by the sender alone', async () => {
    const { el, session } = await chatFixture({ attributes: { open: true } });
    const live = $(el, '[aria-live="polite"]');
    session.join();
    await settle(el);
    let count = 0;
    const cards = (...titles: string[]) =>
      session.push({
        key: `cards-${++count}`,
        id: `cards-${count}`,
        kind: 'agent',
        sender: ANNA,
        text: '',
        time: Date.now(),
        content: { cards: titles.map((title) => ({ title, actions: [] })), carousel: titles.length > 1 },
      });
    cards('Red shoes');
    await settle(el);
    expect(live.textContent).to.equal('\u2068Anna\u2069 sent a card: \u2068Red shoes\u2069');
    cards('Red shoes', 'Blue shoes', '');
    await settle(el);
    expect(live.textContent).to.equal('\u2068Anna\u2069 sent 3 cards: \u2068Red shoes\u2069, \u2068Blue shoes\u2069');
    el.lang = 'fr';
    await loadStrings('fr');
    await settle(el);
    cards('Rouge');
    await settle(el);
    expect(live.textContent).to.equal('\u2068Anna\u2069 a envoyé une carte: \u2068Rouge\u2069');
  });

  it('announces and reports only what the session tells, not what it finds in the transcript', async () => {
    const session = new FakeSession();
    session.restore.callsFake(async () => {
      session.quietly(() => {
        session.phase.value = 'active';
        session.agent.value = ANNA;
        session.say('Said before the reload');
      });
      return true;
    });
    const messages = sinon.spy();
    document.addEventListener('guest-chat-message', messages);
    try {
      const { el } = await chatFixture({ session, attributes: { open: true } });
      await settle(el);
      expect($(el, '.bubble').textContent).to.equal('Said before the reload');
      expect($(el, '[aria-live="polite"]').textContent).not.to.contain('Said before');
      expect(messages.called).to.equal(false);
    } finally {
      document.removeEventListener('guest-chat-message', messages);
    }
  });
});
