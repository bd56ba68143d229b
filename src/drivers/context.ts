import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/log.js';
import { SimulatedBoard } from './sim-board.js';

/**
 * Every wait, period and retry limit of the drivers, in one place
 * (milliseconds). A device's own config (a display's blink, the supply
 * monitor's sampleMs, the buttons' debounce) overrides its default here.
 */
export interface DriverTimeouts {
  /** Reopen backoff after a line, chip or board disappears: first delay, doubling, capped. */
  reopenInitialMs: number;
  reopenMaxMs: number;
  /** How often an open serial line checks that its device node (/dev/ttyUSB0) is still there. */
  serialPresenceCheckMs: number;
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
  /** A ticket button's contacts settle within this (config: queue.buttonDebounceMs). */
  buttonDebounceMs: number;
  /** Held down this long, a ticket button is reported stuck (or its wire touches ground). */
  buttonStuckMs: number;
  /** A mains or genset sense line must hold a level this long to count. */
  senseDebounceMs: number;
  /** HT16K33: how long a recalled number blinks before it holds steady. */
  displayBlinkMs: number;
  /** HT16K33: period of the full-state refresh that finds a display gone and repairs one that lost its RAM. */
  displayRefreshMs: number;
  /** INA219: sampling period of the supply monitor (config: devices.powerMonitor.sampleMs). */
  supplySampleMs: number;
  /** Companion board: from opening its line to Firmata "ready" (version, name, capabilities, analog mapping). */
  bridgeHandshakeMs: number;
  /** Companion board: ask for its version if it has not announced itself by then (a Nano's bootloader runs ~1-2 s). */
  bridgeReportVersionAfterMs: number;
  /** Companion board: no report at all for this long while analog channels report means it hung. */
  bridgeSilenceMs: number;
  /** Companion board: Firmata analog sampling interval (config: devices.bridge.samplingMs). */
  bridgeSamplingMs: number;
}

export const defaultTimeouts: DriverTimeouts = {
  reopenInitialMs: 500,
  reopenMaxMs: 30_000,
  serialPresenceCheckMs: 500,
  pn532AckMs: 50,
  pn532ResponseMs: 1_000,
  pn532PollMs: 250,
  printerStatusMs: 500,
  printerStatusPollMs: 1_000,
  gpioPollMs: 10,
  buttonDebounceMs: 30,
  buttonStuckMs: 60_000,
  senseDebounceMs: 50,
  displayBlinkMs: 5_000,
  displayRefreshMs: 15_000,
  supplySampleMs: 1_000,
  bridgeHandshakeMs: 6_000,
  bridgeReportVersionAfterMs: 2_500,
  bridgeSilenceMs: 3_000,
  bridgeSamplingMs: 100,
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
