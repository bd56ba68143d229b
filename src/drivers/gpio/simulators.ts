/**
 * Simulated fingers and power inputs on the simulated gpiochip: a button
 * press drives the line low and lets go ~80 ms later (on the injected clock),
 * a sense line is driven to its present/absent level.
 */
import type { Clock } from '../../shared/clock.js';
import type { ButtonSimulator, SenseLineSimulator } from '../../controller/sim-ports.js';
import type { SimGpioChip } from '../transport/gpio/sim-chip.js';

/** How long a resident's finger stays on the button. */
export const PRESS_HOLD_MS = 80;
/**
 * How long a finger is off the button before it can push again. No hand is
 * quicker, and it is longer than any contact debounce, so the release has
 * settled before the next push: a push that follows at once is not bounce.
 */
export const RELEASE_GAP_MS = 100;

export class SimButtonFinger implements ButtonSimulator {
  /** One finger: a press asked for while another is under way follows it. */
  private pushing: Promise<void> | null = null;

  constructor(
    readonly index: number,
    private readonly chip: SimGpioChip,
    private readonly line: number,
    private readonly clock: Clock,
    private readonly holdMs = PRESS_HOLD_MS,
  ) {}

  /** Resolves when the finger has let go and could push again: hold + RELEASE_GAP_MS (tests with a ManualClock advance it). */
  press(): Promise<void> {
    const push = this.pushing ? this.pushing.then(() => this.push()) : this.push();
    this.pushing = push;
    void push.then(() => {
      if (this.pushing === push) this.pushing = null;
    });
    return push;
  }

  private push(): Promise<void> {
    this.chip.drive(this.line, 0);
    return new Promise((resolve) => {
      this.clock.setTimeout(() => {
        this.chip.drive(this.line, null);
        this.clock.setTimeout(resolve, RELEASE_GAP_MS);
      }, this.holdMs);
    });
  }
}

export class SimSenseInput implements SenseLineSimulator {
  constructor(
    private readonly chip: SimGpioChip,
    private readonly line: number,
    private readonly activeLow: boolean,
  ) {}

  set(present: boolean): void {
    this.chip.drive(this.line, present !== this.activeLow ? 1 : 0);
  }
}
