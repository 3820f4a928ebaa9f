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
