/**
 * A counter's number display: an HT16K33 LED backpack on I2C (SMBus only).
 * Start-up: oscillator on, display on, brightness, RAM. A recall blinks the
 * number in hardware for a few seconds, then holds it steady. The display is
 * write-only, so a periodic refresh re-sends the whole state: that finds a
 * display that went away and repairs one that lost its RAM (power dip).
 */
import type { CounterDisplay, DisplayContent } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import { I2cChip } from '../i2c-chip.js';
import type { TimerHandle } from '../../shared/clock.js';
import { OperationQueue } from '../../shared/operation-queue.js';
import type { I2cBus } from '../transport/i2c/bus.js';
import { hexAddress } from '../transport/i2c/bus.js';
import type { I2cDevice } from '../transport/i2c/device.js';
import { CMD_OSCILLATOR_ON, RAM_ADDRESS, brightnessCommand, displaySetup, encodeRam, type Segments } from './ht16k33-protocol.js';

export interface Ht16k33Options {
  counter: number;
  address: number;
  /** "/dev/i2c-1": named in every error message. */
  busPath: string;
  /** Opens (or joins) the bus the display hangs on. */
  openBus: () => Promise<I2cBus>;
  segments?: Segments;
  brightness?: number;
  /** How long a recalled number blinks before it holds steady. */
  blinkMs?: number;
  /** Period of the full-state refresh while online. */
  refreshMs?: number;
}

export class Ht16k33Display extends I2cChip implements CounterDisplay {
  readonly kind = 'display' as const;
  readonly counter: number;
  private content: DisplayContent = { kind: 'blank' };
  private blinking = false;
  private blinkTimer: TimerHandle | null = null;
  private refreshTimer: TimerHandle | null = null;
  /** Bus work runs one step at a time, in order. */
  private readonly queue = new OperationQueue();

  constructor(
    private readonly opts: Ht16k33Options,
    ctx: DriverContext,
  ) {
    const id = `display-${opts.counter}`;
    super(id, 'display', ctx, ctx.log.child({ ns: 'drivers.ht16k33', device: id }), { ...opts, what: 'display' });
    this.counter = opts.counter;
  }

  /** Never rejects: while the display is away, the content waits and is shown when it answers again. */
  async show(content: DisplayContent): Promise<void> {
    this.content = content;
    this.blinkTimer?.cancel();
    this.blinkTimer = null;
    this.blinking = content.kind === 'number' && content.blink;
    if (this.blinking) {
      this.blinkTimer = this.ctx.clock.setTimeout(() => this.endBlink(content), this.opts.blinkMs ?? this.ctx.timeouts.displayBlinkMs);
    }
    if (this.link.isReady()) await this.run(() => this.writeAll());
  }

  protected connecting(): string {
    return `connecting to ${hexAddress(this.opts.address)}`;
  }

  /** The whole state: the display answers or the attempt fails. */
  protected greet(): Promise<void> {
    return this.queue.run(() => this.writeAll());
  }

  protected linkReady(): void {
    this.status.set('ok', this.showing());
    this.refreshTimer ??= this.ctx.clock.setInterval(
      () => void this.run(() => this.writeAll()),
      this.opts.refreshMs ?? this.ctx.timeouts.displayRefreshMs,
    );
  }

  protected override linkDown(): void {
    this.refreshTimer?.cancel();
    this.refreshTimer = null;
  }

  /** Blanks a display that still answers. */
  protected override async farewell(device: I2cDevice, wasReady: boolean): Promise<void> {
    this.blinkTimer?.cancel();
    this.blinkTimer = null;
    await this.queue.idle();
    if (wasReady) await device.sendByte(displaySetup(false)).catch(() => undefined);
  }

  private endBlink(content: DisplayContent): void {
    this.blinkTimer = null;
    if (this.content !== content) return;
    this.blinking = false;
    if (this.link.isReady()) void this.run(() => this.device!.sendByte(displaySetup(true, 'off')));
  }

  private text(): string {
    const c = this.content;
    return c.kind === 'number' ? c.text : c.kind === 'closed' ? '----' : '';
  }

  private showing(): string {
    return `showing "${this.text().trim() || 'blank'}"`;
  }

  private async writeAll(): Promise<void> {
    const d = this.device!;
    await d.sendByte(CMD_OSCILLATOR_ON);
    await d.writeI2cBlock(RAM_ADDRESS, encodeRam(this.text(), this.opts.segments ?? 14));
    await d.sendByte(brightnessCommand(this.opts.brightness ?? 15));
    await d.sendByte(displaySetup(true, this.blinking ? '2hz' : 'off'));
  }

  /** Queued bus work while online; a failure takes the display offline and starts retries. */
  private run(work: () => Promise<void>): Promise<void> {
    return this.queue.run(work).then(
      () => {
        if (this.link.isReady()) this.status.set('ok', this.showing());
      },
      (e) => this.link.lost(this.chipError(e)),
    );
  }
}
