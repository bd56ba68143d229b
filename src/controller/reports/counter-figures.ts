/**
 * Each counter's day. Its working day runs from its first call to the end of
 * its last ticket (done, no-show or transferred away), or to now while it
 * holds a ticket; time outside it (the night, a counter left open after the
 * last resident) is nobody's idle time. Within it, the counter's recorded
 * states give open, paused and closed time; serving is the sum of its service
 * times (last call to done); idle is open time not serving.
 */
import type { CounterConfig } from '../../config/schema.js';
import type { CounterState } from '../events.js';
import type { CounterChange, ReportStep, ReportTicket, Transfer } from './report-store.js';
import { round1, seconds1, sum } from './stats.js';
import { serviceMs } from './service-figures.js';
import type { CounterFigures } from './types.js';

export interface CounterDayInputs {
  tickets: ReportTicket[];
  steps: ReportStep[];
  transfers: Transfer[];
  /** State at the start of the day and its changes during the day. */
  startState: CounterState;
  changes: CounterChange[];
  now: number;
  /** End of the day. */
  to: number;
}

export interface CounterDay {
  id: number;
  servingMs: number;
  openMs: number;
  pausedMs: number;
  closedMs: number;
  idleMs: number;
  done: number;
  noShow: number;
  start: number | null;
  end: number | null;
}

export function counterDay(id: number, x: CounterDayInputs): CounterDay {
  const here = x.tickets.filter((t) => t.counter_id === id);
  const done = here.filter((t) => t.status === 'done');
  // A ticket's first call was at the counter its first transfer left from, or where it is now.
  const firstTransfer = new Map<string, Transfer>();
  for (const tr of x.transfers) if (!firstTransfer.has(tr.ticket)) firstTransfer.set(tr.ticket, tr);
  const starts = [
    ...x.tickets
      .filter((t) => t.first_called_at !== null && (firstTransfer.get(t.number)?.counter ?? t.counter_id) === id)
      .map((t) => t.first_called_at!),
    ...here.filter((t) => t.called_at !== null).map((t) => t.called_at!),
    ...x.steps.filter((s) => s.counter_id === id).map((s) => s.started_at),
    ...x.transfers.filter((tr) => tr.counter === id).map((tr) => tr.at),
  ];
  const ends = [
    ...here.filter((t) => (t.status === 'done' || t.status === 'no_show') && t.finished_at !== null).map((t) => t.finished_at!),
    ...x.transfers.filter((tr) => tr.counter === id).map((tr) => tr.at),
  ];
  const inHand = here.some((t) => t.status === 'called' || t.status === 'serving');
  const start = starts.length ? Math.min(...starts) : null;
  let end = ends.length ? Math.max(...ends) : null;
  if (inHand) end = Math.max(end ?? 0, Math.min(x.now, x.to));
  const spent: Record<CounterState, number> = { open: 0, paused: 0, closed: 0 };
  if (start !== null && end !== null && end > start) {
    let state = x.startState;
    let since = start;
    for (const c of x.changes) {
      if (c.counter_id !== id) continue;
      if (c.at <= start) {
        state = c.state;
        continue;
      }
      if (c.at >= end) break;
      spent[state] += c.at - since;
      state = c.state;
      since = c.at;
    }
    spent[state] += end - since;
  }
  const servingMs = sum(done.map((t) => serviceMs(t)!));
  return {
    id,
    servingMs,
    openMs: spent.open,
    pausedMs: spent.paused,
    closedMs: spent.closed,
    idleMs: Math.max(0, spent.open - servingMs),
    done: done.length,
    noShow: here.filter((t) => t.status === 'no_show').length,
    start,
    end: start === null ? null : end,
  };
}

/** Days of one counter added up (a month), shown as the report's counter row. */
export function counterFigures(cfg: CounterConfig, days: CounterDay[], iso: (ms: number | null) => string | null): CounterFigures {
  const add = (f: (d: CounterDay) => number) => sum(days.map(f));
  const serving = add((d) => d.servingMs);
  const open = add((d) => d.openMs);
  const starts = days.map((d) => d.start).filter((x): x is number => x !== null);
  const ends = days.map((d) => d.end).filter((x): x is number => x !== null);
  return {
    id: cfg.id,
    servingS: seconds1(serving)!,
    pausedS: seconds1(add((d) => d.pausedMs))!,
    done: add((d) => d.done),
    name: cfg.name,
    noShow: add((d) => d.noShow),
    startedAt: iso(starts.length ? Math.min(...starts) : null),
    endedAt: iso(ends.length ? Math.max(...ends) : null),
    openS: seconds1(open)!,
    closedS: seconds1(add((d) => d.closedMs))!,
    idleS: seconds1(add((d) => d.idleMs))!,
    utilisationPct: open > 0 ? round1((100 * serving) / open) : null,
  };
}
