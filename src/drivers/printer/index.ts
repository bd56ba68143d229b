/**
 * The ticket printer as the composition root sees it: `escpos` on a serial
 * port, or `sim`, the built-in ESC/POS simulator on an in-process line.
 */
import type { PrinterConfig } from '../../config/schema.js';
import type { TicketPrinter } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { PrinterSimulator } from '../sim/control.js';
import { hardwarePort, simulatedPort, type PortOpener } from '../transport/serial/open-port.js';
import { ReconnectingPort } from '../transport/serial/reconnecting-port.js';
import { EscPosPrinter } from './driver.js';
import { EscPosPrinterSimulator } from './simulator.js';

export { EscPosPrinter } from './driver.js';
export { EscPosPrinterSimulator } from './simulator.js';
export { encodeTicket, MAX_TICKET_BYTES } from './escpos.js';

export const PRINTER_ID = 'printer';
const DEFAULT_BAUD = 19200;
const DEFAULT_COLUMNS = 32;

export function createPrinter(cfg: PrinterConfig, ctx: DriverContext): { device: TicketPrinter; simulator?: PrinterSimulator } {
  const columns = cfg.columns ?? DEFAULT_COLUMNS;
  let open: PortOpener;
  let path: string;
  let baudRate = DEFAULT_BAUD;
  let simulator: EscPosPrinterSimulator | undefined;
  if (cfg.driver === 'sim') {
    path = `sim:${PRINTER_ID}`;
    simulator = new EscPosPrinterSimulator(PRINTER_ID, ctx.clock);
    open = simulatedPort(simulator, { path, baudRate });
  } else {
    path = cfg.port;
    baudRate = cfg.baudRate ?? DEFAULT_BAUD;
    open = hardwarePort({ path, baudRate });
  }
  const line = new ReconnectingPort({
    open, path, clock: ctx.clock, log: ctx.log.child({ ns: 'drivers.printer.line' }),
    initialDelayMs: ctx.timeouts.reopenInitialMs, maxDelayMs: ctx.timeouts.reopenMaxMs,
  });
  const device = new EscPosPrinter(PRINTER_ID, line, ctx, { columns, baudRate });
  return simulator ? { device, simulator } : { device };
}
