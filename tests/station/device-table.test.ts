/**
 * The composition root's device table: every configured device is built by
 * its factory, registered with its simulator, and sorted by what it serves;
 * all simulated chips share the station's one I2C bus and all simulated lines
 * its one gpiochip, as on the real board.
 */
import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { EventBus } from '../../src/controller/event-bus.js';
import { DeviceRegistry } from '../../src/controller/device-registry.js';
import { defaultFactories } from '../../src/drivers/factories.js';
import { buildDevices } from '../../src/station-devices.js';
import { testDriverContext } from '../support/driver-context.js';
import { MORNING, testConfig, tempDir } from '../support/station-fixture.js';

t.test('the built-in config: every device registered once, with its simulator, on one bus and one chip', async (t) => {
  const config = testConfig(tempDir(t));
  const clock = new ManualClock(MORNING);
  const ctx = testDriverContext(clock);
  const registry = new DeviceRegistry(new EventBus(), silentLogger());
  const parts = buildDevices(config, defaultFactories, ctx, registry);

  const ids = registry.list().map((d) => d.id);
  t.same(ids, [
    'printer',
    'display-1',
    'display-2',
    'card-reader-1',
    'card-reader-2',
    'scanner-1',
    'scanner-2',
    'kiosk-scanner',
    'button-0',
    'button-1',
    'button-2',
    'mains-sense',
    'genset-sense',
    'power-monitor',
    'bridge',
  ]);
  t.equal(new Set(ids).size, ids.length, 'no device twice');

  t.equal(parts.printer?.id, 'printer');
  t.same(
    parts.displays.map((d) => d.counter),
    [1, 2],
  );
  t.same(
    parts.buttons.map((b) => [b.index, b.cfg.service]),
    config.devices!.buttons!.map((b, i) => [i, b.service]),
  );
  t.equal(parts.power.mains?.id, 'mains-sense');
  t.equal(parts.power.genset?.id, 'genset-sense');
  t.equal(parts.power.supply?.id, 'power-monitor');
  t.equal(parts.power.bridge?.id, 'bridge');

  const sims = registry.simulators();
  t.ok(registry.anySimulated());
  t.equal(sims.printer?.deviceId, 'printer');
  t.same(
    sims.displays.map((d) => d.counter),
    [1, 2],
  );
  t.same(
    sims.buttons.map((b) => b.index),
    [0, 1, 2],
  );
  t.same(
    sims.cardReaders.map((r) => r.counter),
    [1, 2],
  );
  t.equal(sims.kioskScanner?.deviceId, 'kiosk-scanner');
  t.ok(sims.mains && sims.genset && sims.supply && sims.bridge);

  // One simulated I2C bus: both displays (0x70, 0x71) and the INA219 (0x40) answer on it.
  t.same(ctx.board.i2c.addresses(), [0x40, 0x70, 0x71]);
  // One simulated gpiochip: the buttons and both sense lines are lines of it, each held once started.
  await registry.startAll();
  t.teardown(() => registry.stopAll());
  for (const line of [0, 1, 2, 100, 101]) t.ok(ctx.board.gpio.isHeld(line), `line ${line} held on the one chip`);
});

t.test('a station without simulated devices has no simulators', async (t) => {
  const config = testConfig(tempDir(t), (c) => {
    c.devices = { printer: { driver: 'escpos', port: '/dev/null-printer' } };
  });
  const clock = new ManualClock(MORNING);
  const registry = new DeviceRegistry(new EventBus(), silentLogger());
  buildDevices(config, defaultFactories, testDriverContext(clock), registry);
  t.same(
    registry.list().map((d) => d.id),
    ['printer'],
  );
  t.notOk(registry.anySimulated());
  t.same(registry.simulators(), { displays: [], buttons: [], cardReaders: [], scanners: [] });
});
