/**
 * Waiting for something to become true, without fixed sleeps: checks after
 * every turn of the event loop, gives up after a generous safety timeout.
 */
export async function waitFor(cond: () => boolean, what: string, safetyMs = 5000): Promise<void> {
  const until = Date.now() + safetyMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Lets pending I/O callbacks and promise jobs run (a few event-loop turns). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}
