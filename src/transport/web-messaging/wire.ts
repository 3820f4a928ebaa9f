/**
 * Web Messaging wire types and their validators. Nothing outside this folder sees these shapes; the transport turns
 * them into normalised events.
 */
import type { AttachmentFields, MediaPolicy } from '../attachments.js';
import { invalid, isObject, isoTime, objectField, stringField, type JsonObject, type Validated } from '../json.js';
import { attachmentFields, mediaPolicy } from './attachment-wire.js';

/** One frame from the guest socket: `{type, class, code, body, tracingId?}`. */
export interface ServerFrame {
  /** `response` answers a request; `message` is pushed (conversation traffic, events). */
  type: 'response' | 'message';
  className: string;
  /** 200 is success; anything else is an error code (HTTP-like or 4xxx). */
  code: number;
  body: unknown;
  tracingId?: string;
}

/** The fields of a SessionResponse the widget uses. */
export interface SessionInfo {
  connected: boolean;
  /** The token was unknown: a fresh session without history. */
  newSession: boolean;
  /** The agent ended the conversation with a ReadOnly disconnect. */
  readOnly: boolean;
  maxCustomDataBytes?: number;
  attachments: MediaPolicy | null;
}

/** One event of a message of type `Event`. */
export interface WireEvent {
  eventType: string;
  /** `typing.type` or `presence.type`. */
  kind?: string;
  /** Typing duration in ms, when given. */
  durationMs?: number;
}

/** A StructuredMessage body or a history entity, the fields the widget uses. */
export interface WireMessage {
  id: string;
  type: string;
  text?: string;
  direction: 'Inbound' | 'Outbound';
  originatingEntity?: string;
  /** Epoch ms of `channel.time`; history may have none. */
  time?: number;
  nickname?: string;
  image?: string;
  events: WireEvent[];
  metadata: Record<string, string>;
  attachments?: AttachmentFields[];
  /** The raw `content[]` items, when there are any; `content.ts` reads them. */
  content?: unknown[];
}

/** What the widget takes from the deployment's `config.json`. */
export interface DeploymentSettings {
  active: boolean;
  showAgentTyping: boolean;
  showUserTyping: boolean;
  autoStart: boolean;
  /** Whether the agent's Presence Disconnect ends the chat for the visitor. */
  disconnectEnds: boolean;
  clearAllowed: boolean;
  markdown: boolean;
  bot?: { name?: string; avatarUrl?: string };
}

/** A JwtResponse: the guest JWT for REST and its expiry (epoch seconds). */
export interface GuestJwt {
  jwt: string;
  exp: number;
}

/** One page of `GET /api/v2/webmessaging/messages` (newest first). */
export interface HistoryPage {
  entities: WireMessage[];
  pageCount: number;
}

const bool = (object: JsonObject | undefined, key: string): boolean => object?.[key] === true;

/** Validates the envelope of a server frame. */
export function readServerFrame(value: JsonObject): Validated<ServerFrame> {
  const type = value.type;
  const className = stringField(value, 'class');
  if ((type !== 'response' && type !== 'message') || !className || typeof value.code !== 'number') {
    return invalid('frame lacks type, class or code');
  }
  return {
    ok: true,
    value: { type, className, code: value.code, body: value.body, tracingId: stringField(value, 'tracingId') },
  };
}

/** Validates a SessionResponse body. */
export function readSessionResponse(body: unknown): Validated<SessionInfo> {
  if (!isObject(body) || typeof body.connected !== 'boolean') return invalid('SessionResponse lacks connected');
  const max = body.maxCustomDataBytes;
  return {
    ok: true,
    value: {
      connected: body.connected,
      newSession: body.newSession === true,
      readOnly: body.readOnly === true,
      maxCustomDataBytes: typeof max === 'number' && max >= 0 ? max : undefined,
      attachments: mediaPolicy(body),
    },
  };
}

function readEvent(value: unknown): WireEvent | null {
  if (!isObject(value)) return null;
  const eventType = stringField(value, 'eventType');
  if (!eventType) return null;
  const detail = objectField(value, 'typing') ?? objectField(value, 'presence');
  const duration = detail?.duration;
  return {
    eventType,
    kind: detail && stringField(detail, 'type'),
    durationMs: typeof duration === 'number' && duration >= 0 ? duration : undefined,
  };
}

/** Validates a StructuredMessage body or a history entity. */
export function readMessage(value: unknown): Validated<WireMessage> {
  if (!isObject(value)) return invalid('message is not an object');
  const id = stringField(value, 'id');
  const type = stringField(value, 'type');
  const direction = value.direction;
  if (!id || !type || (direction !== 'Inbound' && direction !== 'Outbound'))
    return invalid('message lacks id, type or direction');
  const channel = objectField(value, 'channel');
  const from = channel && objectField(channel, 'from');
  const metadata: Record<string, string> = {};
  for (const [key, item] of Object.entries(objectField(value, 'metadata') ?? {})) {
    if (typeof item === 'string') metadata[key] = item;
  }
  return {
    ok: true,
    value: {
      id,
      type,
      text: typeof value.text === 'string' ? value.text : undefined,
      direction,
      originatingEntity: stringField(value, 'originatingEntity'),
      time: channel && isoTime(channel.time),
      nickname: from && (stringField(from, 'nickname') ?? stringField(from, 'firstName')),
      image: from && stringField(from, 'image'),
      events: Array.isArray(value.events)
        ? value.events.map(readEvent).filter((event): event is WireEvent => event !== null)
        : [],
      metadata,
      attachments: attachmentFields(value.content),
      content: structuredContent(value.content),
    },
  };
}

/** The raw `content[]` items other than attachments (read apart, by `attachmentFields`), when there are any. */
function structuredContent(content: unknown): unknown[] | undefined {
  if (!Array.isArray(content)) return undefined;
  const items = content.filter((item) => !isObject(item) || item.contentType !== 'Attachment');
  return items.length > 0 ? items : undefined;
}

/** Validates a JwtResponse body. */
export function readJwt(body: unknown): Validated<GuestJwt> {
  if (!isObject(body) || !stringField(body, 'jwt') || typeof body.exp !== 'number')
    return invalid('JwtResponse lacks jwt or exp');
  return { ok: true, value: { jwt: body.jwt as string, exp: body.exp } };
}

/** Validates a history page; one bad entity rejects the page. */
export function readHistoryPage(value: unknown): Validated<HistoryPage> {
  if (!isObject(value) || !Array.isArray(value.entities)) return invalid('answer has no entities list');
  const entities: WireMessage[] = [];
  for (const entity of value.entities) {
    const message = readMessage(entity);
    if (!message.ok) return message;
    entities.push(message.value);
  }
  return { ok: true, value: { entities, pageCount: typeof value.pageCount === 'number' ? value.pageCount : 1 } };
}

/** Validates `config.json`; absent switches read as off, as the SDK's defaults. */
export function readDeploymentConfig(value: unknown): Validated<DeploymentSettings> {
  if (!isObject(value)) return invalid('config.json is not an object');
  const messenger = objectField(value, 'messenger');
  const conversations = messenger && objectField(objectField(messenger, 'apps') ?? {}, 'conversations');
  const humanize = conversations && objectField(conversations, 'humanize');
  const bot = humanize && bool(humanize, 'enabled') ? objectField(humanize, 'bot') : undefined;
  return {
    ok: true,
    value: {
      active: value.status === 'Active' && bool(messenger, 'enabled'),
      showAgentTyping: bool(conversations, 'showAgentTypingIndicator'),
      showUserTyping: bool(conversations, 'showUserTypingIndicator'),
      autoStart: bool(conversations && objectField(conversations, 'autoStart'), 'enabled'),
      disconnectEnds: bool(conversations && objectField(conversations, 'conversationDisconnect'), 'enabled'),
      clearAllowed: bool(conversations && objectField(conversations, 'conversationClear'), 'enabled'),
      markdown: bool(conversations && objectField(conversations, 'markdown'), 'enabled'),
      bot: bot && { name: stringField(bot, 'name'), avatarUrl: stringField(bot, 'avatarUrl') },
    },
  };
}

/** An `Event` message of one event, as the guest sends it (typing, presence). */
export const eventMessage = (eventType: string, detail: JsonObject): JsonObject => ({
  type: 'Event',
  events: [{ eventType, ...detail }],
});

/** A `Presence` event message (`Join`, `Clear`). */
export const presenceMessage = (type: string): JsonObject => eventMessage('Presence', { presence: { type } });
