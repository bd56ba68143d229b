/**
 * Waiting for something to become true, without fixed sleeps: checks every
 * few milliseconds (a driver's event, a real process such as a broker or a
 * station child) and gives up after a generous safety timeout, which is no
 * timing assertion. A condition that asks a station over HTTP passes a
 * longer period (`everyMs`) so the wait does not flood it.
 */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, safetyMs = 20_000, everyMs = 2): Promise<void> {
  const until = Date.now() + safetyMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Lets pending I/O callbacks and promise jobs run (a few event-loop turns). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}
