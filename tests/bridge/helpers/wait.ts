/** Waits on driver events with a safety timeout (no fixed sleeps). */
import type { BridgeReadings, CompanionBridge } from '../../../src/controller/ports.js';
import type { DeviceState } from '../../../src/controller/ports.js';

export function untilStatus(dev: CompanionBridge, pred: (s: DeviceState) => boolean, what: string, ms = 10_000): Promise<DeviceState> {
  return new Promise((resolve, reject) => {
    if (pred(dev.state())) return resolve(dev.state());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}; last: ${JSON.stringify(dev.state())}`));
    }, ms);
    const off = dev.onStatus((s) => {
      if (!pred(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

export function untilReadings(
  dev: CompanionBridge,
  pred: (r: BridgeReadings) => boolean,
  what: string,
  ms = 10_000,
): Promise<BridgeReadings> {
  return new Promise((resolve, reject) => {
    if (pred(dev.latest())) return resolve(dev.latest());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}; last: ${JSON.stringify(dev.latest())}`));
    }, ms);
    const off = dev.onReadings((r) => {
      if (!pred(r)) return;
      clearTimeout(timer);
      off();
      resolve(r);
    });
  });
}

export const near = (x: number | boolean | undefined, target: number, tol: number): boolean =>
  typeof x === 'number' && Math.abs(x - target) <= tol;
