/** Builds the supply monitor from its config: a real INA219, or the same driver over a simulated one. */
import type { PowerMonitorConfig } from '../../config/schema.js';
import type { SupplyMonitor } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { SupplySimulator } from '../../controller/sim-ports.js';
import { openI2cBus } from '../transport/i2c/real-bus.js';
import { Ina219Monitor } from './ina219.js';
import { Ina219Simulator } from './ina219-sim.js';

/** The INA219's address with A0 = A1 = GND. */
export const SIM_INA219_ADDRESS = 0x40;
const DEFAULT_SHUNT_OHMS = 0.1;

export function createPowerMonitor(cfg: PowerMonitorConfig, ctx: DriverContext): { device: SupplyMonitor; simulator?: SupplySimulator } {
  if (cfg.driver === 'sim') {
    const bus = ctx.board.i2c;
    const shuntOhms = cfg.shuntOhms ?? DEFAULT_SHUNT_OHMS;
    const simulator = new Ina219Simulator(shuntOhms);
    bus.attach(SIM_INA219_ADDRESS, simulator);
    const device = new Ina219Monitor(
      {
        address: SIM_INA219_ADDRESS,
        busPath: bus.path,
        openBus: async () => bus,
        shuntOhms,
        maxCurrentA: cfg.maxCurrentA,
        sampleMs: cfg.sampleMs,
      },
      ctx,
    );
    return { device, simulator };
  }
  const device = new Ina219Monitor(
    {
      address: cfg.address,
      busPath: `/dev/i2c-${cfg.bus}`,
      openBus: () => openI2cBus(cfg.bus),
      shuntOhms: cfg.shuntOhms,
      maxCurrentA: cfg.maxCurrentA,
      sampleMs: cfg.sampleMs,
    },
    ctx,
  );
  return { device };
}

export { Ina219Monitor } from './ina219.js';
export { Ina219Simulator } from './ina219-sim.js';
