import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { GuestChatMessageDetail } from '../../src/ui/events.js';
import type { GuestChatElement } from '../../src/ui/guest-chat.js';
import { defineGuestChat } from '../../src/ui/define.js';
import { TestEmulator } from '../helpers/emulator.js';
import { $, $$, fillForm, settle, typeDraft } from './helpers/fake-session.js';

defineGuestChat();

const until = (condition: () => unknown, message: string) =>
  waitUntil(condition, message, { timeout: 10_000, interval: 5 });

interface LoggedMessage {
  id: string;
  body: string;
  content?: { contentType: string; buttonResponse?: Record<string, string> }[];
}
interface LoggedConversation {
  id: string;
  messages: LoggedMessage[];
}

/** Structured messages from Web Messaging bots, through the emulator's echo bot and its control route, in Chromium. */
describe('<guest-chat> structured messages on Web Messaging', function () {
  this.timeout(60_000);
  const emulator = TestEmulator.forSuite(
    { botReplyDelayMs: 20, webMessaging: { rateLimitPerSecond: 20 } },
    { reset: true },
  );
  let el: GuestChatElement;
  let incoming: GuestChatMessageDetail[] = [];
  let outgoing: GuestChatMessageDetail[] = [];

  async function mount(): Promise<GuestChatElement> {
    el = document.createElement('guest-chat');
    el.transport = 'web-messaging';
    el.environment = emulator.url;
    el.deploymentId = (await emulator.config()).deploymentId;
    incoming = [];
    outgoing = [];
    el.addEventListener('guest-chat-message', (event) => {
      (event.detail.direction === 'incoming' ? incoming : outgoing).push(event.detail);
    });
    document.body.append(el);
    el.open();
    await settle(el);
    return el;
  }

  /** Reloads the page as far as the widget can tell: a new element on the same storage. */
  async function reload(): Promise<void> {
    el.remove();
    await mount();
    await until(() => el.state === 'active', 'the chat is resumed');
    await settle(el);
  }

  const bubbles = () => $$(el, '[part~="message"] .bubble').map((bubble) => bubble.textContent ?? '');
  const own = () => $$(el, '[part~="message"][part~="own"] .bubble').map((bubble) => bubble.textContent ?? '');

  async function say(text: string): Promise<void> {
    await typeDraft(el, text);
    $<HTMLButtonElement>(el, '[part~="send-button"]').click();
    await settle(el);
  }

  /** A chat the echo bot answers. */
  async function chatWithBot(): Promise<void> {
    await emulator.createAgent({ displayName: 'Echo', autoAnswer: true, autoAnswerDelayMs: 0, bot: 'echo' });
    await mount();
    await fillForm(el, { name: 'Sam' });
    await until(() => el.state === 'waiting', 'the session is configured');
    await say('Hello');
    await until(() => bubbles().some((text) => text.includes('echo bot')), 'the bot greets');
  }

  async function conversation(): Promise<LoggedConversation> {
    return (await emulator.conversations<LoggedConversation[]>()).at(-1)!;
  }

  const quickReplies = () => $$<HTMLButtonElement>(el, '[part~="quick-reply"]');

  it('offers quick replies as buttons, sends the picked one as a ButtonResponse, and never offers them again', async () => {
    await chatWithBot();
    await say('menu');
    await until(() => quickReplies().length === 3, 'the choices show');
    expect(quickReplies().map((button) => button.textContent?.trim())).to.deep.equal([
      'Track my order',
      'Opening hours',
      'Talk to a person',
    ]);
    expect($(el, '[part~="quick-replies"]').getAttribute('role')).to.equal('group');
    await expect(el).to.be.accessible();
    const offer = incoming.find((detail) => detail.message.content?.quickReplies)!;
    expect(offer.message.text).to.equal('What can I help you with?');
    expect(offer.message.content!.quickReplies!.map((choice) => choice.payload)).to.deep.equal([
      'TRACK',
      'HOURS',
      'AGENT',
    ]);

    quickReplies()[1].click();
    await until(() => own().includes('Opening hours'), 'the choice shows as the visitor message');
    await settle(el);
    expect(quickReplies()).to.have.length(0);
    expect(el.shadowRoot!.activeElement?.localName).to.equal('textarea');
    await until(() => bubbles().includes('You chose: Opening hours (HOURS)'), 'the bot got the payload');
    expect(outgoing.at(-1)!.message.content?.reply).to.deep.equal({
      kind: 'quick-reply',
      text: 'Opening hours',
      payload: 'HOURS',
      to: offer.message.id,
    });
    const answer = (await conversation()).messages.find((message) => message.body === 'Opening hours')!;
    expect(answer.content![0].buttonResponse).to.deep.equal({
      text: 'Opening hours',
      payload: 'HOURS',
      type: 'QuickReply',
      originatingMessageId: offer.message.id,
    });

    await reload();
    await until(() => bubbles().includes('You chose: Opening hours (HOURS)'), 'the history is back');
    expect(quickReplies(), 'answered choices after a reload').to.have.length(0);
    expect(own().filter((text) => text === 'Opening hours')).to.have.length(1);
    await say('menu');
    await until(() => quickReplies().length > 0, 'a new menu shows');
    await settle(el);
    expect(quickReplies(), 'only the unanswered menu offers choices').to.have.length(3);
  });

  it('takes the choices away when the visitor types instead, and offers unanswered ones again after a reload', async () => {
    await chatWithBot();
    await say('menu');
    await until(() => quickReplies().length === 3, 'the choices show');
    await say('Never mind');
    expect(quickReplies()).to.have.length(0);
    await until(() => bubbles().includes('You said: Never mind'), 'the echo');
    await say('menu');
    await until(() => quickReplies().length === 3, 'the choices show again');
    await reload();
    await until(() => quickReplies().length === 3, 'unanswered choices are still offered');
    quickReplies()[0].click();
    await until(() => bubbles().includes('You chose: Track my order (TRACK)'), 'answered after the reload');
  });

  it('shows a carousel of cards with images, links and postbacks, moved with buttons and arrow keys', async () => {
    await chatWithBot();
    await say('cards');
    await until(() => $$(el, '[part~="card"]').length === 3, 'the cards show');
    const carousel = $(el, '[part~="carousel"]');
    expect(carousel.getAttribute('aria-roledescription')).to.equal('carousel');
    expect($$(el, '[part~="card"] h3').map((title) => title.textContent)).to.deep.equal(['Starter', 'Plus', 'Pro']);
    const image = $<HTMLImageElement>(el, '[part~="card"] img');
    expect(image.getAttribute('src')).to.match(/^http:\/\/127\.0\.0\.1:\d+\/emulator\/images\/starter\.svg$/);
    expect(image.loading).to.equal('lazy');
    expect(
      image.parentElement!.getBoundingClientRect().height,
      'the image box has its height at once',
    ).to.be.greaterThan(50);
    const link = $$<HTMLAnchorElement>(el, 'a[part~="card-action"]')[0];
    expect(link.textContent?.trim()).to.equal('Details');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    await expect(el).to.be.accessible();

    const slides = $$(el, '.slide');
    expect(slides.map((slide) => slide.getAttribute('aria-label'))).to.deep.equal([
      'Card 1 of 3',
      'Card 2 of 3',
      'Card 3 of 3',
    ]);
    slides[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(el.shadowRoot!.activeElement).to.equal(slides[1]);
    expect($(el, '.carousel .where').textContent).to.equal('Card 2 of 3');
    $<HTMLButtonElement>(el, '.carousel .next').click();
    expect(el.shadowRoot!.activeElement).to.equal(slides[2]);
    expect($(el, '.carousel .where').textContent).to.equal('Card 3 of 3');

    const postback = $$<HTMLButtonElement>(el, 'button[part~="card-action"]')[1];
    expect(postback.textContent?.trim()).to.equal('Choose Plus');
    postback.click();
    await until(() => own().includes('Choose Plus'), 'the answer shows as the visitor message');
    await until(() => bubbles().includes('You chose: Choose Plus (PLAN_PLUS)'), 'the bot got the payload');

    await reload();
    await until(() => $$(el, '[part~="card"]').length === 3, 'the cards are back after a reload');
    expect($$(el, '[part~="card"] h3').map((title) => title.textContent)).to.deep.equal(['Starter', 'Plus', 'Pro']);
  });

  it('offers time slots grouped by day in the visitor time zone and language, and sends the chosen one', async () => {
    await chatWithBot();
    el.lang = 'fr';
    await say('book');
    await until(() => $$(el, '[part~="time-slot"]').length === 6, 'the slots show');
    const days = $$(el, '[part~="time-slots"] .day');
    expect(days).to.have.length(2);
    const [firstSlot] = $$(el, '[part~="time-slot"] time').map((time) => time.getAttribute('datetime')!);
    const dayName = new Intl.DateTimeFormat('fr', { weekday: 'long', month: 'long', day: 'numeric' }).format(
      Date.parse(firstSlot),
    );
    expect(days[0].getAttribute('aria-label')).to.equal(dayName);
    expect($(el, '[part~="time-slots"] .slots-title').textContent).to.equal('Book a call');
    await expect(el).to.be.accessible();

    $$<HTMLButtonElement>(el, '[part~="time-slot"]')[0].click();
    const label = new Intl.DateTimeFormat('fr', {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(Date.parse(firstSlot));
    await until(() => own().includes(label), 'the chosen time shows as the visitor message');
    expect($$(el, '[part~="time-slot"]')).to.have.length(0);
    await until(() => bubbles().some((text) => text.startsWith('You chose:')), 'the bot got the slot');
    const answer = (await conversation()).messages.find((message) => message.body === label)!;
    expect(answer.content![0].buttonResponse!.payload).to.equal(firstSlot);
    expect(answer.content![0].buttonResponse!.type).to.equal('DatePicker');

    await reload();
    await until(() => own().includes(label), 'the answer is back after a reload');
    await until(() => bubbles().includes('Book a call'), 'the answered picker leaves its title');
    expect($$(el, '[part~="time-slot"]')).to.have.length(0);
  });

  it('shows "This message can\'t be shown here" for content it does not understand, live and after a reload', async () => {
    await chatWithBot();
    const { id } = await conversation();
    await emulator.call('POST', `/emulator/conversations/${id}/messages`, {
      content: [{ contentType: 'ListPicker', listPicker: { title: 'Pick' } }],
    });
    await until(() => $(el, '.unsupported'), 'the notice shows');
    expect($(el, '.unsupported').textContent).to.equal("This message can't be shown here.");
    await reload();
    await until(() => $(el, '.unsupported'), 'the notice is back after a reload');
  });

  it('answers from a headless integration through session.reply, and refuses a choice that was not offered', async () => {
    await chatWithBot();
    await say('menu');
    await until(() => quickReplies().length === 3, 'the choices show');
    const offer = incoming.find((detail) => detail.message.content?.quickReplies)!;
    const session = (el as unknown as { _wiring: { session: import('../../src/session/types.js').ChatSession } })
      ._wiring.session;
    let refused: unknown;
    await session.reply(offer.message.id!, { text: 'Free money', payload: 'FREE' }).catch((error) => (refused = error));
    expect(String(refused)).to.contain('offers no choice');
    await session.reply(offer.message.id!, { text: 'ignored, the offered text shows', payload: 'AGENT' });
    await until(() => own().includes('Talk to a person'), 'the offered text shows');
    await until(() => bubbles().includes('You chose: Talk to a person (AGENT)'), 'the bot got the payload');
  });
});

describe('<guest-chat> Markdown on Web Messaging', function () {
  this.timeout(60_000);
  const TEXT = [
    '**Bold**, *italic*, ~~gone~~ and `code`; see [the docs](https://example.com/docs) or [this](javascript:alert(1))',
    '- one',
    '- two',
    '```',
    '<b>not bold</b>',
    '```',
  ].join('\n');
  let el: GuestChatElement;
  afterEach(() => {
    el?.remove();
    sessionStorage.clear();
    localStorage.clear();
  });

  async function agentSaysTo(markdown: boolean): Promise<TestEmulator> {
    const emulator = await TestEmulator.start({ webMessaging: { markdown } });
    const agent = await emulator.createAgent({ displayName: 'Ana', autoAnswer: true, autoAnswerDelayMs: 0 });
    el = document.createElement('guest-chat');
    el.transport = 'web-messaging';
    el.environment = emulator.url;
    el.deploymentId = (await emulator.config()).deploymentId;
    document.body.append(el);
    el.open();
    await settle(el);
    await fillForm(el, { name: 'Sam' });
    await until(() => el.state === 'waiting', 'the session is configured');
    await typeDraft(el, '**not markdown** from the visitor');
    $<HTMLButtonElement>(el, '[part~="send-button"]').click();
    let conversationId = '';
    await until(async () => {
      const [conversation] =
        await emulator.conversations<{ id: string; members: { role: string; state: string }[] }[]>();
      conversationId = conversation?.id ?? '';
      return conversation?.members.some((member) => member.role === 'AGENT' && member.state === 'CONNECTED');
    }, 'the agent answers');
    const view = await emulator.call<{ participants: { purpose: string; messages?: { id: string }[] }[] }>(
      'GET',
      `/api/v2/conversations/${conversationId}`,
      undefined,
      agent.token,
    );
    const communication = view.participants.find((p) => p.purpose === 'agent')!.messages![0].id;
    await emulator.call(
      'POST',
      `/api/v2/conversations/messages/${conversationId}/communications/${communication}/messages`,
      { textBody: TEXT },
      agent.token,
    );
    await until(() => $$(el, '[part~="message"]').length >= 2, 'the agent message shows');
    await settle(el);
    return emulator;
  }

  it('renders the agent text as Markdown built from nodes when the deployment turns it on, live and after a reload', async () => {
    const emulator = await agentSaysTo(true);
    const check = async () => {
      await until(() => $(el, '.bubble.md'), 'the Markdown shows');
      const bubble = $(el, '.bubble.md');
      expect(bubble.querySelector('strong')?.textContent).to.equal('Bold');
      expect(bubble.querySelector('em')?.textContent).to.equal('italic');
      expect(bubble.querySelector('s')?.textContent).to.equal('gone');
      expect(bubble.querySelector('p code')?.textContent).to.equal('code');
      const links = [...bubble.querySelectorAll('a')];
      expect(links.map((link) => [link.textContent, link.getAttribute('href'), link.rel])).to.deep.equal([
        ['the docs', 'https://example.com/docs', 'noopener noreferrer'],
      ]);
      expect(bubble.textContent).to.contain('[this](javascript:alert(1))');
      expect([...bubble.querySelectorAll('ul li')].map((item) => item.textContent)).to.deep.equal(['one', 'two']);
      expect(bubble.querySelector('pre code')?.textContent).to.equal('<b>not bold</b>');
      expect(bubble.querySelector('b')).to.equal(null);
      expect($$(el, '[part~="own"] .bubble')[0].textContent).to.equal('**not markdown** from the visitor');
      await expect(el).to.be.accessible();
    };
    await check();
    el.remove();
    document.body.append(el);
    await settle(el);
    await check();
    await emulator.stop();
  });

  it('keeps the text as text when the deployment leaves Markdown off', async () => {
    const emulator = await agentSaysTo(false);
    const bubble = $$(el, '[part~="message"]:not([part~="own"]) .bubble').at(-1)!;
    expect(bubble.textContent).to.equal(TEXT);
    expect(bubble.querySelector('strong, em, ul, pre')).to.equal(null);
    await emulator.stop();
  });
});
