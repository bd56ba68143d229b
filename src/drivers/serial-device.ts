/**
 * What the drivers of serial devices share (ticket printer, card reader,
 * scanner): a status, and a line that reopens itself after a failure. The
 * line's reconnect engine says when it opens and why it is down; the driver
 * says what the device answers.
 */
import type { DeviceKind, DeviceState } from '../controller/ports.js';
import type { DriverContext } from './context.js';
import { DeviceStatusKeeper } from './device-status.js';
import type { ReconnectingPort } from './transport/serial/reconnecting-port.js';

export abstract class SerialDevice {
  protected readonly status: DeviceStatusKeeper;
  private readonly off: Array<() => void> = [];

  constructor(
    readonly id: string,
    kind: DeviceKind,
    protected readonly line: ReconnectingPort,
    protected readonly ctx: DriverContext,
  ) {
    this.status = new DeviceStatusKeeper(id, kind, ctx.clock, ctx.timeZone);
  }

  /** Bytes from the device. */
  protected abstract received(bytes: Buffer): void;
  /** The line (re)opened. */
  protected abstract lineOpen(): void;
  /** The line is down; `detail` says why and what to do. */
  protected lineDown(detail: string): void {
    this.status.set('offline', detail);
  }
  /** At stop(), before the line closes. */
  protected halted(): void {}

  state(): DeviceState {
    return this.status.get();
  }

  onStatus(listener: (s: DeviceState) => void): () => void {
    return this.status.onStatus(listener);
  }

  /** Starts opening the line; never throws. */
  async start(): Promise<void> {
    if (this.off.length > 0) return;
    this.off.push(
      this.line.onData((bytes) => this.received(bytes)),
      this.line.onOpen(() => this.lineOpen()),
      this.line.onOffline((detail) => this.lineDown(detail)),
    );
    this.line.start();
  }

  async stop(): Promise<void> {
    for (const f of this.off.splice(0)) f();
    this.halted();
    await this.line.stop();
    this.status.set('offline', 'stopped');
  }
}
