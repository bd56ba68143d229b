/**
 * Which source powers the office, from the sense lines and the companion
 * board, and a debouncer so a flickering line does not count as an outage.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { PowerSource } from '../events.js';

export interface SourceInputs {
  /** Mains sense line after its GPIO debounce; null before the first read or without a line. */
  mains: boolean | null;
  genset: boolean | null;
  /** Companion board's AC-present input (mains or genset), if wired. */
  acPresent: boolean | null;
}

/**
 * mains line high → mains; else genset line high → genset; mains low and no
 * AC from anywhere → battery (the board runs on its UPS). Without a mains
 * line the companion board's AC input decides between battery and unknown.
 */
export function rawSource(i: SourceInputs): PowerSource {
  if (i.mains === true) return 'mains';
  if (i.genset === true) return 'genset';
  if (i.mains === false) {
    if (i.genset === null && i.acPresent === true) return 'genset';
    return 'battery';
  }
  if (i.acPresent === false && i.genset !== null) return 'battery';
  return 'unknown';
}

/**
 * Accepts a new value only once it has held for `holdMs`. The first known
 * value is accepted at once (the station learns its state at boot); a value
 * that returns to the accepted one before the hold ends cancels the change.
 */
export class Debounced<T> {
  private accepted: T;
  private pending: { value: T; timer: TimerHandle } | null = null;
  private known = false;

  constructor(
    initial: T,
    private readonly holdMs: number,
    private readonly clock: Clock,
    private readonly isKnown: (v: T) => boolean,
    private readonly onAccept: (next: T, prev: T, since: number) => void,
  ) {
    this.accepted = initial;
  }

  get value(): T {
    return this.accepted;
  }

  /** Feeds the latest raw value. */
  feed(value: T): void {
    if (value === this.accepted) {
      this.cancel();
      return;
    }
    if (!this.known && this.isKnown(value)) {
      this.cancel();
      this.accept(value, this.clock.now());
      return;
    }
    if (this.pending?.value === value) return;
    this.cancel();
    const since = this.clock.now();
    if (this.holdMs <= 0) {
      this.accept(value, since);
      return;
    }
    this.pending = {
      value,
      timer: this.clock.setTimeout(() => {
        this.pending = null;
        this.accept(value, since);
      }, this.holdMs),
    };
  }

  stop(): void {
    this.cancel();
  }

  private accept(value: T, since: number): void {
    const prev = this.accepted;
    this.accepted = value;
    if (this.isKnown(value)) this.known = true;
    this.onAccept(value, prev, since);
  }

  private cancel(): void {
    this.pending?.timer.cancel();
    this.pending = null;
  }
}
