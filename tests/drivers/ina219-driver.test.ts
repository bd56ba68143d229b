import t from 'tap';
import fc from 'fast-check';
import { ManualClock } from '../../src/shared/clock.js';
import type { DriverContext } from '../../src/drivers/context.js';
import { createPowerMonitor } from '../../src/drivers/power-monitor/index.js';
import { Ina219Monitor } from '../../src/drivers/power-monitor/ina219.js';
import { Ina219Simulator } from '../../src/drivers/power-monitor/ina219-sim.js';
import { SimI2cBus } from '../../src/drivers/transport/i2c/sim-bus.js';
import type { SupplyReading } from '../../src/controller/ports.js';
import { testDriverContext } from '../support/driver-context.js';

const settle = () => new Promise((r) => setImmediate(r));

function context(): { ctx: DriverContext; clock: ManualClock } {
  const clock = new ManualClock('2026-11-28T08:00:00+07:00');
  return { clock, ctx: testDriverContext(clock) };
}

function rig(shuntOhms = 0.1, maxCurrentA?: number) {
  const { ctx, clock } = context();
  const bus = new SimI2cBus('/dev/i2c-1');
  const sim = new Ina219Simulator(shuntOhms);
  bus.attach(0x40, sim);
  const device = new Ina219Monitor(
    { address: 0x40, busPath: bus.path, openBus: async () => bus, shuntOhms, maxCurrentA, sampleMs: 1000 },
    ctx,
  );
  return { ctx, clock, bus, sim, device };
}

t.test('sim supply monitor: readings every sampleMs follow the simulated supply', async (t) => {
  const { ctx, clock } = context();
  const { device, simulator } = createPowerMonitor({ driver: 'sim', sampleMs: 500 }, ctx);
  const readings: SupplyReading[] = [];
  device.onReading((r) => readings.push(r));
  simulator!.set({ busVoltage: 12, currentA: 1.5 });
  await device.start();
  t.equal(device.state().status, 'ok');
  t.same(device.latest(), { busVoltage: 12, shuntMillivolts: 150, currentA: 1.5, powerW: 18 });
  simulator!.set({ busVoltage: 13.8, currentA: -0.25 });
  clock.advance(499);
  await settle();
  t.equal(readings.length, 1, 'no sample before sampleMs');
  clock.advance(1);
  await settle();
  t.equal(readings.length, 2);
  t.same(device.latest(), { busVoltage: 13.8, shuntMillivolts: -25, currentA: -0.25, powerW: 3.45 }, 'battery charging: negative current');
  await device.stop();
  t.equal(clock.pendingTimers(), 0);
});

t.test('driver readings match the set values within one LSB', async (t) => {
  const { sim, device } = rig(0.1);
  await device.start();
  await fc.assert(
    fc.asyncProperty(fc.double({ min: 0, max: 26, noNaN: true }), fc.double({ min: -3.2, max: 3.2, noNaN: true }), async (v, a) => {
      sim.set({ busVoltage: v, currentA: a });
      const r = (await device.sample())!;
      return (
        Math.abs(r.busVoltage - v) <= 0.002 + 1e-9 &&
        Math.abs(r.currentA - a) <= 0.0001 * 1.01 + 1e-9 &&
        Math.abs(r.powerW - Math.abs(r.currentA) * r.busVoltage) <= 0.002 * 1.5 + 0.0001 * 26
      );
    }),
  );
  t.pass('1 LSB: 4 mV bus, 100 µA current, 2 mW power (+ rounding)');
  await device.stop();
});

t.test('overflow beyond the shunt range → degraded, back to ok when the load drops', async (t) => {
  const { sim, device } = rig(0.1);
  await device.start();
  sim.set({ busVoltage: 12, currentA: 5 });
  await device.sample();
  t.equal(device.state().status, 'degraded');
  t.match(device.state().detail, /beyond the measuring range/);
  sim.set({ currentA: 2 });
  await device.sample();
  t.equal(device.state().status, 'ok');
  await device.stop();
});

t.test('chip reset (calibration lost) is noticed and rewritten', async (t) => {
  const { sim, device } = rig(0.1);
  await device.start();
  sim.powerCycle();
  t.equal(await device.sample(), null, 'no reading from an uncalibrated chip');
  t.equal(device.state().status, 'degraded');
  t.match(device.state().detail, /calibration at 0x40 read back 0x0/);
  t.ok(await device.sample());
  t.equal(device.state().status, 'ok');
  await device.stop();
});

t.test('garbled bus: calibration read back wrong → degraded, not a wild reading', async (t) => {
  const { sim, device } = rig(0.1);
  const readings: SupplyReading[] = [];
  device.onReading((r) => readings.push(r));
  await device.start();
  sim.injectFault('garbled');
  await device.sample();
  t.equal(device.state().status, 'degraded');
  t.equal(readings.length, 1, 'only the reading taken before the noise');
  sim.injectFault('none');
  await device.sample();
  t.equal(device.state().status, 'ok');
  await device.stop();
});

t.test('absent chip: offline naming bus and address, retried with doubling backoff', async (t) => {
  const { clock, sim, device } = rig(0.1);
  sim.injectFault('offline');
  await device.start();
  t.equal(device.state().status, 'offline');
  t.equal(device.state().detail, "no answer from 0x40 on /dev/i2c-1 — check the supply monitor's wiring");
  clock.advance(500);
  await settle();
  t.equal(device.state().status, 'offline', 'first retry after 500 ms fails');
  clock.advance(999);
  await settle();
  t.equal(clock.pendingTimers(), 1, 'next retry waits 1000 ms');
  sim.injectFault('none');
  clock.advance(1);
  await settle();
  t.equal(device.state().status, 'ok');
  await device.stop();
});
