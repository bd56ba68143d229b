import { randomBytes } from 'node:crypto';
import type { StationEventMap, StationEventName } from './events.js';

/** Who may see an event: everyone, or only one counter's own stream. */
export type EventScope = { kind: 'public' } | { kind: 'counter'; counter: number };

export interface StationEvent<N extends StationEventName = StationEventName> {
  id: number;
  name: N;
  data: StationEventMap[N];
  scope: EventScope;
}

type Listener = (e: StationEvent) => void;

/** Events that carry the whole state: only the newest is kept for replay. */
const SNAPSHOTS: ReadonlySet<StationEventName> = new Set(['queue', 'power']);

/**
 * The station's event stream. Each event has a sequence number from 1 within
 * this run of the process; on the wire (SSE `id:`) it is `EPOCH.SEQ`, where
 * EPOCH is random per run. Nothing depends on the wall clock: a client's
 * Last-Event-ID from another run, from the future (a board whose clock was
 * behind, a replayed id) or older than what is kept simply gets a fresh
 * snapshot, never silence.
 */
export class EventBus {
  private readonly kept: StationEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly latestSnapshot = new Map<StationEventName, StationEvent>();
  private nextId = 0;
  private readonly keep: number;
  /** Random per run of the process (not the time of day). */
  readonly epoch: string;

  constructor(opts: { keep?: number; epoch?: string } = {}) {
    this.keep = opts.keep ?? 1000;
    this.epoch = opts.epoch ?? randomBytes(4).toString('hex');
  }

  publish<N extends StationEventName>(name: N, data: StationEventMap[N], scope: EventScope = { kind: 'public' }): StationEvent<N> {
    const event: StationEvent<N> = { id: ++this.nextId, name, data, scope };
    if (SNAPSHOTS.has(name)) {
      // A full-state snapshot makes the one before it worthless to a resuming client.
      const previous = this.latestSnapshot.get(name);
      if (previous) {
        const at = this.kept.indexOf(previous);
        if (at >= 0) this.kept.splice(at, 1);
      }
      this.latestSnapshot.set(name, event as StationEvent);
    }
    this.kept.push(event as StationEvent);
    if (this.kept.length > this.keep) this.kept.splice(0, this.kept.length - this.keep);
    this.deliver(event as StationEvent);
    return event;
  }

  private readonly undelivered: StationEvent[] = [];
  private delivering = false;

  /**
   * Every listener sees the events in the order of their ids. An event
   * published by a listener (a counter paused because its ticket was just
   * completed) waits until the event being delivered has reached every
   * listener; delivered at once, a stream after that listener would get the
   * newer queue snapshot first and keep the older one.
   */
  private deliver(event: StationEvent): void {
    this.undelivered.push(event);
    if (this.delivering) return;
    this.delivering = true;
    let failure: { err: unknown } | null = null;
    try {
      for (let e = this.undelivered.shift(); e; e = this.undelivered.shift())
        for (const l of this.listeners) {
          try {
            l(e);
          } catch (err) {
            failure ??= { err };
          }
        }
    } finally {
      this.delivering = false;
    }
    if (failure) throw failure.err;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Events after `lastId`, or null when `lastId` is older than what is kept
   * or newer than anything published (the client must start from a snapshot).
   */
  since(lastId: number): StationEvent[] | null {
    const oldest = this.kept[0];
    if (!Number.isSafeInteger(lastId) || lastId > this.nextId) return null;
    if (lastId === this.nextId) return [];
    if (!oldest || lastId < oldest.id - 1) return null;
    return this.kept.filter((e) => e.id > lastId);
  }

  /** The sequence number of a wire id of this run, or null (another run, or not an id of ours). */
  seqOf(wireId: string | undefined): number | null {
    const m = wireId === undefined ? null : /^([0-9a-f]{8})\.(\d{1,15})$/.exec(wireId);
    return m && m[1] === this.epoch ? Number(m[2]) : null;
  }

  /** The SSE id of an event (or of the newest sequence number). */
  wireId(seq: number): string {
    return `${this.epoch}.${seq}`;
  }

  lastId(): number {
    return this.nextId;
  }

  subscriberCount(): number {
    return this.listeners.size;
  }
}
