/**
 * Input lines over node-libgpiod (libgpiod 1.x through /dev/gpiochipN).
 * node-libgpiod 0.5 has no edge-event API, so the line is polled every
 * pollMs on the injected clock: one ioctl per line per period, a bounded rate.
 */
import type { Clock } from '../../../shared/clock.js';
import type { Bias, InputLine, InputLineRequest, Level } from './line.js';
import type { DeviceError } from '../../../shared/errors.js';
import { EdgeListeners, Listeners, gpioLineFault, gpioRequestError } from './line.js';

/** The part of node-libgpiod the station uses. */
export interface LibgpiodLine {
  requestInputModeFlags(consumer: string, flags: number): unknown;
  getValue(): number;
  release(): unknown;
}

export interface LibgpiodModule {
  Chip: new (name: string) => { getLine(offset: number): LibgpiodLine; readonly numberOfLines?: number };
  Line: { RequestFlags: { BIAS_DISABLE: number; BIAS_PULL_DOWN: number; BIAS_PULL_UP: number } };
}

export const loadLibgpiod = async (): Promise<LibgpiodModule> => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an optional native module: its shape is checked just below
  const mod: any = await import('node-libgpiod');
  const m = (mod.Chip ? mod : mod.default) as LibgpiodModule;
  if (typeof m?.Chip !== 'function') throw new Error('node-libgpiod has no Chip export');
  return m;
};

function biasFlags(mod: LibgpiodModule, bias: Bias | undefined): number {
  const f = mod.Line.RequestFlags;
  return bias === 'pull-up' ? f.BIAS_PULL_UP : bias === 'pull-down' ? f.BIAS_PULL_DOWN : 0;
}

export function openLibgpiodLine(mod: LibgpiodModule, req: InputLineRequest, clock: Clock, pollMs: number): InputLine {
  let handle: LibgpiodLine;
  // Kept referenced for the life of the line: node-libgpiod closes the chip (and
  // with it every line requested from it) when its Chip object is collected.
  let chip: InstanceType<LibgpiodModule['Chip']> | null;
  try {
    chip = new mod.Chip(req.chip);
    if (chip.numberOfLines !== undefined && req.line >= chip.numberOfLines) {
      throw Object.assign(new Error('EINVAL'), { code: 'EINVAL' });
    }
    handle = chip.getLine(req.line);
    handle.requestInputModeFlags(req.consumer ?? 'ktp-station', biasFlags(mod, req.bias));
  } catch (e) {
    throw gpioRequestError(req.chip, req.line, e);
  }
  const listeners = new EdgeListeners();
  const faults = new Listeners<DeviceError>();
  const read = (): Level => (handle.getValue() ? 1 : 0);
  let last = read();
  const poll = clock.setInterval(
    () => {
      let now: Level;
      try {
        now = read();
      } catch (e) {
        poll.cancel();
        faults.emit(gpioLineFault(req.chip, req.line, e));
        return;
      }
      if (now !== last) {
        last = now;
        listeners.emit(now);
      }
    },
    Math.max(1, pollMs),
  );
  let closed = false;
  return {
    chip: req.chip,
    line: req.line,
    backend: 'libgpiod',
    note: '',
    read,
    onEdge: (l) => listeners.add(l),
    onFault: (l) => faults.add(l),
    close: async () => {
      if (closed) return;
      closed = true;
      poll.cancel();
      listeners.clear();
      faults.clear();
      try {
        handle.release();
      } catch {
        // already gone with its chip
      }
      chip = null;
    },
  };
}
