/**
 * Guest Chat wire types and their validators. Nothing outside this folder sees these shapes; the transport turns
 * them into normalised events.
 */
import { invalid, isObject, isoTime, objectField, stringField, type JsonObject, type Validated } from '../json.js';

/** Member roles on the wire. */
export type MemberRole = 'CUSTOMER' | 'AGENT' | 'WORKFLOW' | 'ACD';
/** Member states on the wire. */
export type MemberState = 'ALERTING' | 'CONNECTED' | 'DISCONNECTED';

/** WebChatMemberInfo, the fields the widget uses. */
export interface WebChatMember {
  id: string;
  role: MemberRole;
  state?: MemberState;
  displayName?: string;
  avatarImageUrl?: string;
}

/** WebChatMessage, with `timestamp` parsed to epoch milliseconds. */
export interface WebChatMessage {
  id: string;
  senderId: string;
  body: string;
  bodyType: string;
  time: number;
}

/** WebChatTyping. */
export interface WebChatTyping {
  id: string;
  senderId: string;
  time: number;
}

/** CreateWebChatConversationResponse. */
export interface CreatedConversation {
  id: string;
  jwt: string;
  eventStreamUri: string;
  memberId: string;
}

/** One event-stream frame, validated. */
export type GuestChatFrame =
  | { kind: 'heartbeat' }
  | { kind: 'message'; message: WebChatMessage }
  | { kind: 'typing'; typing: WebChatTyping }
  | { kind: 'member-change'; memberId: string; state: MemberState; time: number; timestamp: string }
  /** A well-formed frame the widget has no use for (no metadata, another topic or type). */
  | { kind: 'ignored' };

const ROLES: readonly string[] = ['CUSTOMER', 'AGENT', 'WORKFLOW', 'ACD'];
const STATES: readonly string[] = ['ALERTING', 'CONNECTED', 'DISCONNECTED'];

function senderId(body: JsonObject): string | undefined {
  const sender = objectField(body, 'sender');
  return sender && stringField(sender, 'id');
}

/** Validates a WebChatMessage (send answer, history entity or frame body). */
export function readMessage(value: unknown): Validated<WebChatMessage> {
  if (!isObject(value)) return invalid('message is not an object');
  const id = stringField(value, 'id');
  const sender = senderId(value);
  const time = isoTime(value.timestamp);
  const bodyType = stringField(value, 'bodyType');
  if (!id || !sender || time === undefined || !bodyType || typeof value.body !== 'string') {
    return invalid('message lacks id, sender.id, body, bodyType or timestamp');
  }
  return { ok: true, value: { id, senderId: sender, body: value.body, bodyType, time } };
}

/** Validates a WebChatTyping. */
export function readTyping(value: unknown): Validated<WebChatTyping> {
  if (!isObject(value)) return invalid('typing is not an object');
  const id = stringField(value, 'id');
  const sender = senderId(value);
  const time = isoTime(value.timestamp);
  if (!id || !sender || time === undefined) return invalid('typing lacks id, sender.id or timestamp');
  return { ok: true, value: { id, senderId: sender, time } };
}

/** Validates a WebChatMemberInfo. */
export function readMember(value: unknown): Validated<WebChatMember> {
  if (!isObject(value)) return invalid('member is not an object');
  const id = stringField(value, 'id');
  const role = stringField(value, 'role');
  const state = stringField(value, 'state');
  if (!id || !role || !ROLES.includes(role)) return invalid('member lacks id or a known role');
  return {
    ok: true,
    value: {
      id,
      role: role as MemberRole,
      state: state && STATES.includes(state) ? (state as MemberState) : undefined,
      displayName: stringField(value, 'displayName'),
      avatarImageUrl: stringField(value, 'avatarImageUrl'),
    },
  };
}

/** Validates a CreateWebChatConversationResponse. */
export function readCreated(value: unknown): Validated<CreatedConversation> {
  if (!isObject(value)) return invalid('create answer is not an object');
  const id = stringField(value, 'id');
  const jwt = stringField(value, 'jwt');
  const eventStreamUri = stringField(value, 'eventStreamUri');
  const member = objectField(value, 'member');
  const memberId = member && stringField(member, 'id');
  if (!id || !jwt || !eventStreamUri || !memberId)
    return invalid('create answer lacks id, jwt, eventStreamUri or member.id');
  return { ok: true, value: { id, jwt, eventStreamUri, memberId } };
}

/** Reads `entities` of an entity list, validating each; one bad entity rejects the list. */
export function readEntities<T>(value: unknown, read: (entity: unknown) => Validated<T>): Validated<T[]> {
  if (!isObject(value) || !Array.isArray(value.entities)) return invalid('answer has no entities list');
  const out: T[] = [];
  for (const entity of value.entities) {
    const result = read(entity);
    if (!result.ok) return result;
    out.push(result.value);
  }
  return { ok: true, value: out };
}

/**
 * Validates one event-stream frame of conversation `conversationId`. Frames for another conversation, without
 * `metadata` (the SDK's sample ignores those) or of a type the widget does not use are `ignored`; a frame that
 * claims to be a message, typing or member change but is malformed is invalid.
 */
export function readFrame(frame: JsonObject, conversationId: string): Validated<GuestChatFrame> {
  const topic = stringField(frame, 'topicName');
  if (!topic) return invalid('frame has no topicName');
  const body = objectField(frame, 'eventBody');
  if (topic === 'channel.metadata') {
    return body?.message === 'WebSocket Heartbeat'
      ? { ok: true, value: { kind: 'heartbeat' } }
      : { ok: true, value: { kind: 'ignored' } };
  }
  const metadata = objectField(frame, 'metadata');
  const type = metadata && stringField(metadata, 'type');
  const prefix = `v2.conversations.chats.${conversationId}.`;
  if (!type || !topic.startsWith(prefix)) return { ok: true, value: { kind: 'ignored' } };
  if (!body) return invalid(`${type} frame has no eventBody`);
  const channel = topic.slice(prefix.length);
  if (channel === 'messages' && type === 'message') {
    const message = readMessage(body);
    return message.ok ? { ok: true, value: { kind: 'message', message: message.value } } : message;
  }
  if (channel === 'messages' && type === 'typing-indicator') {
    const typing = readTyping(body);
    return typing.ok ? { ok: true, value: { kind: 'typing', typing: typing.value } } : typing;
  }
  if (channel === 'members' && type === 'member-change') {
    const member = objectField(body, 'member');
    const memberId = member && stringField(member, 'id');
    const state = member && stringField(member, 'state');
    const time = isoTime(body.timestamp);
    if (!memberId || !state || !STATES.includes(state) || time === undefined) {
      return invalid('member-change lacks member.id, a known member.state or timestamp');
    }
    return {
      ok: true,
      value: {
        kind: 'member-change',
        memberId,
        state: state as MemberState,
        time,
        timestamp: body.timestamp as string,
      },
    };
  }
  return { ok: true, value: { kind: 'ignored' } };
}

/** What makes a frame the same as one delivered before (delivery is at least once), or null for one not kept. */
export function frameKey(frame: GuestChatFrame): string | null {
  return frame.kind === 'message'
    ? `m:${frame.message.id}`
    : frame.kind === 'typing'
      ? `t:${frame.typing.id}`
      : frame.kind === 'member-change'
        ? `c:${frame.memberId}:${frame.state}:${frame.timestamp}`
        : null;
}
