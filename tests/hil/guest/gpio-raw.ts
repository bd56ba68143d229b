/** node-libgpiod and onoff themselves against gpio-sim: inputs moved from sysfs, outputs read back. */
import { Chip, Line } from 'node-libgpiod';
import { Gpio } from 'onoff';
import { eventually, expect, expectEqual, group } from './harness.js';
import { hil } from './env.js';
import { outputLevel, pull, sysfsBase } from './sim-gpio.js';
import { tool } from './tools.js';

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
