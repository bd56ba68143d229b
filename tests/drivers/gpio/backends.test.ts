import t from 'tap';
import { ManualClock } from '../../../src/shared/clock.js';
import { openInputLine, detectGpioBackend } from '../../../src/drivers/transport/gpio/open.js';
import { findSysfsChip, sysfsLineNumber } from '../../../src/drivers/transport/gpio/sysfs-number.js';
import { GpioTicketButton } from '../../../src/drivers/gpio/button.js';
import type { Level } from '../../../src/drivers/transport/gpio/line.js';
import { fakeLibgpiod, fakeOnoff, fakeSysfs } from './helpers/fakes.js';
import { testDriverContext } from '../../support/driver-context.js';

const missing = (name: string) => async () => {
  throw new Error(`Cannot find module '${name}'`);
};
/** These tests are about the libraries below the station's own addon: it is left out. */
const noAddon = async (): Promise<never> => {
  throw new Error("the station's addon is switched off");
};

t.test('sysfs numbers come from the chip base (Raspberry Pi 5 style base 571), never BCM numbers', async (t) => {
  const fs = fakeSysfs([
    { chardev: 'gpiochip0', device: 'platform/soc/107d508500.gpio', legacy: [{ base: 571, ngpio: 54, label: 'pinctrl-rp1' }] },
    { chardev: 'gpiochip1', device: 'platform/soc/107d517c00.gpio', legacy: [{ base: 512, ngpio: 32, label: 'gpio-brcmstb@107d517c00' }] },
  ]);
  t.teardown(fs.remove);
  t.equal(await sysfsLineNumber('gpiochip0', 17, fs.root), 588);
  t.equal(await sysfsLineNumber('gpiochip1', 0, fs.root), 512);
  t.equal(await sysfsLineNumber('pinctrl-rp1', 17, fs.root), 588, 'chip named by its label');
  await t.rejects(sysfsLineNumber('gpiochip0', 54, fs.root), { code: 'EINVAL' }, 'past the last line');
  await t.rejects(sysfsLineNumber('gpiochip7', 1, fs.root), { code: 'ENOENT' });
});

t.test('sysfs: legacy chip under the chip device itself, and an ambiguous parent', async (t) => {
  const fs = fakeSysfs([
    {
      chardev: 'gpiochip0',
      device: 'platform/gpio-sim.0',
      legacyUnderChip: true,
      legacy: [{ base: 496, ngpio: 16, label: 'gpio-sim.0-node0' }],
    },
    {
      chardev: 'gpiochip2',
      device: 'platform/twobanks',
      legacy: [
        { base: 400, ngpio: 8, label: 'bank-a' },
        { base: 408, ngpio: 8, label: 'bank-b' },
      ],
    },
  ]);
  t.teardown(fs.remove);
  t.same(await findSysfsChip('gpiochip0', fs.root), { name: 'gpiochip496', base: 496, ngpio: 16, label: 'gpio-sim.0-node0' });
  await t.rejects(findSysfsChip('gpiochip2', fs.root), { message: /bank-a \(base 400\), bank-b \(base 408\): name the chip by its label/ });
  t.equal(await sysfsLineNumber('bank-b', 2, fs.root), 410);
});

t.test('auto picks libgpiod when it loads; it is polled on the clock at gpioPollMs', async (t) => {
  const clock = new ManualClock(0);
  const g = fakeLibgpiod({ gpiochip0: 54 });
  const line = await openInputLine(
    { chip: 'gpiochip0', line: 17, bias: 'pull-up' },
    { clock, pollMs: 10, loaders: { cdev: noAddon, libgpiod: async () => g.mod, onoff: missing('onoff') } },
  );
  t.equal(line.backend, 'libgpiod');
  t.same(g.flagsSeen, [32], 'pull-up bias requested');
  const edges: Level[] = [];
  line.onEdge((l) => edges.push(l));
  g.set('gpiochip0', 17, 0);
  clock.advance(9);
  t.same(edges, [], 'seen only at the next poll');
  clock.advance(1);
  t.same(edges, [0]);
  const before = g.reads();
  clock.advance(1_000);
  t.equal(g.reads() - before, 100, 'one read per 10 ms: a bounded rate');
  t.same(edges, [0], 'no edge without a change');
  t.equal(line.read(), 0);
  await line.close();
  t.equal(clock.pendingTimers(), 0, 'polling stops on close');
  t.equal(g.held.size, 0, 'line released');
});

t.test('auto falls back to onoff when node-libgpiod does not load; edges from watch()', async (t) => {
  const fs = fakeSysfs([
    { chardev: 'gpiochip0', device: 'platform/soc/fe200000.gpio', legacy: [{ base: 512, ngpio: 58, label: 'pinctrl-bcm2711' }] },
  ]);
  t.teardown(fs.remove);
  const o = fakeOnoff();
  const found = await detectGpioBackend('auto', { cdev: noAddon, libgpiod: missing('node-libgpiod'), onoff: async () => o.mod });
  t.equal(found.backend, 'onoff');
  const clock = new ManualClock(0);
  const line = await openInputLine(
    { chip: 'gpiochip0', line: 17, bias: 'pull-up' },
    { clock, pollMs: 10, loaders: { cdev: noAddon, libgpiod: missing('node-libgpiod'), onoff: async () => o.mod, sysRoot: fs.root } },
  );
  t.equal(line.backend, 'onoff');
  t.ok(o.exported.has(529), 'exported as sysfs 512 + 17');
  t.match(line.note, /gpio=17=ip,pu/, 'tells where to set the pull-up sysfs cannot set');
  const edges: Level[] = [];
  line.onEdge((l) => edges.push(l));
  o.edge(529, 0);
  o.edge(529, 0); // a bounce reported as the same level
  o.edge(529, 1);
  t.same(edges, [0, 1]);
  await line.close();
  t.notOk(o.exported.has(529), 'unexported on close');
  t.equal(clock.pendingTimers(), 0, 'no polling with onoff');
});

t.test('a fixed backend choice is kept even when the other would load', async (t) => {
  const g = fakeLibgpiod({ gpiochip0: 54 });
  const o = fakeOnoff();
  t.equal((await detectGpioBackend('onoff', { cdev: noAddon, libgpiod: async () => g.mod, onoff: async () => o.mod })).backend, 'onoff');
  await t.rejects(detectGpioBackend('libgpiod', { cdev: noAddon, libgpiod: missing('node-libgpiod'), onoff: async () => o.mod }), {
    code: 'GPIO_NO_BACKEND',
  });
});

t.test('errors name chip and line', async (t) => {
  const clock = new ManualClock(0);
  const g = fakeLibgpiod({ gpiochip0: 54 });
  const opts = { clock, pollMs: 10, loaders: { cdev: noAddon, libgpiod: async () => g.mod } };
  g.hold('gpiochip0', 17);
  await t.rejects(openInputLine({ chip: 'gpiochip0', line: 17 }, opts), {
    code: 'GPIO_REQUEST',
    message: 'cannot request gpiochip0 line 17: busy — another program holds it',
  });
  await t.rejects(openInputLine({ chip: 'gpiochip4', line: 1 }, opts), {
    message: 'cannot request gpiochip4 line 1: no such chip — list chips with gpiodetect',
  });
  await t.rejects(openInputLine({ chip: 'gpiochip0', line: 60 }, opts), {
    message: 'cannot request gpiochip0 line 60: no such line on that chip — list lines with gpioinfo',
  });
  await t.rejects(
    openInputLine(
      { chip: 'gpiochip0', line: 5 },
      { clock, pollMs: 10, loaders: { cdev: noAddon, libgpiod: missing('node-libgpiod'), onoff: missing('onoff') } },
    ),
    {
      code: 'GPIO_NO_BACKEND',
      message:
        /^cannot request gpiochip0 line 5: no GPIO library: GPIO uAPI v2 addon did not load .*; node-libgpiod did not load .*; onoff did not load/,
    },
  );

  const fs = fakeSysfs([
    { chardev: 'gpiochip0', device: 'platform/soc/fe200000.gpio', legacy: [{ base: 512, ngpio: 58, label: 'pinctrl-bcm2711' }] },
  ]);
  t.teardown(fs.remove);
  const o = fakeOnoff();
  o.busy.add(512 + 22);
  await t.rejects(
    openInputLine(
      { chip: 'gpiochip0', line: 22 },
      { clock, pollMs: 10, loaders: { cdev: noAddon, onoff: async () => o.mod, sysRoot: fs.root }, backend: 'onoff' },
    ),
    { message: 'cannot request gpiochip0 line 22: busy — another program holds it' },
  );
  const denied = fakeOnoff(false);
  await t.rejects(
    openInputLine(
      { chip: 'gpiochip0', line: 22 },
      { clock, pollMs: 10, loaders: { cdev: noAddon, onoff: async () => denied.mod, sysRoot: fs.root }, backend: 'onoff' },
    ),
    { message: "cannot request gpiochip0 line 22: permission denied — add the station's user to the gpio group" },
  );
});

t.test('a polled line whose chip goes away: button offline, reopened with backoff when it returns', async (t) => {
  const clock = new ManualClock(0);
  const g = fakeLibgpiod({ gpiochip1: 8 });
  const ctx = testDriverContext(clock);
  const button = new GpioTicketButton(
    {
      index: 0,
      chip: 'gpiochip1',
      line: 2,
      openLine: () =>
        openInputLine(
          { chip: 'gpiochip1', line: 2, bias: 'pull-up' },
          { clock, pollMs: 10, backend: 'libgpiod', loaders: { cdev: noAddon, libgpiod: async () => g.mod } },
        ),
    },
    ctx,
  );
  let presses = 0;
  button.onPress(() => presses++);
  await button.start();
  t.equal(button.state().status, 'ok');
  g.unplug('gpiochip1');
  clock.advance(10);
  await new Promise((r) => setImmediate(r));
  t.equal(button.state().status, 'offline');
  t.equal(button.state().detail, 'gpiochip1 line 2 stopped answering (ENODEV) — reopening');
  t.equal(g.held.size, 0, 'line let go');
  clock.advance(500);
  await new Promise((r) => setImmediate(r));
  t.match(button.state().detail, /cannot request gpiochip1 line 2: no such chip/, 'still unplugged at the first retry');
  g.unplug('gpiochip1', false);
  clock.advance(1_000);
  await new Promise((r) => setImmediate(r));
  t.equal(button.state().status, 'ok', 'back after the doubled delay');
  g.set('gpiochip1', 2, 0);
  clock.advance(10 + 30);
  t.equal(presses, 1, 'presses work again');
  await button.stop();
  t.equal(clock.pendingTimers(), 0);
});

t.test('no GPIO library installed: the button is an offline device saying what to install, and the rest goes on', async (t) => {
  const clock = new ManualClock(0);
  const notInstalled = (name: string) => async () => {
    throw Object.assign(new Error(`Cannot find package '${name}' imported from /opt/ktp-station/dist/ktp-station.mjs`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  };
  const notBuilt = async (): Promise<never> => {
    throw new Error("the station's addon is not built: cc: no C compiler");
  };
  const ctx = testDriverContext(clock);
  const button = new GpioTicketButton(
    {
      index: 0,
      chip: 'gpiochip0',
      line: 17,
      openLine: () =>
        openInputLine(
          { chip: 'gpiochip0', line: 17, bias: 'pull-up' },
          { clock, pollMs: 10, loaders: { cdev: notBuilt, libgpiod: notInstalled('node-libgpiod'), onoff: notInstalled('onoff') } },
        ),
    },
    ctx,
  );
  await button.start();
  t.equal(button.state().status, 'offline');
  t.equal(
    button.state().detail,
    'cannot request gpiochip0 line 17: no GPIO library: ' +
      "GPIO uAPI v2 addon did not load (the station's addon is not built: cc: no C compiler); " +
      'node-libgpiod did not load (not installed); onoff did not load (not installed) — ' +
      "install one: apt-get install build-essential, then node scripts/build-native.mjs in the station folder (the station's own GPIO addon); " +
      'or apt-get install libgpiod-dev, then npm install (node-libgpiod, libgpiod 1.x); or a kernel with sysfs GPIO for onoff',
  );
  await button.stop();
  t.equal(clock.pendingTimers(), 0, 'no retry left behind');
});
