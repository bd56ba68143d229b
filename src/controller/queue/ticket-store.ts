import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database.js';
import { writeLater } from '../store/storage-health.js';
import type { TicketStatus } from '../events.js';
import { fleetEvents } from '../fleet/events.js';

export interface TicketRow {
  id: number;
  day: string;
  prefix: string;
  seq: number;
  number: string;
  service: string;
  priority: number;
  status: TicketStatus;
  issued_at: number;
  queued_at: number;
  called_at: number | null;
  counter_id: number | null;
  calls: number;
  /** The ticket's first call (called_at is its last). */
  first_called_at: number | null;
  finished_at: number | null;
  source: string;
  summons: string | null;
  /** Counter that last transferred the ticket: it is not called back there while another counter serves its service. */
  transferred_from: number | null;
  /** Why a ticket nobody holds was voided (its print failed). */
  void_reason: string | null;
}

export interface StepRow {
  id: number;
  ticket_id: number;
  counter_id: number;
  step: string;
  /** The service the ticket had when the step ran. */
  service: string;
  started_at: number;
  ended_at: number | null;
}

/** The SQL behind the queue, prepared once. Callers wrap writes in transactions; each change also writes its fleet event there. */
export class TicketStore {
  private readonly q;
  private readonly nextForBySize = new Map<number, Statement<unknown[], TicketRow>>();

  constructor(readonly db: Db) {
    this.q = {
      latestDay: db.prepare<[], { day: string | null }>('SELECT MAX(day) AS day FROM tickets'),
      lastSeq: db.prepare<[string, string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM tickets WHERE day = ? AND prefix = ?'),
      insert: db.prepare(`INSERT INTO tickets (day, prefix, seq, number, service, priority, status, issued_at, queued_at, source, summons)
                          VALUES (@day, @prefix, @seq, @number, @service, @priority, @status, @issued_at, @issued_at, @source, @summons)`),
      release: db.prepare(`UPDATE tickets SET status = 'waiting' WHERE id = ? AND status = 'printing'`),
      voidTicket: db.prepare(
        `UPDATE tickets SET status = 'void', void_reason = @reason, finished_at = @at WHERE id = @id AND status = 'printing'`,
      ),
      printing: db.prepare<[], TicketRow>(`SELECT * FROM tickets WHERE status = 'printing' ORDER BY id`),
      byId: db.prepare<[number], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
      byDay: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE day = ? ORDER BY id'),
      current: db.prepare<[number], TicketRow>(
        `SELECT * FROM tickets WHERE counter_id = ? AND status IN ('called','serving') ORDER BY called_at DESC LIMIT 1`,
      ),
      waitingCounts: db.prepare<[string], { service: string; n: number }>(
        `SELECT service, COUNT(*) AS n FROM tickets WHERE day = ? AND status = 'waiting' GROUP BY service`,
      ),
      issuedCounts: db.prepare<[string], { prefix: string; n: number }>(
        'SELECT prefix, COUNT(*) AS n FROM tickets WHERE day = ? GROUP BY prefix',
      ),
      ahead: db.prepare<[string, string, number, number, number, number, number, number], { n: number }>(
        `SELECT COUNT(*) AS n FROM tickets WHERE day = ? AND service = ? AND status = 'waiting' AND id <> ?
           AND (priority > ? OR (priority = ? AND (issued_at < ? OR (issued_at = ? AND id < ?))))`,
      ),
      setStatus: db.prepare('UPDATE tickets SET status = @status, finished_at = @finished_at WHERE id = @id'),
      call: db.prepare(
        `UPDATE tickets SET status = 'called', counter_id = @counter, called_at = @at, calls = 1, first_called_at = COALESCE(first_called_at, @at)
          WHERE id = @id AND status = 'waiting'`,
      ),
      recall: db.prepare('UPDATE tickets SET calls = calls + 1, called_at = @at WHERE id = @id'),
      transfer: db.prepare(
        `UPDATE tickets SET service = @service, status = 'waiting', counter_id = NULL, called_at = NULL, calls = 0, queued_at = @at,
                transferred_from = @from WHERE id = @id`,
      ),
      summons: db.prepare('UPDATE tickets SET summons = @summons WHERE id = @id'),
      openStep: db.prepare<[number], StepRow>('SELECT * FROM steps WHERE ticket_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1'),
      endStep: db.prepare('UPDATE steps SET ended_at = @at WHERE id = @id'),
      startStep: db.prepare(
        'INSERT INTO steps (ticket_id, counter_id, step, service, started_at) VALUES (@ticket, @counter, @step, @service, @at)',
      ),
      stepsSince: db.prepare<[number, number], { n: number }>('SELECT COUNT(*) AS n FROM steps WHERE ticket_id = ? AND started_at >= ?'),
      stepsOf: db.prepare<[number], StepRow>('SELECT * FROM steps WHERE ticket_id = ? ORDER BY id'),
      stepsOfDay: db.prepare<[string], StepRow>(
        'SELECT s.* FROM steps s JOIN tickets t ON t.id = s.ticket_id WHERE t.day = ? ORDER BY s.id',
      ),
      recentServiceMs: db.prepare<[string, string], { ms: number }>(
        `SELECT finished_at - called_at AS ms FROM tickets WHERE day = ? AND service = ? AND status = 'done' AND called_at IS NOT NULL
          ORDER BY finished_at DESC LIMIT 10`,
      ),
      journal: db.prepare('INSERT INTO journal (at, kind, detail) VALUES (?, ?, ?)'),
    };
  }

  /** The latest day any ticket was numbered on, or null for an empty database. */
  latestDay(): string | null {
    return this.q.latestDay.get()?.day ?? null;
  }

  /** Next number for (day, prefix). Must run inside the issuing transaction. */
  nextSeq(day: string, prefix: string): number {
    return (this.q.lastSeq.get(day, prefix)?.seq ?? 0) + 1;
  }

  insert(row: {
    day: string;
    prefix: string;
    seq: number;
    number: string;
    service: string;
    priority: number;
    issued_at: number;
    source: string;
    /** A code known when the ticket is issued (the entrance scanner's). */
    summons?: string | null;
    /** `printing`: held out of the queue until its ticket is in the resident's hand. */
    status: 'waiting' | 'printing';
  }): number {
    const id = Number(this.q.insert.run({ ...row, summons: row.summons ?? null }).lastInsertRowid);
    fleetEvents(this.db).ticket('issued', id, row.issued_at);
    return id;
  }

  get(id: number): TicketRow | undefined {
    return this.q.byId.get(id);
  }

  ofDay(day: string): TicketRow[] {
    return this.q.byDay.all(day);
  }

  currentOf(counter: number): TicketRow | undefined {
    return this.q.current.get(counter);
  }

  /**
   * The next ticket a counter serving `services` should call: priority first,
   * then oldest. Tickets this counter transferred into a service in `notBack`
   * are left for the other counters serving that service.
   */
  nextFor(day: string, services: string[], counter: number, notBack: readonly string[] = []): TicketRow | undefined {
    // One prepared statement per number of services (a counter serves a handful).
    let stmt = this.nextForBySize.get(services.length);
    if (!stmt) {
      const marks = services.map(() => '?').join(',');
      stmt = this.db.prepare<unknown[], TicketRow>(`SELECT * FROM tickets WHERE day = ? AND status = 'waiting' AND service IN (${marks})
                                                       AND (transferred_from IS NULL OR transferred_from <> ? OR instr(?, ',' || service || ',') = 0)
                                                     ORDER BY priority DESC, issued_at, id LIMIT 1`);
      this.nextForBySize.set(services.length, stmt);
    }
    return stmt.get(day, ...services, counter, `,${notBack.join(',')},`);
  }

  /** The first `limit` waiting numbers of each service, in call order (priority first, then oldest). */
  nextNumbers(day: string, limit: number): Map<string, string[]> {
    this.nextNumbersStmt ??= this.db.prepare<[string, number], { service: string; number: string }>(
      `SELECT service, number FROM (
         SELECT service, number, ROW_NUMBER() OVER (PARTITION BY service ORDER BY priority DESC, issued_at, id) AS rn
           FROM tickets WHERE day = ? AND status = 'waiting')
       WHERE rn <= ? ORDER BY service, rn`,
    );
    const out = new Map<string, string[]>();
    for (const r of this.nextNumbersStmt.all(day, limit)) out.set(r.service, [...(out.get(r.service) ?? []), r.number]);
    return out;
  }
  private nextNumbersStmt: Statement<[string, number], { service: string; number: string }> | undefined;

  waitingByService(day: string): Map<string, number> {
    return new Map(this.q.waitingCounts.all(day).map((r) => [r.service, r.n]));
  }

  issuedByPrefix(day: string): Map<string, number> {
    return new Map(this.q.issuedCounts.all(day).map((r) => [r.prefix, r.n]));
  }

  ahead(t: TicketRow): number {
    return this.q.ahead.get(t.day, t.service, t.id, t.priority, t.priority, t.issued_at, t.issued_at, t.id)?.n ?? 0;
  }

  markCalled(id: number, counter: number, at: number): void {
    this.q.call.run({ id, counter, at });
    fleetEvents(this.db).ticket('called', id, at);
  }

  markRecalled(id: number, at: number): void {
    this.q.recall.run({ id, at });
    fleetEvents(this.db).ticket('recalled', id, at);
  }

  setStatus(id: number, status: TicketStatus, finishedAt: number | null): void {
    this.q.setStatus.run({ id, status, finished_at: finishedAt });
    if ((status === 'done' || status === 'no_show') && finishedAt !== null) fleetEvents(this.db).ticket(status, id, finishedAt);
  }

  transfer(id: number, service: string, at: number, from: number): void {
    const before = this.get(id);
    this.q.transfer.run({ id, service, at, from });
    fleetEvents(this.db).ticket('transferred', id, at, before);
  }

  /** A held ticket is in the resident's hand: it joins the queue. False if it was not held. */
  release(id: number): boolean {
    return this.q.release.run(id).changes === 1;
  }

  /** A held ticket nobody holds (its print failed): never called. False if it was not held. */
  voidHeld(id: number, reason: string, at: number): boolean {
    return this.q.voidTicket.run({ id, reason, at }).changes === 1;
  }

  /** Tickets still held for printing (after a restart: their print never finished). */
  held(): TicketRow[] {
    return this.q.printing.all();
  }

  setSummons(id: number, summons: string): void {
    this.q.summons.run({ id, summons });
  }

  openStep(ticketId: number): StepRow | undefined {
    return this.q.openStep.get(ticketId);
  }

  endStep(stepId: number, at: number): void {
    this.q.endStep.run({ id: stepId, at });
  }

  /** Starts a step under `service`, the service the ticket has now. */
  startStep(ticket: number, counter: number, step: string, service: string, at: number): void {
    this.q.startStep.run({ ticket, counter, step, service, at });
  }

  /** Steps of a ticket started at or after `since` (its visit to the current service). */
  stepsSince(ticketId: number, since: number): number {
    return this.q.stepsSince.get(ticketId, since)?.n ?? 0;
  }

  steps(ticketId: number): StepRow[] {
    return this.q.stepsOf.all(ticketId);
  }

  stepsOfDay(day: string): StepRow[] {
    return this.q.stepsOfDay.all(day);
  }

  recentServiceMs(day: string, service: string): number[] {
    return this.q.recentServiceMs.all(day, service).map((r) => r.ms);
  }

  /** A journal row inside the caller's transaction (it fails with it). */
  journal(at: number, kind: string, detail: Record<string, unknown>): void {
    this.q.journal.run(at, kind, JSON.stringify(detail));
  }

  /** A journal row on its own, outside any transaction: kept and written later while storage is unusable. */
  journalLater(at: number, kind: string, detail: Record<string, unknown>): void {
    const json = JSON.stringify(detail);
    writeLater(this.db, `journal ${kind}`, () => this.q.journal.run(at, kind, json));
  }
}
