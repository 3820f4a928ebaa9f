/** Captured before any test fakes the clock, so waiting still works under sinon's fake timers. */
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const now = performance.now.bind(performance);

/** One turn of the event loop (a message-channel task, which fake timers do not hold back). */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/**
 * The one way tests wait: until `condition` holds (it may be async), checked after each turn of the event loop at
 * first, then every few milliseconds. Throws, naming `what`, when it has not held within `timeoutMs` of real time.
 * The timeout is a safety net, never an assertion on speed.
 */
export async function until(condition: () => unknown, what = 'the condition', timeoutMs = 10_000): Promise<void> {
  const deadline = now() + timeoutMs;
  for (let turn = 0; !(await condition()); turn += 1) {
    if (now() > deadline) throw new Error(`Never happened: ${what}`);
    await (turn < 50 ? macrotask() : new Promise((resolve) => realSetTimeout(resolve, 5)));
  }
}
