/**
 * What buttons and sense lines share: open a GPIO input line without ever
 * throwing out of start(), report `offline` with the reason, reopen it through
 * the drivers' reconnect engine, and debounce its edges.
 */
import type { DeviceKind } from '../../controller/ports.js';
import { LinkedDevice } from '../linked-device.js';
import type { DriverContext } from '../context.js';
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

interface OpenedLine {
  line: InputLine;
  /** Its level when it was opened. */
  level: Level;
}

export abstract class LineDevice extends LinkedDevice<OpenedLine> {
  readonly kind: DeviceKind;
  protected line: InputLine | null = null;
  protected debouncer: Debouncer | null = null;
  private unwatch: (() => void)[] = [];
  /** "gpiochip0 line 17" */
  protected readonly where: string;

  constructor(
    protected readonly base: LineDeviceOptions,
    ctx: DriverContext,
  ) {
    const where = `${base.chip} line ${base.line}`;
    super(base.id, base.kind, ctx, ctx.log.child({ ns: 'drivers.gpio', device: base.id }), { what: where });
    this.kind = base.kind;
    this.where = where;
  }

  /** The debounced level changed. */
  protected abstract settled(level: Level): void;
  /** The line was opened and read for the first time. */
  protected abstract opened(level: Level): void;

  protected ready(): string {
    const l = this.line!;
    return `ready on ${this.where} (${l.backend})${l.note ? `; ${l.note}` : ''}`;
  }

  protected connecting(): string {
    return `opening ${this.where}`;
  }

  protected async openLink(): Promise<OpenedLine> {
    try {
      const line = await this.base.openLine();
      try {
        return { line, level: line.read() };
      } catch (e) {
        await line.close().catch(() => undefined);
        throw e;
      }
    } catch (e) {
      throw gpioRequestError(this.base.chip, this.base.line, e);
    }
  }

  /** The line is open: debounce its edges, and reopen it when it stops working. */
  protected linkReady(opened: OpenedLine): void {
    const { line, level } = opened;
    this.line = line;
    // Edges the kernel already debounced are taken as they come.
    const debounceMs = line.debouncedMs ? 0 : this.base.debounceMs;
    this.debouncer = new Debouncer(this.ctx.clock, debounceMs, level, (l) => this.settled(l));
    this.unwatch = [line.onEdge((l) => this.debouncer?.input(l)), line.onFault((e: DeviceError) => this.link.lost(e, { device: opened }))];
    this.opened(level);
  }

  protected override async releaseLink({ line }: OpenedLine): Promise<void> {
    if (this.line === line) {
      this.debouncer?.cancel();
      for (const off of this.unwatch) off();
      this.unwatch = [];
      this.line = null;
    }
    await line.close().catch(() => undefined);
  }
}
