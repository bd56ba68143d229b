/**
 * What buttons and sense lines share: open a GPIO input line without ever
 * throwing out of start(), report `offline` with the reason, retry with
 * bounded backoff, and debounce its edges.
 */
import type { DeviceKind, DeviceState } from '../../controller/ports.js';
import { DeviceStatusKeeper } from '../device-status.js';
import type { DriverContext } from '../context.js';
import type { TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import type { InputLine, Level } from '../transport/gpio/line.js';
import { gpioRequestError } from '../transport/gpio/line.js';
import type { DeviceError } from '../../shared/errors.js';
import { Debouncer } from './debounce.js';

export interface LineDeviceOptions {
  id: string;
  kind: DeviceKind;
  chip: string;
  line: number;
  openLine: () => Promise<InputLine>;
  debounceMs: number;
}

export abstract class LineDevice {
  readonly id: string;
  readonly kind: DeviceKind;
  protected readonly status: DeviceStatusKeeper;
  protected readonly log: Logger;
  protected line: InputLine | null = null;
  protected debouncer: Debouncer | null = null;
  private running = false;
  private failures = 0;
  private retryTimer: TimerHandle | null = null;
  private unwatch: (() => void)[] = [];
  /** "gpiochip0 line 17" */
  protected readonly where: string;

  constructor(
    protected readonly base: LineDeviceOptions,
    protected readonly ctx: DriverContext,
  ) {
    this.id = base.id;
    this.kind = base.kind;
    this.where = `${base.chip} line ${base.line}`;
    this.status = new DeviceStatusKeeper(base.id, base.kind, ctx.clock, ctx.timeZone);
    this.log = ctx.log.child({ ns: 'drivers.gpio', device: base.id });
  }

  /** The debounced level changed. */
  protected abstract settled(level: Level): void;
  /** The line was opened and read for the first time. */
  protected abstract opened(level: Level): void;

  state(): DeviceState {
    return this.status.get();
  }

  onStatus(listener: (s: DeviceState) => void): () => void {
    return this.status.onStatus(listener);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.status.set('offline', `opening ${this.where}`);
    await this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.retryTimer?.cancel();
    this.retryTimer = null;
    await this.release();
    this.status.set('offline', 'stopped');
  }

  protected ready(): string {
    const l = this.line!;
    return `ready on ${this.where} (${l.backend})${l.note ? `; ${l.note}` : ''}`;
  }

  private async open(): Promise<void> {
    this.retryTimer = null;
    if (!this.running) return;
    try {
      const line = await this.base.openLine();
      if (!this.running) return void (await line.close());
      this.line = line;
      const level = line.read();
      // Edges the kernel already debounced are taken as they come.
      const debounceMs = line.debouncedMs ? 0 : this.base.debounceMs;
      this.debouncer = new Debouncer(this.ctx.clock, debounceMs, level, (l) => this.settled(l));
      this.unwatch = [line.onEdge((l) => this.debouncer?.input(l)), line.onFault((e) => void this.lost(e))];
      this.failures = 0;
      this.opened(level);
    } catch (e) {
      this.retry(gpioRequestError(this.base.chip, this.base.line, e));
    }
  }

  private async release(): Promise<void> {
    this.debouncer?.cancel();
    for (const off of this.unwatch) off();
    this.unwatch = [];
    const line = this.line;
    this.line = null;
    await line?.close().catch(() => undefined);
  }

  /** The line stopped working: let it go and reopen it with backoff. */
  private async lost(err: DeviceError): Promise<void> {
    await this.release();
    if (this.running) this.retry(err);
  }

  private retry(err: DeviceError): void {
    this.status.set('offline', err.message);
    if (this.failures === 0) this.log.warn({ code: err.code }, err.message);
    const t = this.ctx.timeouts;
    const delay = Math.min(t.reopenInitialMs * 2 ** this.failures, t.reopenMaxMs);
    this.failures++;
    this.retryTimer?.cancel();
    this.retryTimer = this.ctx.clock.setTimeout(() => void this.open(), delay);
  }
}
