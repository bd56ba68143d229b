/**
 * Waiting on real processes (a broker, a station child): polls a condition
 * every few milliseconds and gives up after a generous safety timeout. Never
 * a fixed sleep.
 */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, safetyMs = 20_000): Promise<void> {
  const until = Date.now() + safetyMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
