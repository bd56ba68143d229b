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
 * The station's event stream. Ids grow across restarts (they start from the
 * boot time), so a client's Last-Event-ID from before a restart is simply
 * older than everything kept, and the client gets a fresh snapshot.
 */
export class EventBus {
  private readonly kept: StationEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private readonly latestSnapshot = new Map<StationEventName, StationEvent>();
  private nextId: number;

  constructor(
    bootMs: number,
    private readonly keep = 1000,
  ) {
    this.nextId = bootMs * 1000;
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
    for (const l of this.listeners) l(event as StationEvent);
    return event;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Events after `lastId`, or null when `lastId` is older than what is kept
   * (the client must start from a snapshot).
   */
  since(lastId: number): StationEvent[] | null {
    const oldest = this.kept[0];
    if (!oldest || lastId < oldest.id - 1) return null;
    return this.kept.filter((e) => e.id > lastId);
  }

  lastId(): number {
    return this.nextId;
  }

  subscriberCount(): number {
    return this.listeners.size;
  }
}
