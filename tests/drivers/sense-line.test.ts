import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';
import type { DriverContext } from '../../src/drivers/context.js';
import { createSenseLine } from '../../src/drivers/gpio/index.js';
import { SIM_SENSE_LINES } from '../../src/drivers/gpio/index.js';
import { testDriverContext } from '../support/driver-context.js';

function context(): { ctx: DriverContext; clock: ManualClock } {
  const clock = new ManualClock('2026-11-28T08:00:00+07:00');
  return { clock, ctx: testDriverContext(clock) };
}

t.test('mains sense (active low): present from the first read, outage after debounce', async (t) => {
  const { ctx, clock } = context();
  const { device, simulator } = createSenseLine({ driver: 'sim', activeLow: true }, 'mains-sense', ctx);
  const changes: boolean[] = [];
  device.onChange((p) => changes.push(p));
  t.equal(device.present(), null, 'unknown before start');
  await device.start();
  t.equal(device.present(), true);
  t.equal(ctx.board.gpio.level(SIM_SENSE_LINES['mains-sense']), 0, 'active low: present is a low line');
  t.match(device.state().detail, /^mains present/);
  simulator!.set(false);
  clock.advance(49);
  t.equal(device.present(), true, 'not before the debounce');
  clock.advance(1);
  t.equal(device.present(), false);
  t.match(device.state().detail, /^no mains/);
  t.same(changes, [true, false]);
  await device.stop();
});

t.test('genset sense: a flicker shorter than the debounce changes nothing', async (t) => {
  const { ctx, clock } = context();
  const { device, simulator } = createSenseLine({ driver: 'sim' }, 'genset-sense', ctx);
  await device.start();
  t.equal(device.present(), false, 'simulated genset starts stopped');
  simulator!.set(true);
  clock.advance(20);
  simulator!.set(false);
  clock.advance(200);
  t.equal(device.present(), false);
  simulator!.set(true);
  clock.advance(50);
  t.equal(device.present(), true);
  t.match(device.state().detail, /^genset running/);
  await device.stop();
});
