import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';
import { defaultTimeouts, type DriverContext } from '../../src/drivers/context.js';
import { createButton } from '../../src/drivers/gpio/index.js';
import { testDriverContext } from '../support/driver-context.js';

function context(): { ctx: DriverContext; clock: ManualClock } {
  const clock = new ManualClock('2026-11-28T08:00:00+07:00');
  return { clock, ctx: testDriverContext(clock) };
}

async function started(index = 0, debounceMs?: number) {
  const { ctx, clock } = context();
  const { device, simulator } = createButton({ driver: 'sim', service: 'A' }, index, ctx, { debounceMs });
  let presses = 0;
  device.onPress(() => presses++);
  await device.start();
  return { ctx, clock, device, simulator: simulator!, chip: ctx.board.gpio, presses: () => presses };
}

t.test('a resident presses once: one press after the debounce, finger lifts after 80 ms', async (t) => {
  const { clock, device, simulator, presses } = await started();
  t.equal(device.state().status, 'ok');
  t.match(device.state().detail, /ready on sim-gpiochip line 0 \(sim\)/);
  let released = false;
  const done = simulator.press().then(() => (released = true));
  clock.advance(29);
  t.equal(presses(), 0, 'not before 30 ms of steady low');
  clock.advance(1);
  t.equal(presses(), 1);
  clock.advance(50);
  await Promise.resolve();
  t.notOk(released, 'the finger lifts at 80 ms…');
  clock.advance(100);
  await done;
  t.ok(released, '…and press() resolves once it could push again, 100 ms later');
  clock.advance(1_000);
  t.equal(presses(), 1, 'release is not a press');
  await device.stop();
  t.equal(clock.pendingTimers(), 0);
});

t.test('a resident pushes again the moment press() returns: two presses, not one bounce', async (t) => {
  const { clock, device, simulator, presses } = await started();
  // Time moves only until press() has returned; the next push starts then.
  for (let i = 0; i < 3; i++) {
    let returned = false;
    void simulator.press().then(() => (returned = true));
    while (!returned) {
      clock.advance(10);
      await new Promise((r) => setImmediate(r));
    }
  }
  t.equal(presses(), 3, 'three pushes, three presses');
  const both = Promise.all([simulator.press(), simulator.press()]);
  for (let ms = 0; ms < 400; ms += 10) {
    clock.advance(10);
    await Promise.resolve();
  }
  await both;
  t.equal(presses(), 5, 'two presses asked for at once are pushed one after the other');
  await device.stop();
});

t.test('contacts bouncing within 30 ms give one press', async (t) => {
  const { clock, device, chip, presses } = await started();
  for (const [level, after] of [
    [0, 3],
    [null, 2],
    [0, 4],
    [null, 1],
    [0, 5],
    [null, 3],
  ] as const) {
    chip.drive(0, level);
    clock.advance(after);
  }
  chip.drive(0, 0); // finally closed
  clock.advance(30);
  t.equal(presses(), 1);
  // release also bounces
  chip.drive(0, null);
  clock.advance(5);
  chip.drive(0, 0);
  clock.advance(5);
  chip.drive(0, null);
  clock.advance(30);
  chip.drive(0, 0);
  clock.advance(30);
  t.equal(presses(), 2, 'a second, separate push is a second press');
  await device.stop();
});

t.test('a chatter shorter than the debounce that ends released is no press', async (t) => {
  const { clock, device, chip, presses } = await started();
  chip.drive(0, 0);
  clock.advance(10);
  chip.drive(0, null);
  clock.advance(100);
  t.equal(presses(), 0);
  await device.stop();
});

t.test('a held button is one press, then reported stuck after a minute, ok again when released', async (t) => {
  const { clock, device, chip, presses } = await started();
  chip.drive(0, 0);
  clock.advance(59_000);
  t.equal(presses(), 1);
  t.equal(device.state().status, 'ok');
  clock.advance(1_100);
  t.equal(presses(), 1, 'still one press');
  t.equal(device.state().status, 'degraded');
  t.match(device.state().detail, /held down/);
  chip.drive(0, null);
  clock.advance(30);
  t.equal(device.state().status, 'ok');
  await device.stop();
});

t.test('a button already down at start is no press; stuck only after a minute', async (t) => {
  const { ctx, clock } = context();
  const chip = ctx.board.gpio;
  const { device, simulator } = createButton({ driver: 'sim', service: 'A' }, 1, ctx);
  let presses = 0;
  device.onPress(() => presses++);
  chip.drive(1, 0);
  await device.start();
  t.equal(device.state().status, 'ok');
  clock.advance(60_000);
  t.equal(device.state().status, 'degraded');
  t.equal(presses, 0);
  chip.drive(1, null);
  clock.advance(30);
  t.equal(device.state().status, 'ok');
  const done = simulator!.press();
  clock.advance(180);
  await done;
  t.equal(presses, 1);
  await device.stop();
});

t.test('configurable debounce', async (t) => {
  const { clock, device, chip, presses } = await started(0, 5);
  chip.drive(0, 0);
  clock.advance(5);
  t.equal(presses(), 1);
  await device.stop();
});

t.test('a line someone else holds: offline naming chip and line, retried until free', async (t) => {
  const { ctx, clock } = context();
  const chip = ctx.board.gpio;
  const squatter = chip.request({ chip: chip.name, line: 3, consumer: 'other' });
  const { device } = createButton({ driver: 'sim', service: 'A' }, 3, ctx);
  await device.start();
  t.equal(device.state().status, 'offline');
  t.equal(device.state().detail, 'cannot request sim-gpiochip line 3: busy — another program holds it');
  await squatter.close();
  clock.advance(defaultTimeouts.reopenInitialMs);
  await new Promise((r) => setImmediate(r));
  t.equal(device.state().status, 'ok');
  await device.stop();
  t.notOk(chip.isHeld(3), 'line released on stop');
});
