/**
 * The month: one row of figures per day with tickets, the month's figures
 * over all its tickets (a mean over the month is a mean over its tickets,
 * not a mean of daily means), and coverage with the capacity plan as at the
 * month's last day (today, for the running month).
 */
import { isoLocal } from '../../shared/time.js';
import { StationError } from '../../shared/errors.js';
import type { ServiceConfig } from '../../config/schema.js';
import { alertCounts, dayBounds, nextDay, reportStore, type ReportDeps } from './daily.js';
import { rangeFigures, sliceDay, type DayBounds } from './range-figures.js';
import { coverageFigures } from './coverage.js';
import type { RangeData } from './report-store.js';
import { serviceMs, waitMs } from './service-figures.js';
import { summary } from './stats.js';
import { powerFigures } from './power-figures.js';
import type { MonthDay, MonthlyReport } from './types.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthDays(month: string): string[] {
  if (!MONTH.test(month)) throw new StationError('VALIDATION_ERROR', `month ${month} is not YYYY-MM`, 400);
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = nextDay(d)) days.push(d);
  return days;
}

export function monthlyReport(d: ReportDeps, month: string): MonthlyReport {
  const tz = d.config.station.timezone;
  const now = d.queue.now();
  const days = monthDays(month);
  const bounds = days.map((day) => dayBounds(day, tz));
  const first = bounds[0]!;
  const last = bounds.at(-1)!;
  const store = reportStore(d.queue.store.db);
  const data = store.range(
    first.day,
    nextDay(last.day),
    first.from,
    last.to,
    d.config.counters.map((c) => c.id),
  );
  const figures = rangeFigures(data, bounds, d.config, now);
  const today = d.queue.today();
  const asOf = last.day < today ? last.day : today < first.day ? first.day : today;
  const { coverage, capacity, byDay } = coverageFigures(store, d.config, asOf);
  const recordedOn = new Map(byDay.map((x) => [x.day, x.n]));
  let cumulative = d.config.coverage?.recordedBefore ?? 0;
  const coverageByDay = [...byDay].reverse().map((x) => ({ date: x.day, recorded: x.n, cumulative: (cumulative += x.n) }));
  return {
    month,
    stationId: d.config.station.id,
    generatedAt: isoLocal(now, tz),
    from: first.day,
    to: last.day,
    days: bounds.map((b) => monthDay(sliceDay(data, b), b, d.config.services, recordedOn, now)).filter((x) => x !== null),
    figures: { ...figures, alerts: d.power ? alertCounts(d.power, first.from, last.to) : null },
    coverage,
    capacity,
    coverageByDay,
    survey: d.survey?.figures(first.from, last.to) ?? null,
  };
}

function monthDay(x: RangeData, b: DayBounds, services: ServiceConfig[], recordedOn: Map<string, number>, now: number): MonthDay | null {
  if (x.tickets.length === 0 && x.refusals.length === 0) return null;
  const rows = services.map((s) => {
    const mine = x.tickets.filter((t) => t.service === s.code);
    const waits = mine.map(waitMs).filter((v): v is number => v !== null);
    const target = s.targets?.waitMinutes;
    return {
      code: s.code,
      issued: x.tickets.filter((t) => t.prefix === s.code).length,
      done: mine.filter((t) => t.status === 'done').length,
      noShow: mine.filter((t) => t.status === 'no_show').length,
      refusedAtQuota: x.refusals.filter((r) => r.service === s.code).length,
      waitS: summary(waits),
      serviceS: summary(mine.map(serviceMs).filter((v): v is number => v !== null)),
      waitAboveTarget: target === undefined ? 0 : waits.filter((ms) => ms > target * 60_000).length,
    };
  });
  const power = powerFigures(
    { from: b.from, to: b.to, now, events: x.powerEvents, outageAtStart: null, segments: x.segments, tickets: x.tickets },
    String,
  );
  return {
    date: b.day,
    issued: x.tickets.length,
    done: rows.reduce((a, r) => a + r.done, 0),
    noShow: rows.reduce((a, r) => a + r.noShow, 0),
    refusedAtQuota: x.refusals.length,
    recorded: recordedOn.get(b.day) ?? 0,
    waitS: summary(x.tickets.map(waitMs).filter((v): v is number => v !== null)),
    serviceS: summary(x.tickets.map(serviceMs).filter((v): v is number => v !== null)),
    waitAboveTarget: rows.reduce((a, r) => a + r.waitAboveTarget, 0),
    powerLostMinutes: power.lostMinutes,
    faultsOpened: x.faults.filter((f) => f.reported_at >= b.from && f.reported_at < b.to).length,
    services: rows,
  };
}
