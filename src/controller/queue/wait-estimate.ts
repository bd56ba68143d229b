/**
 * Estimated wait from recent service times: the mean of the last completed
 * services of the day (or the configured expectation before there are any),
 * spread over the open counters serving that service. A counter with an open
 * recording-equipment fault counts as half a counter.
 */
export interface WaitInputs {
  ahead: number;
  recentServiceMs: number[];
  expectedMinutes: number;
  counters: Array<{ degraded: boolean }>;
}

export function estimateWaitMinutes(w: WaitInputs): number | null {
  const capacity = w.counters.reduce((sum, c) => sum + (c.degraded ? 0.5 : 1), 0);
  if (capacity === 0) return null;
  const samples = w.recentServiceMs.filter((ms) => ms > 0);
  const meanMinutes = samples.length > 0 ? samples.reduce((a, b) => a + b, 0) / samples.length / 60000 : w.expectedMinutes;
  return Math.round((w.ahead * meanMinutes) / capacity);
}
