/**
 * Debounce on the injected clock: a level counts once it has held for
 * `ms` with no further edge. Contacts that bounce within the window settle
 * to one change; a level that returns to where it was is no change at all.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Level } from '../transport/gpio/line.js';

export class Debouncer {
  private pending: Level | null = null;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly ms: number,
    private stable: Level,
    private readonly onStable: (level: Level) => void,
  ) {}

  get level(): Level {
    return this.stable;
  }

  input(level: Level): void {
    this.pending = level;
    this.timer?.cancel();
    this.timer = null;
    if (this.ms <= 0) return this.settle();
    this.timer = this.clock.setTimeout(() => this.settle(), this.ms);
  }

  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private settle(): void {
    this.timer = null;
    const level = this.pending;
    if (level === null || level === this.stable) return;
    this.stable = level;
    this.onStable(level);
  }
}
