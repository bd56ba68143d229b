/**
 * The simulated side of the station's board: one I2C bus and one gpiochip,
 * as the real board has one /dev/i2c-1 and one gpiochip0. Every simulated
 * chip (HT16K33 displays, INA219) hangs on the one bus at its own address;
 * every simulated button and sense line is a line of the one chip. The
 * composition root makes one per station and hands it to every driver in
 * its DriverContext; both are made on first use.
 */
import { SimI2cBus } from './transport/i2c/sim-bus.js';
import { SimGpioChip } from './transport/gpio/sim-chip.js';

export class SimulatedBoard {
  private bus: SimI2cBus | null = null;
  private chip: SimGpioChip | null = null;

  get i2c(): SimI2cBus {
    return (this.bus ??= new SimI2cBus());
  }

  get gpio(): SimGpioChip {
    return (this.chip ??= new SimGpioChip());
  }
}
