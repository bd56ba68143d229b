/**
 * One error base for the station. `code` is stable (clients and tests match on
 * it); `status` is the HTTP status the API answers with.
 */
export class StationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'StationError';
  }
}

export const isStationError = (e: unknown): e is StationError => e instanceof StationError;

/**
 * Every code a driver reports about its device, in one place: a DeviceError's
 * `code` and a device status's `code`. Technicians' pages, alerts and tests
 * match on them, so a new code is added here first.
 */
export const DEVICE_ERROR_CODES = [
  // Serial lines
  'LINE_CLOSED',
  'LINE_WRITE',
  // I2C buses
  'I2C_NO_ANSWER',
  'I2C_NO_BUS',
  'I2C_DENIED',
  'I2C_BUSY',
  'I2C_UNSUPPORTED',
  'I2C_MODULE',
  'I2C_ERROR',
  // GPIO lines
  'GPIO_NO_BACKEND',
  'GPIO_REQUEST',
  'GPIO_LINE_LOST',
  // Ticket printer (the fault codes are also its status codes)
  'PRINTER_OFFLINE',
  'PRINTER_TIMEOUT',
  'PRINTER_GARBLED',
  'PRINTER_ERROR',
  'PAPER_OUT',
  'PAPER_NEAR_END',
  'COVER_OPEN',
  // PN532 card reader
  'PN532_BUSY',
  'PN532_NACK',
  'PN532_SYNTAX',
  'PN532_FIRMWARE',
  // Companion board
  'BRIDGE_CONFIG',
  // Any request that waited for a reply and got none in time
  'TIMEOUT',
] as const;

export type DeviceErrorCode = (typeof DEVICE_ERROR_CODES)[number];

/** Errors a driver raises about its device. Drivers retry every one of them with backoff. */
export class DeviceError extends StationError {
  declare readonly code: DeviceErrorCode;
  constructor(code: DeviceErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, 503, details);
    this.name = 'DeviceError';
  }
}

/** A request that waited for a reply and got none in time. */
export class TimeoutError extends DeviceError {
  constructor(what: string, ms: number) {
    super('TIMEOUT', `${what} timeout after ${ms} ms`, { ms });
    this.name = 'TimeoutError';
  }
}
