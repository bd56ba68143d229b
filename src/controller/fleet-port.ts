/**
 * What the fleet link (src/drivers/fleet-link) asks of the station and what it
 * tells it: the outbox it drains, the technician alerts it raises, and its
 * status as the technician console, GET /api/v1/fleet and /metrics show it.
 */

export interface OutboxRow {
  seq: number;
  type: string;
  /** Epoch ms of the change. */
  at: number;
  /** JSON text. */
  data: string;
}

/** What the link needs from the outbox. */
export interface OutboxPort {
  after(seq: number, limit: number): OutboxRow[];
  oldest(): { seq: number; at: number } | null;
  depth(): number;
  lastSeq(): number;
  dropped(): number;
  remove(seqs: readonly number[]): void;
  trim(max: number): number;
  onAppend(listener: () => void): () => void;
}

/** Technician alerts (the station's AlertCenter). */
export interface AlertPort {
  raise(a: {
    kind: 'fleet-backlog';
    severity?: 'warning' | 'critical';
    value?: number | null;
    threshold?: number | null;
    message: string;
    messageId: string;
  }): unknown;
  clear(kind: 'fleet-backlog', subject?: string, why?: string): unknown;
}

export type LinkState = 'connecting' | 'online' | 'offline' | 'setup-error' | 'stopped';

export interface FleetLinkStatus {
  state: LinkState;
  /** When the link entered this state (ISO). */
  since: string;
  /** Broker URL without credentials. */
  broker: string;
  clientId: string;
  topics: { state: string; events: string };
  /** What went wrong last, in words a technician can act on; null once connected. */
  lastError: string | null;
  connectedAt: string | null;
  nextAttemptAt: string | null;
  /** Connections made since the station started. */
  connections: number;
  inflight: number;
  window: number;
  ackedSinceStart: number;
  lastAckedSeq: number | null;
  outbox: {
    depth: number;
    oldestSeq: number | null;
    oldestAt: string | null;
    /** Seconds since the oldest unacknowledged change (0 when none). */
    oldestAgeS: number;
    lastSeq: number;
    dropped: number;
    warnAt: number;
    max: number;
  };
}
