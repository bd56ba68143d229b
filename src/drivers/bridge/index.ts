/**
 * The companion board (ATmega328P with firmware-bridge): a real board on a
 * serial port, or the built-in simulator on an in-process line. Both run the
 * same FirmataBridge driver over johnny-five and firmata-io. Nothing else in
 * the station imports johnny-five.
 */
import type { BridgeConfig } from '../../config/schema.js';
import type { CompanionBridge } from '../../controller/ports.js';
import type { DriverContext } from '../context.js';
import type { BridgeSimulator } from '../../controller/sim-ports.js';
import { hardwarePort, simulatedPort, type PortOpener } from '../transport/serial/open-port.js';
import { resolveChannels, type BridgeChannel } from './channels.js';
import { FirmataBridge } from './driver.js';
import { FirmataBoardSimulator } from './simulator.js';

export { FirmataBridge, type FirmataBridgeOptions } from './driver.js';
export { FirmataBoardSimulator } from './simulator.js';
export { resolveChannels, defaultChannels, type BridgeChannel } from './channels.js';

export const BRIDGE_ID = 'bridge';
/** Firmata's customary rate, and what firmware-bridge runs at. */
export const BRIDGE_BAUD = 57_600;

function channelsOrError(cfg: BridgeConfig): BridgeChannel[] | Error {
  try {
    return resolveChannels(cfg.channels);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

export function createBridge(cfg: BridgeConfig, ctx: DriverContext): { device: CompanionBridge; simulator?: BridgeSimulator } {
  const log = ctx.log.child({ ns: 'drivers.bridge' });
  const t = ctx.timeouts;
  // A slower sampling rate stretches the silence that means a hung board to three missed reports at least.
  const timeouts =
    cfg.samplingMs !== undefined
      ? { ...t, bridgeSamplingMs: cfg.samplingMs, bridgeSilenceMs: Math.max(t.bridgeSilenceMs, 3 * cfg.samplingMs) }
      : t;
  const dctx = { ...ctx, log, timeouts };
  const channels = channelsOrError(cfg);
  if (cfg.driver === 'sim') {
    const simulator = new FirmataBoardSimulator(BRIDGE_ID, ctx.clock);
    // The simulated genset starts with a charged battery (12.6 V) and 80 % fuel, on mains.
    simulator.setInput('A0', 4200);
    simulator.setInput('A1', 4000);
    simulator.setInput(2, true);
    const line = { path: 'sim:bridge', baudRate: BRIDGE_BAUD };
    const toSim = simulatedPort(simulator, line);
    // Opening the port pulses DTR on a Nano's USB adapter, which reboots the board.
    const open: PortOpener = async () => {
      const port = await toSim();
      simulator.autoReset();
      return port;
    };
    const device = new FirmataBridge({ id: BRIDGE_ID, path: line.path, open, channels }, dctx);
    return { device, simulator };
  }
  const open = hardwarePort({ path: cfg.port, baudRate: cfg.baudRate ?? BRIDGE_BAUD });
  return { device: new FirmataBridge({ id: BRIDGE_ID, path: cfg.port, open, channels }, dctx) };
}
