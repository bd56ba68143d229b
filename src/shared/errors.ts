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

/** Errors a driver raises about its device. Drivers retry every one of them with backoff; `recoverable` is not read. */
export class DeviceError extends StationError {
  constructor(
    code: string,
    message: string,
    readonly recoverable = true,
    details?: Record<string, unknown>,
  ) {
    super(code, message, 503, details);
    this.name = 'DeviceError';
  }
}

/** A request that waited for a reply and got none in time. */
export class TimeoutError extends DeviceError {
  constructor(what: string, ms: number) {
    super('TIMEOUT', `${what} timeout after ${ms} ms`, true, { ms });
    this.name = 'TimeoutError';
  }
}
