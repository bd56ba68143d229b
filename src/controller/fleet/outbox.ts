/**
 * The fleet outbox: what the regency has still to receive. A row is written in
 * the same SQLite transaction as the change it reports (so a change and its
 * message are on disk together or not at all) and deleted only once the broker
 * has acknowledged it. `seq` comes from a counter row, not from the table, so
 * it rises by one for the station's whole life whatever is deleted.
 */
import type { Db } from '../store/database.js';
import type { OutboxPort, OutboxRow } from '../fleet-port.js';

export type { OutboxRow } from '../fleet-port.js';

export class Outbox implements OutboxPort {
  private readonly q;
  private readonly listeners = new Set<() => void>();
  private notifyPending = false;

  constructor(readonly db: Db) {
    this.q = {
      bump: db.prepare<[], { last_seq: number }>('UPDATE fleet_state SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq'),
      insert: db.prepare<[number, string, number, string]>('INSERT INTO fleet_outbox (seq, type, at, data) VALUES (?, ?, ?, ?)'),
      after: db.prepare<[number, number], OutboxRow>('SELECT seq, type, at, data FROM fleet_outbox WHERE seq > ? ORDER BY seq LIMIT ?'),
      first: db.prepare<[], { seq: number | null; at: number | null }>(
        'SELECT seq, at FROM fleet_outbox WHERE seq = (SELECT MIN(seq) FROM fleet_outbox)',
      ),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM fleet_outbox'),
      state: db.prepare<[], { last_seq: number; dropped: number; enabled_at: number | null }>(
        'SELECT last_seq, dropped, enabled_at FROM fleet_state WHERE id = 1',
      ),
      remove: db.prepare<[number]>('DELETE FROM fleet_outbox WHERE seq = ?'),
      trim: db.prepare<[number]>('DELETE FROM fleet_outbox WHERE seq <= ?'),
      addDropped: db.prepare<[number]>('UPDATE fleet_state SET dropped = dropped + ? WHERE id = 1'),
      enable: db.prepare<[number]>('UPDATE fleet_state SET enabled_at = COALESCE(enabled_at, ?) WHERE id = 1'),
    };
  }

  /**
   * Adds one event and returns its seq. Call it inside the transaction of the
   * change it reports: if that transaction rolls back, so does the seq.
   */
  append(type: string, at: number, data: unknown): number {
    const seq = this.q.bump.get()!.last_seq;
    this.q.insert.run(seq, type, at, JSON.stringify(data));
    this.scheduleNotify();
    return seq;
  }

  /** Rows after `seq`, oldest first. */
  after(seq: number, limit: number): OutboxRow[] {
    return this.q.after.all(seq, limit);
  }

  /** The oldest row still waiting, or null when everything is acknowledged. */
  oldest(): { seq: number; at: number } | null {
    const r = this.q.first.get();
    return r && r.seq !== null && r.at !== null ? { seq: r.seq, at: r.at } : null;
  }

  depth(): number {
    return this.q.count.get()!.n;
  }

  /** The last seq handed out (0 before the first event). */
  lastSeq(): number {
    return this.q.state.get()!.last_seq;
  }

  /** Events dropped unsent because the outbox was past its bound. */
  dropped(): number {
    return this.q.state.get()!.dropped;
  }

  /** When the fleet link was first configured on this station (epoch ms), recorded once. */
  markEnabled(at: number): number {
    this.q.enable.run(at);
    return this.q.state.get()!.enabled_at ?? at;
  }

  /** Deletes acknowledged events, in one transaction. */
  remove(seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    this.db.transaction(() => {
      for (const s of seqs) this.q.remove.run(s);
    })();
  }

  /**
   * Keeps at most `max` events: the oldest beyond that are dropped (the
   * regency sees the gap in seq) and counted. Returns how many were dropped.
   */
  trim(max: number): number {
    return this.db
      .transaction(() => {
        const depth = this.depth();
        if (depth <= max) return 0;
        const cut = this.after(0, depth - max).at(-1)!.seq;
        const n = this.q.trim.run(cut).changes;
        this.q.addDropped.run(n);
        return n;
      })
      .immediate();
  }

  /** Called (once per burst, after the writing transaction has ended) when events were appended. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private scheduleNotify(): void {
    if (this.notifyPending || this.listeners.size === 0) return;
    this.notifyPending = true;
    // Never inside the writing transaction: by the next turn it has committed or rolled back,
    // and a reader sees only committed rows.
    setImmediate(() => {
      this.notifyPending = false;
      for (const l of this.listeners) l();
    });
  }
}
