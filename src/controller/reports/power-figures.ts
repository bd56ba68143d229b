/**
 * Power over the report's days: minutes on each source, outages (mains gone,
 * from the supervisor's debounced events), genset runs, the minutes the
 * recording sets had no power at all, and the tickets issued while mains was
 * out; and the recording-equipment faults with their time to repair.
 */
import type { PowerSource } from '../events.js';
import type { FaultRecord, PowerEvent, PowerSegment, ReportTicket } from './report-store.js';
import { mean, round1 } from './stats.js';
import type { FaultFigures, OutageFigure, PowerFigures } from './types.js';

export interface PowerInputs {
  from: number;
  to: number;
  now: number;
  events: PowerEvent[];
  outageAtStart: number | null;
  segments: PowerSegment[];
  tickets: ReportTicket[];
}

const minutes1 = (ms: number) => round1(ms / 60_000)!;

/** Outages touching [from, to): each from its start (maybe before `from`) to its end (null while it lasts). */
export function outages(
  x: Pick<PowerInputs, 'events' | 'outageAtStart'>,
): Array<{ start: number; end: number | null; gensetDelayS: number | null }> {
  const out: Array<{ start: number; end: number | null; gensetDelayS: number | null }> = [];
  let open: (typeof out)[number] | null = x.outageAtStart === null ? null : { start: x.outageAtStart, end: null, gensetDelayS: null };
  if (open) out.push(open);
  for (const e of x.events) {
    if (e.kind === 'outage-start') {
      open = { start: e.at, end: null, gensetDelayS: null };
      out.push(open);
    } else if (e.kind === 'genset-power' && open && open.gensetDelayS === null) {
      open.gensetDelayS = typeof e.detail.delayS === 'number' ? e.detail.delayS : null;
    } else if (e.kind === 'outage-end' && open) {
      open.end = e.at;
      open = null;
    }
  }
  return out;
}

export function powerFigures(x: PowerInputs, iso: (ms: number) => string): PowerFigures {
  const until = Math.min(x.to, x.now);
  const bySource: Record<PowerSource, number> = { mains: 0, genset: 0, battery: 0, unknown: 0 };
  for (const s of x.segments) {
    const a = Math.max(s.started_at, x.from);
    const b = Math.min(s.ended_at ?? x.now, until);
    if (b > a) bySource[s.source] += b - a;
  }
  const list: OutageFigure[] = outages(x).map((o) => {
    const a = Math.max(o.start, x.from);
    const b = Math.min(o.end ?? until, until);
    return {
      startedAt: iso(o.start),
      endedAt: o.end === null ? null : iso(o.end),
      minutes: minutes1(Math.max(0, b - a)),
      gensetDelayS: o.gensetDelayS,
      ticketsIssued: x.tickets.filter((t) => t.issued_at >= o.start && (o.end === null || t.issued_at < o.end)).length,
    };
  });
  const of = (kind: string) => x.events.filter((e) => e.kind === kind);
  const detail = (kind: string, key: string) => of(kind).map((e) => Number(e.detail[key] ?? 0));
  return {
    minutes: {
      mains: minutes1(bySource.mains),
      genset: minutes1(bySource.genset),
      battery: minutes1(bySource.battery),
      unknown: minutes1(bySource.unknown),
    },
    outages: of('outage-start').length,
    outageMinutes: round1(detail('outage-end', 'durationS').reduce((a, b) => a + b, 0) / 60)!,
    gensetRuns: of('genset-start').length,
    gensetMinutes: round1(detail('genset-stop', 'runS').reduce((a, b) => a + b, 0) / 60)!,
    meanGensetDelayS: round1(mean(detail('genset-power', 'delayS'))),
    lostMinutes: minutes1(bySource.battery),
    ticketsIssuedDuringOutages: list.reduce((a, o) => a + o.ticketsIssued, 0),
    list,
  };
}

export function faultFigures(rows: FaultRecord[], from: number, to: number, iso: (ms: number) => string): FaultFigures {
  const resolved = rows.filter((r) => r.resolved_at !== null && r.resolved_at >= from && r.resolved_at < to);
  return {
    opened: rows.filter((r) => r.reported_at >= from && r.reported_at < to).length,
    resolved: resolved.length,
    meanRepairMin: round1(mean(resolved.map((r) => (r.resolved_at! - r.reported_at) / 60_000))),
    openAtEndOfDay: rows.filter((r) => r.reported_at < to && (r.resolved_at === null || r.resolved_at >= to)).length,
    list: rows.map((r) => ({
      id: r.id,
      device: r.device,
      counter: r.counter_id,
      reportedAt: iso(r.reported_at),
      resolvedAt: r.resolved_at === null ? null : iso(r.resolved_at),
      repairMinutes: r.resolved_at === null ? null : round1((r.resolved_at - r.reported_at) / 60_000),
    })),
  };
}
