/**
 * Input lines through the kernel's GPIO character-device uAPI v2, with the
 * station's own addon (src/native/gpio_v2.c): edges arrive as kernel events
 * on the line's file descriptor (no polling), and the kernel debounces them
 * (GPIO_V2_LINE_ATTR_ID_DEBOUNCE: in the chip where it can, else in
 * gpiolib-cdev). Works with any kernel from 5.10 on — Raspberry Pi OS bookworm
 * and trixie alike, whatever libgpiod version the OS ships, since libgpiod is
 * not used at all.
 */
import { loadNative } from '../../../native/load.js';
import type { Bias, InputLine, InputLineRequest, Level } from './line.js';
import { LineHandle, gpioLineFault, gpioRequestError } from './line.js';

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
  const read = (): Level => (addon.gpioRead(fd) ? 1 : 0);
  let first: Level | null = null;
  try {
    first = read();
  } catch {
    // the first event will tell
  }
  const h = new LineHandle(first);
  const watch = addon.gpioWatch(fd, (err, events) => {
    if (h.closed) return;
    if (err) return h.fault(gpioLineFault(req.chip, req.line, err));
    for (let i = 0; i + 2 < (events?.length ?? 0); i += 3) h.saw(events![i] === RISING ? 1 : 0);
  });
  const kernelDebounceMs = appliedUs / 1000;
  const note = kernelDebounceMs > 0 ? `kernel debounce ${kernelDebounceMs} ms` : '';
  return h.line({ chip: req.chip, line: req.line, backend: 'cdev', note, debouncedMs: kernelDebounceMs, read }, () => {
    addon.gpioUnwatch(watch);
    try {
      addon.gpioClose(fd);
    } catch {
      // already gone with its chip
    }
  });
}
