/**
 * A driver on one end of a real pty pair and its simulator on the other end,
 * both through real serialport. Short timeouts on the real clock keep the
 * end-to-end tests quick; every wait is for an event, never a fixed sleep.
 */
import { systemClock } from '../../src/shared/clock.js';
import type { DriverContext } from '../../src/drivers/context.js';
import { testDriverContext } from './driver-context.js';
import type { SerialDeviceSimulator } from '../../src/drivers/transport/serial/device-simulator.js';
import { serveOnPort, type ServedPort } from '../../src/drivers/transport/serial/serve-on-port.js';
import { PtyPair } from './pty.js';

export const ptyContext = (): DriverContext =>
  testDriverContext(systemClock, {
    timeouts: {
      reopenInitialMs: 50,
      reopenMaxMs: 400,
      serialPresenceCheckMs: 50,
      printerStatusMs: 400,
      printerStatusPollMs: 60_000,
      pn532AckMs: 300,
      pn532ResponseMs: 600,
      pn532PollMs: 40,
    },
  });

/** The pty pair plus the simulator served on its device end; plug()/unplug() are the cable. */
export class PtyBench {
  readonly pair = new PtyPair();
  private served: ServedPort | null = null;

  constructor(
    private readonly sim: SerialDeviceSimulator,
    private readonly baudRate: number,
  ) {}

  get hostPath(): string {
    return this.pair.host;
  }

  async plug(): Promise<void> {
    await this.pair.start();
    this.served = await serveOnPort(this.sim, this.pair.device, this.baudRate);
  }

  async unplug(): Promise<void> {
    await this.pair.kill();
    await this.served?.close();
    this.served = null;
  }

  async dispose(): Promise<void> {
    await this.served?.close();
    this.served = null;
    await this.pair.dispose();
  }
}
