/**
 * The station's serial drivers, built by their factories from hardware config
 * on /dev/ttyS1, with the station's own device simulators answering on
 * /dev/ttyS2: two real 8250 UARTs wired together.
 */
import { createCardReader } from '../../../src/drivers/card-reader/index.js';
import { Pn532Simulator } from '../../../src/drivers/card-reader/simulator.js';
import { createPrinter } from '../../../src/drivers/printer/index.js';
import { EscPosPrinterSimulator } from '../../../src/drivers/printer/simulator.js';
import { createScanner } from '../../../src/drivers/scanner/index.js';
import { SerialLineScannerSimulator } from '../../../src/drivers/scanner/simulator.js';
import { serveOnPort } from '../../../src/drivers/transport/serial/serve-on-port.js';
import type { SerialDeviceSimulator } from '../../../src/drivers/transport/serial/device-simulator.js';
import type { CardTap, PrintJob, Scan } from '../../../src/controller/ports.js';
import { systemClock } from '../../../src/shared/clock.js';
import { SerialPort } from 'serialport';
import { ctx, statusBecomes, using } from './context.js';
import { hil } from './env.js';
import { eventually, expect, expectEqual, group } from './harness.js';

const g = group('serial-drivers');
export default g;

/**
 * Reads both UARTs dry: bytes the previous device's exchange left in flight would
 * otherwise greet the next driver (on site every device has its own wire).
 */
async function quietWire(): Promise<void> {
  const ports = [hil.uartA(), hil.uartB()].map((path) => new SerialPort({ path, baudRate: 115200, autoOpen: false }));
  await Promise.all(ports.map((p) => new Promise<void>((resolve, reject) => p.open((e) => (e ? reject(e) : resolve())))));
  let last = Date.now();
  for (const p of ports) p.on('data', () => (last = Date.now()));
  await eventually(() => Date.now() - last > 150, 'the wire to fall quiet');
  await Promise.all(ports.map((p) => new Promise<void>((resolve) => p.close(() => resolve()))));
}

/** Serves a simulator on the far UART for the length of `body`. */
async function served<S extends SerialDeviceSimulator>(sim: S, baudRate: number, body: (sim: S) => Promise<void>): Promise<void> {
  await quietWire();
  const port = await serveOnPort(sim, hil.uartB(), baudRate);
  try {
    await body(sim);
  } finally {
    await port.close();
  }
}

g.check('ESC/POS printer: a queue ticket crosses the UARTs and is cut', async () => {
  const job: PrintJob = {
    stationName: 'Kecamatan Contoh',
    regency: 'Kabupaten Contoh',
    serviceCode: 'A',
    serviceName: 'Perekaman e-KTP',
    number: 'A-007',
    priority: false,
    issuedAt: Date.UTC(2026, 10, 2, 1, 30),
    timeZone: 'Asia/Jakarta',
    ahead: 3,
    estimatedWaitMinutes: 12,
  };
  await served(new EscPosPrinterSimulator('printer', systemClock), 19200, async (sim) => {
    const { device } = createPrinter({ driver: 'escpos', port: hil.uartA(), baudRate: 19200, columns: 32 }, ctx);
    await using(device, async (p) => {
      await statusBecomes(p, 'ok');
      await p.print(job);
      await eventually(() => sim.tickets().length === 1, 'the cut ticket at the printer');
      const ticket = sim.tickets()[0]!;
      expect(ticket.text.includes('A-007') || ticket.text.includes('A 007'), `ticket shows the number:\n${ticket.text}`);
      expect(ticket.text.includes(job.stationName), `ticket names the office:\n${ticket.text}`);
      expect(ticket.bytes > 0, 'bytes counted');
    });
  });
});

g.check('PN532 card reader: a tapped card reaches the counter', async () => {
  await served(new Pn532Simulator('card-reader-1', 1), 115200, async (sim) => {
    const { device } = createCardReader({ driver: 'pn532', port: hil.uartA(), counter: 1 }, ctx);
    await using(device, async (r) => {
      const taps: CardTap[] = [];
      r.onCard((tap) => taps.push(tap));
      await statusBecomes(r, 'ok');
      sim.tap('04A1B2C3D4E5F6');
      await eventually(() => taps.length > 0, 'the tap');
      expectEqual(taps[0], { uid: '04A1B2C3D4E5F6', type: 'A' }, 'card seen');
    });
  });
});

g.check('serial-line scanner: a scanned code reaches the counter', async () => {
  await served(new SerialLineScannerSimulator('scanner-1', 1), 9600, async (sim) => {
    const { device } = createScanner({ driver: 'serial-line', port: hil.uartA(), counter: 1 }, ctx);
    await using(device, async (s) => {
      const scans: Scan[] = [];
      s.onScan((scan) => scans.push(scan));
      await statusBecomes(s, 'ok');
      sim.scan('SKT-2026-000123');
      await eventually(() => scans.length > 0, 'the scan');
      expectEqual(scans[0]?.code, 'SKT-2026-000123', 'code as scanned');
    });
  });
});
