/**
 * The serial line a driver talks through, built the same way for every serial
 * device: a real port (with a check that its device node is still there) or
 * the device's simulator on an in-process line, reopened with backoff.
 */
import { existsSync } from 'node:fs';
import type { Clock } from '../../../shared/clock.js';
import type { Logger } from '../../../shared/log.js';
import type { SerialDeviceSimulator } from './device-simulator.js';
import { hardwarePort, simulatedPort } from './open-port.js';
import { ReconnectingPort } from './reconnecting-port.js';

export interface LineSpec {
  path: string;
  baudRate: number;
  /** When set, the line leads to this simulator instead of a device node. */
  simulator?: SerialDeviceSimulator;
  /** Logger namespace, e.g. 'drivers.printer.line'. */
  ns: string;
  device: string;
}

/** What a line needs from whoever opens it: a clock, a logger and its reopen backoff. */
export interface LineContext {
  clock: Clock;
  log: Logger;
  timeouts: { reopenInitialMs: number; reopenMaxMs: number; serialPresenceCheckMs: number };
}

export function serialLine(spec: LineSpec, ctx: LineContext): ReconnectingPort {
  const line = { path: spec.path, baudRate: spec.baudRate };
  return new ReconnectingPort({
    open: spec.simulator ? simulatedPort(spec.simulator, line) : hardwarePort(line),
    present: spec.simulator ? undefined : () => existsSync(spec.path),
    presenceCheckMs: ctx.timeouts.serialPresenceCheckMs,
    path: spec.path,
    clock: ctx.clock,
    log: ctx.log.child({ ns: spec.ns, device: spec.device }),
    initialDelayMs: ctx.timeouts.reopenInitialMs,
    maxDelayMs: ctx.timeouts.reopenMaxMs,
  });
}
