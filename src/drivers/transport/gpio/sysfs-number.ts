/**
 * The sysfs GPIO number of a chip's line. Sysfs numbers lines from each
 * chip's base, and newer Raspberry Pi kernels put the main chip's base at 512
 * or 571, not 0: the base is read from sysfs, never assumed.
 *
 * The legacy /sys/class/gpio/gpiochip<base> is found next to
 * /sys/bus/gpio/devices/gpiochipN (the character-device chip): under it or
 * under its parent device. Where that is ambiguous (several chips on one
 * device), or on old kernels, the chip can be named by its label instead.
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

/** Finds the legacy sysfs chip that belongs to a character-device chip name (or a chip label). */
export async function findSysfsChip(chip: string, sysRoot = '/sys'): Promise<SysfsChip> {
  const classDir = join(sysRoot, 'class/gpio');
  if (!/^gpiochip\d+$/.test(chip)) {
    for (const name of await list(classDir)) {
      const c = await readChip(join(classDir, name)).catch(() => null);
      if (c && c.label === chip) return c;
    }
    throw fsError('ENOENT', `no chip labelled ${chip} in ${classDir}`);
  }
  const devPath = await realpath(join(sysRoot, 'bus/gpio/devices', chip)).catch(() => null);
  if (!devPath) throw fsError('ENOENT', `no ${chip} in ${join(sysRoot, 'bus/gpio/devices')}`);
  // The legacy class device hangs off the chip's own device or off its parent, depending on the kernel.
  const dirs = [join(devPath, 'gpio'), join(dirname(devPath), 'gpio')];
  const found = (await Promise.all(dirs.map(async (d) => (await list(d)).map((n) => join(d, n))))).flat();
  const chips = await Promise.all(found.map(readChip));
  if (chips.length === 1) return chips[0]!;
  if (chips.length === 0) throw fsError('ENOENT', `${chip} has no sysfs GPIO interface (kernel without CONFIG_GPIO_SYSFS?)`);
  const labels = chips.map((c) => `${c.label} (base ${c.base})`).join(', ');
  throw fsError('EAMBIGUOUS', `${chip} shares its device with ${labels}: name the chip by its label instead`);
}

const fsError = (code: string, message: string) => Object.assign(new Error(message), { code });
/** base + line, checked against the chip's size. */
export async function sysfsLineNumber(chip: string, line: number, sysRoot = '/sys'): Promise<number> {
  const c = await findSysfsChip(chip, sysRoot);
  if (line < 0 || line >= c.ngpio) throw Object.assign(new Error(`line ${line} beyond the chip's ${c.ngpio} lines`), { code: 'EINVAL' });
  return c.base + line;
}
