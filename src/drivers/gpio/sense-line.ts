/**
 * A sense line: mains present, genset running, from an opto-isolated input.
 * The level is debounced; `activeLow` says the line reads low when present.
 * The input must be a steady level (opto with a smoothing capacitor or a
 * relay contact), not raw 50 Hz pulses.
 */
import type { SenseLine } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import { TypedEmitter } from '../../shared/emitter.js';
import type { InputLine, Level } from '../transport/gpio/line.js';
import { LineDevice } from './line-device.js';

export interface SenseLineOptions {
  id: 'mains-sense' | 'genset-sense';
  chip: string;
  line: number;
  openLine: () => Promise<InputLine>;
  activeLow?: boolean;
  debounceMs?: number;
}

const WORDS = { 'mains-sense': ['mains present', 'no mains'], 'genset-sense': ['genset running', 'genset stopped'] } as const;

export class GpioSenseLine extends LineDevice implements SenseLine {
  private readonly changes = new TypedEmitter<{ change: (present: boolean) => void }>();
  private readonly activeLow: boolean;
  private current: boolean | null = null;

  constructor(
    private readonly opts: SenseLineOptions,
    ctx: DriverContext,
  ) {
    super(
      {
        id: opts.id,
        kind: opts.id,
        chip: opts.chip,
        line: opts.line,
        openLine: opts.openLine,
        debounceMs: opts.debounceMs ?? ctx.timeouts.senseDebounceMs,
      },
      ctx,
    );
    this.activeLow = opts.activeLow ?? false;
  }

  present(): boolean | null {
    return this.current;
  }

  onChange(listener: (present: boolean) => void): () => void {
    return this.changes.on('change', listener);
  }

  protected opened(level: Level): void {
    this.update(level);
  }

  protected settled(level: Level): void {
    this.update(level);
  }

  private update(level: Level): void {
    const present = (level === 1) !== this.activeLow;
    const changed = present !== this.current;
    this.current = present;
    const [yes, no] = WORDS[this.opts.id];
    this.status.set('ok', `${present ? yes : no}; ${this.ready()}`);
    if (changed) this.changes.emit('change', present);
  }
}
