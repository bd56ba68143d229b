/**
 * The GPIO uAPI v2 backend's logic against a fake of the station's addon (the
 * addon itself is checked against the kernel's gpio-sim in the VM tier).
 */
import t from 'tap';
import { ManualClock } from '../../../src/shared/clock.js';
import { openInputLine } from '../../../src/drivers/transport/gpio/open.js';
import type { GpioCdevAddon } from '../../../src/drivers/transport/gpio/cdev-line.js';
import { GpioTicketButton } from '../../../src/drivers/gpio/button.js';
import { testDriverContext } from '../../support/driver-context.js';

const RISING = 1;
const FALLING = 2;

function fakeAddon(opts: { applyDebounce?: boolean } = {}) {
  const requests: { chip: string; offset: number; consumer: string; bias: number; debounceUs: number }[] = [];
  const open = new Map<number, { level: number; cb: ((err: any, ev?: number[]) => void) | null }>();
  let nextFd = 20;
  const addon: GpioCdevAddon = {
    gpioV2: true,
    gpioRequestInput(chip, offset, consumer, bias, debounceUs) {
      if (chip !== '/dev/gpiochip0') throw Object.assign(new Error('ENOENT open'), { code: 'ENOENT' });
      requests.push({ chip, offset, consumer, bias, debounceUs });
      const fd = nextFd++;
      open.set(fd, { level: 1, cb: null });
      return { fd, debounceUs: opts.applyDebounce === false ? 0 : debounceUs };
    },
    gpioRead: (fd) => open.get(fd)!.level,
    gpioWatch(fd, cb) {
      open.get(fd)!.cb = cb;
      return { fd };
    },
    gpioUnwatch(h) {
      open.get((h as { fd: number }).fd)!.cb = null;
    },
    gpioClose(fd) {
      open.delete(fd);
    },
  };
  /** The kernel reports edges (already debounced when the request asked for it). */
  const edges = (fd: number, ...ids: number[]) => {
    const line = open.get(fd)!;
    const flat: number[] = [];
    ids.forEach((id, i) => {
      line.level = id === RISING ? 1 : 0;
      flat.push(id, 1000 + i, i + 1);
    });
    line.cb?.(undefined, flat);
  };
  const fail = (fd: number, code: string) => open.get(fd)!.cb?.(Object.assign(new Error(code), { code }), undefined);
  return { addon, requests, open, edges, fail };
}

const missing = async (): Promise<never> => {
  throw new Error('not installed');
};
const ctxFor = (clock: ManualClock) => testDriverContext(clock);

t.test('auto takes the kernel uAPI v2 when the addon loads: edge events, kernel debounce, no polling', async (t) => {
  const clock = new ManualClock(0);
  const f = fakeAddon();
  const line = await openInputLine(
    { chip: 'gpiochip0', line: 17, bias: 'pull-up', consumer: 'ktp-button-0', debounceMs: 30 },
    { clock, pollMs: 10, loaders: { cdev: async () => f.addon, libgpiod: missing, onoff: missing } },
  );
  t.equal(line.backend, 'cdev');
  t.same(
    f.requests,
    [{ chip: '/dev/gpiochip0', offset: 17, consumer: 'ktp-button-0', bias: 1, debounceUs: 30_000 }],
    'pull-up and 30 ms debounce asked of the kernel',
  );
  t.equal(line.note, 'kernel debounce 30 ms');
  t.equal(line.debouncedMs, 30);
  t.equal(clock.pendingTimers(), 0, 'no poll timer');
  const levels: number[] = [];
  line.onEdge((l) => levels.push(l));
  f.edges(20, FALLING);
  f.edges(20, FALLING); // a repeated level is no change
  f.edges(20, RISING, FALLING, RISING); // several events in one read
  t.same(levels, [0, 1, 0, 1]);
  t.equal(line.read(), 1);
  await line.close();
  t.equal(f.open.size, 0, 'line fd closed');
});

t.test('a button on kernel-debounced edges presses at once; without kernel debounce the station debounces', async (t) => {
  for (const applyDebounce of [true, false]) {
    const clock = new ManualClock(0);
    const f = fakeAddon({ applyDebounce });
    const button = new GpioTicketButton(
      {
        index: 0,
        chip: 'gpiochip0',
        line: 17,
        debounceMs: 30,
        openLine: () =>
          openInputLine(
            { chip: 'gpiochip0', line: 17, bias: 'pull-up', debounceMs: 30 },
            { clock, pollMs: 10, loaders: { cdev: async () => f.addon, libgpiod: missing, onoff: missing } },
          ),
      },
      ctxFor(clock),
    );
    let presses = 0;
    button.onPress(() => presses++);
    await button.start();
    t.match(button.state().detail, applyDebounce ? /ready on gpiochip0 line 17 \(cdev\); kernel debounce 30 ms/ : /\(cdev\)$/);
    f.edges(20, FALLING);
    t.equal(presses, applyDebounce ? 1 : 0, applyDebounce ? 'no second debounce on top of the kernel’s' : 'waits for its own debounce');
    clock.advance(30);
    t.equal(presses, 1, 'one press either way');
    f.edges(20, RISING);
    clock.advance(30);
    await button.stop();
    t.equal(clock.pendingTimers(), 0);
  }
});

t.test('a chip that goes away: the line faults, the button is offline and reopens', async (t) => {
  const clock = new ManualClock(0);
  const f = fakeAddon();
  const button = new GpioTicketButton(
    {
      index: 1,
      chip: 'gpiochip0',
      line: 5,
      openLine: () =>
        openInputLine(
          { chip: 'gpiochip0', line: 5, bias: 'pull-up', debounceMs: 30 },
          { clock, pollMs: 10, backend: 'cdev', loaders: { cdev: async () => f.addon } },
        ),
    },
    ctxFor(clock),
  );
  await button.start();
  t.equal(button.state().status, 'ok');
  f.fail(20, 'ENODEV');
  await new Promise((r) => setImmediate(r));
  t.equal(button.state().status, 'offline');
  t.equal(button.state().detail, 'gpiochip0 line 5 stopped answering (ENODEV) — reopening');
  clock.advance(500);
  await new Promise((r) => setImmediate(r));
  t.equal(button.state().status, 'ok', 'reopened');
  t.equal(f.requests.length, 2);
  await button.stop();
});

t.test('backend: cdev with no addon says why and what to install', async (t) => {
  const clock = new ManualClock(0);
  await t.rejects(
    openInputLine(
      { chip: 'gpiochip0', line: 5 },
      {
        clock,
        pollMs: 10,
        backend: 'cdev',
        loaders: {
          cdev: async () => {
            throw new Error("the station's addon is not built: cc: no C compiler");
          },
        },
      },
    ),
    {
      code: 'GPIO_NO_BACKEND',
      message:
        /GPIO uAPI v2 addon did not load \(the station's addon is not built: cc: no C compiler\) — install one: apt-get install build-essential/,
    },
  );
});
