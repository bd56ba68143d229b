/**
 * What the regency office reads: each station as CONTRACT v2 names it, and the
 * board the /regency page draws (the same plus whether it is stale, coverage,
 * open faults and how far behind its events are).
 */
import { isoLocal, localDate } from '../shared/time.js';
import type { StationRow } from './store.js';

export interface ContractStation {
  id: string;
  name: string;
  online: boolean;
  lastSeen: string | null;
  waiting: number | null;
  doneToday: number | null;
  source: string;
  activeAlerts: Array<{ kind: string; subject: string; severity: string }>;
  lastSeq: number;
}

export type StationStatus = 'online' | 'stale' | 'offline';

export interface BoardStation extends ContractStation {
  regency: string | null;
  status: StationStatus;
  /** Minutes since the last message. */
  silentMinutes: number | null;
  openFaults: number | null;
  coverage: Record<string, unknown> | null;
  coverageDate: string | null;
  /** Events the station has handed out that have not arrived here yet (its outbox, as its state says). */
  behind: number | null;
  version: string | null;
}

export interface BoardOptions {
  now: number;
  timeZone: string;
  /** A station silent longer than this is stale, even if it said it was online. */
  staleMs: number;
}

export function contractStation(r: StationRow, o: BoardOptions): ContractStation {
  const today = localDate(o.now, o.timeZone);
  // Figures from an earlier day say nothing about today's queue: it starts empty every morning.
  const sameDay = r.day === today;
  return {
    id: r.id,
    name: r.name ?? r.id,
    online: r.online === 1,
    lastSeen: r.last_seen === null ? null : isoLocal(r.last_seen, o.timeZone),
    waiting: r.day === null ? null : sameDay ? (r.waiting ?? 0) : 0,
    doneToday: r.day === null ? null : sameDay ? (r.done_today ?? 0) : 0,
    source: r.source ?? 'unknown',
    activeAlerts: JSON.parse(r.alerts) as ContractStation['activeAlerts'],
    lastSeq: r.last_seq,
  };
}

export function boardStation(r: StationRow, o: BoardOptions): BoardStation {
  const c = contractStation(r, o);
  const silent = r.last_seen === null ? null : Math.max(0, o.now - r.last_seen);
  const status: StationStatus = !c.online ? 'offline' : silent === null || silent > o.staleMs ? 'stale' : 'online';
  return {
    ...c,
    regency: r.regency,
    status,
    silentMinutes: silent === null ? null : Math.floor(silent / 60_000),
    openFaults: r.open_faults,
    coverage: r.coverage === null ? null : (JSON.parse(r.coverage) as Record<string, unknown>),
    coverageDate: r.coverage_day,
    behind: r.station_seq === null ? null : Math.max(0, r.station_seq - r.last_seq),
    version: r.version,
  };
}
