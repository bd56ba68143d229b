/**
 * Coverage of the area's obligation and the capacity plan. `recorded` is the
 * people recorded before the station counted (`coverage.recordedBefore`)
 * plus the done tickets of `recording: true` services from `coverage.since`
 * up to the report's day; `perDay` is the mean of the last 20 days with any
 * recording; `daysToCover` = ceil(remaining / perDay), computed exactly.
 * One more recording set is assumed to record at the present pace per set.
 */
import type { ResolvedConfig } from '../../config/load.js';
import { requiredWatts } from '../power/budget.js';
import type { ReportStore } from './report-store.js';
import { ceilDiv, round1, sum } from './stats.js';
import type { CapacityPlan, CoverageFigures } from './types.js';

export const PACE_DAYS = 20;

export interface Pace {
  /** Recorded on each of the last (up to) 20 days with any recording, newest first. */
  days: Array<{ day: string; n: number }>;
  total: number;
}

export function recordingCodes(config: ResolvedConfig): string[] {
  return config.services.filter((s) => s.recording).map((s) => s.code);
}

export function coverageFigures(
  store: ReportStore,
  config: ResolvedConfig,
  date: string,
): { coverage: CoverageFigures | null; capacity: CapacityPlan | null; byDay: Array<{ day: string; n: number }> } {
  const cov = config.coverage;
  if (!cov) return { coverage: null, capacity: null, byDay: [] };
  const byDay = date < cov.since ? [] : store.recordedPerDay(recordingCodes(config), cov.since, date);
  const recordedSince = sum(byDay.map((d) => d.n));
  const pace: Pace = { days: byDay.slice(0, PACE_DAYS), total: 0 };
  pace.total = sum(pace.days.map((d) => d.n));
  const recorded = cov.recordedBefore + recordedSince;
  const remaining = Math.max(0, cov.obliged - recorded);
  const n = pace.days.length;
  const daysToCover = (sets: number, more: number) =>
    pace.total === 0 ? null : remaining === 0 ? 0 : ceilDiv(remaining * n * sets, pace.total * more);
  const perDay = n === 0 ? null : pace.total / n;
  const sets = config.power.recordingSets;
  const now = daysToCover(1, 1);
  const then = daysToCover(sets, sets + 1);
  const requiredW = requiredWatts(sets + 1);
  return {
    byDay,
    coverage: {
      obliged: cov.obliged,
      recorded,
      remaining,
      recordedToday: byDay.find((d) => d.day === date)?.n ?? 0,
      perDay: round1(perDay),
      daysToCover: now,
      recordedBefore: cov.recordedBefore,
      since: cov.since,
      recordedSince,
      recordedPct: round1((100 * recorded) / cov.obliged)!,
      daysInMean: n,
    },
    capacity: {
      recordingSets: sets,
      perDay: round1(perDay),
      perSetPerDay: round1(perDay === null ? null : perDay / sets),
      daysToCover: now,
      withOneMoreSet: {
        recordingSets: sets + 1,
        perDay: round1(perDay === null ? null : (perDay * (sets + 1)) / sets),
        daysToCover: then,
        daysSaved: now === null || then === null ? null : now - then,
        requiredW,
        gensetRatedW: config.power.gensetRatedW,
        gensetEnough: config.power.gensetRatedW >= requiredW,
        gensetShortW: Math.max(0, requiredW - config.power.gensetRatedW),
      },
    },
  };
}
