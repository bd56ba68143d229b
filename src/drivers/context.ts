import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/log.js';
import { SimulatedBoard } from './sim-board.js';

/** Timeouts and retry limits of every driver, in one place (milliseconds). */
export interface DriverTimeouts {
  /** Reopen backoff after a port or bus disappears: first delay, doubling, capped. */
  reopenInitialMs: number;
  reopenMaxMs: number;
  /** PN532: ACK frame after a command, then the response frame. */
  pn532AckMs: number;
  pn532ResponseMs: number;
  /** Gap between InListPassiveTarget polls. */
  pn532PollMs: number;
  /** Printer: answer to a DLE EOT status request. */
  printerStatusMs: number;
  /** How often a printer's status is polled while idle: a printer that cannot print is a technician alert within 2 s. */
  printerStatusPollMs: number;
  /** GPIO polling period where the backend has no edge events (libgpiod 1.x). */
  gpioPollMs: number;
}

export const defaultTimeouts: DriverTimeouts = {
  reopenInitialMs: 500,
  reopenMaxMs: 30_000,
  pn532AckMs: 50,
  pn532ResponseMs: 1_000,
  pn532PollMs: 250,
  printerStatusMs: 500,
  printerStatusPollMs: 1_000,
  gpioPollMs: 10,
};

/** What every driver factory receives from the composition root. */
export interface DriverContext {
  clock: Clock;
  /** The station's root logger: each driver names itself with one child({ ns }). */
  log: Logger;
  timeZone: string;
  timeouts: DriverTimeouts;
  /** Where `driver: sim` devices hang: the station's one simulated I2C bus and gpiochip. */
  board: SimulatedBoard;
}

/** A driver context with every timeout defaulted, and a simulated board of its own unless one is given. */
export function driverContext(parts: {
  clock: Clock;
  log: Logger;
  timeZone?: string;
  timeouts?: Partial<DriverTimeouts>;
  board?: SimulatedBoard;
}): DriverContext {
  return {
    clock: parts.clock,
    log: parts.log,
    timeZone: parts.timeZone ?? 'Asia/Jakarta',
    timeouts: { ...defaultTimeouts, ...parts.timeouts },
    board: parts.board ?? new SimulatedBoard(),
  };
}
