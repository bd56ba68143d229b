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

export class SimButtonFinger implements ButtonSimulator {
  constructor(
    readonly index: number,
    private readonly chip: SimGpioChip,
    private readonly line: number,
    private readonly clock: Clock,
    private readonly holdMs = PRESS_HOLD_MS,
  ) {}

  /** Resolves when the finger has let go (tests with a ManualClock advance it). */
  press(): Promise<void> {
    this.chip.drive(this.line, 0);
    return new Promise((resolve) => {
      this.clock.setTimeout(() => {
        this.chip.drive(this.line, null);
        resolve();
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
