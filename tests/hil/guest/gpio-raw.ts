/**
 * node-libgpiod, onoff and the station's own GPIO uAPI v2 addon themselves against gpio-sim:
 * inputs moved from sysfs, outputs read back, kernel edge events and debounce.
 */
import { Chip, Line } from 'node-libgpiod';
import { Gpio } from 'onoff';
import { eventually, expect, expectEqual, group } from './harness.js';
import { hil } from './env.js';
import { outputLevel, pull, sysfsBase } from './sim-gpio.js';
import { tool } from './tools.js';
import { loadCdev } from '../../../src/drivers/transport/gpio/cdev-line.js';

const g = group('gpio-raw');
export default g;

// Lines 0..7 for libgpiod, 8..15 for onoff, so neither holds the other's line.
const LIBGPIOD_IN = 1;
const LIBGPIOD_OUT = 2;
const ONOFF_IN = 9;
const ONOFF_OUT = 10;

g.check('libgpiod reads an input pulled from sysfs', async () => {
  const chip = new Chip(hil.gpioChip());
  const line = new Line(chip, LIBGPIOD_IN);
  line.requestInputMode('ktp-hil');
  try {
    pull(LIBGPIOD_IN, 'up');
    expectEqual(line.getValue(), 1, 'after pull-up');
    pull(LIBGPIOD_IN, 'down');
    expectEqual(line.getValue(), 0, 'after pull-down');
  } finally {
    line.release();
  }
});

g.check('libgpiod drives an output the chip sees', async () => {
  const chip = new Chip(hil.gpioChip());
  const line = new Line(chip, LIBGPIOD_OUT);
  line.requestOutputMode('ktp-hil', 0);
  try {
    expectEqual(outputLevel(LIBGPIOD_OUT), 0, 'initial level');
    line.setValue(1);
    expectEqual(outputLevel(LIBGPIOD_OUT), 1, 'after setValue(1)');
  } finally {
    line.release();
  }
});

g.check('gpioinfo names the consumer of a requested line', async () => {
  const chip = new Chip(hil.gpioChip());
  const line = new Line(chip, LIBGPIOD_IN);
  line.requestInputMode('ktp-hil-probe');
  try {
    const info = await tool('gpioinfo', hil.gpioChip());
    expect(/line\s+1:.*"ktp-hil-probe"/.test(info), `gpioinfo shows the consumer:\n${info}`);
  } finally {
    line.release();
  }
});

g.check('onoff watch() sees both edges at the sysfs number resolved from the chip label', async () => {
  expect(Gpio.accessible, 'sysfs GPIO is accessible');
  const base = sysfsBase(hil.gpioLabel());
  pull(ONOFF_IN, 'down');
  const gpio = new Gpio(base + ONOFF_IN, 'in', 'both');
  const seen: number[] = [];
  gpio.watch((err, value) => {
    if (!err) seen.push(value);
  });
  try {
    pull(ONOFF_IN, 'up');
    await eventually(() => seen.includes(1), 'a rising edge');
    pull(ONOFF_IN, 'down');
    await eventually(() => seen.at(-1) === 0, 'a falling edge');
    expectEqual(gpio.readSync(), 0, 'level after the falling edge');
  } finally {
    gpio.unexport();
  }
});

g.check('onoff drives an output the chip sees', async () => {
  const base = sysfsBase(hil.gpioLabel());
  const gpio = new Gpio(base + ONOFF_OUT, 'out');
  try {
    gpio.writeSync(1);
    expectEqual(outputLevel(ONOFF_OUT), 1, 'after writeSync(1)');
    gpio.writeSync(0);
    expectEqual(outputLevel(ONOFF_OUT), 0, 'after writeSync(0)');
  } finally {
    gpio.unexport();
  }
});

// Lines 16..23 for the station's own GPIO uAPI v2 addon.
const CDEV_IN = 16;

g.check('uAPI v2 addon: levels and edge events from the kernel, the consumer in gpioinfo', async () => {
  const addon = await loadCdev();
  pull(CDEV_IN, 'down');
  const { fd, debounceUs } = addon.gpioRequestInput(`/dev/${hil.gpioChip()}`, CDEV_IN, 'ktp-hil-v2', 0, 0);
  const seen: number[] = [];
  const watch = addon.gpioWatch(fd, (err, events) => {
    if (err) throw err;
    for (let i = 0; i < events!.length; i += 3) seen.push(events![i]!);
  });
  try {
    expectEqual(debounceUs, 0, 'no debounce asked, none applied');
    expectEqual(addon.gpioRead(fd), 0, 'after pull-down');
    pull(CDEV_IN, 'up');
    await eventually(() => seen.includes(1), 'a rising-edge event');
    expectEqual(addon.gpioRead(fd), 1, 'after pull-up');
    pull(CDEV_IN, 'down');
    await eventually(() => seen.at(-1) === 2, 'a falling-edge event');
    const info = await tool('gpioinfo', hil.gpioChip());
    expect(/line\s+16:.*"ktp-hil-v2"\s+input/.test(info), `gpioinfo shows the line held by the addon:\n${info}`);
  } finally {
    addon.gpioUnwatch(watch);
    addon.gpioClose(fd);
  }
});

g.check('uAPI v2 addon: the kernel debounces a bouncing contact into one edge', async () => {
  const addon = await loadCdev();
  pull(CDEV_IN + 1, 'up');
  // 200 ms: far longer than the few sysfs writes of the bounce below take, even under emulation.
  const { fd, debounceUs } = addon.gpioRequestInput(`/dev/${hil.gpioChip()}`, CDEV_IN + 1, 'ktp-hil-bounce', 1, 200_000);
  const seen: number[] = [];
  const watch = addon.gpioWatch(fd, (err, events) => {
    if (err) throw err;
    for (let i = 0; i < events!.length; i += 3) seen.push(events![i]!);
  });
  try {
    expectEqual(debounceUs, 200_000, 'the kernel reports the debounce it applies');
    for (const level of ['down', 'up', 'down', 'up', 'down'] as const) pull(CDEV_IN + 1, level);
    await eventually(() => seen.length > 0, 'the debounced edge');
    await new Promise((r) => setTimeout(r, 400));
    expectEqual(seen, [2], 'one falling edge for five contact changes');
    expectEqual(addon.gpioRead(fd), 0, 'settled low');
  } finally {
    addon.gpioUnwatch(watch);
    addon.gpioClose(fd);
  }
});
