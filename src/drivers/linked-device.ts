/**
 * What every driver of a device on a link that can go away shares (an I2C
 * chip, a GPIO line, the companion board): its status, start() and stop(),
 * and the reconnect engine that opens the link and opens it again after a
 * failure. While the link is down the status is `offline` with the reason;
 * the driver says what `ok` means once its device answers.
 */
import type { DeviceKind, DeviceState } from '../controller/ports.js';
import type { Logger } from '../shared/log.js';
import type { DriverContext } from './context.js';
import { DeviceStatusKeeper } from './device-status.js';
import { Reconnector, type ReconnectorOptions } from './transport/reconnect.js';

/** How the link names itself in log lines. */
export type LinkNaming<T> = Pick<ReconnectorOptions<T>, 'what' | 'logFields' | 'announce'>;

export abstract class LinkedDevice<T> {
  readonly id: string;
  protected readonly status: DeviceStatusKeeper;
  protected readonly link: Reconnector<T>;

  constructor(
    id: string,
    kind: DeviceKind,
    protected readonly ctx: DriverContext,
    protected readonly log: Logger,
    naming: LinkNaming<T>,
  ) {
    this.id = id;
    this.status = new DeviceStatusKeeper(id, kind, ctx.clock, ctx.timeZone);
    this.link = new Reconnector({
      ...naming,
      clock: ctx.clock,
      log,
      initialDelayMs: ctx.timeouts.reopenInitialMs,
      maxDelayMs: ctx.timeouts.reopenMaxMs,
      open: (signal) => this.openLink(signal),
      release: (device) => this.releaseLink(device),
    });
    this.link.onState((s) => {
      if (s.name === 'ready') this.linkReady(this.link.device()!);
      else {
        if (s.name === 'failed' || s.name === 'idle') this.linkDown();
        if (s.name === 'failed') this.status.set('offline', s.why);
      }
    });
  }

  /** Opens the device and resolves once it answers; rejects with what a technician should do. */
  protected abstract openLink(signal: AbortSignal): Promise<T>;
  /** The device answers: say so in the status and start what runs while it is there. */
  protected abstract linkReady(device: T): void;
  /** The detail while the first attempt runs ("connecting to 0x70"). */
  protected abstract connecting(): string;
  /** Lets go of an opened device (lost, or stopped). */
  protected async releaseLink(_device: T): Promise<void> {}
  /** The link went down (failed or stopped): stop what runs only while the device is there. */
  protected linkDown(): void {}
  /** After the link stopped, before the status says so; `wasReady`: the device answered until then. */
  protected async stopped(_wasReady: boolean): Promise<void> {}

  state(): DeviceState {
    return this.status.get();
  }

  onStatus(listener: (s: DeviceState) => void): () => void {
    return this.status.onStatus(listener);
  }

  /** Starts connecting; never throws. Resolves once the first attempt has ended. */
  async start(): Promise<void> {
    if (this.link.state().name !== 'idle') return;
    this.status.set('offline', this.connecting());
    await this.link.start();
  }

  async stop(): Promise<void> {
    const wasReady = this.link.isReady();
    await this.link.stop();
    await this.stopped(wasReady);
    this.status.set('offline', 'stopped');
  }
}
