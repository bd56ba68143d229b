/**
 * The day's latest calls, newest first, as the waiting room showed them: a
 * screen opened (or reloaded) after the calls shows the last number called and
 * the recent calls at once, not "no calls yet". A no-show is left out (the
 * screen drops it) and so is a ticket transferred since (it waits again).
 */
import type { Statement } from 'better-sqlite3';
import type { ResolvedConfig } from '../../config/load.js';
import type { CallView } from '../events.js';
import type { Db } from '../store/database.js';
import { isoLocal } from '../../shared/time.js';

interface CallRow {
  number: string;
  service: string;
  priority: number;
  calls: number;
  called_at: number;
  counter_id: number;
}

const prepared = new WeakMap<Db, Statement<[string, number], CallRow>>();

export function latestCalls(db: Db, config: ResolvedConfig, day: string, limit: number): CallView[] {
  let q = prepared.get(db);
  if (!q) {
    q = db.prepare<[string, number], CallRow>(
      `SELECT number, service, priority, calls, called_at, counter_id FROM tickets
       WHERE day = ? AND called_at IS NOT NULL AND counter_id IS NOT NULL AND status IN ('called', 'serving', 'done')
       ORDER BY called_at DESC, id DESC LIMIT ?`,
    );
    prepared.set(db, q);
  }
  return q.all(day, limit).map((r) => ({
    number: r.number,
    service: r.service,
    serviceName: config.services.find((s) => s.code === r.service)?.name ?? r.service,
    counter: r.counter_id,
    counterName: config.counters.find((c) => c.id === r.counter_id)?.name ?? `Loket ${r.counter_id}`,
    priority: r.priority === 1,
    calls: r.calls,
    at: isoLocal(r.called_at, config.station.timezone),
  }));
}
