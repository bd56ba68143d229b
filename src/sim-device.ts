/**
 * `ktp-station sim-device KIND --port PATH [--card UID]…` (CONTRACT v2): one
 * built-in serial simulator served on a serial device path, one end of a
 * pseudo-terminal pair say, until SIGTERM, so that programs nobody here wrote
 * (libnfc's nfc-list and nfc-poll, an ESC/POS library) can talk to it.
 *
 *   pn532    the card reader; `--card UID` lays a card on it (hex, 4/7/10 bytes;
 *            `B:` + 4 bytes for a type B card). Lines on stdin: `tap UID`,
 *            `rest UID`, `remove` (every card taken away).
 *   printer  the ESC/POS ticket printer; each ticket, decoded to text, is
 *            printed to stdout as its cut arrives, then a line `--- cut`.
 *   scanner  the serial barcode scanner; each line on stdin is scanned.
 * pn532 and printer also take `fault offline|garbled|stall|paper-out|none` on stdin
 * (a scanner sends every line, whatever it says).
 * Prints `ready PATH` once it listens.
 */
import { createInterface } from 'node:readline';
import { systemClock } from './shared/clock.js';
import type { SimFault } from './controller/sim-ports.js';
import type { SerialDeviceSimulator } from './drivers/transport/serial/device-simulator.js';

export const SIM_DEVICE_KINDS = ['pn532', 'printer', 'scanner'] as const;
export type SimDeviceKind = (typeof SIM_DEVICE_KINDS)[number];

export interface SimDeviceOptions {
  kind: string | undefined;
  port: string | undefined;
  cards: string[];
  baudRate: number;
}

interface Served {
  device: SerialDeviceSimulator & { injectFault(f: SimFault): void };
  /** A line typed on stdin; false when it meant nothing. */
  command(line: string): boolean;
}

/** Runs until SIGTERM/SIGINT; resolves with the exit code. */
export async function simDevice(opts: SimDeviceOptions): Promise<number> {
  const kind = opts.kind as SimDeviceKind;
  if (!SIM_DEVICE_KINDS.includes(kind)) {
    console.error(`sim-device needs a kind: ${SIM_DEVICE_KINDS.join(', ')}`);
    return 2;
  }
  if (!opts.port) {
    console.error('sim-device needs --port PATH (a serial device, e.g. one end of `socat -d -d pty,raw,echo=0 pty,raw,echo=0`)');
    return 2;
  }
  let served: Served;
  try {
    served = await build(kind, opts.cards);
  } catch (err) {
    console.error(`sim-device ${kind}: ${(err as Error).message}`);
    return 2;
  }
  const { serveOnPort } = await import('./drivers/transport/serial/serve-on-port.js');
  let port;
  try {
    port = await serveOnPort(served.device, opts.port, opts.baudRate);
  } catch (err) {
    console.error(`sim-device ${kind}: cannot open ${opts.port}: ${(err as Error).message}`);
    return 1;
  }
  console.log(`ready ${opts.port}`);

  const input = createInterface({ input: process.stdin, terminal: false });
  input.on('line', (raw) => {
    const line = raw.trim();
    if (!line) return;
    const fault = kind !== 'scanner' ? /^fault\s+(\S+)$/.exec(line) : null;
    try {
      if (fault) served.device.injectFault(fault[1] as SimFault);
      else if (!served.command(line)) console.error(`sim-device ${kind}: not understood: ${line}`);
    } catch (err) {
      console.error(`sim-device ${kind}: ${(err as Error).message}`);
    }
  });

  return new Promise<number>((resolve) => {
    const stop = () => {
      input.close();
      void port.close().then(() => resolve(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

async function build(kind: SimDeviceKind, cards: string[]): Promise<Served> {
  if (kind === 'pn532') {
    const { Pn532Simulator } = await import('./drivers/card-reader/simulator.js');
    const reader = new Pn532Simulator('sim-device-pn532', 1);
    const parse = (arg: string): [string, 'A' | 'B'] => (/^B:/i.test(arg) ? [arg.slice(2), 'B'] : [arg.replace(/^A:/i, ''), 'A']);
    for (const c of cards) reader.rest(...parse(c));
    return {
      device: reader,
      command(line) {
        const [verb, arg] = line.split(/\s+/);
        if (verb === 'remove' && !arg) reader.rest(null);
        else if ((verb === 'tap' || verb === 'rest') && arg) reader[verb](...parse(arg));
        else return false;
        return true;
      },
    };
  }
  if (kind === 'printer') {
    const { EscPosPrinterSimulator } = await import('./drivers/printer/simulator.js');
    const printer = new EscPosPrinterSimulator('sim-device-printer', systemClock, 20);
    printer.onTicket((t) => console.log(`${t.text}\n--- cut (${t.bytes} bytes)`));
    return { device: printer, command: () => false };
  }
  const { SerialLineScannerSimulator } = await import('./drivers/scanner/simulator.js');
  const scanner = new SerialLineScannerSimulator('sim-device-scanner', 1);
  return {
    device: scanner,
    command(line) {
      scanner.scan(line);
      return true;
    },
  };
}
