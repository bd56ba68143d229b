/**
 * The sysfs GPIO number of a chip's line. Sysfs numbers lines from each
 * chip's base, and newer Raspberry Pi kernels put the main chip's base at 512
 * or 571, not 0: the base is read from sysfs, never assumed.
 *
 * /sys/bus/gpio/devices/gpiochipN (the character-device chip) and the legacy
 * /sys/class/gpio/gpiochip<base> hang off the same parent device; where a
 * parent has several chips, they pair up in order. Without
 * /sys/bus/gpio, the chip may be named by its label.
 */
import { readdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface SysfsChip {
  /** Directory in /sys/class/gpio, e.g. gpiochip571. */
  name: string;
  base: number;
  ngpio: number;
  label: string;
}

const num = (s: string): number => Number.parseInt(s.trim(), 10);
const chipIndex = (name: string): number => num(name.replace(/^gpiochip/, ''));
const byIndex = (a: string, b: string) => chipIndex(a) - chipIndex(b);

async function readChip(dir: string): Promise<SysfsChip> {
  const [base, ngpio, label] = await Promise.all(['base', 'ngpio', 'label'].map((f) => readFile(join(dir, f), 'utf8')));
  return { name: basename(dir), base: num(base!), ngpio: num(ngpio!), label: label!.trim() };
}

async function list(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => /^gpiochip\d+$/.test(n)).sort(byIndex);
}

/** Finds the legacy sysfs chip that belongs to a character-device chip name (or label). */
export async function findSysfsChip(chip: string, sysRoot = '/sys'): Promise<SysfsChip> {
  const classDir = join(sysRoot, 'class/gpio');
  const busDev = join(sysRoot, 'bus/gpio/devices', chip);
  const devPath = await realpath(busDev).catch(() => null);
  if (devPath) {
    const parent = dirname(devPath);
    const legacy = (await list(join(parent, 'gpio'))).map((n) => join(parent, 'gpio', n));
    const chardevs = await list(parent);
    const chips = (await Promise.all(legacy.map(readChip))).sort((a, b) => a.base - b.base);
    const chosen = chips.length === 1 ? chips[0] : chips[chardevs.indexOf(basename(devPath))];
    if (chosen) return chosen;
    throw Object.assign(new Error(`${chip} has no sysfs GPIO interface (CONFIG_GPIO_SYSFS?)`), { code: 'ENOENT' });
  }
  for (const name of await list(classDir)) {
    const c = await readChip(join(classDir, name)).catch(() => null);
    if (c && c.label === chip) return c;
  }
  throw Object.assign(new Error(`no chip named ${chip} in ${join(sysRoot, 'bus/gpio/devices')} or by label in ${classDir}`), { code: 'ENOENT' });
}

/** base + line, checked against the chip's size. */
export async function sysfsLineNumber(chip: string, line: number, sysRoot = '/sys'): Promise<number> {
  const c = await findSysfsChip(chip, sysRoot);
  if (line < 0 || line >= c.ngpio) throw Object.assign(new Error(`line ${line} beyond ${c.ngpio} lines`), { code: 'EINVAL' });
  return c.base + line;
}
