/**
 * The durable side of power supervision: timestamped events (outages, genset
 * runs), source segments (minutes on each source per day) and per-minute
 * samples. Every write commits before it is published (synchronous=FULL);
 * while storage is unusable the writes are kept, in order, and saved once it
 * works again (store/storage-health.ts), so a full disk never stops power
 * supervision.
 */
import type { Db } from '../store/database.js';
import { writeLater } from '../store/storage-health.js';
import type { PowerSource } from '../events.js';
import { fleetEvents } from '../fleet/events.js';

export type PowerEventKind = 'outage-start' | 'outage-end' | 'genset-start' | 'genset-stop' | 'genset-power' | 'source';

export interface PowerEventRow {
  id: number;
  at: number;
  kind: PowerEventKind;
  source: PowerSource | null;
  detail: Record<string, unknown>;
}

export interface SampleRow {
  at: number;
  resolution: 'minute' | 'hour';
  source: PowerSource;
  mains: boolean | null;
  genset: boolean | null;
  busVoltage: number | null;
  currentA: number | null;
  powerW: number | null;
  gensetBatteryV: number | null;
  fuelPercent: number | null;
}

interface RawSample {
  at: number;
  resolution: 'minute' | 'hour';
  source: PowerSource;
  mains: number | null;
  genset: number | null;
  bus_voltage: number | null;
  current_a: number | null;
  power_w: number | null;
  battery_v: number | null;
  fuel_pct: number | null;
}

const bool = (x: number | null): boolean | null => (x === null ? null : x !== 0);
const int = (x: boolean | null): number | null => (x === null ? null : x ? 1 : 0);

export class PowerStore {
  private readonly q;

  constructor(readonly db: Db) {
    this.q = {
      addEvent: db.prepare('INSERT INTO power_events (at, kind, source, detail) VALUES (?, ?, ?, ?)'),
      events: db.prepare<
        [number, number, number],
        { id: number; at: number; kind: PowerEventKind; source: PowerSource | null; detail: string }
      >('SELECT * FROM power_events WHERE at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?'),
      lastOf: db.prepare<[string, string], { id: number; at: number; kind: PowerEventKind; source: PowerSource | null; detail: string }>(
        'SELECT * FROM power_events WHERE kind IN (?, ?) ORDER BY at DESC, id DESC LIMIT 1',
      ),
      openSegment: db.prepare<[], { id: number; source: PowerSource; started_at: number }>(
        'SELECT id, source, started_at FROM power_segments WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1',
      ),
      endSegment: db.prepare('UPDATE power_segments SET ended_at = ? WHERE id = ?'),
      addSegment: db.prepare('INSERT INTO power_segments (source, started_at) VALUES (?, ?)'),
      segments: db.prepare<[number, number], { source: PowerSource; started_at: number; ended_at: number | null }>(
        'SELECT source, started_at, ended_at FROM power_segments WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?)',
      ),
      putSample:
        db.prepare(`INSERT OR REPLACE INTO power_samples (at, resolution, source, mains, genset, bus_voltage, current_a, power_w, battery_v, fuel_pct)
                             VALUES (@at, @resolution, @source, @mains, @genset, @bus_voltage, @current_a, @power_w, @battery_v, @fuel_pct)`),
      samples: db.prepare<[number, number], RawSample>('SELECT * FROM power_samples WHERE at >= ? AND at < ? ORDER BY at'),
      lastSampleAt: db.prepare<[], { at: number | null }>('SELECT MAX(at) AS at FROM power_samples'),
      oldMinutes: db.prepare<[number], RawSample>(`SELECT * FROM power_samples WHERE resolution = 'minute' AND at < ? ORDER BY at`),
      dropMinutes: db.prepare(`DELETE FROM power_samples WHERE resolution = 'minute' AND at < ?`),
    };
  }

  addEvent(at: number, kind: PowerEventKind, source: PowerSource | null, detail: Record<string, unknown> = {}): void {
    const json = JSON.stringify(detail);
    writeLater(this.db, `power event ${kind}`, () =>
      this.db.transaction(() => {
        const id = Number(this.q.addEvent.run(at, kind, source, json).lastInsertRowid);
        if (kind === 'source') fleetEvents(this.db).powerSource(id);
      })(),
    );
  }

  /** Newest first. */
  events(from: number, to: number, limit: number): PowerEventRow[] {
    return this.q.events.all(from, to, limit).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  /** The newest event of either kind (e.g. outage-start / outage-end), to restore state after a restart. */
  lastOf(a: PowerEventKind, b: PowerEventKind): PowerEventRow | null {
    const r = this.q.lastOf.get(a, b);
    return r ? { ...r, detail: JSON.parse(r.detail) as Record<string, unknown> } : null;
  }

  /**
   * Starts a new source segment at `at`, ending the open one. At boot the
   * open segment from before is ended at the last thing known (the last
   * sample), so time the station was off is not counted on any source.
   */
  switchSegment(source: PowerSource, at: number): void {
    writeLater(this.db, 'power source segment', () =>
      this.db
        .transaction(() => {
          const open = this.q.openSegment.get();
          if (open) this.q.endSegment.run(Math.max(open.started_at, at), open.id);
          this.q.addSegment.run(source, at);
        })
        .immediate(),
    );
  }

  closeStaleSegment(): void {
    const open = this.q.openSegment.get();
    if (!open) return;
    const last = this.q.lastSampleAt.get()?.at ?? open.started_at;
    writeLater(this.db, 'power source segment', () => this.q.endSegment.run(Math.max(open.started_at, last), open.id));
  }

  /** Milliseconds on each source within [from, to); the open segment counts up to `now`. */
  msBySource(from: number, to: number, now: number): Record<PowerSource, number> {
    const out: Record<PowerSource, number> = { mains: 0, genset: 0, battery: 0, unknown: 0 };
    for (const s of this.q.segments.all(to, from)) {
      const end = Math.min(s.ended_at ?? now, to);
      const start = Math.max(s.started_at, from);
      if (end > start) out[s.source] += end - start;
    }
    return out;
  }

  putSample(s: SampleRow): void {
    const row = sampleRow(s);
    writeLater(this.db, 'power sample', () => this.q.putSample.run(row));
  }

  samples(from: number, to: number): SampleRow[] {
    return this.q.samples.all(from, to).map(toSample);
  }

  /**
   * Per-minute samples older than `before` become hourly means (source: the
   * one seen most in that hour) in one transaction. Returns hours written
   * (0 also when storage is unusable: it is done again an hour later).
   */
  downsample(before: number): number {
    let hoursWritten = 0;
    const storageOk = writeLater(this.db, 'power downsample', () => {
      hoursWritten = this.db
        .transaction(() => {
          const rows = this.q.oldMinutes.all(before).map(toSample);
          if (rows.length === 0) return 0;
          const hours = new Map<number, SampleRow[]>();
          for (const r of rows) {
            const h = Math.floor(r.at / 3_600_000) * 3_600_000;
            hours.set(h, [...(hours.get(h) ?? []), r]);
          }
          for (const [at, list] of hours) this.q.putSample.run(sampleRow(hourOf(at, list)));
          this.q.dropMinutes.run(before);
          return hours.size;
        })
        .immediate();
    });
    return storageOk ? hoursWritten : 0;
  }
}

function sampleRow(s: SampleRow) {
  return {
    at: s.at,
    resolution: s.resolution,
    source: s.source,
    mains: int(s.mains),
    genset: int(s.genset),
    bus_voltage: s.busVoltage,
    current_a: s.currentA,
    power_w: s.powerW,
    battery_v: s.gensetBatteryV,
    fuel_pct: s.fuelPercent,
  };
}

function toSample(r: RawSample): SampleRow {
  return {
    at: r.at,
    resolution: r.resolution,
    source: r.source,
    mains: bool(r.mains),
    genset: bool(r.genset),
    busVoltage: r.bus_voltage,
    currentA: r.current_a,
    powerW: r.power_w,
    gensetBatteryV: r.battery_v,
    fuelPercent: r.fuel_pct,
  };
}

function mean(xs: Array<number | null>): number | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length === 0 ? null : Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 1000) / 1000;
}

function hourOf(at: number, list: SampleRow[]): SampleRow {
  const counts = new Map<PowerSource, number>();
  for (const r of list) counts.set(r.source, (counts.get(r.source) ?? 0) + 1);
  const source = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const share = (k: 'mains' | 'genset') => {
    const v = list.map((r) => r[k]).filter((x): x is boolean => x !== null);
    return v.length === 0 ? null : v.filter(Boolean).length * 2 >= v.length;
  };
  return {
    at,
    resolution: 'hour',
    source,
    mains: share('mains'),
    genset: share('genset'),
    busVoltage: mean(list.map((r) => r.busVoltage)),
    currentA: mean(list.map((r) => r.currentA)),
    powerW: mean(list.map((r) => r.powerW)),
    gensetBatteryV: mean(list.map((r) => r.gensetBatteryV)),
    fuelPercent: mean(list.map((r) => r.fuelPercent)),
  };
}
