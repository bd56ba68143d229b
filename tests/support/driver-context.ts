/**
 * The driver context every driver test builds its devices with: the test's
 * clock (a ManualClock moves only when the test says), a silent logger unless
 * the test reads the log, the station's default timeouts with the test's
 * overrides, and a simulated board of its own (one I2C bus, one gpiochip).
 */
import type { Clock } from '../../src/shared/clock.js';
import { silentLogger, type Logger } from '../../src/shared/log.js';
import { driverContext, type DriverContext, type DriverTimeouts } from '../../src/drivers/context.js';

export function testDriverContext(clock: Clock, opts: { log?: Logger; timeouts?: Partial<DriverTimeouts> } = {}): DriverContext {
  return driverContext({ clock, log: opts.log ?? silentLogger(), ...(opts.timeouts ? { timeouts: opts.timeouts } : {}) });
}
