/**
 * Recording counters while the recording sets have no power (no mains and no
 * genset): an idle counter is paused at once; a counter in the middle of a
 * ticket keeps it (the officer finishes, transfers or marks it) and is paused
 * as soon as that ticket leaves it. When power returns, only the counters this
 * supervisor paused are opened again: the pause reason in the database says
 * which, so a restart in between changes nothing and a counter an officer
 * paused or closed by hand is left alone. Tickets keep being issued throughout.
 */
import type { Logger } from '../../shared/log.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { QueueService } from '../queue/queue-service.js';
import { writeLater } from '../store/storage-health.js';
import { POWER_PAUSE_REASON } from '../queue/counters.js';

export { POWER_PAUSE_REASON };

export class RecordingPause {
  private readonly recording: number[];
  private readonly waiting = new Set<number>();
  private powered = true;

  constructor(
    private readonly queue: QueueService,
    config: ResolvedConfig,
    private readonly log: Logger,
    private readonly enabled: boolean,
  ) {
    this.recording = config.counters.filter((c) => c.recording).map((c) => c.id);
  }

  /** Recording power came or went (debounced). */
  set(powered: boolean): void {
    this.powered = powered;
    if (!this.enabled) return;
    if (powered) this.resume();
    else for (const id of this.recording) this.pauseWhenFree(id);
  }

  /** Call after any queue change: a counter waiting to be paused may have finished its ticket. */
  check(): void {
    if (this.powered || this.waiting.size === 0) return;
    for (const id of [...this.waiting]) this.pauseWhenFree(id);
  }

  /** Counters paused by power, and those to be paused when their ticket ends. */
  status(): { paused: number[]; pausing: number[] } {
    return {
      paused: this.recording.filter((id) => this.ownPause(id)),
      pausing: [...this.waiting],
    };
  }

  private pauseWhenFree(id: number): void {
    if (this.queue.counters.state(id) !== 'open') {
      this.waiting.delete(id);
      return;
    }
    if (this.queue.current(id)) {
      if (!this.waiting.has(id))
        this.log.info({ counter: id }, `counter ${id} will pause for the outage once its current ticket is finished`);
      this.waiting.add(id);
      return;
    }
    this.waiting.delete(id);
    // While storage is unusable the pause is kept and made once it works again (the outage goes on meanwhile).
    writeLater(this.queue.store.db, `counter ${id} paused for the outage`, () => {
      if (this.powered || this.queue.counters.state(id) !== 'open' || this.queue.current(id)) return;
      this.queue.setCounterState(id, 'paused', POWER_PAUSE_REASON);
      this.log.warn(
        { counter: id },
        `counter ${id} paused: its recording set has no power; tickets are still issued and it reopens when power returns`,
      );
    });
  }

  private resume(): void {
    this.waiting.clear();
    for (const id of this.recording) {
      if (!this.ownPause(id)) continue;
      writeLater(this.queue.store.db, `counter ${id} reopened after the outage`, () => {
        if (!this.powered || !this.ownPause(id)) return;
        this.queue.setCounterState(id, 'open', null);
        this.log.info({ counter: id }, `counter ${id} reopened: power is back`);
      });
    }
  }

  private ownPause(id: number): boolean {
    return this.queue.counters.state(id) === 'paused' && this.queue.counters.reason(id) === POWER_PAUSE_REASON;
  }
}
