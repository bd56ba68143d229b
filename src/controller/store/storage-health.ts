/**
 * Storage trouble is a state, not a crash. The station's database reports
 * here when a write fails for want of space, a read-only disk or I/O errors;
 * from then on:
 *   - requests that need a write answer 503 STORAGE_UNAVAILABLE (api/app.ts
 *     asks `failed()` for the answer), /health says `fault` with the reason,
 *     and the technician gets a `storage` alert;
 *   - background writers (power samples and events, alerts, the journal)
 *     hand their writes to `later()`: done now when storage works, otherwise
 *     kept in order (bounded) and written once it works again;
 *   - a probe write runs with backoff (1 s doubling to 10 s) until one
 *     succeeds: then the kept writes are saved and the state clears by itself.
 * A free-space check every 15 s warns (`storage-low`) before the disk is
 * full. Nothing here ever throws storage trouble at a caller of `later()`.
 *
 * The health of a database is found from the database handle
 * (`storageOf(db)`), so every part that writes can reach it without wiring.
 */
import { statfsSync } from 'node:fs';
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import type { Db } from './database.js';
import { storageAdvice, storageTrouble, StorageUnavailable, TROUBLE_REASON, type StorageTrouble } from './storage-errors.js';

export type StorageState =
  | { state: 'ok'; freeBytes: number | null }
  | { state: 'low'; freeBytes: number; warnBelowBytes: number }
  | { state: 'fault'; trouble: StorageTrouble; reason: string; since: number; detail: string; freeBytes: number | null };

export interface StorageHealthOptions {
  db: Db;
  dataDir: string;
  clock: Clock;
  log: Logger;
  /** Free space below this is a `storage-low` warning. */
  warnFreeBytes: number;
  /** First probe after a failure; doubles up to maxProbeMs. */
  probeMs?: number;
  maxProbeMs?: number;
  /** How often free space is looked at. */
  checkFreeMs?: number;
  /** Writes kept while storage is unusable; the oldest are dropped beyond this. */
  maxKept?: number;
  /** Free bytes of the data directory's file system (tests give a fake disk). */
  freeBytes?: (dir: string) => number | null;
}

interface KeptWrite {
  what: string;
  write: () => void;
}

const registry = new WeakMap<Db, StorageHealth>();

/** The storage health watching that database, if the station set one up. */
export function storageOf(db: Db): StorageHealth | undefined {
  return registry.get(db);
}

/**
 * A background write through the database's storage health: done now, or
 * kept and retried when storage is unusable. Without a storage health (unit
 * tests of a part alone) it is simply done.
 */
export function writeLater(db: Db, what: string, write: () => void): boolean {
  const health = registry.get(db);
  if (!health) {
    write();
    return true;
  }
  return health.later(what, write);
}

/**
 * Runs work started by a timer or a device (not a request): storage trouble
 * it meets (a read on a failing disk, say) becomes the storage state instead
 * of an uncaught exception. Anything else is a bug and is thrown.
 */
export function guardStorage(db: Db, what: string, work: () => void): void {
  try {
    work();
  } catch (err) {
    if (registry.get(db)?.failed(err, what)) return;
    throw err;
  }
}

/** Free bytes for an unprivileged writer on the file system of `dir`. */
export function statfsFree(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

export class StorageHealth {
  private current: StorageState = { state: 'ok', freeBytes: null };
  private readonly kept: KeptWrite[] = [];
  private dropped = 0;
  private readonly listeners = new Set<(s: StorageState) => void>();
  private probeTimer: TimerHandle | null = null;
  private freeTimer: TimerHandle | null = null;
  private probeDelay: number;
  private readonly probeStmt;
  private lastFree: number | null = null;

  constructor(private readonly o: StorageHealthOptions) {
    this.probeDelay = o.probeMs ?? 1000;
    this.probeStmt = o.db.prepare('INSERT INTO storage_probe (id, at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at');
    registry.set(o.db, this);
  }

  start(): void {
    this.checkFree();
    this.freeTimer = this.o.clock.setInterval(() => this.checkFree(), this.o.checkFreeMs ?? 15_000);
  }

  stop(): void {
    this.freeTimer?.cancel();
    this.probeTimer?.cancel();
    this.freeTimer = this.probeTimer = null;
  }

  status(): StorageState {
    return this.current;
  }

  /** Short reason codes for /health: `storage-full`, `storage-low` … or none. */
  reasons(): string[] {
    const s = this.current;
    return s.state === 'fault' ? [s.reason] : s.state === 'low' ? ['storage-low'] : [];
  }

  /** Writes waiting for storage to come back. */
  keptWrites(): number {
    return this.kept.length;
  }

  onChange(listener: (s: StorageState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Storage trouble seen by a caller (a request, a ticket button): the state
   * becomes `fault` and the answer to give is returned. Null when `err` is
   * not storage trouble.
   */
  failed(err: unknown, what: string): StorageUnavailable | null {
    if (err instanceof StorageUnavailable) return err;
    const trouble = storageTrouble(err);
    if (!trouble) return null;
    this.enterFault(trouble, what, err);
    return new StorageUnavailable(trouble);
  }

  /**
   * A background write. Returns true when it is on disk now; false when it
   * was kept for later (storage unusable). Errors that are not storage
   * trouble are thrown: they are bugs, not states.
   */
  later(what: string, write: () => void): boolean {
    if (this.current.state !== 'fault' || this.kept.length === 0) {
      try {
        write();
        return true;
      } catch (err) {
        const trouble = storageTrouble(err);
        if (!trouble) throw err;
        this.keep({ what, write }); // first, so what the fault itself sets off (the alert) is kept behind it
        this.enterFault(trouble, what, err);
        return false;
      }
    }
    this.keep({ what, write });
    return false;
  }

  private keep(w: KeptWrite): void {
    this.kept.push(w);
    const max = this.o.maxKept ?? 2000;
    if (this.kept.length > max) {
      this.kept.splice(0, this.kept.length - max);
      if (this.dropped++ === 0)
        this.o.log.error({ kept: max }, `storage still unusable: more than ${max} background writes waiting, the oldest are dropped`);
    }
  }

  private enterFault(trouble: StorageTrouble, what: string, err: unknown): void {
    const prev = this.current;
    if (prev.state === 'fault' && prev.trouble === trouble) return;
    const advice = storageAdvice(trouble, this.o.dataDir);
    const detail = `${(err as Error)?.message ?? String(err)} (${(err as { code?: string })?.code ?? '?'}) while saving ${what}`;
    this.current = {
      state: 'fault',
      trouble,
      reason: TROUBLE_REASON[trouble],
      since: prev.state === 'fault' ? prev.since : this.o.clock.now(),
      detail,
      freeBytes: this.lastFree,
    };
    this.o.log.error({ storage: TROUBLE_REASON[trouble], code: (err as { code?: string })?.code, what }, `storage unusable: ${advice.en}`);
    this.emit();
    this.scheduleProbe(true);
  }

  private scheduleProbe(reset = false): void {
    if (reset) this.probeDelay = this.o.probeMs ?? 1000;
    if (this.probeTimer) return;
    this.probeTimer = this.o.clock.setTimeout(() => {
      this.probeTimer = null;
      this.probe();
    }, this.probeDelay);
  }

  /** Tries the kept writes in order, then a probe write; on success storage is usable again. */
  private probe(): void {
    if (this.current.state !== 'fault') return;
    try {
      while (this.kept.length > 0) {
        this.kept[0]!.write();
        this.kept.shift();
      }
      this.o.db.transaction(() => this.probeStmt.run(this.o.clock.now()))();
    } catch (err) {
      const trouble = storageTrouble(err);
      if (!trouble) {
        // A kept write that now fails for another reason would block the rest for ever: drop it, say so.
        const w = this.kept.shift();
        this.o.log.error({ err, what: w?.what }, 'a delayed write failed for a reason other than storage; dropped');
      } else if (this.current.trouble !== trouble) {
        this.enterFault(trouble, 'a delayed write', err);
      } else {
        this.o.log.info(
          {
            code: (err as { code?: string }).code,
            kept: this.kept.length,
            nextTryMs: Math.min(this.probeDelay * 2, this.o.maxProbeMs ?? 10_000),
          },
          `storage still unusable (${(err as Error).message})`,
        );
      }
      this.probeDelay = Math.min(this.probeDelay * 2, this.o.maxProbeMs ?? 10_000);
      this.scheduleProbe();
      return;
    }
    const since = this.current.since;
    const lost = this.dropped;
    this.dropped = 0;
    this.o.log.info(
      { downS: Math.round((this.o.clock.now() - since) / 1000), dropped: lost },
      `storage usable again after ${Math.round((this.o.clock.now() - since) / 1000)} s; delayed writes saved${lost ? ` (${lost} dropped)` : ''}`,
    );
    this.current = { state: 'ok', freeBytes: this.lastFree };
    this.checkFree(true);
  }

  /** Looks at free space; warns below the threshold (with 10 % hysteresis), clears above. */
  private checkFree(force = false): void {
    const free = (this.o.freeBytes ?? statfsFree)(this.o.dataDir);
    this.lastFree = free;
    const s = this.current;
    if (s.state === 'fault') {
      s.freeBytes = free;
      return;
    }
    const warn = this.o.warnFreeBytes;
    let next: StorageState = { state: 'ok', freeBytes: free };
    if (free !== null && (free < warn || (s.state === 'low' && free < warn * 1.1))) {
      next = { state: 'low', freeBytes: free, warnBelowBytes: warn };
    }
    const changed = next.state !== s.state;
    this.current = next;
    if (next.state === 'low' && changed)
      this.o.log.warn(
        { freeBytes: free, warnBelowBytes: warn },
        `only ${mb(free!)} MB free for the station data in ${this.o.dataDir} (warning below ${mb(warn)} MB): free space before the disk is full`,
      );
    if (changed || force) this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l(this.current);
  }
}

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
