/**
 * The real firmware (built with avr-gcc) in simavr behind a pty, and the
 * station's real bridge driver on that pty: handshake, scaled readings after
 * injected millivolts, offline when the board goes away, back when it returns.
 * Needs gcc-avr avr-libc binutils-avr libsimavr-dev libelf-dev (see firmware-bridge/README.md).
 */
import t from 'tap';
import { join } from 'node:path';
import { createBridge } from '../../src/drivers/bridge/index.js';
import { systemClock } from '../../src/shared/clock.js';
import { testDriverContext } from '../support/driver-context.js';
import { buildFirmware, Harness, scratchDir } from './helpers/harness.js';
import { untilReadings, untilStatus, near } from './helpers/wait.js';

const ctx = testDriverContext(systemClock, { timeouts: { reopenInitialMs: 50, reopenMaxMs: 400 } });

t.test('driver over the simulated firmware: readings, unplug, replug', async (t) => {
  buildFirmware();
  const scratch = scratchDir();
  const link = join(scratch.dir, 'ttyBridge');
  let harness = await Harness.start(link);
  const { device } = createBridge({ driver: 'firmata', port: link }, ctx);
  t.teardown(async () => {
    await device.stop();
    await harness.kill();
    scratch.remove();
  });

  await harness.adc(0, 4000); // 12.0 V battery through the 1:3 divider
  await harness.adc(1, 3750); // fuel 75 %
  await harness.pin(2, 1); // AC present
  await device.start();
  const ready = await untilStatus(device, (s) => s.status === 'ok', 'bridge ready', 15_000);
  t.match(ready.detail, /ktp-bridge 2\.5/, ready.detail);
  await untilReadings(
    device,
    (r) => near(r.gensetBatteryV, 12, 0.05) && near(r.fuelPercent, 75, 0.5) && r.acPresent === true,
    'initial readings',
  );
  t.pass('battery, fuel and AC readings from the firmware');

  await harness.adc(0, 3500); // 10.5 V: a weak battery
  const weak = await untilReadings(device, (r) => near(r.gensetBatteryV, 10.5, 0.05), 'battery drop');
  t.ok(near(weak.gensetBatteryV, 10.5, 0.05), `battery follows the injected change: ${weak.gensetBatteryV} V`);
  await harness.pin(2, 0);
  await untilReadings(device, (r) => r.acPresent === false, 'AC loss');
  t.pass('AC loss seen');

  await harness.kill();
  const off = await untilStatus(device, (s) => s.status === 'offline', 'offline after the board went away');
  t.match(off.detail, /ttyBridge/, `offline: ${off.detail}`);
  t.same(device.latest(), {}, 'no stale readings while offline');

  harness = await Harness.start(link);
  await harness.adc(0, 4200);
  await untilStatus(device, (s) => s.status === 'ok', 'ready again after restart', 15_000);
  await untilReadings(device, (r) => near(r.gensetBatteryV, 12.6, 0.05), 'readings after restart');
  t.pass('back with fresh readings after the board returned');
});
