import type { JsonObject } from '../json.js';
import type { MemberInfo } from '../types.js';
import { WebMessagingError } from './error.js';
import type { ServerFrame } from './wire.js';

const encoder = new TextEncoder();

/**
 * Custom attributes that fit the session's byte budget (UTF-8 bytes of every key and value, summed, as the SDK
 * counts them): fields are taken in order and one that would overflow is left out, so the rest still reach the
 * agent instead of the whole message being refused with 4013. Returns the kept attributes and the names left out.
 */
export function fitAttributes(
  fields: Record<string, string>,
  budget: number,
): { kept: Record<string, string>; dropped: string[] } {
  const kept: Record<string, string> = {};
  const dropped: string[] = [];
  let used = 0;
  for (const [key, value] of Object.entries(fields)) {
    const size = encoder.encode(key).length + encoder.encode(value).length;
    if (used + size > budget) {
      dropped.push(key);
      continue;
    }
    kept[key] = value;
    used += size;
  }
  return { kept, dropped };
}

/** The SDK's default budget, until a SessionResponse says otherwise. */
const DEFAULT_CUSTOM_DATA_BYTES = 2_048;

/**
 * Web Messaging carries no visitor name or email: they go as the custom attributes Genesys reserves for the
 * customer (`context.firstName`, `context.lastName`, `context.email`, `context.phone`), which name the customer in
 * the agent's interaction, ahead of the site's own custom fields (which may override them).
 */
function visitorAttributes(info: MemberInfo): Record<string, string> {
  const reserved: [string, string | undefined][] = [
    ['context.firstName', info.firstName || info.displayName],
    ['context.lastName', info.lastName],
    ['context.email', info.email],
    ['context.phone', info.phoneNumber],
  ];
  return {
    ...Object.fromEntries(reserved.filter((entry): entry is [string, string] => !!entry[1])),
    ...info.customFields,
  };
}

/** Sends an `onMessage` with this tracingId (`keepOnDrop`: kept in doubt through a dropped socket). */
type SendMessage = (fields: JsonObject, tracingId: string, keepOnDrop: boolean) => Promise<ServerFrame>;

/**
 * The visitor's custom attributes, within the session's byte budget. They ride in `message.channel.metadata` (SDK),
 * with the first message after they were set; one the server refuses as too large goes again without them.
 */
export function attributeCarrier(send: SendMessage, warn: (error: WebMessagingError) => void) {
  let attributes: Record<string, string> | null = null;
  let budget = DEFAULT_CUSTOM_DATA_BYTES;

  return {
    /** The session's budget, from its SessionResponse (which may leave it out). */
    setBudget(bytes: number | undefined): void {
      if (bytes !== undefined) budget = bytes;
    },

    /** Keeps the visitor's details and custom fields for the next message, within the budget. */
    keep(info: MemberInfo): void {
      const fields = visitorAttributes(info);
      if (Object.keys(fields).length === 0) return;
      const { kept, dropped } = fitAttributes(fields, budget);
      if (dropped.length > 0) {
        warn(
          new WebMessagingError(`Custom fields over the ${budget}-byte budget were left out: ${dropped.join(', ')}`, {
            code: 'custom.attributes.too.large',
            retryable: false,
          }),
        );
      }
      attributes = Object.keys(kept).length > 0 ? kept : null;
    },

    /** Sends `message`, with the attributes kept when there are any. */
    async send(message: JsonObject, tracingId: string, keepOnDrop: boolean): Promise<ServerFrame> {
      const carried = attributes;
      const withAttributes = carried ? { ...message, channel: { metadata: { customAttributes: carried } } } : message;
      try {
        const answer = await send({ message: withAttributes }, tracingId, keepOnDrop);
        if (carried && attributes === carried) attributes = null;
        return answer;
      } catch (error) {
        if (!carried || !(error instanceof WebMessagingError) || error.code !== 'custom.attributes.too.large')
          throw error;
        // The server counts differently than we did: the message matters more than the attributes.
        warn(error);
        attributes = null;
        return send({ message }, tracingId, keepOnDrop);
      }
    },

    /** Forgets the attributes (a new chat). */
    forget(): void {
      attributes = null;
    },
  };
}
