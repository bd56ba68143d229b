/**
 * The e-KTP card reader as the composition root sees it: `pn532` over HSU on a
 * serial port, or `sim`, the built-in PN532 simulator on an in-process line.
 */
import type { CardReaderConfig } from '../../config/schema.js';
import type { CardReader } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { CardReaderSimulator } from '../../controller/sim-ports.js';
import { serialLine } from '../transport/serial/line.js';
import { Pn532Reader } from './driver.js';
import { Pn532Simulator } from './simulator.js';

export { Pn532Reader } from './driver.js';
export { Pn532Simulator } from './simulator.js';

/** PN532 HSU runs at 115200 baud out of the box. */
const DEFAULT_BAUD = 115200;

export function createCardReader(cfg: CardReaderConfig, ctx: DriverContext): { device: CardReader; simulator?: CardReaderSimulator } {
  const id = `card-reader-${cfg.counter}`;
  const simulator = cfg.driver === 'sim' ? new Pn532Simulator(id, cfg.counter) : undefined;
  const path = cfg.driver === 'sim' ? `sim:${id}` : cfg.port;
  const baudRate = (cfg.driver === 'sim' ? undefined : cfg.baudRate) ?? DEFAULT_BAUD;
  const line = serialLine({ path, baudRate, simulator, ns: 'drivers.pn532.line', device: id }, ctx);
  const device = new Pn532Reader(id, cfg.counter, line, ctx, baudRate);
  return simulator ? { device, simulator } : { device };
}
