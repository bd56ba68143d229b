/**
 * Bytes on the wire per ticket and print-call-to-last-byte latency, with the
 * real ESC/POS driver on one end of a socat pty pair and the printer simulator
 * on the other, at 19,200 and 115,200 baud.
 *
 *   npm run build && node dist/scripts/bench-ticket-wire.js [tickets per rate]
 *
 * A pty does not pace bytes to the baud rate, so the measured latency is the
 * software path (status check + write + pty); the time the bytes need on a
 * real UART is printed beside it as bytes × 10 / baud (8N1: 10 bits a byte).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PrintJob } from '../src/controller/ports.js';
import { driverContext } from '../src/drivers/context.js';
import { createPrinter } from '../src/drivers/printer/index.js';
import { encodeTicket, MAX_TICKET_BYTES } from '../src/drivers/printer/escpos.js';
import { EscPosPrinterSimulator } from '../src/drivers/printer/simulator.js';
import { serveOnPort } from '../src/drivers/transport/serial/serve-on-port.js';
import { systemClock } from '../src/shared/clock.js';
import { silentLogger } from '../src/shared/log.js';
import { builtInConfig } from '../src/config/defaults.js';
import { resolveConfig } from '../src/config/load.js';
import { startStation } from '../src/station.js';

const TICKETS = Number(process.argv[2] ?? 50);
const PRESSES = Math.min(TICKETS, 30);
const STATUS_BYTES_OUT = 4 * 3; // DLE EOT 1..4
const STATUS_BYTES_IN = 4;

/** The simulator, telling when the last byte of a ticket (the cut) arrived. */
class TimedPrinter extends EscPosPrinterSimulator {
  onCut: (() => void) | null = null;
  override fromHost(bytes: Buffer): void {
    const before = this.tickets().length;
    super.fromHost(bytes);
    if (this.tickets().length > before) this.onCut?.();
  }
}

const job = (n: number): PrintJob => ({
  stationName: 'Kecamatan Merek',
  regency: 'Kabupaten Karo',
  serviceCode: 'A',
  serviceName: 'Perekaman e-KTP',
  number: `A-${String(n).padStart(3, '0')}`,
  priority: n % 5 === 0,
  issuedAt: Date.parse('2026-11-28T08:05:00+07:00'),
  timeZone: 'Asia/Jakarta',
  ahead: n % 40,
  estimatedWaitMinutes: (n % 40) * 12,
});

const until = async (cond: () => boolean, what: string) => {
  const end = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
};

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** A socat pty pair with the printer simulator served on its far end, for one measurement. */
async function withPrinterOnPty(
  prefix: string,
  baudRate: number,
  body: (host: string, sim: TimedPrinter, dir: string) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const host = join(dir, 'host'),
    far = join(dir, 'printer');
  const socat = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${far}`], { stdio: 'ignore' });
  try {
    await until(() => existsSync(host) && existsSync(far), 'socat pty pair');
    const sim = new TimedPrinter('printer', systemClock);
    const served = await serveOnPort(sim, far, baudRate);
    try {
      await body(host, sim, dir);
    } finally {
      await served.close();
    }
  } finally {
    socat.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(baudRate: number): Promise<void> {
  await withPrinterOnPty('ktp-bench-', baudRate, async (host, sim) => {
    const ctx = driverContext({ clock: systemClock, log: silentLogger() });
    const { device } = createPrinter({ driver: 'escpos', port: host, baudRate, columns: 32 }, ctx);
    await device.start();
    await until(() => device.state().status === 'ok', 'printer ready');

    const toLastByte: number[] = [];
    const toResolve: number[] = [];
    const sizes: number[] = [];
    for (let i = 1; i <= TICKETS; i++) {
      let cutAt = 0;
      sim.onCut = () => (cutAt = performance.now());
      const t0 = performance.now();
      await device.print(job(i));
      const resolved = performance.now();
      await until(() => cutAt > 0, 'ticket at the printer');
      toResolve.push(resolved - t0);
      toLastByte.push(cutAt - t0);
      sizes.push(sim.tickets().at(-1)!.bytes);
    }
    await device.stop();

    const ticket = Math.max(...sizes);
    const wireMs = (n: number) => ((n * 10) / baudRate) * 1000;
    console.log(`\n${baudRate} baud, ${TICKETS} tickets over a pty`);
    console.log(`  ticket bytes on the wire: min ${Math.min(...sizes)}, max ${ticket} (limit ${MAX_TICKET_BYTES})`);
    console.log(`  plus status check per ticket: ${STATUS_BYTES_OUT} bytes out, ${STATUS_BYTES_IN} bytes back`);
    console.log(
      `  computed UART time (bytes x 10 / baud): ticket ${wireMs(ticket).toFixed(1)} ms, with status check ${wireMs(ticket + STATUS_BYTES_OUT + STATUS_BYTES_IN).toFixed(1)} ms`,
    );
    console.log(
      `  measured print() call -> last byte at the printer: median ${pct(toLastByte, 50).toFixed(2)} ms, p95 ${pct(toLastByte, 95).toFixed(2)} ms, max ${Math.max(...toLastByte).toFixed(2)} ms`,
    );
    console.log(
      `  measured print() call -> print() resolved:         median ${pct(toResolve, 50).toFixed(2)} ms, p95 ${pct(toResolve, 95).toFixed(2)} ms`,
    );
  });
}

/**
 * The whole path a resident starts: a (simulated) ticket button pressed →
 * debounce → ticket committed to SQLite → printed by the real ESC/POS driver
 * over a pty to the printer simulator. Timed from the finger going down to
 * the cut arriving at the printer.
 */
async function pressToLastByte(baudRate: number): Promise<void> {
  await withPrinterOnPty('ktp-bench-press-', baudRate, async (host, sim, dir) => {
    const config = builtInConfig();
    config.dataDir = join(dir, 'data');
    config.queue = { buttonMinIntervalMs: 0 };
    config.devices = { printer: { driver: 'escpos', port: host, baudRate, columns: 32 }, buttons: [{ driver: 'sim', service: 'A' }] };
    const station = await startStation({
      config: resolveConfig(config),
      log: silentLogger(),
      listen: false,
      testing: { waitForDevices: true },
    });
    await until(() => station.devices.get('printer')?.state().status === 'ok', 'printer ready');
    const times: number[] = [];
    for (let i = 0; i < PRESSES; i++) {
      let cutAt = 0;
      sim.onCut = () => (cutAt = performance.now());
      const t0 = performance.now();
      await station.simulators.buttons[0]!.press();
      await until(() => cutAt > 0, 'ticket at the printer').catch((err: Error) => {
        const failed = station.db.prepare("SELECT detail FROM journal WHERE kind = 'print-failed'").all();
        throw new Error(
          `${err.message}: ${station.queue.ticketsOfDay(station.queue.today()).length} issued, print failures ${JSON.stringify(failed)}`,
        );
      });
      times.push(cutAt - t0);
      // A finger lifts for longer than the debounce before the next press.
      await new Promise((r) => setTimeout(r, 100));
    }
    await station.close();
    const debounce = station.config.queue.buttonDebounceMs;
    console.log(
      `  button press -> last byte at the printer (${PRESSES} presses, includes the ${debounce} ms debounce and the fsync of the ticket):`,
    );
    console.log(
      `    median ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; on a real UART add the computed wire time above`,
    );
  });
}

console.log('Ticket on the wire: ESC/POS text mode, 58 mm paper (32 columns)');
console.log('Note: a pty does not pace bytes to the baud rate; the measured figures are the software path,');
console.log('      the computed UART time is what a real serial line at that rate adds.');
const sample = encodeTicket(job(7), { columns: 32 });
console.log(`Sample ticket A-007: ${sample.length} bytes`);
for (const baud of [19200, 115200]) {
  await run(baud);
  await pressToLastByte(baud);
}
