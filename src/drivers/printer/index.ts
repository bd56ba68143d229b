/**
 * The ticket printer as the composition root sees it: `escpos` on a serial
 * port, or `sim`, the built-in ESC/POS simulator on an in-process line.
 */
import type { PrinterConfig } from '../../config/schema.js';
import type { TicketPrinter } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { PrinterSimulator } from '../../controller/sim-ports.js';
import { serialLine } from '../transport/serial/line.js';
import { EscPosPrinter } from './driver.js';
import { EscPosPrinterSimulator } from './simulator.js';

export { EscPosPrinter } from './driver.js';
export { EscPosPrinterSimulator } from './simulator.js';
export { encodeTicket, MAX_TICKET_BYTES } from './escpos.js';

export const PRINTER_ID = 'printer';
const DEFAULT_BAUD = 19200;
const DEFAULT_COLUMNS = 32; // 58 mm paper

export function createPrinter(cfg: PrinterConfig, ctx: DriverContext): { device: TicketPrinter; simulator?: PrinterSimulator } {
  const simulator = cfg.driver === 'sim' ? new EscPosPrinterSimulator(PRINTER_ID, ctx.clock) : undefined;
  const path = cfg.driver === 'sim' ? `sim:${PRINTER_ID}` : cfg.port;
  const baudRate = (cfg.driver === 'sim' ? undefined : cfg.baudRate) ?? DEFAULT_BAUD;
  const line = serialLine({ path, baudRate, simulator, ns: 'drivers.printer.line', device: PRINTER_ID }, ctx);
  const device = new EscPosPrinter(PRINTER_ID, line, ctx, { columns: cfg.columns ?? DEFAULT_COLUMNS, baudRate });
  return simulator ? { device, simulator } : { device };
}
