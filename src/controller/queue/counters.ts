import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database.js';
import { writeLater } from '../store/storage-health.js';
import type { CounterState } from '../events.js';

/**
 * The reason stored with a counter paused by the power supervisor (recording
 * sets without power); any other pause or close is the officer's.
 */
export const POWER_PAUSE_REASON = 'power: recording sets without power (no mains, no genset)';

/** Open / paused / closed, persisted so a restart keeps each counter as it was. */
export class CounterStates {
  private readonly get: Statement<[number], { state: CounterState; reason: string | null }>;
  private readonly put: Statement;
  private readonly log: Statement;
  private readonly db: Db;

  constructor(
    db: Db,
    private readonly ids: number[],
    now: number,
  ) {
    this.get = db.prepare<[number], { state: CounterState; reason: string | null }>('SELECT state, reason FROM counters WHERE id = ?');
    this.put = db.prepare(
      'INSERT INTO counters (id, state, reason, changed_at) VALUES (@id, @state, @reason, @at) ON CONFLICT(id) DO UPDATE SET state = @state, reason = @reason, changed_at = @at',
    );
    this.log = db.prepare('INSERT INTO counter_states (counter_id, state, reason, at) VALUES (@id, @state, @reason, @at)');
    this.db = db;
    // A counter never seen before starts open (state() says so meanwhile when storage cannot take the row yet).
    for (const id of ids) if (!this.get.get(id)) writeLater(db, 'counter state', () => this.set(id, 'open', now));
  }

  state(id: number): CounterState {
    return this.get.get(id)?.state ?? 'open';
  }

  reason(id: number): string | null {
    return this.get.get(id)?.reason ?? null;
  }

  /** Sets the state and keeps the change in the counter's history, in one transaction. */
  set(id: number, state: CounterState, at: number, reason: string | null = null): void {
    this.db.transaction(() => {
      this.put.run({ id, state, reason, at });
      this.log.run({ id, state, reason, at });
    })();
  }

  all(): number[] {
    return this.ids;
  }
}
