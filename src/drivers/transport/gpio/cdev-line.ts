/**
 * Input lines through the kernel's GPIO character-device uAPI v2, with the
 * station's own addon (src/native/gpio_v2.c): edges arrive as kernel events
 * on the line's file descriptor (no polling), and the kernel debounces them
 * (GPIO_V2_LINE_ATTR_ID_DEBOUNCE: in the chip where it can, else in
 * gpiolib-cdev). Works with any kernel from 5.10 on — Raspberry Pi OS bookworm
 * and trixie alike, whatever libgpiod version the OS ships, since libgpiod is
 * not used at all.
 */
import type { DeviceError } from '../../../shared/errors.js';
import { loadNative } from '../../../native/load.js';
import type { Bias, InputLine, InputLineRequest, Level } from './line.js';
import { EdgeListeners, Listeners, gpioLineFault, gpioRequestError } from './line.js';

/** The addon's GPIO part. */
export interface GpioCdevAddon {
  readonly gpioV2: boolean;
  gpioRequestInput(chip: string, offset: number, consumer: string, bias: number, debounceUs: number): { fd: number; debounceUs: number };
  gpioRead(fd: number): number;
  gpioWatch(fd: number, cb: (err: NodeJS.ErrnoException | undefined, events: number[] | undefined) => void): unknown;
  gpioUnwatch(handle: unknown): void;
  gpioClose(fd: number): void;
}

export const loadCdev = async (): Promise<GpioCdevAddon> => {
  const native = loadNative();
  if (!native.addon) throw new Error(`the station's addon is ${native.reason}`);
  const addon = native.addon as unknown as GpioCdevAddon;
  if (!addon.gpioV2) throw new Error("the station's addon was built without the GPIO v2 uAPI (kernel headers older than 5.10)");
  return addon;
};

const BIAS: Record<Bias, number> = { 'as-is': 0, 'pull-up': 1, 'pull-down': 2 };
const RISING = 1;

/** "gpiochip0" → /dev/gpiochip0; a path stays as it is. */
export const chipPath = (chip: string) => (chip.startsWith('/') ? chip : `/dev/${chip}`);

export function openCdevLine(addon: GpioCdevAddon, req: InputLineRequest): InputLine {
  const wantUs = Math.round((req.debounceMs ?? 0) * 1000);
  let fd: number;
  let appliedUs: number;
  try {
    ({ fd, debounceUs: appliedUs } = addon.gpioRequestInput(
      chipPath(req.chip),
      req.line,
      req.consumer ?? 'ktp-station',
      BIAS[req.bias ?? 'as-is'],
      wantUs,
    ));
  } catch (e) {
    throw gpioRequestError(req.chip, req.line, e);
  }
  const listeners = new EdgeListeners();
  const faults = new Listeners<DeviceError>();
  const read = (): Level => (addon.gpioRead(fd) ? 1 : 0);
  let last: Level | null = null;
  try {
    last = read();
  } catch {
    // the first event will tell
  }
  let closed = false;
  const watch = addon.gpioWatch(fd, (err, events) => {
    if (closed) return;
    if (err) return faults.emit(gpioLineFault(req.chip, req.line, err));
    for (let i = 0; i + 2 < (events?.length ?? 0); i += 3) {
      const level: Level = events![i] === RISING ? 1 : 0;
      if (level === last) continue;
      last = level;
      listeners.emit(level);
    }
  });
  const kernelDebounceMs = appliedUs / 1000;
  return {
    chip: req.chip,
    line: req.line,
    backend: 'cdev',
    note: kernelDebounceMs > 0 ? `kernel debounce ${kernelDebounceMs} ms` : '',
    debouncedMs: kernelDebounceMs,
    read,
    onEdge: (l) => listeners.add(l),
    onFault: (l) => faults.add(l),
    close: async () => {
      if (closed) return;
      closed = true;
      listeners.clear();
      faults.clear();
      addon.gpioUnwatch(watch);
      try {
        addon.gpioClose(fd);
      } catch {
        // already gone with its chip
      }
    },
  };
}
