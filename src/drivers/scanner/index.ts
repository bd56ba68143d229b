/**
 * The barcode/QR scanner as the composition root sees it: `serial-line` on a
 * serial port, or `sim`, the built-in scanner simulator on an in-process line.
 */
import type { KioskScannerConfig, ScannerConfig } from '../../config/schema.js';
import type { BarcodeScanner, EntranceScanner } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { ScannerSimulator } from '../../controller/sim-ports.js';
import { serialLine } from '../transport/serial/line.js';
import { SerialLineScanner } from './driver.js';
import { SerialLineScannerSimulator } from './simulator.js';

export { SerialLineScanner } from './driver.js';
export { SerialLineScannerSimulator } from './simulator.js';
export { classifyCode, isValidNik, isSummonsCode } from './codes.js';

const DEFAULT_BAUD = 9600;

export function createScanner(cfg: ScannerConfig, ctx: DriverContext): { device: BarcodeScanner; simulator?: ScannerSimulator } {
  const id = `scanner-${cfg.counter}`;
  const simulator = cfg.driver === 'sim' ? new SerialLineScannerSimulator(id, cfg.counter) : undefined;
  const path = cfg.driver === 'sim' ? `sim:${id}` : cfg.port;
  const baudRate = (cfg.driver === 'sim' ? undefined : cfg.baudRate) ?? DEFAULT_BAUD;
  const line = serialLine({ path, baudRate, simulator, ns: 'drivers.scanner.line', device: id }, ctx);
  const device = new SerialLineScanner(id, cfg.counter, line, ctx, path, baudRate);
  return simulator ? { device, simulator } : { device };
}

/** Id of the entrance scanner in /api/v1/devices. */
export const KIOSK_SCANNER_ID = 'kiosk-scanner';

/** The entrance scanner (`devices.kioskScanner`): the same serial-line driver, belonging to no counter. */
export function createKioskScanner(cfg: KioskScannerConfig, ctx: DriverContext): { device: EntranceScanner; simulator?: ScannerSimulator } {
  const id = KIOSK_SCANNER_ID;
  const simulator = cfg.driver === 'sim' ? new SerialLineScannerSimulator(id, 0) : undefined;
  const path = cfg.driver === 'sim' ? `sim:${id}` : cfg.port;
  const baudRate = (cfg.driver === 'sim' ? undefined : cfg.baudRate) ?? DEFAULT_BAUD;
  const line = serialLine({ path, baudRate, simulator, ns: 'drivers.scanner.line', device: id }, ctx);
  const device = new SerialLineScanner(id, 0, line, ctx, path, baudRate);
  return simulator ? { device, simulator } : { device };
}
