/**
 * Faults of the recording equipment the station does not drive (camera,
 * signature pad, fingerprint scanner, iris scanner …): reported by a counter
 * or a technician, timestamped, shown until resolved, with the time to repair
 * kept as evidence for the regency. A counter with an open fault is degraded.
 */
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import { StationError } from '../../shared/errors.js';
import { isoLocal } from '../../shared/time.js';
import type { Db } from '../store/database.js';
import { fleetEvents } from '../fleet/events.js';

export interface FaultRow {
  id: number;
  device: string;
  counter_id: number | null;
  description: string;
  reported_by: string;
  reported_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
  resolution: string | null;
}

export interface FaultView {
  id: number;
  device: string;
  counter: number | null;
  description: string;
  reportedBy: string;
  reportedAt: string;
  open: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
  /** Reported to resolved; null while open. */
  repairMinutes: number | null;
  /** Reported to now (open) or to resolved. */
  openMinutes: number;
}

export interface FaultReport {
  device: string;
  description: string;
  counter?: number | null;
  /** Who reported: role and token name, never personal data. */
  reportedBy: string;
}

const minutes = (ms: number) => Math.round(ms / 6_000) / 10;

/** Shortest repair note accepted ("ok" is not evidence). */
export const MIN_REPAIR_NOTE = 5;

export class FaultBook {
  private readonly q;
  private readonly listeners = new Set<(fault: FaultView) => void>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly timeZone: string,
  ) {
    this.q = {
      insert: db.prepare(`INSERT INTO faults (device, counter_id, description, reported_by, reported_at)
                          VALUES (@device, @counter_id, @description, @reported_by, @reported_at)`),
      byId: db.prepare<[number], FaultRow>('SELECT * FROM faults WHERE id = ?'),
      all: db.prepare<[], FaultRow>('SELECT * FROM faults ORDER BY reported_at DESC, id DESC'),
      open: db.prepare<[], FaultRow>('SELECT * FROM faults WHERE resolved_at IS NULL ORDER BY reported_at DESC, id DESC'),
      openAt: db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM faults WHERE counter_id = ? AND resolved_at IS NULL'),
      resolve: db.prepare(
        'UPDATE faults SET resolved_at = @at, resolved_by = @by, resolution = @resolution WHERE id = @id AND resolved_at IS NULL',
      ),
      ofCounter: db.prepare<[number, number], FaultRow>(
        'SELECT * FROM faults WHERE counter_id = ? AND (resolved_at IS NULL OR resolved_at >= ?) ORDER BY reported_at DESC, id DESC',
      ),
      inRange: db.prepare<[number, number, number, number], FaultRow>(
        'SELECT * FROM faults WHERE (reported_at >= ? AND reported_at < ?) OR (resolved_at >= ? AND resolved_at < ?) ORDER BY id',
      ),
    };
  }

  /** Called after a fault is reported or resolved (the queue republishes degraded counters; the reporting counter learns of it). */
  onChange(listener: (fault: FaultView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  report(r: FaultReport): FaultView {
    const device = r.device.trim();
    const description = r.description.trim();
    if (!device) throw new StationError('VALIDATION_ERROR', 'device must name the broken equipment (e.g. fingerprint)', 400);
    if (!description) throw new StationError('VALIDATION_ERROR', 'description must say what is wrong', 400);
    const id = this.db.transaction(() => {
      const id = Number(
        this.q.insert.run({
          device,
          counter_id: r.counter ?? null,
          description,
          reported_by: r.reportedBy,
          reported_at: this.clock.now(),
        }).lastInsertRowid,
      );
      fleetEvents(this.db).fault('opened', id);
      return id;
    })();
    const view = this.view(this.q.byId.get(id)!);
    this.log.warn(
      { fault: id, device, counter: view.counter },
      `fault #${id} reported: ${device}${view.counter ? ` at counter ${view.counter}` : ''} — ${description.slice(0, 120)}; the counter is marked degraded until it is resolved`,
    );
    this.changed(view);
    return view;
  }

  /**
   * Marks a fault repaired. The repair note is required: it is the evidence
   * the regency asks for (what was replaced, who came), kept with the time to repair.
   */
  resolve(id: number, by: string, resolution: string | null): FaultView {
    const row = this.q.byId.get(id);
    if (!row) throw new StationError('FAULT_NOT_FOUND', `no fault ${id}`, 404);
    if (row.resolved_at !== null)
      throw new StationError('FAULT_RESOLVED', `fault ${id} was already resolved at ${isoLocal(row.resolved_at, this.timeZone)}`, 409);
    const note = resolution?.trim() ?? '';
    if (note.length < MIN_REPAIR_NOTE)
      throw new StationError(
        'REPAIR_NOTE_REQUIRED',
        `say what was repaired (resolution: at least ${MIN_REPAIR_NOTE} characters, e.g. "sensor cleaned, driver reinstalled")`,
        400,
      );
    this.db.transaction(() => {
      this.q.resolve.run({ id, at: this.clock.now(), by, resolution: note });
      fleetEvents(this.db).fault('resolved', id);
    })();
    const view = this.view(this.q.byId.get(id)!);
    this.log.info(
      { fault: id, device: row.device, repairMinutes: view.repairMinutes },
      `fault #${id} (${row.device}) resolved after ${view.repairMinutes} min`,
    );
    this.changed(view);
    return view;
  }

  /** A counter's faults: open ones, and those resolved since `since` (epoch ms). */
  ofCounter(counter: number, since: number): FaultView[] {
    return this.q.ofCounter.all(counter, since).map((r) => this.view(r));
  }

  get(id: number): FaultView | null {
    const row = this.q.byId.get(id);
    return row ? this.view(row) : null;
  }

  list(openOnly = false): FaultView[] {
    return (openOnly ? this.q.open : this.q.all).all().map((r) => this.view(r));
  }

  counterDegraded(counter: number): boolean {
    return (this.q.openAt.get(counter)?.n ?? 0) > 0;
  }

  /** Faults reported or resolved within [from, to). */
  touching(from: number, to: number): FaultRow[] {
    return this.q.inRange.all(from, to, from, to);
  }

  view(r: FaultRow): FaultView {
    const now = this.clock.now();
    return {
      id: r.id,
      device: r.device,
      counter: r.counter_id,
      description: r.description,
      reportedBy: r.reported_by,
      reportedAt: isoLocal(r.reported_at, this.timeZone),
      open: r.resolved_at === null,
      resolvedAt: r.resolved_at === null ? null : isoLocal(r.resolved_at, this.timeZone),
      resolvedBy: r.resolved_by,
      resolution: r.resolution,
      repairMinutes: r.resolved_at === null ? null : minutes(r.resolved_at - r.reported_at),
      openMinutes: minutes((r.resolved_at ?? now) - r.reported_at),
    };
  }

  private changed(fault: FaultView): void {
    for (const l of this.listeners) l(fault);
  }
}
