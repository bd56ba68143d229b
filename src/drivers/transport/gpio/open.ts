/**
 * Opens an input line with the configured backend. `auto` takes the kernel's
 * GPIO uAPI v2 through the station's addon (edge events, kernel debounce) if
 * the addon built, else node-libgpiod if its native module loads (libgpiod
 * 1.x, polled), else onoff (sysfs). All three are optional, loaded only here
 * and only when needed; the device's status names the backend in use.
 */
import type { Clock } from '../../../shared/clock.js';
import { DeviceError } from '../../../shared/errors.js';
import type { GpioBackendChoice, GpioBackendName, InputLine, InputLineRequest } from './line.js';
import { loadLibgpiod, openLibgpiodLine, type LibgpiodModule } from './libgpiod-line.js';
import { loadCdev, openCdevLine, type GpioCdevAddon } from './cdev-line.js';
import { loadOnoff, openOnoffLine, type OnoffModule } from './onoff-line.js';

export interface GpioLoaders {
  cdev: () => Promise<GpioCdevAddon>;
  libgpiod: () => Promise<LibgpiodModule>;
  onoff: () => Promise<OnoffModule>;
  /** Root of sysfs (tests point it at a fake tree). */
  sysRoot: string;
}

export interface OpenLineOptions {
  backend?: GpioBackendChoice;
  clock: Clock;
  /** Poll period of backends without edge events (DriverTimeouts.gpioPollMs). */
  pollMs: number;
  loaders?: Partial<GpioLoaders>;
}

const defaultLoaders: GpioLoaders = { cdev: loadCdev, libgpiod: loadLibgpiod, onoff: loadOnoff, sysRoot: '/sys' };

/** Each loader runs once per process (a native module either loads or does not). */
const loaded = new Map<() => Promise<unknown>, Promise<unknown>>();
function once<T>(load: () => Promise<T>): Promise<T> {
  let p = loaded.get(load);
  if (!p) loaded.set(load, (p = load()));
  return p as Promise<T>;
}

/** "not installed" for a package npm left out (an optional addon that did not build), else the loader's first line. */
const why = (e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'MODULE_NOT_FOUND') return 'not installed';
  return err?.message?.split('\n')[0] ?? String(e);
};

/** What a technician installs to get a GPIO backend on the board. */
export const GPIO_INSTALL_ADVICE =
  "install one: apt-get install build-essential, then node scripts/build-native.mjs in the station folder (the station's own GPIO addon); " +
  'or apt-get install libgpiod-dev, then npm install (node-libgpiod, libgpiod 1.x); or a kernel with sysfs GPIO for onoff';

/** Which backend `auto` (or a fixed choice) ends up with, and why not the others. */
export async function detectGpioBackend(
  choice: GpioBackendChoice = 'auto',
  loaders: Partial<GpioLoaders> = {},
): Promise<
  { backend: 'cdev'; mod: GpioCdevAddon } | { backend: 'libgpiod'; mod: LibgpiodModule } | { backend: 'onoff'; mod: OnoffModule }
> {
  const l = { ...defaultLoaders, ...loaders };
  const failures: string[] = [];
  if (choice === 'auto' || choice === 'cdev') {
    try {
      return { backend: 'cdev', mod: await once(l.cdev) };
    } catch (e) {
      failures.push(`GPIO uAPI v2 addon did not load (${why(e)})`);
    }
  }
  if (choice === 'auto' || choice === 'libgpiod') {
    try {
      return { backend: 'libgpiod', mod: await once(l.libgpiod) };
    } catch (e) {
      failures.push(`node-libgpiod did not load (${why(e)})`);
    }
  }
  if (choice === 'auto' || choice === 'onoff') {
    try {
      return { backend: 'onoff', mod: await once(l.onoff) };
    } catch (e) {
      failures.push(`onoff did not load (${why(e)})`);
    }
  }
  throw new DeviceError('GPIO_NO_BACKEND', `no GPIO library: ${failures.join('; ')} — ${GPIO_INSTALL_ADVICE}`, {
    choice,
  });
}

export async function openInputLine(req: InputLineRequest, opts: OpenLineOptions): Promise<InputLine> {
  const l = { ...defaultLoaders, ...opts.loaders };
  let found;
  try {
    found = await detectGpioBackend(opts.backend ?? 'auto', l);
  } catch (e) {
    const err = e as DeviceError;
    throw new DeviceError(err.code, `cannot request ${req.chip} line ${req.line}: ${err.message}`, {
      chip: req.chip,
      line: req.line,
    });
  }
  if (found.backend === 'cdev') return openCdevLine(found.mod, req);
  return found.backend === 'libgpiod'
    ? openLibgpiodLine(found.mod, req, opts.clock, opts.pollMs)
    : openOnoffLine(found.mod, req, l.sysRoot);
}

export type { GpioBackendName };
