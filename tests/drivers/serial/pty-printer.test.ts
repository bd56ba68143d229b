/**
 * The ESC/POS printer driver and its simulator over a real pseudo-terminal
 * pair (socat), both through real serialport: print, paper out, garbled
 * status, and the cable pulled out and put back.
 */
import t from 'tap';
import { systemClock } from '../../../src/shared/clock.js';
import { DeviceError } from '../../../src/shared/errors.js';
import type { PrintJob } from '../../../src/controller/ports.js';
import { createPrinter } from '../../../src/drivers/printer/index.js';
import { EscPosPrinterSimulator } from '../../../src/drivers/printer/simulator.js';
import { PtyBench, ptyContext } from '../../support/pty-rig.js';
import { waitFor } from '../../support/wait.js';

const job: PrintJob = {
  stationName: 'Kecamatan Merek',
  regency: 'Kabupaten Karo',
  serviceCode: 'B',
  serviceName: 'Pengambilan e-KTP',
  number: 'B-012',
  priority: true,
  issuedAt: Date.parse('2026-11-28T08:05:00+07:00'),
  timeZone: 'Asia/Jakarta',
  ahead: 0,
  estimatedWaitMinutes: 0,
};

const code = async (p: Promise<unknown>) =>
  p.then(
    () => 'printed',
    (e: unknown) => (e instanceof DeviceError ? e.code : String(e)),
  );

t.test('printer over a pty: prints, refuses on paper out, survives unplug and replug', async (t) => {
  const sim = new EscPosPrinterSimulator('printer', systemClock);
  const bench = new PtyBench(sim, 19200);
  t.teardown(() => bench.dispose());
  await bench.plug();
  const { device } = createPrinter({ driver: 'escpos', port: bench.hostPath, baudRate: 19200, columns: 32 }, ptyContext());
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'printer ready over the pty');

  await device.print(job);
  await waitFor(() => sim.tickets().length === 1, 'ticket at the far end');
  const text = sim.tickets()[0]!.text;
  t.match(text, /^\[3x3\] B-012$/m);
  t.match(text, /^PRIORITAS$/m);
  t.match(text, /^Perkiraan tunggu: < 1 menit$/m, 'fits one 32-column line');

  sim.injectFault('paper-out');
  t.equal(await code(device.print(job)), 'PAPER_OUT');
  t.equal(device.state().detail, 'paper end: load a new paper roll');
  sim.injectFault('none');

  sim.injectFault('garbled');
  t.equal(await code(device.print(job)), 'PRINTER_GARBLED');
  sim.injectFault('none');

  await bench.unplug();
  await waitFor(() => device.state().status === 'offline', 'offline after the cable is pulled');
  t.match(device.state().detail, /disconnected — check the USB cable|cannot open .*: no such device — check the USB cable/);
  await waitFor(() => device.state().detail.startsWith('cannot open'), 'reopen attempts fail while unplugged');
  t.equal(device.state().detail, `cannot open ${bench.hostPath}: no such device — check the USB cable`);
  t.equal(await code(device.print(job)), 'PRINTER_OFFLINE');

  await bench.plug();
  await waitFor(() => device.state().status === 'ok', 'ready again after replug', 8000);
  await device.print(job);
  await waitFor(() => sim.tickets().length === 2, 'second ticket after replug');
});

t.test('a printer that stops reading: the status request times out with PRINTER_TIMEOUT', async (t) => {
  const sim = new EscPosPrinterSimulator('printer', systemClock);
  const bench = new PtyBench(sim, 19200);
  t.teardown(() => bench.dispose());
  await bench.plug();
  const { device } = createPrinter({ driver: 'escpos', port: bench.hostPath, baudRate: 19200 }, ptyContext());
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'printer ready');
  sim.injectFault('stall');
  t.equal(await code(device.print(job)), 'PRINTER_TIMEOUT');
  t.match(device.state().detail, /printer status timeout/);
  sim.injectFault('none');
  await waitFor(() => device.state().status === 'ok', 'answers again after the line is reopened', 8000);
  await device.print(job);
  await waitFor(() => sim.tickets().length === 1, 'printed after the stall');
});
