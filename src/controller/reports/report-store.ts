/**
 * What the reports read, straight from the tables the queue, the power
 * supervisor and the fault book write: no copy, no summary table, so no
 * figure can drift from the tickets themselves. Read-only, prepared once.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database.js';
import type { CounterState, PowerSource, TicketStatus } from '../events.js';

export interface ReportTicket {
  id: number;
  day: string;
  prefix: string;
  number: string;
  service: string;
  priority: number;
  status: TicketStatus;
  issued_at: number;
  called_at: number | null;
  first_called_at: number | null;
  counter_id: number | null;
  finished_at: number | null;
}

export interface ReportStep {
  ticket_id: number;
  counter_id: number;
  step: string;
  service: string;
  started_at: number;
  ended_at: number | null;
}

export interface Transfer {
  at: number;
  ticket: string;
  from: string;
  to: string;
  counter: number | null;
}

export interface CounterChange {
  counter_id: number;
  state: CounterState;
  at: number;
}

export interface PowerEvent {
  at: number;
  kind: string;
  detail: Record<string, unknown>;
}

export interface PowerSegment {
  source: PowerSource;
  started_at: number;
  ended_at: number | null;
}

export interface FaultRecord {
  id: number;
  device: string;
  counter_id: number | null;
  reported_at: number;
  resolved_at: number | null;
}

/** Everything a report needs for the local days [fromDay, toDay), whose instants are [from, to). */
export interface RangeData {
  fromDay: string;
  toDay: string;
  from: number;
  to: number;
  tickets: ReportTicket[];
  steps: ReportStep[];
  transfers: Transfer[];
  /** Tickets refused because the day's quota was used up, by service code, with the time. */
  refusals: Array<{ at: number; service: string }>;
  /** Each counter's state at `from` and every change in [from, to). */
  counterStart: Map<number, CounterState>;
  counterChanges: CounterChange[];
  /** Power events in [from, to), and whether an outage was running at `from` (its start). */
  powerEvents: PowerEvent[];
  outageAtStart: number | null;
  segments: PowerSegment[];
  faults: FaultRecord[];
}

const parse = (s: string): Record<string, unknown> => {
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return {};
  }
};

export class ReportStore {
  private readonly q;

  constructor(readonly db: Db) {
    this.q = {
      tickets: db.prepare<[string, string], ReportTicket>(
        `SELECT id, day, prefix, number, service, priority, status, issued_at, called_at, first_called_at, counter_id, finished_at
           FROM tickets WHERE day >= ? AND day < ? ORDER BY id`,
      ),
      steps: db.prepare<[string, string], ReportStep>(
        `SELECT s.ticket_id, s.counter_id, s.step, s.service, s.started_at, s.ended_at
           FROM tickets t JOIN steps s ON s.ticket_id = t.id WHERE t.day >= ? AND t.day < ? ORDER BY s.id`,
      ),
      journal: db.prepare<[number, number], { at: number; kind: string; detail: string }>(
        `SELECT at, kind, detail FROM journal WHERE at >= ? AND at < ? AND kind IN ('transfer', 'quota-exhausted') ORDER BY at, id`,
      ),
      counterAt: db.prepare<[number, number], { state: CounterState }>(
        'SELECT state FROM counter_states WHERE counter_id = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1',
      ),
      counterChanges: db.prepare<[number, number], CounterChange>(
        'SELECT counter_id, state, at FROM counter_states WHERE at >= ? AND at < ? ORDER BY at, id',
      ),
      powerEvents: db.prepare<[number, number], { at: number; kind: string; detail: string }>(
        `SELECT at, kind, detail FROM power_events WHERE at >= ? AND at < ? AND kind <> 'source' ORDER BY at, id`,
      ),
      lastOutageEvent: db.prepare<[number], { at: number; kind: string }>(
        `SELECT at, kind FROM power_events WHERE at < ? AND kind IN ('outage-start', 'outage-end') ORDER BY at DESC, id DESC LIMIT 1`,
      ),
      segments: db.prepare<[number, number], PowerSegment>(
        'SELECT source, started_at, ended_at FROM power_segments WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at',
      ),
      faults: db.prepare<[number, number, number, number, number, number], FaultRecord>(
        `SELECT id, device, counter_id, reported_at, resolved_at FROM faults
          WHERE (reported_at >= ? AND reported_at < ?) OR (resolved_at >= ? AND resolved_at < ?)
             OR (reported_at < ? AND (resolved_at IS NULL OR resolved_at >= ?))
          ORDER BY id`,
      ),
    };
  }

  range(fromDay: string, toDay: string, from: number, to: number, counters: number[]): RangeData {
    const journal = this.q.journal.all(from, to);
    const transfers: Transfer[] = [];
    const refusals: RangeData['refusals'] = [];
    for (const j of journal) {
      const d = parse(j.detail);
      if (j.kind === 'transfer')
        transfers.push({
          at: j.at,
          ticket: String(d.ticket),
          from: String(d.from),
          to: String(d.to),
          counter: typeof d.counter === 'number' ? d.counter : null,
        });
      else refusals.push({ at: j.at, service: String(d.service) });
    }
    const counterStart = new Map<number, CounterState>();
    for (const id of counters) counterStart.set(id, this.q.counterAt.get(id, from)?.state ?? 'open');
    const last = this.q.lastOutageEvent.get(from);
    return {
      fromDay,
      toDay,
      from,
      to,
      tickets: this.q.tickets.all(fromDay, toDay),
      steps: this.q.steps.all(fromDay, toDay),
      transfers,
      refusals,
      counterStart,
      counterChanges: this.q.counterChanges.all(from, to),
      powerEvents: this.q.powerEvents.all(from, to).map((e) => ({ at: e.at, kind: e.kind, detail: parse(e.detail) })),
      outageAtStart: last?.kind === 'outage-start' ? last.at : null,
      segments: this.q.segments.all(to, from),
      faults: this.q.faults.all(from, to, from, to, from, to),
    };
  }

  /** Done tickets of the given services per local day, for days in [fromDay, toDay], newest first. */
  recordedPerDay(codes: string[], fromDay: string, toDay: string): Array<{ day: string; n: number }> {
    if (codes.length === 0) return [];
    return this.perDay(codes.length).all(fromDay, toDay, ...codes);
  }

  private readonly perDayBySize = new Map<number, Statement<unknown[], { day: string; n: number }>>();

  private perDay(size: number): Statement<unknown[], { day: string; n: number }> {
    let stmt = this.perDayBySize.get(size);
    if (!stmt) {
      const marks = Array.from({ length: size }, () => '?').join(',');
      stmt = this.db.prepare<unknown[], { day: string; n: number }>(
        `SELECT day, COUNT(*) AS n FROM tickets WHERE day >= ? AND day <= ? AND status = 'done' AND service IN (${marks})
          GROUP BY day ORDER BY day DESC`,
      );
      this.perDayBySize.set(size, stmt);
    }
    return stmt;
  }
}
