/**
 * The day's figures for the office head and the regency (CONTRACT v2 "Daily
 * report, fixed fields", and more): tickets, waits and service times per
 * service against their targets, SOP step durations, hour by hour, each
 * counter's time, the document clock of Permendagri 19/2018, power lost to
 * outages, faults and their repair, and coverage with the capacity plan.
 */
import { isoLocal, startOfLocalDay } from '../../shared/time.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { QueueService } from '../queue/queue-service.js';
import type { PowerSupervisor } from '../power/supervisor.js';
import type { FaultBook } from '../faults/fault-book.js';
import type { Db } from '../store/database.js';
import { ReportStore } from './report-store.js';
import { rangeFigures, type DayBounds } from './range-figures.js';
import { coverageFigures } from './coverage.js';
import type { DailyReport, SurveySource } from './types.js';

export type * from './types.js';

export interface ReportDeps {
  config: ResolvedConfig;
  queue: QueueService;
  power?: PowerSupervisor | null;
  /** Kept for callers that pass it; faults are read from the store. */
  faults?: FaultBook | null;
  /** Resident survey answers (SKM), when the station collects them. */
  survey?: SurveySource | null;
}

const stores = new WeakMap<Db, ReportStore>();

/** One prepared ReportStore per database. */
export function reportStore(db: Db): ReportStore {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = new ReportStore(db)));
  return s;
}

export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function dayBounds(day: string, timeZone: string): DayBounds {
  return { day, from: startOfLocalDay(day, timeZone), to: startOfLocalDay(nextDay(day), timeZone) };
}

export function dailyReport(d: ReportDeps, date: string): DailyReport {
  const tz = d.config.station.timezone;
  const now = d.queue.now();
  const bounds = dayBounds(date, tz);
  const store = reportStore(d.queue.store.db);
  const data = store.range(
    date,
    nextDay(date),
    bounds.from,
    bounds.to,
    d.config.counters.map((c) => c.id),
  );
  const figures = rangeFigures(data, [bounds], d.config, now);
  const { coverage, capacity } = coverageFigures(store, d.config, date);
  return {
    date,
    services: figures.services,
    hours: figures.hours,
    counters: figures.counters,
    coverage,
    stationId: d.config.station.id,
    generatedAt: isoLocal(now, tz),
    totals: figures.totals,
    capacity,
    power: figures.power,
    faults: figures.faults,
    alerts: d.power ? alertCounts(d.power, bounds.from, bounds.to) : null,
    survey: d.survey?.figures(bounds.from, bounds.to) ?? null,
  };
}

export function alertCounts(p: PowerSupervisor, from: number, to: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of p.alerts.history(from, to, 10_000)) {
    if (Date.parse(a.raisedAt) >= from) out[a.kind] = (out[a.kind] ?? 0) + 1;
  }
  return out;
}
