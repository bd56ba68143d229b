/**
 * The report's arithmetic, exactly as CONTRACT v2 defines it. Durations are
 * kept in whole milliseconds until the figure is shown, then rounded to 0.1 s
 * (half up) once, so no figure carries a rounding error of another.
 */

/** Milliseconds as seconds rounded to 0.1 (half up); null stays null. */
export const seconds1 = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 100) / 10);

/** A number rounded to 0.1 (counts per day, percentages). */
export const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

export const round2 = (x: number): number => Math.round(x * 100) / 100;

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : sum(xs) / xs.length);

const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/** The middle value; the mean of the two middle values for an even count. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = ascending(xs);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile: the value at rank ceil(p/100 × n) of the sorted values (1-based). */
export function nearestRank(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = ascending(xs);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1]!;
}

export const max = (xs: readonly number[]): number | null => (xs.length === 0 ? null : Math.max(...xs));

/** Mean, median, nearest-rank p90 and maximum of durations in ms, shown in seconds to 0.1. */
export interface Summary {
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
}

export function summary(ms: readonly number[]): Summary {
  return { mean: seconds1(mean(ms)), median: seconds1(median(ms)), p90: seconds1(nearestRank(ms, 90)), max: seconds1(max(ms)) };
}

/**
 * z-scores against the population mean and standard deviation of the same
 * values; null where every value is the same (no spread, no outlier).
 */
export function zScores(xs: readonly number[]): Array<number | null> {
  const m = mean(xs);
  if (m === null) return [];
  const sd = Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / xs.length);
  return xs.map((x) => (sd === 0 ? null : (x - m) / sd));
}

/** ceil(a / b) for whole numbers, exactly (no floating-point step). */
export const ceilDiv = (a: number, b: number): number => Math.floor((a + b - 1) / b);
