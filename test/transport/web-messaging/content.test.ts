import { expect } from '@open-wc/testing';
import type { TransportEvent, TransportMessage } from '../../../src/transport/types.js';
import { readContent, replyMessage } from '../../../src/transport/web-messaging/content.js';
import { createWebMessagingTransport } from '../../../src/transport/web-messaging/index.js';
import { FakeFetch, FakeLifecycle, FakeSockets, MemoryStorage, jsonResponse, until } from '../../helpers/fakes.js';

describe('Web Messaging structured content', () => {
  describe('readContent', () => {
    it('reads quick replies, cards, a carousel, a date picker and a ButtonResponse', () => {
      const card = {
        title: 'Plus',
        description: 'More seats',
        image: 'https://img.example/plus.png',
        defaultAction: { type: 'Link', url: 'https://example.com/plus' },
        actions: [
          { type: 'Link', text: 'Details', url: 'https://example.com/plus' },
          { type: 'Postback', text: 'Choose', payload: 'PLUS' },
        ],
      };
      expect(
        readContent([
          { contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'YES', action: 'Message' } },
          { contentType: 'QuickReply', quickReply: { text: 'No' } },
          { contentType: 'Carousel', carousel: { cards: [card, { ...card, title: 'Pro' }] } },
          {
            contentType: 'DatePicker',
            datePicker: {
              title: 'Book',
              availableTimes: [
                { dateTime: '2026-01-02T10:00:00Z', duration: 1800 },
                { dateTime: '2026-01-01T09:00:00Z' },
              ],
            },
          },
        ]),
      ).to.deep.equal({
        quickReplies: [
          { text: 'Yes', payload: 'YES' },
          { text: 'No', payload: 'No' },
        ],
        cards: ['Plus', 'Pro'].map((title) => ({
          title,
          description: 'More seats',
          image: 'https://img.example/plus.png',
          url: 'https://example.com/plus',
          actions: [
            { type: 'link', text: 'Details', url: 'https://example.com/plus' },
            { type: 'postback', text: 'Choose', payload: 'PLUS' },
          ],
        })),
        carousel: true,
        timeSlots: {
          title: 'Book',
          subtitle: undefined,
          slots: [
            { payload: '2026-01-01T09:00:00Z', start: Date.parse('2026-01-01T09:00:00Z') },
            { payload: '2026-01-02T10:00:00Z', start: Date.parse('2026-01-02T10:00:00Z'), durationSeconds: 1800 },
          ],
        },
      });
      expect(
        readContent([
          {
            contentType: 'ButtonResponse',
            buttonResponse: { text: 'Yes', payload: 'YES', type: 'QuickReply', originatingMessageId: 'm1' },
          },
        ]),
      ).to.deep.equal({ reply: { text: 'Yes', payload: 'YES', kind: 'quick-reply', to: 'm1' } });
    });

    it('keeps images and links to http(s), and reports what it cannot read instead of dropping it', () => {
      const content = readContent([
        {
          contentType: 'Card',
          card: {
            title: 'T',
            image: 'javascript:alert(1)',
            actions: [
              { type: 'Link', text: 'Bad', url: 'javascript:alert(1)' },
              { type: 'Link', text: 'Data', url: 'data:text/html,hi' },
            ],
          },
        },
        { contentType: 'ListPicker', listPicker: {} },
      ])!;
      expect(content.cards).to.deep.equal([{ title: 'T', actions: [] }]);
      expect(content.unsupported).to.equal(true);
      expect(readContent([{ contentType: 'Card', card: { title: '  ' } }])).to.deep.equal({ unsupported: true });
      expect(readContent(['nonsense'])).to.deep.equal({ unsupported: true });
      expect(
        readContent([{ contentType: 'Attachment', attachment: { id: 'a' } }]),
        'attachments are not read here',
      ).to.equal(undefined);
    });
  });

  it('answers as the SDK does: quick replies and time slots as Text, card postbacks as Structured', () => {
    const button = (kind: string) => ({
      contentType: 'ButtonResponse',
      buttonResponse: { text: 'Go', payload: 'GO', type: kind, originatingMessageId: 'm1' },
    });
    expect(replyMessage({ kind: 'quick-reply', text: 'Go', payload: 'GO', to: 'm1' })).to.deep.equal({
      type: 'Text',
      text: '',
      content: [button('QuickReply')],
    });
    expect(replyMessage({ kind: 'button', text: 'Go', payload: 'GO', to: 'm1' })).to.deep.equal({
      type: 'Structured',
      text: 'Go',
      content: [button('Button')],
    });
    expect(replyMessage({ kind: 'time-slot', text: 'Go', payload: 'GO', to: 'm1' }).content).to.deep.equal([
      button('DatePicker'),
    ]);
  });

  describe('in the transport (fake socket)', () => {
    let sockets: FakeSockets;
    let events: TransportEvent[];

    async function started(conversations: Record<string, unknown> = {}) {
      sockets = new FakeSockets();
      events = [];
      const config = { status: 'Active', messenger: { enabled: true, apps: { conversations } } };
      const transport = createWebMessagingTransport({
        environment: 'mypurecloud.ie',
        deploymentId: 'dep-1',
        fetch: new FakeFetch(() => jsonResponse(200, config)).fetch,
        createSocket: sockets.create,
        storage: new MemoryStorage(),
        lifecycle: new FakeLifecycle(),
      });
      transport.subscribe((event) => events.push(event));
      const starting = transport.start({ memberInfo: { displayName: 'Vi' } });
      await until(() => sockets.all.length === 1);
      sockets.last.open();
      const configure = JSON.parse(sockets.last.sent[0]);
      sockets.last.receive({
        type: 'response',
        class: 'SessionResponse',
        code: 200,
        body: { connected: true, newSession: true },
        tracingId: configure.tracingId,
      });
      await starting;
      return sockets.last;
    }

    const push = (body: Record<string, unknown>) =>
      sockets.last.receive({
        type: 'message',
        class: 'StructuredMessage',
        code: 200,
        body: { direction: 'Outbound', originatingEntity: 'Bot', channel: { time: '2026-01-01T10:00:00Z' }, ...body },
      });
    const messages = () =>
      events.flatMap((event) => (event.type === 'message' && !event.message.notice ? [event.message] : []));

    it('reports an empty message and one it cannot read, and keeps the order of what follows while the reader loads', async () => {
      await started();
      push({
        id: 'q',
        type: 'Structured',
        text: 'Pick',
        content: [{ contentType: 'QuickReply', quickReply: { text: 'A' } }],
      });
      push({ id: 't', type: 'Text', text: 'After' });
      push({ id: 'e', type: 'Text', text: '' });
      push({ id: 'u', type: 'Structured', content: [{ contentType: 'ListPicker', listPicker: {} }] });
      await until(() => messages().length === 4);
      const byId = (id: string) => messages().find((message) => message.id === id) as TransportMessage;
      expect(messages().map((message) => message.id)).to.deep.equal(['q', 't', 'e', 'u']);
      expect(byId('q').content).to.deep.equal({ quickReplies: [{ text: 'A', payload: 'A' }] });
      expect(byId('t').content).to.equal(undefined);
      expect(byId('e').content).to.deep.equal({ unsupported: true });
      expect(byId('u')).to.deep.include({ text: '', content: { unsupported: true } });
    });

    it("marks agents' and bots' text as Markdown where the deployment turns it on, never the visitor's", async () => {
      await started({ markdown: { enabled: true } });
      push({ id: 'b', type: 'Text', text: '**Hi**' });
      push({ id: 'v', type: 'Text', text: '**Me**', direction: 'Inbound', originatingEntity: undefined });
      await until(() => messages().length === 2);
      expect(messages().map((message) => message.content)).to.deep.equal([{ markdown: true }, undefined]);
    });

    it("shows the visitor's answer echoed from another tab with the choice as its text", async () => {
      await started();
      const buttonResponse = { text: 'Yes', payload: 'YES', type: 'QuickReply' };
      push({
        id: 'a',
        type: 'Text',
        text: '',
        direction: 'Inbound',
        originatingEntity: undefined,
        content: [{ contentType: 'ButtonResponse', buttonResponse }],
      });
      await until(() => messages().length === 1);
      expect(messages()[0]).to.deep.include({
        text: 'Yes',
        content: { reply: { text: 'Yes', payload: 'YES', kind: 'quick-reply' } },
      });
      expect(messages()[0].sender.kind).to.equal('guest');
    });
  });
});
