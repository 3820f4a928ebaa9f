/** A map with no prototype, so keys like `constructor` or `__proto__` are plain keys with no inherited value. */
export function plainMap<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
