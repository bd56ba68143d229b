/**
 * The simulated clock of `--sim-clock`: stopped until told to move, then
 * moving forward by running every timer that falls due on the way, in time
 * order. Between two timers the event loop is given a few turns, so the
 * device I/O a timer starts (a PN532 poll, a printer status request through
 * the simulated serial binding) is answered at that simulated instant, before
 * the timer that would time it out; a whole office day runs in seconds.
 */
import type { Clock, TimerHandle } from './clock.js';

interface SimTimer {
  id: number;
  at: number;
  every: number | null;
  fn: () => void;
}

/** Turns of the event loop after each timer: the in-process device lines answer within one or two. */
const SETTLE_TURNS = 3;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SimClock implements Clock {
  private current: number;
  private readonly timers = new Map<number, SimTimer>();
  private nextId = 1;
  private moving: Promise<void> = Promise.resolve();
  /** Timers run so far (for the benchmark and the log). */
  fired = 0;

  constructor(
    start: number | string | Date,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.current = typeof start === 'number' ? start : new Date(start).getTime();
    if (!Number.isFinite(this.current)) throw new Error(`not a time: ${String(start)}`);
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, null);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, Math.max(1, ms));
  }

  /**
   * Moves forward by ms. Advances are queued: a second one starts where the
   * first ended. Resolves once every timer due on the way has run and the
   * I/O it started has settled.
   */
  advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) return Promise.reject(new RangeError(`advance needs a duration >= 0, got ${ms}`));
    const run = this.moving.then(() => this.run(ms));
    this.moving = run.catch(() => {});
    return run;
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  private async run(ms: number): Promise<void> {
    const target = this.current + ms;
    await this.settle();
    for (;;) {
      const due = this.nextDue(target);
      if (!due) break;
      this.current = Math.max(this.current, due.at);
      if (due.every === null) this.timers.delete(due.id);
      else due.at += due.every;
      this.fired++;
      try {
        due.fn();
      } catch (err) {
        this.onError(err);
      }
      await this.settle();
    }
    this.current = target;
    await this.settle();
  }

  private nextDue(target: number): SimTimer | null {
    let best: SimTimer | null = null;
    for (const t of this.timers.values()) {
      if (t.at > target) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    }
    return best;
  }

  private async settle(): Promise<void> {
    for (let i = 0; i < SETTLE_TURNS; i++) await turn();
  }

  private add(fn: () => void, ms: number, every: number | null): TimerHandle {
    const timer: SimTimer = { id: this.nextId++, at: this.current + Math.max(0, ms), every, fn };
    this.timers.set(timer.id, timer);
    return { cancel: () => void this.timers.delete(timer.id) };
  }
}
