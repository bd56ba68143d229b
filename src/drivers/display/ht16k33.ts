/**
 * A counter's number display: an HT16K33 LED backpack on I2C (SMBus only).
 * Start-up: oscillator on, display on, brightness, RAM. A recall blinks the
 * number in hardware for a few seconds, then holds it steady. The display is
 * write-only, so a periodic refresh re-sends the whole state: that finds a
 * display that went away and repairs one that lost its RAM (power dip).
 */
import type { CounterDisplay, DisplayContent } from '../../controller/ports.js';
import type { DeviceState } from '../../controller/ports.js';
import { DeviceStatusKeeper } from '../device-status.js';
import type { DriverContext } from '../context.js';
import type { TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import type { I2cBus } from '../transport/i2c/bus.js';
import { hexAddress } from '../transport/i2c/bus.js';
import { I2cDevice, i2cDeviceError } from '../transport/i2c/device.js';
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

export const DEFAULT_BLINK_MS = 5_000;
export const DEFAULT_REFRESH_MS = 15_000;

export class Ht16k33Display implements CounterDisplay {
  readonly kind = 'display' as const;
  readonly id: string;
  readonly counter: number;
  private readonly status: DeviceStatusKeeper;
  private readonly log: Logger;
  private device: I2cDevice | null = null;
  private content: DisplayContent = { kind: 'blank' };
  private blinking = false;
  private running = false;
  private online = false;
  private failures = 0;
  private retryTimer: TimerHandle | null = null;
  private blinkTimer: TimerHandle | null = null;
  private refreshTimer: TimerHandle | null = null;
  /** Bus work runs one step at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly opts: Ht16k33Options,
    private readonly ctx: DriverContext,
  ) {
    this.counter = opts.counter;
    this.id = `display-${opts.counter}`;
    this.status = new DeviceStatusKeeper(this.id, 'display', ctx.clock, ctx.timeZone);
    this.log = ctx.log.child({ ns: 'drivers.ht16k33', device: this.id });
  }

  state(): DeviceState {
    return this.status.get();
  }

  onStatus(listener: (s: DeviceState) => void): () => void {
    return this.status.onStatus(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.status.set('offline', `connecting to ${hexAddress(this.opts.address)}`);
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of [this.retryTimer, this.blinkTimer, this.refreshTimer]) t?.cancel();
    this.retryTimer = this.blinkTimer = this.refreshTimer = null;
    await this.queue.catch(() => undefined);
    const device = this.device;
    this.device = null;
    if (device) {
      if (this.online) await device.sendByte(displaySetup(false)).catch(() => undefined);
      await device.bus.close();
    }
    this.online = false;
    this.status.set('offline', 'stopped');
  }

  /** Never rejects: while the display is away, the content waits and is shown when it answers again. */
  async show(content: DisplayContent): Promise<void> {
    this.content = content;
    this.blinkTimer?.cancel();
    this.blinkTimer = null;
    this.blinking = content.kind === 'number' && content.blink;
    if (this.blinking) {
      this.blinkTimer = this.ctx.clock.setTimeout(() => this.endBlink(content), this.opts.blinkMs ?? DEFAULT_BLINK_MS);
    }
    if (this.online) await this.run(() => this.writeAll());
  }

  private endBlink(content: DisplayContent): void {
    this.blinkTimer = null;
    if (this.content !== content) return;
    this.blinking = false;
    if (this.online) void this.run(() => this.device!.sendByte(displaySetup(true, 'off')));
  }

  private text(): string {
    const c = this.content;
    return c.kind === 'number' ? c.text : c.kind === 'closed' ? '----' : '';
  }

  private async writeAll(): Promise<void> {
    const d = this.device!;
    await d.sendByte(CMD_OSCILLATOR_ON);
    await d.writeI2cBlock(RAM_ADDRESS, encodeRam(this.text(), this.opts.segments ?? 14));
    await d.sendByte(brightnessCommand(this.opts.brightness ?? 15));
    await d.sendByte(displaySetup(true, this.blinking ? '2hz' : 'off'));
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (!this.running) return;
    try {
      if (!this.device) {
        const bus = await this.opts.openBus().catch((e) => {
          throw i2cDeviceError(e, this.opts.busPath, this.opts.address, 'display');
        });
        this.device = new I2cDevice(bus, this.opts.address, 'display');
      }
      await this.serial(() => this.writeAll());
      this.online = true;
      this.failures = 0;
      this.status.set('ok', `showing "${this.text().trim() || 'blank'}"`);
      this.refreshTimer ??= this.ctx.clock.setInterval(
        () => void this.run(() => this.writeAll()),
        this.opts.refreshMs ?? DEFAULT_REFRESH_MS,
      );
    } catch (e) {
      this.fail(e);
    }
  }

  /** Queued bus work while online; a failure takes the display offline and starts retries. */
  private run(work: () => Promise<void>): Promise<void> {
    return this.serial(work).then(
      () => {
        this.status.set('ok', `showing "${this.text().trim() || 'blank'}"`);
      },
      (e) => this.fail(e),
    );
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private fail(e: unknown): void {
    if (!this.running) return;
    const err = i2cDeviceError(e, this.opts.busPath, this.opts.address, 'display');
    this.online = false;
    this.refreshTimer?.cancel();
    this.refreshTimer = null;
    this.status.set('offline', err.message);
    if (this.failures === 0) this.log.warn({ code: err.code }, err.message);
    const t = this.ctx.timeouts;
    const delay = Math.min(t.reopenInitialMs * 2 ** this.failures, t.reopenMaxMs);
    this.failures++;
    if (!this.retryTimer) this.retryTimer = this.ctx.clock.setTimeout(() => void this.connect(), delay);
  }
}
