/**
 * The regency view's own SQLite: every station's latest figures, and every
 * event once, keyed by (station, seq) so a replayed duplicate is recognised
 * and dropped. An event written here is on disk before the broker gets our
 * PUBACK, so a restart of the regency view loses nothing the broker let go.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS stations (
    id             TEXT PRIMARY KEY,
    name           TEXT,
    regency        TEXT,
    version        TEXT,
    online         INTEGER NOT NULL DEFAULT 0,
    online_at      INTEGER,                       -- when online last changed (regency time)
    last_seen      INTEGER,                       -- epoch ms of the last message from the station
    last_seq       INTEGER NOT NULL DEFAULT 0,    -- highest seq received
    events         INTEGER NOT NULL DEFAULT 0,    -- distinct events received
    station_seq    INTEGER,                       -- the station's last seq, as its state says
    day            TEXT,                          -- local day of the figures below
    waiting        INTEGER,
    done_today     INTEGER,
    figures_at     INTEGER,                       -- station time the figures were true at
    source         TEXT,
    source_at      INTEGER,
    alerts         TEXT NOT NULL DEFAULT '[]',    -- JSON [{ kind, subject, severity }]
    alerts_at      INTEGER,
    open_faults    INTEGER,
    faults_at      INTEGER,
    coverage       TEXT,                          -- JSON, from the newest daily report
    coverage_day   TEXT
  );
  CREATE TABLE IF NOT EXISTS events (
    station     TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    at          INTEGER NOT NULL,                 -- station time of the change (epoch ms)
    historical  INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (station, seq)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS events_received ON events (received_at);
`;

export interface StationRow {
  id: string;
  name: string | null;
  regency: string | null;
  version: string | null;
  online: number;
  online_at: number | null;
  last_seen: number | null;
  last_seq: number;
  events: number;
  station_seq: number | null;
  day: string | null;
  waiting: number | null;
  done_today: number | null;
  figures_at: number | null;
  source: string | null;
  source_at: number | null;
  alerts: string;
  alerts_at: number | null;
  open_faults: number | null;
  faults_at: number | null;
  coverage: string | null;
  coverage_day: string | null;
}

export interface StationEvent {
  seq: number;
  type: string;
  /** Station time of the change. */
  at: number;
  historical: boolean;
  data: Record<string, unknown>;
}

export interface StationState {
  online: boolean;
  /** Station time of the state message; absent in the last will. */
  at: number | null;
  name?: string;
  regency?: string;
  version?: string;
  lastSeq?: number;
  summary?: {
    date?: string;
    waiting?: number;
    doneToday?: number;
    source?: string;
    activeAlerts?: unknown[];
    openFaults?: number;
  };
}

export function openRegencyDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'regency.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);

export class RegencyStore {
  private readonly q;

  constructor(readonly db: Db) {
    this.q = {
      ensure: db.prepare<[string]>('INSERT OR IGNORE INTO stations (id) VALUES (?)'),
      get: db.prepare<[string], StationRow>('SELECT * FROM stations WHERE id = ?'),
      all: db.prepare<[], StationRow>('SELECT * FROM stations ORDER BY COALESCE(name, id)'),
      insertEvent: db.prepare<[string, number, string, number, number, string, number]>(
        'INSERT OR IGNORE INTO events (station, seq, type, at, historical, data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      seen: db.prepare<[number, number, string]>(
        'UPDATE stations SET last_seen = MAX(COALESCE(last_seen, 0), ?), last_seq = MAX(last_seq, ?), events = events + 1 WHERE id = ?',
      ),
      touch: db.prepare<[number, string]>('UPDATE stations SET last_seen = MAX(COALESCE(last_seen, 0), ?) WHERE id = ?'),
      figures: db.prepare<[string, number, number, number, string]>(
        'UPDATE stations SET day = ?, waiting = ?, done_today = ?, figures_at = ? WHERE id = ?',
      ),
      source: db.prepare<[string, number, string]>('UPDATE stations SET source = ?, source_at = ? WHERE id = ?'),
      alerts: db.prepare<[string, number, string]>('UPDATE stations SET alerts = ?, alerts_at = ? WHERE id = ?'),
      faults: db.prepare<[number, number, string]>('UPDATE stations SET open_faults = ?, faults_at = ? WHERE id = ?'),
      coverage: db.prepare<[string | null, string, string]>('UPDATE stations SET coverage = ?, coverage_day = ? WHERE id = ?'),
      state: db.prepare(
        `UPDATE stations SET online = @online, online_at = CASE WHEN online = @online AND online_at IS NOT NULL THEN online_at ELSE @now END,
           name = COALESCE(@name, name), regency = COALESCE(@regency, regency), version = COALESCE(@version, version),
           station_seq = COALESCE(@lastSeq, station_seq) WHERE id = @id`,
      ),
      events: db.prepare<
        [string, number],
        { seq: number; type: string; at: number; historical: number; data: string; received_at: number }
      >('SELECT seq, type, at, historical, data, received_at FROM events WHERE station = ? ORDER BY seq DESC LIMIT ?'),
      prune: db.prepare<[number]>('DELETE FROM events WHERE received_at < ?'),
    };
  }

  /**
   * Keeps an event once. Returns false for a duplicate (the same station and
   * seq seen before), which changes nothing.
   */
  addEvent(station: string, e: StationEvent, receivedAt: number): boolean {
    return this.db.transaction(() => {
      this.q.ensure.run(station);
      const fresh =
        this.q.insertEvent.run(station, e.seq, e.type, e.at, e.historical ? 1 : 0, JSON.stringify(e.data), receivedAt).changes === 1;
      if (!fresh) return false;
      this.q.seen.run(receivedAt, e.seq, station);
      this.apply(station, e);
      return true;
    })();
  }

  /** A retained or live state message (the last will has no `at`). */
  setState(station: string, s: StationState, receivedAt: number, retained: boolean): void {
    this.db.transaction(() => {
      this.q.ensure.run(station);
      this.q.state.run({
        id: station,
        online: s.online ? 1 : 0,
        now: receivedAt,
        name: str(s.name),
        regency: str(s.regency),
        version: str(s.version),
        lastSeq: num(s.lastSeq),
      });
      // A retained message may be old: it says when the station was last heard of only through its own time.
      // The last will is the broker speaking for a station that has gone quiet: not a sign of life.
      const seen = !s.online && s.at === null ? null : retained ? s.at : receivedAt;
      if (seen !== null) this.q.touch.run(seen, station);
      const sum = s.summary;
      if (s.online && sum && s.at !== null) {
        const row = this.q.get.get(station)!;
        if (typeof sum.date === 'string' && newer(s.at, row.figures_at))
          this.q.figures.run(sum.date, num(sum.waiting) ?? 0, num(sum.doneToday) ?? 0, s.at, station);
        if (typeof sum.source === 'string' && newer(s.at, row.source_at)) this.q.source.run(sum.source, s.at, station);
        if (Array.isArray(sum.activeAlerts) && newer(s.at, row.alerts_at))
          this.q.alerts.run(JSON.stringify(sum.activeAlerts.map(alertBrief)), s.at, station);
        if (num(sum.openFaults) !== null && newer(s.at, row.faults_at)) this.q.faults.run(num(sum.openFaults)!, s.at, station);
      }
    })();
  }

  station(id: string): StationRow | undefined {
    return this.q.get.get(id);
  }

  stations(): StationRow[] {
    return this.q.all.all();
  }

  recentEvents(station: string, limit = 50): Array<StationEvent & { receivedAt: number }> {
    return this.q.events.all(station, limit).map((r) => ({
      seq: r.seq,
      type: r.type,
      at: r.at,
      historical: r.historical === 1,
      data: JSON.parse(r.data) as Record<string, unknown>,
      receivedAt: r.received_at,
    }));
  }

  /** Forgets events received before `before` (the station rows stay). */
  prune(before: number): number {
    return this.q.prune.run(before).changes;
  }

  /** What an event changes in the station's figures; an older event never overwrites newer figures. */
  private apply(station: string, e: StationEvent): void {
    const row = this.q.get.get(station)!;
    const d = e.data;
    if (e.type.startsWith('ticket.') && typeof d.date === 'string' && newer(e.at, row.figures_at))
      this.q.figures.run(d.date, num(d.waiting) ?? 0, num(d.doneToday) ?? 0, e.at, station);
    else if (e.type === 'power.source' && typeof d.to === 'string' && newer(e.at, row.source_at)) this.q.source.run(d.to, e.at, station);
    else if (e.type.startsWith('alert.') && Array.isArray(d.active) && newer(e.at, row.alerts_at))
      this.q.alerts.run(JSON.stringify(d.active.map(alertBrief)), e.at, station);
    else if (e.type.startsWith('fault.') && num(d.openFaults) !== null && newer(e.at, row.faults_at))
      this.q.faults.run(num(d.openFaults)!, e.at, station);
    else if (e.type === 'report.daily' && typeof d.date === 'string' && (row.coverage_day === null || d.date >= row.coverage_day)) {
      const coverage = (d.report as { coverage?: unknown } | undefined)?.coverage ?? null;
      this.q.coverage.run(coverage === null ? null : JSON.stringify(coverage), d.date, station);
    }
  }
}

const newer = (at: number, than: number | null) => than === null || at >= than;

function alertBrief(a: unknown): { kind: string; subject: string; severity: string } {
  const o = (a ?? {}) as Record<string, unknown>;
  return { kind: str(o.kind) ?? 'unknown', subject: str(o.subject) ?? '', severity: str(o.severity) ?? 'warning' };
}
