/**
 * Input lines over onoff (sysfs GPIO, edge interrupts through watch()).
 * The sysfs number is resolved from the chip (./sysfs-number.ts). Sysfs cannot
 * set a pull-up: the line's note says where to set it instead.
 */
import type { InputLine, InputLineRequest, Level } from './line.js';
import { LineHandle, gpioLineFault, gpioRequestError } from './line.js';
import { sysfsLineNumber } from './sysfs-number.js';

/** The part of onoff's Gpio the station uses. */
export interface OnoffGpio {
  readSync(): number;
  watch(cb: (err: Error | null | undefined, value: number) => void): void;
  unwatchAll(): void;
  unexport(): void;
}

export interface OnoffModule {
  Gpio: { new (gpio: number, direction: 'in', edge: 'both'): OnoffGpio; accessible: boolean };
}

export const loadOnoff = async (): Promise<OnoffModule> => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an optional native module: its shape is checked just below
  const mod: any = await import('onoff');
  const m = (mod.Gpio ? mod : mod.default) as OnoffModule;
  if (typeof m?.Gpio !== 'function') throw new Error('onoff has no Gpio export');
  return m;
};

export async function openOnoffLine(mod: OnoffModule, req: InputLineRequest, sysRoot = '/sys'): Promise<InputLine> {
  let gpio: OnoffGpio;
  let number: number;
  try {
    if (!mod.Gpio.accessible) throw Object.assign(new Error('sysfs GPIO (/sys/class/gpio) is not accessible'), { code: 'EACCES' });
    number = await sysfsLineNumber(req.chip, req.line, sysRoot);
    gpio = new mod.Gpio(number, 'in', 'both');
  } catch (e) {
    throw gpioRequestError(req.chip, req.line, e);
  }
  const read = (): Level => (gpio.readSync() ? 1 : 0);
  let first: Level | null = null;
  try {
    first = read();
  } catch {
    // first edge will tell
  }
  const h = new LineHandle(first);
  gpio.watch((err, value) => {
    if (err) return h.fault(gpioLineFault(req.chip, req.line, err));
    h.saw(value ? 1 : 0);
  });
  const note =
    req.bias && req.bias !== 'as-is'
      ? `sysfs cannot set a ${req.bias}: set it in config.txt (gpio=${req.line}=ip,${req.bias === 'pull-up' ? 'pu' : 'pd'}, BCM numbering) or fit a resistor`
      : '';
  return h.line({ chip: req.chip, line: req.line, backend: 'onoff', note, read }, () => {
    gpio.unwatchAll();
    gpio.unexport();
  });
}
