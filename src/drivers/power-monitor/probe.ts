/**
 * Runs the real INA219 driver against a real bus, from a shell:
 *   node dist/src/drivers/power-monitor/probe.js --bus 1 --address 0x40 --shunt 0.1 [--max-current 3.2]
 * Prints the calibration, one reading and the device state; exit 0 when a reading came.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/log.js';
import { driverContext } from '../context.js';
import { Ina219Monitor } from './ina219.js';
import { openI2cBus } from '../transport/i2c/real-bus.js';

const { values } = parseArgs({
  options: {
    bus: { type: 'string', default: '1' },
    address: { type: 'string', default: '0x40' },
    shunt: { type: 'string', default: '0.1' },
    'max-current': { type: 'string' },
  },
});
const bus = Number(values.bus);
const ctx = driverContext({ clock: systemClock, log: createLogger({ level: process.env.LOG_LEVEL ?? 'warn', pretty: false }) });
const device = new Ina219Monitor(
  {
    address: Number(values.address),
    busPath: `/dev/i2c-${bus}`,
    openBus: () => openI2cBus(bus),
    shuntOhms: Number(values.shunt),
    maxCurrentA: values['max-current'] ? Number(values['max-current']) : undefined,
    sampleMs: 60_000,
  },
  ctx,
);
await device.start();
const reading = device.latest();
console.log(JSON.stringify({ calibration: device.calibration, reading, state: device.state() }));
await device.stop();
process.exit(reading ? 0 : 1);
