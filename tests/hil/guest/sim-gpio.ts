/**
 * Moves gpio-sim inputs and reads its outputs through sysfs, the way a hand on
 * a button or a relay on a sense line would.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hil } from './env.js';

const lineDir = (line: number) => `${hil.gpioSim()}/sim_gpio${line}`;

/** Pulls an input line up (reads 1) or down (reads 0). */
export function pull(line: number, level: 'up' | 'down'): void {
  writeFileSync(`${lineDir(line)}/pull`, `pull-${level}`);
}

/** The level a consumer drives on an output line (0/1). */
export function outputLevel(line: number): 0 | 1 {
  return readFileSync(`${lineDir(line)}/value`, 'utf8').trim() === '1' ? 1 : 0;
}

/** The first sysfs GPIO number of the chip with this label (what onoff needs). */
export function sysfsBase(label: string): number {
  for (const entry of readdirSync('/sys/class/gpio')) {
    if (!entry.startsWith('gpiochip')) continue;
    const dir = `/sys/class/gpio/${entry}`;
    if (readFileSync(`${dir}/label`, 'utf8').trim() === label) return Number(readFileSync(`${dir}/base`, 'utf8'));
  }
  throw new Error(`no gpiochip labelled ${label} in /sys/class/gpio`);
}
