import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';
import { defaultTimeouts, type DriverContext } from '../../src/drivers/context.js';
import { createDisplay } from '../../src/drivers/display/index.js';
import { Ht16k33Display } from '../../src/drivers/display/ht16k33.js';
import { Ht16k33Simulator } from '../../src/drivers/display/ht16k33-sim.js';
import { SimI2cBus } from '../../src/drivers/transport/i2c/sim-bus.js';
import { testDriverContext } from '../support/driver-context.js';

const settle = () => new Promise((r) => setImmediate(r));

function context(): { ctx: DriverContext; clock: ManualClock } {
  const clock = new ManualClock('2026-11-28T08:00:00+07:00');
  return { clock, ctx: testDriverContext(clock) };
}

t.test('sim display: start, show a called number, blink on recall then steady', async (t) => {
  const { ctx, clock } = context();
  const { device, simulator } = createDisplay({ driver: 'sim', counter: 2 }, ctx);
  t.ok(simulator);
  t.same(ctx.board.i2c.addresses(), [0x71], 'counter 2 answers at 0x71');
  await device.start();
  t.equal(device.state().status, 'ok');
  t.same(simulator!.shows(), { text: '    ', blinking: false, on: true, brightness: 15 });

  await device.show({ kind: 'number', text: 'A-007', blink: false });
  t.same(simulator!.shows().text, 'A007');

  await device.show({ kind: 'number', text: 'A-007', blink: true });
  t.equal(simulator!.shows().blinking, true, 'recall blinks');
  clock.advance(4_999);
  await settle();
  t.equal(simulator!.shows().blinking, true, 'still blinking before 5 s');
  clock.advance(1);
  await settle();
  t.equal(simulator!.shows().blinking, false, 'steady after 5 s');
  t.equal(simulator!.shows().text, 'A007');

  await device.show({ kind: 'closed' });
  t.equal(simulator!.shows().text, '----');
  await device.show({ kind: 'blank' });
  t.equal(simulator!.shows().text, '    ');
  await device.stop();
  t.equal(simulator!.shows().on, false, 'display switched off on stop');
  t.equal(clock.pendingTimers(), 0, 'no timers left');
});

t.test('a newer show cancels the pending end of blink', async (t) => {
  const { ctx, clock } = context();
  const { device, simulator } = createDisplay({ driver: 'sim', counter: 1 }, ctx);
  await device.start();
  await device.show({ kind: 'number', text: 'A001', blink: true });
  clock.advance(3_000);
  await device.show({ kind: 'number', text: 'B002', blink: true });
  clock.advance(3_000);
  await settle();
  t.same(simulator!.shows(), { text: 'B002', blinking: true, on: true, brightness: 15 }, 'second recall still blinking');
  await device.stop();
});

t.test('offline display: start does not throw, detail names bus and address, content shown on return', async (t) => {
  const { ctx, clock } = context();
  const bus = new SimI2cBus('/dev/i2c-1');
  const sim = new Ht16k33Simulator(1);
  sim.injectFault('offline');
  bus.attach(0x70, sim);
  const device = new Ht16k33Display({ counter: 1, address: 0x70, busPath: bus.path, openBus: async () => bus }, ctx);
  const statuses: string[] = [];
  device.onStatus((s) => statuses.push(s.status));
  await device.start();
  t.equal(device.state().status, 'offline');
  t.equal(device.state().detail, "no answer from 0x70 on /dev/i2c-1 — check the display's wiring");
  await device.show({ kind: 'number', text: 'A-012', blink: false });
  t.equal(sim.shows().text, '    ', 'nothing reached the display');

  sim.injectFault('none');
  clock.advance(defaultTimeouts.reopenInitialMs);
  await settle();
  t.equal(device.state().status, 'ok', 'back online after the first retry');
  t.equal(sim.shows().text, 'A012', 'waiting content shown');
  t.ok(device.state().lastSeen);

  // Goes away while showing; refresh notices and backoff doubles.
  sim.injectFault('offline');
  clock.advance(15_000);
  await settle();
  t.equal(device.state().status, 'offline', 'refresh found it gone');
  sim.injectFault('none');
  sim.powerCycle();
  clock.advance(defaultTimeouts.reopenInitialMs);
  await settle();
  t.equal(device.state().status, 'ok');
  t.same(sim.shows(), { text: 'A012', blinking: false, on: true, brightness: 15 }, 'RAM restored after a power cycle');
  await device.stop();
  t.same(statuses, ['offline', 'offline', 'ok', 'offline', 'ok', 'offline'], 'connecting, no answer, ok, gone, ok, stopped');
});

t.test('garbled bus: display shows unreadable glyphs, the periodic refresh repairs it once the noise stops', async (t) => {
  const { ctx, clock } = context();
  const { device, simulator } = createDisplay({ driver: 'sim', counter: 1 }, ctx);
  await device.start();
  simulator!.injectFault('garbled');
  await device.show({ kind: 'number', text: 'A003', blink: false });
  t.not(simulator!.shows().text, 'A003');
  simulator!.injectFault('none');
  clock.advance(15_000);
  await settle();
  t.equal(simulator!.shows().text, 'A003');
  await device.stop();
});

t.test('simulator refuses faults it cannot play', async (t) => {
  const sim = new Ht16k33Simulator(1);
  t.throws(() => sim.injectFault('paper-out'));
});
