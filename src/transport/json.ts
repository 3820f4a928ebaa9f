/**
 * Small helpers to validate JSON from the network without trusting it. They return `undefined` (or an `Invalid`)
 * instead of throwing, so one bad frame can be reported and dropped without breaking the stream.
 */

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** Why a value was rejected. */
export interface Invalid {
  ok: false;
  reason: string;
}

/** The outcome of validating one value. */
export type Validated<T> = { ok: true; value: T } | Invalid;

/** A rejection with its reason. */
export function invalid(reason: string): Invalid {
  return { ok: false, reason };
}

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses text that must hold one JSON object. */
export function parseJsonObject(text: unknown): Validated<JsonObject> {
  if (typeof text !== 'string') return invalid('frame is not text');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid('frame is not JSON');
  }
  return isObject(value) ? { ok: true, value } : invalid('frame is not a JSON object');
}

/** `object[key]` when it is a non-empty string. */
export function stringField(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `object[key]` when it is an object. */
export function objectField(object: JsonObject, key: string): JsonObject | undefined {
  const value = object[key];
  return isObject(value) ? value : undefined;
}

/** Epoch milliseconds of an ISO-8601 string, or undefined when it does not parse. */
export function isoTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}
