/**
 * The e-KTP card reader as the composition root sees it: `pn532` over HSU on a
 * serial port, or `sim`, the built-in PN532 simulator on an in-process line.
 */
import type { CardReaderConfig } from '../../config/schema.js';
import type { CardReader } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { CardReaderSimulator } from '../sim/control.js';
import { hardwarePort, simulatedPort, type PortOpener } from '../transport/serial/open-port.js';
import { ReconnectingPort } from '../transport/serial/reconnecting-port.js';
import { Pn532Reader } from './driver.js';
import { Pn532Simulator } from './simulator.js';

export { Pn532Reader } from './driver.js';
export { Pn532Simulator } from './simulator.js';

/** PN532 HSU runs at 115200 baud out of the box. */
const DEFAULT_BAUD = 115200;

export function createCardReader(cfg: CardReaderConfig, ctx: DriverContext): { device: CardReader; simulator?: CardReaderSimulator } {
  const id = `card-reader-${cfg.counter}`;
  let open: PortOpener;
  let path: string;
  let baudRate = DEFAULT_BAUD;
  let simulator: Pn532Simulator | undefined;
  if (cfg.driver === 'sim') {
    path = `sim:${id}`;
    simulator = new Pn532Simulator(id, cfg.counter);
    open = simulatedPort(simulator, { path, baudRate });
  } else {
    path = cfg.port;
    baudRate = cfg.baudRate ?? DEFAULT_BAUD;
    open = hardwarePort({ path, baudRate });
  }
  const line = new ReconnectingPort({
    open, path, clock: ctx.clock, log: ctx.log.child({ ns: 'drivers.pn532.line', device: id }),
    initialDelayMs: ctx.timeouts.reopenInitialMs, maxDelayMs: ctx.timeouts.reopenMaxMs,
  });
  const device = new Pn532Reader(id, cfg.counter, line, ctx, baudRate);
  return simulator ? { device, simulator } : { device };
}
