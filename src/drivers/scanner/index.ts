/**
 * The barcode/QR scanner as the composition root sees it: `serial-line` on a
 * serial port, or `sim`, the built-in scanner simulator on an in-process line.
 */
import type { ScannerConfig } from '../../config/schema.js';
import type { BarcodeScanner } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { ScannerSimulator } from '../sim/control.js';
import { hardwarePort, simulatedPort, type PortOpener } from '../transport/serial/open-port.js';
import { ReconnectingPort } from '../transport/serial/reconnecting-port.js';
import { SerialLineScanner } from './driver.js';
import { SerialLineScannerSimulator } from './simulator.js';

export { SerialLineScanner } from './driver.js';
export { SerialLineScannerSimulator } from './simulator.js';
export { classifyCode, isValidNik, isSummonsCode } from './codes.js';

const DEFAULT_BAUD = 9600;

export function createScanner(cfg: ScannerConfig, ctx: DriverContext): { device: BarcodeScanner; simulator?: ScannerSimulator } {
  const id = `scanner-${cfg.counter}`;
  let open: PortOpener;
  let path: string;
  let baudRate = DEFAULT_BAUD;
  let simulator: SerialLineScannerSimulator | undefined;
  if (cfg.driver === 'sim') {
    path = `sim:${id}`;
    simulator = new SerialLineScannerSimulator(id, cfg.counter);
    open = simulatedPort(simulator, { path, baudRate });
  } else {
    path = cfg.port;
    baudRate = cfg.baudRate ?? DEFAULT_BAUD;
    open = hardwarePort({ path, baudRate });
  }
  const line = new ReconnectingPort({
    open, path, clock: ctx.clock, log: ctx.log.child({ ns: 'drivers.scanner.line', device: id }),
    initialDelayMs: ctx.timeouts.reopenInitialMs, maxDelayMs: ctx.timeouts.reopenMaxMs,
  });
  const device = new SerialLineScanner(id, cfg.counter, line, ctx, path, baudRate);
  return simulator ? { device, simulator } : { device };
}
