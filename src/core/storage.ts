/** One of the browser's storages, or null where it is unavailable (private mode, sandboxed frame, storage blocked). */
export function browserStorage(name: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    // Reading the property itself throws in sandboxed frames and with storage blocked.
    return globalThis[name] ?? null;
  } catch {
    return null;
  }
}
