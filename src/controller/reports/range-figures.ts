/**
 * The figures of a run of local days (one for the daily report, a month for
 * the monthly one) from one read of the store: services, hours, counters,
 * power and faults. The monthly report also slices the same read per day.
 */
import type { ResolvedConfig } from '../../config/load.js';
import { isoLocal } from '../../shared/time.js';
import type { CounterState } from '../events.js';
import type { RangeData } from './report-store.js';
import { serviceFigures, stepsByTicket } from './service-figures.js';
import { hourFigures } from './hour-figures.js';
import { counterDay, counterFigures, type CounterDay } from './counter-figures.js';
import { faultFigures, powerFigures } from './power-figures.js';
import type { CounterFigures, FaultFigures, HourFigures, PowerFigures, ServiceFigures } from './types.js';

export interface RangeFigures {
  services: ServiceFigures[];
  hours: HourFigures[];
  counters: CounterFigures[];
  totals: { issued: number; done: number; noShow: number; refusedAtQuota: number; waitingAtClose: number };
  power: PowerFigures;
  faults: FaultFigures;
}

export interface DayBounds {
  day: string;
  from: number;
  to: number;
}

export function rangeFigures(data: RangeData, days: DayBounds[], config: ResolvedConfig, now: number): RangeFigures {
  const tz = config.station.timezone;
  const iso = (ms: number) => isoLocal(ms, tz);
  const byTicket = stepsByTicket(data.steps);
  const services = config.services.map((s) => serviceFigures(s, data, byTicket));
  const perCounter = counterDays(data, days, config, now);
  return {
    services,
    hours: hourFigures(data.tickets, tz),
    counters: config.counters.map((c) => counterFigures(c, perCounter.get(c.id) ?? [], (ms) => (ms === null ? null : isoLocal(ms, tz)))),
    totals: {
      issued: data.tickets.length,
      done: services.reduce((a, s) => a + s.done, 0),
      noShow: services.reduce((a, s) => a + s.noShow, 0),
      refusedAtQuota: data.refusals.length,
      waitingAtClose: services.reduce((a, s) => a + s.waitingAtClose, 0),
    },
    power: powerFigures(
      {
        from: data.from,
        to: data.to,
        now,
        events: data.powerEvents,
        outageAtStart: data.outageAtStart,
        segments: data.segments,
        tickets: data.tickets,
      },
      iso,
    ),
    faults: faultFigures(data.faults, data.from, data.to, iso),
  };
}

/** Each counter's days, with the state each day starts in carried through the range's changes. */
function counterDays(data: RangeData, days: DayBounds[], config: ResolvedConfig, now: number): Map<number, CounterDay[]> {
  const out = new Map<number, CounterDay[]>();
  const state = new Map<number, CounterState>(data.counterStart);
  let c = 0;
  for (const d of days) {
    const slice = sliceDay(data, d);
    const changes: RangeData['counterChanges'] = [];
    while (c < data.counterChanges.length && data.counterChanges[c]!.at < d.to) changes.push(data.counterChanges[c++]!);
    const before = (id: number) => {
      let s = state.get(id) ?? 'open';
      for (const ch of changes) if (ch.counter_id === id && ch.at < d.from) s = ch.state;
      return s;
    };
    for (const k of config.counters) {
      const startState = before(k.id);
      const inDay = changes.filter((ch) => ch.at >= d.from);
      const list = out.get(k.id) ?? [];
      list.push(counterDay(k.id, { ...slice, startState, changes: inDay, now, to: d.to }));
      out.set(k.id, list);
    }
    for (const ch of changes) state.set(ch.counter_id, ch.state);
  }
  return out;
}

/** A range's tickets and steps grouped by the tickets' day, built once per read. */
const dayIndexes = new WeakMap<RangeData, Map<string, { tickets: RangeData['tickets']; steps: RangeData['steps'] }>>();

function dayIndex(data: RangeData) {
  let index = dayIndexes.get(data);
  if (index) return index;
  index = new Map();
  const dayOf = new Map<number, string>();
  const group = (day: string) => {
    let g = index!.get(day);
    if (!g) index!.set(day, (g = { tickets: [], steps: [] }));
    return g;
  };
  for (const t of data.tickets) {
    dayOf.set(t.id, t.day);
    group(t.day).tickets.push(t);
  }
  for (const s of data.steps) {
    const day = dayOf.get(s.ticket_id);
    if (day !== undefined) group(day).steps.push(s);
  }
  dayIndexes.set(data, index);
  return index;
}

/** The part of a range's read that belongs to one of its days. */
export function sliceDay(data: RangeData, d: DayBounds): RangeData {
  const own = dayIndex(data).get(d.day);
  const within = <T extends { at: number }>(xs: T[]) => xs.filter((x) => x.at >= d.from && x.at < d.to);
  return {
    ...data,
    fromDay: d.day,
    from: d.from,
    to: d.to,
    tickets: own?.tickets ?? [],
    steps: own?.steps ?? [],
    transfers: within(data.transfers),
    refusals: within(data.refusals),
    counterChanges: within(data.counterChanges),
    powerEvents: within(data.powerEvents),
    faults: data.faults.filter(
      (f) =>
        (f.reported_at >= d.from && f.reported_at < d.to) || (f.resolved_at !== null && f.resolved_at >= d.from && f.resolved_at < d.to),
    ),
  };
}
