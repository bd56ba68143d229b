/**
 * A ticket button: a push button from the line to ground with a pull-up, so
 * pressed = low. One press per push, however long it is held or however its
 * contacts bounce. A button held down for a minute is reported as stuck.
 */
import type { TicketButton } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { TimerHandle } from '../../shared/clock.js';
import { TypedEmitter } from '../../shared/emitter.js';
import type { InputLine, Level } from '../transport/gpio/line.js';
import { LineDevice } from './line-device.js';

export interface ButtonOptions {
  index: number;
  chip: string;
  line: number;
  openLine: () => Promise<InputLine>;
  debounceMs?: number;
  /** Pressed reads low (default, button to ground with pull-up). */
  activeLow?: boolean;
}

export class GpioTicketButton extends LineDevice implements TicketButton {
  private readonly presses = new TypedEmitter<{ press: () => void }>();
  private readonly pressedLevel: Level;
  private stuckTimer: TimerHandle | null = null;

  constructor(opts: ButtonOptions, ctx: DriverContext) {
    super(
      {
        id: `button-${opts.index}`,
        kind: 'button',
        chip: opts.chip,
        line: opts.line,
        openLine: opts.openLine,
        debounceMs: opts.debounceMs ?? ctx.timeouts.buttonDebounceMs,
      },
      ctx,
    );
    this.pressedLevel = opts.activeLow === false ? 1 : 0;
  }

  onPress(listener: () => void): () => void {
    return this.presses.on('press', listener);
  }

  override async stop(): Promise<void> {
    this.stuckTimer?.cancel();
    this.stuckTimer = null;
    await super.stop();
  }

  /** Pressed at start is no press; only a push that goes on for a minute counts as stuck. */
  protected opened(level: Level): void {
    this.status.set('ok', this.ready());
    this.stuckTimer?.cancel();
    this.stuckTimer = level === this.pressedLevel ? this.ctx.clock.setTimeout(() => this.held(), this.ctx.timeouts.buttonStuckMs) : null;
  }

  protected settled(level: Level): void {
    this.status.seen();
    if (level === this.pressedLevel) {
      this.presses.emit('press');
      this.stuckTimer = this.ctx.clock.setTimeout(() => this.held(), this.ctx.timeouts.buttonStuckMs);
    } else {
      this.stuckTimer?.cancel();
      this.stuckTimer = null;
      this.status.set('ok', this.ready());
    }
  }

  private held(): void {
    this.stuckTimer = null;
    this.status.set('degraded', `button on ${this.where} held down — stuck, or its wire touches ground`);
  }
}
