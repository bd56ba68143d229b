/**
 * What each durable change tells the regency. The domain modules call one of
 * these hooks inside the transaction of the change:
 *
 *     fleetEvents(db).ticket('called', id, at)
 *
 * With no fleet link configured the hooks do nothing. Each payload is built
 * here from a fixed list of fields, read back from the row just written, so
 * no NIK, card UID, summons code, token or free text typed by a person can
 * reach a message.
 */
import type { Db } from '../store/database.js';
import { localDate } from '../../shared/time.js';
import { Outbox } from './outbox.js';

export type TicketChange = 'issued' | 'called' | 'recalled' | 'done' | 'no_show' | 'transferred';

export const FLEET_EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.done',
  'ticket.no_show',
  'ticket.transferred',
  'power.source',
  'alert.raised',
  'alert.cleared',
  'fault.opened',
  'fault.resolved',
  'report.daily',
] as const;
export type FleetEventType = (typeof FLEET_EVENT_TYPES)[number];

export interface FleetHooks {
  /** A ticket changed; `before` is the row as it was, for a transfer. */
  ticket(change: TicketChange, ticketId: number, at: number, before?: { service: string; counter_id: number | null }): void;
  /** A `source` power event was written. */
  powerSource(powerEventId: number): void;
  alert(change: 'raised' | 'cleared', alertId: number): void;
  fault(change: 'opened' | 'resolved', faultId: number): void;
}

const NO_FLEET: FleetHooks = { ticket() {}, powerSource() {}, alert() {}, fault() {} };
const recorders = new WeakMap<Db, FleetRecorder>();

/** The hooks of this database: a recorder when the fleet link is on, otherwise hooks that do nothing. */
export function fleetEvents(db: Db): FleetHooks {
  return recorders.get(db) ?? NO_FLEET;
}

/** Turns the outbox on for this database (the composition root does it when `fleet.mqtt` is configured). */
export function enableFleetEvents(db: Db, timeZone: string): FleetRecorder {
  let r = recorders.get(db);
  if (!r) {
    r = new FleetRecorder(new Outbox(db), timeZone);
    recorders.set(db, r);
  }
  return r;
}

export function disableFleetEvents(db: Db): void {
  recorders.delete(db);
}

interface TicketFacts {
  number: string;
  service: string;
  priority: number;
  counter_id: number | null;
  day: string;
}

export class FleetRecorder implements FleetHooks {
  private readonly q;

  constructor(
    readonly outbox: Outbox,
    private readonly timeZone: string,
  ) {
    const db = outbox.db;
    this.q = {
      ticket: db.prepare<[number], TicketFacts>('SELECT number, service, priority, counter_id, day FROM tickets WHERE id = ?'),
      dayCounts: db.prepare<[string, string], { waiting: number; done: number }>(
        `SELECT (SELECT COUNT(*) FROM tickets WHERE day = ? AND status = 'waiting') AS waiting,
                (SELECT COUNT(*) FROM tickets WHERE day = ? AND status = 'done') AS done`,
      ),
      power: db.prepare<[number], { at: number; source: string | null; detail: string }>(
        'SELECT at, source, detail FROM power_events WHERE id = ?',
      ),
      alert: db.prepare<
        [number],
        {
          id: number;
          kind: string;
          subject: string;
          severity: string;
          raised_at: number;
          cleared_at: number | null;
          value: number | null;
          threshold: number | null;
          message: string;
          message_id: string;
        }
      >('SELECT * FROM alerts WHERE id = ?'),
      activeAlerts: db.prepare<[], { kind: string; subject: string; severity: string }>(
        'SELECT kind, subject, severity FROM alerts WHERE cleared_at IS NULL ORDER BY id',
      ),
      fault: db.prepare<
        [number],
        { id: number; device: string; counter_id: number | null; reported_at: number; resolved_at: number | null }
      >('SELECT id, device, counter_id, reported_at, resolved_at FROM faults WHERE id = ?'),
      openFaults: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM faults WHERE resolved_at IS NULL'),
    };
  }

  ticket(change: TicketChange, ticketId: number, at: number, before?: { service: string; counter_id: number | null }): void {
    const t = this.q.ticket.get(ticketId);
    if (!t) return;
    const counts = this.q.dayCounts.get(t.day, t.day)!;
    const data: Record<string, unknown> = {
      number: t.number,
      service: t.service,
      priority: t.priority === 1,
      counter: change === 'transferred' ? (before?.counter_id ?? null) : t.counter_id,
      date: t.day,
      waiting: counts.waiting,
      doneToday: counts.done,
    };
    if (change === 'transferred') data.from = before?.service ?? null;
    this.outbox.append(`ticket.${change}`, at, data);
  }

  powerSource(powerEventId: number): void {
    const e = this.q.power.get(powerEventId);
    if (!e) return;
    const detail = JSON.parse(e.detail) as { from?: unknown; to?: unknown };
    const to = typeof detail.to === 'string' ? detail.to : e.source;
    this.outbox.append('power.source', e.at, {
      from: typeof detail.from === 'string' ? detail.from : null,
      to,
      outage: to === 'genset' || to === 'battery',
    });
  }

  alert(change: 'raised' | 'cleared', alertId: number): void {
    const a = this.q.alert.get(alertId);
    if (!a) return;
    this.outbox.append(`alert.${change}`, change === 'cleared' ? (a.cleared_at ?? a.raised_at) : a.raised_at, {
      id: a.id,
      kind: a.kind,
      subject: a.subject,
      severity: a.severity,
      message: a.message,
      messageId: a.message_id,
      value: a.value,
      threshold: a.threshold,
      active: this.q.activeAlerts.all(),
    });
  }

  fault(change: 'opened' | 'resolved', faultId: number): void {
    const f = this.q.fault.get(faultId);
    if (!f) return;
    const at = change === 'resolved' ? (f.resolved_at ?? f.reported_at) : f.reported_at;
    this.outbox.append(`fault.${change}`, at, {
      id: f.id,
      device: f.device,
      counter: f.counter_id,
      repairMinutes: f.resolved_at === null ? null : Math.round((f.resolved_at - f.reported_at) / 6_000) / 10,
      openFaults: this.q.openFaults.get()!.n,
    });
  }

  /** The day's report, once the office has closed (its own transaction; the caller records the day as sent). */
  report(date: string, at: number, report: unknown): number {
    return this.outbox.append('report.daily', at, { date, report });
  }

  /** Today's figures as the retained state message carries them. */
  dayFigures(now: number): { date: string; waiting: number; doneToday: number } {
    const date = localDate(now, this.timeZone);
    const c = this.q.dayCounts.get(date, date)!;
    return { date, waiting: c.waiting, doneToday: c.done };
  }

  activeAlerts(): Array<{ kind: string; subject: string; severity: string }> {
    return this.q.activeAlerts.all();
  }

  openFaults(): number {
    return this.q.openFaults.get()!.n;
  }
}
