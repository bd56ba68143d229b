/**
 * `--sim-clock 2026-12-01T07:30:00+07:00`: the station on a stopped clock that
 * only POST /api/v1/sim/clock moves. Refused unless every device is
 * simulated: a real printer or sense line lives in real time.
 */
import type { ResolvedConfig } from './config/load.js';
import { SimClock } from './shared/sim-clock.js';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Paths of devices that are not `driver: sim` (`devices.printer (escpos)`). */
export function realDevices(config: ResolvedConfig): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(config.devices ?? {})) {
    const list = Array.isArray(value) ? value : [value];
    list.forEach((d, i) => {
      const driver = (d as { driver?: string } | undefined)?.driver;
      if (driver !== undefined && driver !== 'sim') out.push(`devices.${key}${Array.isArray(value) ? `[${i}]` : ''} (${driver})`);
    });
  }
  return out;
}

/** The clock for `--sim-clock VALUE`, or the reason it cannot be had. */
export function simClockOption(config: ResolvedConfig, value: string, onError?: (err: unknown) => void): SimClock | { error: string } {
  if (!ISO_WITH_OFFSET.test(value) || Number.isNaN(Date.parse(value)))
    return { error: `--sim-clock needs a time with its offset, like 2026-12-01T07:30:00+07:00 (got "${value}")` };
  const real = realDevices(config);
  if (real.length > 0)
    return {
      error: `--sim-clock runs only with every device simulated (driver: sim); these are real: ${real.join(', ')}`,
    };
  return new SimClock(Date.parse(value), onError);
}

/**
 * Device polling on the simulated clock: a card tap or a printer's paper
 * state is looked at every 5 s and 60 s instead of every 250 ms and 10 s.
 * Nobody waits in real time there, and each poll costs real CPU on the way
 * through a simulated day; replies still come back within the drivers' own
 * timeouts, which stay as they are.
 */
export const SIM_CLOCK_TIMEOUTS = { pn532PollMs: 5_000, printerStatusPollMs: 60_000 } as const;
