/**
 * Input lines over onoff (sysfs GPIO, edge interrupts through watch()).
 * The sysfs number is resolved from the chip (./sysfs-number.ts). Sysfs cannot
 * set a pull-up: the line's note says where to set it instead.
 */
import type { InputLine, InputLineRequest, Level } from './line.js';
import type { DeviceError } from '../../../shared/errors.js';
import { EdgeListeners, Listeners, gpioLineFault, gpioRequestError } from './line.js';
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
  const listeners = new EdgeListeners();
  let last: Level | null = null;
  try {
    last = gpio.readSync() ? 1 : 0;
  } catch {
    // first edge will tell
  }
  const faults = new Listeners<DeviceError>();
  gpio.watch((err, value) => {
    if (err) return faults.emit(gpioLineFault(req.chip, req.line, err));
    const level: Level = value ? 1 : 0;
    if (level === last) return; // a bounce seen only as a repeated level
    last = level;
    listeners.emit(level);
  });
  const note =
    req.bias && req.bias !== 'as-is'
      ? `sysfs cannot set a ${req.bias}: set it in config.txt (gpio=${req.line}=ip,${req.bias === 'pull-up' ? 'pu' : 'pd'}, BCM numbering) or fit a resistor`
      : '';
  let closed = false;
  return {
    chip: req.chip,
    line: req.line,
    backend: 'onoff',
    note,
    read: () => (gpio.readSync() ? 1 : 0),
    onEdge: (l) => listeners.add(l),
    onFault: (l) => faults.add(l),
    close: async () => {
      if (closed) return;
      closed = true;
      listeners.clear();
      faults.clear();
      gpio.unwatchAll();
      gpio.unexport();
    },
  };
}
