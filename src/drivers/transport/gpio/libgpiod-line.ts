/**
 * Input lines over node-libgpiod (libgpiod 1.x through /dev/gpiochipN).
 * node-libgpiod 0.5 has no edge-event API, so the line is polled every
 * pollMs on the injected clock: one ioctl per line per period, a bounded rate.
 */
import type { Clock } from '../../../shared/clock.js';
import type { Bias, InputLine, InputLineRequest, Level } from './line.js';
import { LineHandle, gpioLineFault, gpioRequestError } from './line.js';

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
  const read = (): Level => (handle.getValue() ? 1 : 0);
  const h = new LineHandle(read());
  const poll = clock.setInterval(
    () => {
      let now: Level;
      try {
        now = read();
      } catch (e) {
        poll.cancel();
        h.fault(gpioLineFault(req.chip, req.line, e));
        return;
      }
      h.saw(now);
    },
    Math.max(1, pollMs),
  );
  return h.line({ chip: req.chip, line: req.line, backend: 'libgpiod', note: '', read }, () => {
    poll.cancel();
    try {
      handle.release();
    } catch {
      // already gone with its chip
    }
    chip = null;
  });
}
