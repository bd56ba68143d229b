/**
 * Runs the real button or sense-line driver on a real gpiochip, from a shell:
 *   node dist/src/drivers/gpio/probe.js --chip gpiochip0 --line 17 [--backend auto|cdev|libgpiod|onoff]
 *        [--kind button|sense] [--active-low] [--presses 1] [--timeout-ms 10000]
 * Prints one JSON line per event ({"ready":…}, {"press":n}, {"present":bool});
 * exit 0 once the wanted presses (or, for sense, one change) arrived, 1 on timeout or offline.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/log.js';
import { driverContext } from '../context.js';
import { createButton, createSenseLine } from './index.js';

const { values } = parseArgs({
  options: {
    chip: { type: 'string', default: 'gpiochip0' },
    line: { type: 'string', default: '17' },
    backend: { type: 'string', default: 'auto' },
    kind: { type: 'string', default: 'button' },
    'active-low': { type: 'boolean', default: false },
    presses: { type: 'string', default: '1' },
    'timeout-ms': { type: 'string', default: '10000' },
  },
});
const backend = values.backend as 'auto' | 'cdev' | 'libgpiod' | 'onoff';
const ctx = driverContext({ clock: systemClock, log: createLogger({ level: process.env.LOG_LEVEL ?? 'warn', pretty: false }) });
const gpio = { driver: 'gpio' as const, chip: values.chip!, line: Number(values.line), backend, activeLow: values['active-low'] };
const say = (o: object) => console.log(JSON.stringify(o));

let finish: (code: number) => void = () => undefined;
const done = new Promise<number>((r) => (finish = r));
const timer = setTimeout(() => finish(1), Number(values['timeout-ms']));

const device =
  values.kind === 'sense' ? createSenseLine(gpio, 'mains-sense', ctx).device : createButton({ ...gpio, service: 'A' }, 0, ctx).device;
if ('onPress' in device) {
  let n = 0;
  device.onPress(() => {
    say({ press: ++n });
    if (n >= Number(values.presses)) finish(0);
  });
} else {
  let first = true;
  device.onChange((present) => {
    say({ present });
    if (!first) finish(0);
    first = false;
  });
}
await device.start();
say({ ready: device.state() });
if (device.state().status === 'offline') finish(1);
const code = await done;
clearTimeout(timer);
await device.stop();
process.exit(code);
