/**
 * What the drivers of I2C chips share (counter displays, the supply monitor):
 * the bus is opened once and kept; after a failure the reconnect engine asks
 * the chip again, and the driver's greeting (configuration, the whole state)
 * decides whether it answers. Every error names the bus and the address.
 */
import type { DeviceKind } from '../controller/ports.js';
import type { DeviceError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import type { DriverContext } from './context.js';
import { LinkedDevice } from './linked-device.js';
import { hexAddress, type I2cBus } from './transport/i2c/bus.js';
import { I2cDevice, i2cDeviceError } from './transport/i2c/device.js';

export interface I2cChipAt {
  address: number;
  /** "/dev/i2c-1": named in every error message. */
  busPath: string;
  /** Opens (or joins) the bus the chip hangs on. */
  openBus: () => Promise<I2cBus>;
  /** What the technician calls it: "display", "supply monitor". */
  what: string;
}

export abstract class I2cChip extends LinkedDevice<I2cDevice> {
  /** Kept across reconnections: the bus is opened once and the chip is asked again. */
  protected device: I2cDevice | null = null;

  constructor(
    id: string,
    kind: DeviceKind,
    ctx: DriverContext,
    log: Logger,
    private readonly at: I2cChipAt,
  ) {
    super(id, kind, ctx, log, { what: `${at.what} at ${hexAddress(at.address)} on ${at.busPath}` });
  }

  /** The first words after (re)opening; rejects if the chip does not answer. */
  protected abstract greet(device: I2cDevice): Promise<void>;
  /** Last words before the bus closes at stop(); `wasReady`: the chip answered until then. */
  protected async farewell(_device: I2cDevice, _wasReady: boolean): Promise<void> {}

  protected chipError(e: unknown): DeviceError {
    return i2cDeviceError(e, this.at.busPath, this.at.address, this.at.what);
  }

  protected async openLink(): Promise<I2cDevice> {
    try {
      this.device ??= new I2cDevice(await this.at.openBus(), this.at.address, this.at.what);
      const device = this.device;
      await this.greet(device);
      return device;
    } catch (e) {
      throw this.chipError(e);
    }
  }

  protected override async stopped(wasReady: boolean): Promise<void> {
    const device = this.device;
    this.device = null;
    if (!device) return;
    await this.farewell(device, wasReady);
    await device.bus.close();
  }
}
