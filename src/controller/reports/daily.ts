/**
 * The day's figures for the office head and the regency: tickets per service,
 * mean wait and service time, the mean duration of each SOP step (the study
 * found the SOP states none), minutes on each power source, outages, and
 * recording-equipment faults opened and resolved.
 */
import { startOfLocalDay } from '../../shared/time.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { QueueService } from '../queue/queue-service.js';
import type { PowerSupervisor } from '../power/supervisor.js';
import type { FaultBook } from '../faults/fault-book.js';
import type { PowerSource } from '../events.js';

export interface StepFigure {
  step: string;
  count: number;
  meanS: number | null;
}

export interface ServiceFigures {
  code: string;
  name: string;
  issued: number;
  done: number;
  noShow: number;
  waiting: number;
  /** Issue to (last) call, tickets that were called. */
  meanWaitMin: number | null;
  /** Call to done. */
  meanServiceMin: number | null;
  steps: StepFigure[];
}

export interface DailyReport {
  date: string;
  services: ServiceFigures[];
  totals: { issued: number; done: number; noShow: number };
  power: {
    minutes: Record<PowerSource, number>;
    outages: number;
    outageMinutes: number;
    gensetRuns: number;
    gensetMinutes: number;
    /** Mean seconds from outage start to genset power. */
    meanGensetDelayS: number | null;
  } | null;
  faults: {
    opened: number;
    resolved: number;
    meanRepairMin: number | null;
    openAtEndOfDay: number;
    list: Array<{
      id: number;
      device: string;
      counter: number | null;
      reportedAt: string;
      resolvedAt: string | null;
      repairMinutes: number | null;
    }>;
  } | null;
  alerts: Record<string, number> | null;
}

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const r1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

export interface ReportDeps {
  config: ResolvedConfig;
  queue: QueueService;
  power?: PowerSupervisor | null;
  faults?: FaultBook | null;
}

export function dailyReport(d: ReportDeps, date: string): DailyReport {
  const tz = d.config.station.timezone;
  const from = startOfLocalDay(date, tz);
  const to = startOfLocalDay(nextDay(date), tz);
  const tickets = d.queue.store.ofDay(date);
  const steps = d.queue.store.stepsOfDay(date);
  const serviceOf = new Map(tickets.map((t) => [t.id, t.service]));

  const services: ServiceFigures[] = d.config.services.map((s) => {
    const mine = tickets.filter((t) => t.service === s.code);
    const called = mine.filter((t) => t.called_at !== null);
    const done = mine.filter((t) => t.status === 'done');
    const stepFigures = s.steps.map((step) => {
      const durations = steps
        .filter((x) => x.step === step && x.ended_at !== null && serviceOf.get(x.ticket_id) === s.code)
        .map((x) => (x.ended_at! - x.started_at) / 1000);
      return { step, count: durations.length, meanS: r1(mean(durations)) };
    });
    return {
      code: s.code,
      name: s.name,
      issued: tickets.filter((t) => t.prefix === s.code).length,
      done: done.length,
      noShow: mine.filter((t) => t.status === 'no_show').length,
      waiting: mine.filter((t) => t.status === 'waiting').length,
      meanWaitMin: r1(mean(called.map((t) => (t.called_at! - t.issued_at) / 60_000))),
      meanServiceMin: r1(
        mean(done.filter((t) => t.called_at !== null && t.finished_at !== null).map((t) => (t.finished_at! - t.called_at!) / 60_000)),
      ),
      steps: stepFigures,
    };
  });

  return {
    date,
    services,
    totals: {
      issued: services.reduce((a, s) => a + s.issued, 0),
      done: services.reduce((a, s) => a + s.done, 0),
      noShow: services.reduce((a, s) => a + s.noShow, 0),
    },
    power: d.power ? powerFigures(d.power, from, to) : null,
    faults: d.faults ? faultFigures(d.faults, from, to) : null,
    alerts: d.power ? alertCounts(d.power, from, to) : null,
  };
}

function powerFigures(p: PowerSupervisor, from: number, to: number): NonNullable<DailyReport['power']> {
  const events = p.store.events(from, to, 10_000);
  const ends = events.filter((e) => e.kind === 'outage-end');
  const stops = events.filter((e) => e.kind === 'genset-stop');
  const delays = events.filter((e) => e.kind === 'genset-power').map((e) => e.detail.delayS as number);
  const minutes = p.minutesBySource(from, to);
  return {
    minutes,
    outages: events.filter((e) => e.kind === 'outage-start').length,
    outageMinutes: r1(ends.reduce((a, e) => a + (e.detail.durationS as number), 0) / 60)!,
    gensetRuns: events.filter((e) => e.kind === 'genset-start').length,
    gensetMinutes: r1(stops.reduce((a, e) => a + (e.detail.runS as number), 0) / 60)!,
    meanGensetDelayS: r1(mean(delays)),
  };
}

function faultFigures(f: FaultBook, from: number, to: number): NonNullable<DailyReport['faults']> {
  const rows = f.touching(from, to);
  const opened = rows.filter((r) => r.reported_at >= from && r.reported_at < to);
  const resolved = rows.filter((r) => r.resolved_at !== null && r.resolved_at >= from && r.resolved_at < to);
  return {
    opened: opened.length,
    resolved: resolved.length,
    meanRepairMin: r1(mean(resolved.map((r) => (r.resolved_at! - r.reported_at) / 60_000))),
    openAtEndOfDay: rows.filter((r) => r.reported_at < to && (r.resolved_at === null || r.resolved_at >= to)).length,
    list: rows.map((r) => {
      const v = f.view(r);
      return {
        id: v.id,
        device: v.device,
        counter: v.counter,
        reportedAt: v.reportedAt,
        resolvedAt: v.resolvedAt,
        repairMinutes: v.repairMinutes,
      };
    }),
  };
}

function alertCounts(p: PowerSupervisor, from: number, to: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of p.alerts.history(from, to, 10_000)) {
    if (Date.parse(a.raisedAt) >= from) out[a.kind] = (out[a.kind] ?? 0) + 1;
  }
  return out;
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
