/** Builds a counter display from its config: a real HT16K33, or the same driver over a simulated one. */
import type { DisplayConfig } from '../../config/schema.js';
import type { CounterDisplay } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { DisplaySimulator } from '../../controller/sim-ports.js';
import { openI2cBus } from '../transport/i2c/real-bus.js';
import { Ht16k33Display } from './ht16k33.js';
import { Ht16k33Simulator } from './ht16k33-sim.js';

/** Simulated displays sit at 0x70 + (counter − 1), the HT16K33's address jumpers. */
export const SIM_DISPLAY_BASE_ADDRESS = 0x70;

export function createDisplay(cfg: DisplayConfig, ctx: DriverContext): { device: CounterDisplay; simulator?: DisplaySimulator } {
  if (cfg.driver === 'sim') {
    const bus = ctx.board.i2c;
    const address = SIM_DISPLAY_BASE_ADDRESS + ((cfg.counter - 1) & 0x07);
    const simulator = new Ht16k33Simulator(cfg.counter, 14);
    bus.attach(address, simulator);
    const device = new Ht16k33Display({ counter: cfg.counter, address, busPath: bus.path, openBus: async () => bus }, ctx);
    return { device, simulator };
  }
  const device = new Ht16k33Display(
    {
      counter: cfg.counter,
      address: cfg.address,
      busPath: `/dev/i2c-${cfg.bus}`,
      openBus: () => openI2cBus(cfg.bus),
      segments: cfg.segments ?? 14,
      brightness: cfg.brightness,
    },
    ctx,
  );
  return { device };
}

export { Ht16k33Display } from './ht16k33.js';
export { Ht16k33Simulator } from './ht16k33-sim.js';
