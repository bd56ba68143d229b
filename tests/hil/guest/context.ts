/** The driver context of the guest programs: the real clock, logs only when something goes wrong. */
import { driverContext, type DriverContext } from '../../../src/drivers/context.js';
import type { Device, DeviceState } from '../../../src/controller/ports.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/log.js';
import { eventually } from './harness.js';

export const ctx: DriverContext = driverContext({
  clock: systemClock,
  log: createLogger({ level: 'error', pretty: false, destination: process.stderr }),
  // Emulated CPUs on a busy host answer slower than a PN532 or printer on a
  // real wire: the VM tier checks protocol and kernel paths, not latency.
  timeouts: {
    reopenInitialMs: 200,
    reopenMaxMs: 1_000,
    pn532AckMs: 1_000,
    pn532ResponseMs: 3_000,
    printerStatusMs: 3_000,
  },
});

/** Waits until the device reports `status`; the failure names what it said instead. */
export async function statusBecomes(device: Device, status: DeviceState['status'], withinMs = 10_000): Promise<DeviceState> {
  await eventually(
    () => device.state().status === status,
    () => `${device.id} to be ${status} (it says ${JSON.stringify(device.state())})`,
    withinMs,
  );
  return device.state();
}

/** Starts a device, runs `body`, and always stops it. */
export async function using<D extends Device>(device: D, body: (d: D) => Promise<void>): Promise<void> {
  await device.start();
  try {
    await body(device);
  } finally {
    await device.stop();
  }
}
