import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';
import { DeviceError } from '../../src/shared/errors.js';
import { defaultTimeouts } from '../../src/drivers/context.js';
import type { PrintJob } from '../../src/controller/ports.js';
import { createPrinter, encodeTicket } from '../../src/drivers/printer/index.js';
import type { EscPosPrinterSimulator } from '../../src/drivers/printer/simulator.js';
import { settle, waitFor } from '../support/wait.js';
import { testDriverContext } from '../support/driver-context.js';

const job: PrintJob = {
  stationName: 'Kecamatan Merek',
  regency: 'Kabupaten Karo',
  serviceCode: 'A',
  serviceName: 'Perekaman e-KTP',
  number: 'A-007',
  priority: false,
  issuedAt: Date.parse('2026-11-28T08:05:00+07:00'),
  timeZone: 'Asia/Jakarta',
  ahead: 3,
  estimatedWaitMinutes: 25,
};

async function rig(t: { teardown(fn: () => unknown): void }) {
  const clock = new ManualClock('2026-11-28T08:05:00+07:00');
  const ctx = testDriverContext(clock);
  const { device, simulator } = createPrinter({ driver: 'sim' }, ctx);
  const sim = simulator as EscPosPrinterSimulator;
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'printer ready');
  return { clock, device, sim };
}

const rejection = async (p: Promise<unknown>): Promise<DeviceError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DeviceError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};

t.test('a ticket goes through the simulated printer and reads back as text', async (t) => {
  const { device, sim } = await rig(t);
  t.equal(device.id, 'printer');
  t.equal(device.state().detail, 'ready');
  await device.print(job);
  const [ticket] = sim.tickets();
  t.ok(ticket, 'one ticket printed');
  t.match(ticket!.text, /^\[3x3\] A-007$/m);
  t.match(ticket!.text, /Antrean di depan Anda: 3/);
  t.equal(ticket!.bytes, encodeTicket(job, { columns: 32 }).length, 'status requests are not counted as ticket bytes');
  t.not(device.state().lastSeen, null);
});

t.test('paper out: print rejects PAPER_OUT, nothing is printed, the fault is shown until cleared', async (t) => {
  const { device, sim } = await rig(t);
  sim.injectFault('paper-out');
  const err = await rejection(device.print(job));
  t.equal(err.code, 'PAPER_OUT');
  t.equal(sim.tickets().length, 0);
  t.same([device.state().status, device.state().detail], ['fault', 'paper end: load a new paper roll']);
  sim.injectFault('none');
  await device.print(job);
  t.equal(sim.tickets().length, 1);
  t.equal(device.state().status, 'ok');
});

t.test('paper near end is degraded but still prints; an open cover refuses', async (t) => {
  const { device, sim } = await rig(t);
  sim.setPaper('near-end');
  await device.print(job);
  t.equal(sim.tickets().length, 1);
  t.same(device.state().status, 'degraded');
  sim.setCoverOpen(true);
  t.equal((await rejection(device.print(job))).code, 'COVER_OPEN');
  t.equal(sim.tickets().length, 1);
});

t.test('a stalled printer: the status request times out (PRINTER_TIMEOUT) and the line is reopened', async (t) => {
  const { clock, device, sim } = await rig(t);
  sim.injectFault('stall');
  const printing = rejection(device.print(job));
  await settle();
  clock.advance(defaultTimeouts.printerStatusMs);
  const err = await printing;
  t.equal(err.code, 'PRINTER_TIMEOUT');
  t.match(err.message, /no answer to DLE EOT 1 within 500 ms/);
  t.equal(device.state().status, 'offline');
  sim.injectFault('none');
  clock.advance(defaultTimeouts.reopenInitialMs);
  await waitFor(() => device.state().status === 'ok', 'printer back after reopen');
  await device.print(job);
  t.equal(sim.tickets().length, 1, 'nothing from the stalled attempt was printed');
});

t.test('an unplugged printer: offline with a technician detail, refused prints, reopened with backoff', async (t) => {
  const { clock, device, sim } = await rig(t);
  sim.injectFault('offline');
  await waitFor(() => device.state().status === 'offline', 'offline');
  t.equal(device.state().detail, "sim:printer disconnected — check the USB cable and the device's power");
  t.equal((await rejection(device.print(job))).code, 'PRINTER_OFFLINE');
  clock.advance(500);
  await waitFor(() => device.state().detail.startsWith('cannot open'), 'reopen attempt');
  t.equal(device.state().detail, 'cannot open sim:printer: no such device — check the USB cable');
  sim.injectFault('none');
  clock.advance(999);
  await settle(20);
  t.equal(device.state().status, 'offline', 'second retry waits 1000 ms');
  clock.advance(1);
  await waitFor(() => device.state().status === 'ok', 'reopened');
  await device.print(job);
  t.equal(sim.tickets().length, 1);
});

t.test('garbled status answers fault the printer with PRINTER_GARBLED', async (t) => {
  const { device, sim } = await rig(t);
  sim.injectFault('garbled');
  const err = await rejection(device.print(job));
  t.equal(err.code, 'PRINTER_GARBLED');
  t.equal(device.state().status, 'fault');
  t.match(device.state().detail, /check the baud rate \(19200\)/);
  t.equal(sim.tickets().length, 0);
});
