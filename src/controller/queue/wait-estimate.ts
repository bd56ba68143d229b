/**
 * Estimated wait: minutes per ticket times the tickets ahead, spread over the
 * open counters serving that service. A counter with an open
 * recording-equipment fault counts as half a counter.
 *
 * Minutes per ticket blend the configured expectation with the day's measured
 * service times: with n of BLEND_SAMPLES samples, the measured mean weighs
 * n / BLEND_SAMPLES and the expectation the rest, so two quick services early
 * in the morning move the estimate a little instead of collapsing it (42 → 2
 * minutes). From BLEND_SAMPLES samples on, only measured times count.
 */
export interface WaitInputs {
  ahead: number;
  /** The day's most recent service times (call to done), newest first. */
  recentServiceMs: number[];
  expectedMinutes: number;
  counters: Array<{ degraded: boolean }>;
}

/** Samples after which the measured mean alone is trusted. */
export const BLEND_SAMPLES = 8;

/** Minutes one ticket takes at one counter: the blend described above. */
export function minutesPerTicket(recentServiceMs: readonly number[], expectedMinutes: number): number {
  const samples = recentServiceMs.filter((ms) => ms > 0).slice(0, BLEND_SAMPLES);
  if (samples.length === 0) return expectedMinutes;
  const measured = samples.reduce((a, b) => a + b, 0) / samples.length / 60_000;
  const weight = samples.length / BLEND_SAMPLES;
  return weight * measured + (1 - weight) * expectedMinutes;
}

export function estimateWaitMinutes(w: WaitInputs): number | null {
  const capacity = w.counters.reduce((sum, c) => sum + (c.degraded ? 0.5 : 1), 0);
  if (capacity === 0) return null;
  return Math.round((w.ahead * minutesPerTicket(w.recentServiceMs, w.expectedMinutes)) / capacity);
}
