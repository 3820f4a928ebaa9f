/**
 * Web Messaging structured content (`content[]` of a StructuredMessage or history entity) turned into
 * {@link RichContent}, and the visitor's answers turned into `onMessage` messages. Loaded by the transport the first
 * time a message carries content, so a text-only chat never fetches it. Shapes follow the Kotlin transport SDK
 * (`StructuredMessage.kt`); anything unknown or malformed is reported as `unsupported`, never dropped in silence.
 */
import { isObject, isoTime, objectField, type JsonObject } from '../json.js';
import type {
  RichCard,
  RichCardAction,
  RichChoice,
  RichContent,
  RichReply,
  RichReplyKind,
  RichTimeSlot,
} from '../rich.js';

/** Content types another part of the widget owns (attachments): neither read here nor reported as unknown. */
const ELSEWHERE = new Set(['Attachment']);

const text = (object: JsonObject | undefined, key: string): string | undefined => {
  const value = object?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** An http(s) URL, normalised, or undefined: images and links never take other schemes (`javascript:`, `data:`). */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function readChoice(value: JsonObject | undefined): RichChoice | undefined {
  const label = text(value, 'text');
  if (!label) return undefined;
  // A choice without a payload answers with its text, as Messenger does.
  return { text: label, payload: typeof value?.payload === 'string' ? value.payload : label };
}

function readAction(value: unknown): RichCardAction | undefined {
  if (!isObject(value)) return undefined;
  const label = text(value, 'text');
  if (!label) return undefined;
  const type = typeof value.type === 'string' ? value.type.toLowerCase() : '';
  if (type === 'link') {
    const url = httpUrl(value.url);
    return url ? { type: 'link', text: label, url } : undefined;
  }
  if (type === 'postback') {
    return { type: 'postback', text: label, payload: typeof value.payload === 'string' ? value.payload : label };
  }
  return undefined;
}

function readCard(value: unknown): RichCard | undefined {
  if (!isObject(value)) return undefined;
  const title = text(value, 'title');
  if (!title) return undefined;
  const actions = Array.isArray(value.actions) ? value.actions.map(readAction) : [];
  const fallback = objectField(value, 'defaultAction');
  const card: RichCard = {
    title,
    actions: actions.filter((action): action is RichCardAction => action !== undefined),
  };
  const description = text(value, 'description');
  const image = httpUrl(value.image) ?? httpUrl(value.imageUrl);
  const url = fallback && readAction({ ...fallback, text: title });
  if (description) card.description = description;
  if (image) card.image = image;
  if (url?.type === 'link') card.url = url.url;
  return card;
}

function readSlot(value: unknown): RichTimeSlot | undefined {
  if (!isObject(value) || typeof value.dateTime !== 'string') return undefined;
  const start = isoTime(value.dateTime);
  if (start === undefined) return undefined;
  const slot: RichTimeSlot = { payload: value.dateTime, start };
  if (typeof value.duration === 'number' && value.duration > 0) slot.durationSeconds = value.duration;
  return slot;
}

/**
 * Reads a message's `content[]`. Returns undefined when there is nothing for this module (no items, or only
 * attachments); `unsupported` is set when an item is of an unknown type or unreadable.
 */
export function readContent(items: readonly unknown[]): RichContent | undefined {
  const content: RichContent = {};
  let used = false;
  const fail = () => {
    content.unsupported = used = true;
  };
  for (const item of items) {
    const type = isObject(item) && typeof item.contentType === 'string' ? item.contentType : '';
    if (ELSEWHERE.has(type)) continue;
    const body = isObject(item) ? objectField(item, type.charAt(0).toLowerCase() + type.slice(1)) : undefined;
    used = true;
    if (type === 'QuickReply') {
      const choice = readChoice(body);
      if (choice) (content.quickReplies ??= []).push(choice);
      else fail();
    } else if (type === 'Card' || type === 'Carousel') {
      const cards = (type === 'Card' ? [body] : Array.isArray(body?.cards) ? body.cards : []).map(readCard);
      const good = cards.filter((card): card is RichCard => card !== undefined);
      if (good.length < cards.length || good.length === 0) fail();
      if (good.length) (content.cards ??= []).push(...good);
      if (content.cards && (type === 'Carousel' || content.cards.length > 1)) content.carousel = true;
    } else if (type === 'DatePicker') {
      const slots = (Array.isArray(body?.availableTimes) ? body.availableTimes : []).map(readSlot);
      const good = slots.filter((slot): slot is RichTimeSlot => slot !== undefined).sort((a, b) => a.start - b.start);
      if (good.length === 0 || good.length < slots.length) fail();
      if (good.length) {
        content.timeSlots = { title: text(body, 'title'), subtitle: text(body, 'subtitle'), slots: good };
      }
    } else if (type === 'ButtonResponse') {
      const choice = readChoice(body);
      const kind = body?.type;
      if (!choice) fail();
      else {
        const reply: RichReply = {
          ...choice,
          kind: kind === 'QuickReply' ? 'quick-reply' : kind === 'DatePicker' ? 'time-slot' : 'button',
        };
        if (typeof body?.originatingMessageId === 'string') reply.to = body.originatingMessageId;
        content.reply = reply;
      }
    } else {
      fail();
    }
  }
  return used ? content : undefined;
}

const WIRE_KIND: Record<RichReplyKind, string> = {
  'quick-reply': 'QuickReply',
  button: 'Button',
  'time-slot': 'DatePicker',
};

/**
 * The `onMessage` message answering structured content: a `ButtonResponse`. Quick replies and time slots go as
 * `Text` with empty text; card postbacks as `Structured` with the button's text (the SDK's shapes). The time slot's
 * `type` and text are inferred: the SDK names the chosen slot in a ButtonResponse.
 */
export function replyMessage(reply: RichReply): JsonObject {
  const button = reply.kind === 'button';
  return {
    type: button ? 'Structured' : 'Text',
    text: button ? reply.text : '',
    content: [
      {
        contentType: 'ButtonResponse',
        buttonResponse: {
          text: reply.text,
          payload: reply.payload,
          type: WIRE_KIND[reply.kind],
          ...(reply.to ? { originatingMessageId: reply.to } : {}),
        },
      },
    ],
  };
}
