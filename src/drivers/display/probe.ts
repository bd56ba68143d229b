/**
 * Runs the real HT16K33 driver against a real bus, from a shell (hardware
 * checks, the VM tier over i2c-stub):
 *   node dist/src/drivers/display/probe.js --bus 1 --address 0x70 --text A-007 [--blink]
 * Prints the device state and the display RAM read back, decoded; exit 0 when ok.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/log.js';
import { driverContext } from '../context.js';
import { openI2cBus } from '../transport/i2c/real-bus.js';
import { createDisplay } from './index.js';
import { RAM_ADDRESS, RAM_SIZE, decodeRam } from './ht16k33-protocol.js';

const { values } = parseArgs({
  options: {
    bus: { type: 'string', default: '1' },
    address: { type: 'string', default: '0x70' },
    text: { type: 'string', default: 'A-007' },
    blink: { type: 'boolean', default: false },
    segments: { type: 'string', default: '14' },
  },
});
const bus = Number(values.bus);
const address = Number(values.address);
const segments = values.segments === '7' ? 7 : 14;
const ctx = driverContext({ clock: systemClock, log: createLogger({ level: process.env.LOG_LEVEL ?? 'warn', pretty: false }) });
const { device } = createDisplay({ driver: 'ht16k33', counter: 1, bus, address, segments }, ctx);
await device.start();
await device.show({ kind: 'number', text: values.text!, blink: values.blink! });
const state = device.state();
let ram: string | null = null;
if (state.status === 'ok') {
  const raw = await openI2cBus(bus);
  const bytes = await raw.readI2cBlock(address, RAM_ADDRESS, RAM_SIZE).catch(() => null);
  ram = bytes ? decodeRam(bytes, segments) : null;
  await raw.close();
}
console.log(JSON.stringify({ state, ram }));
await device.stop();
process.exit(state.status === 'ok' ? 0 : 1);
