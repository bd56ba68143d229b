/**
 * `ktp-station sim-device printer|scanner` on a pty, met by clients nobody
 * here wrote or by the station's own driver: node-thermal-printer (an ESC/POS
 * library that prints to a device file, as shop software does) prints a
 * ticket and the simulated printer shows it as it is cut; a code line typed
 * into the simulated scanner reaches the station's scanner driver.
 */
import t from 'tap';
import thermal from 'node-thermal-printer';
import type { Scan } from '../../../src/controller/ports.js';
import { createScanner } from '../../../src/drivers/scanner/index.js';
import { PtyPair } from '../../support/pty.js';
import { ptyContext } from '../../support/pty-rig.js';
import { startSimDevice } from '../../support/sim-device.js';
import { waitFor } from '../../support/wait.js';

const { ThermalPrinter, PrinterTypes, CharacterSet } = thermal;

t.test('an ESC/POS library prints to sim-device printer, which prints each ticket as it is cut', async (t) => {
  const pty = new PtyPair();
  await pty.start();
  t.teardown(() => pty.dispose());
  const sim = await startSimDevice('printer', pty.device);
  t.teardown(() => sim.stop());

  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: pty.host, characterSet: CharacterSet.PC437_USA, width: 42 });
  t.ok(await printer.isPrinterConnected(), 'the client sees the device');
  for (const number of ['A-007', 'B-012']) {
    printer.alignCenter();
    printer.println('Kecamatan Merek');
    printer.setTextQuadArea();
    printer.println(number);
    printer.setTextNormal();
    printer.println('Perekaman e-KTP');
    printer.leftRight('Antrean di depan', '3');
    printer.cut();
    await printer.execute();
    printer.clear();
  }
  await waitFor(() => (sim.output().match(/--- cut/g) ?? []).length === 2, 'two tickets cut', 10_000);
  const [first, second] = sim.output().split(/--- cut \(\d+ bytes\)\n/);
  t.match(first, /Kecamatan Merek\n\[2x2\] A-007\nPerekaman e-KTP\nAntrean di depan +3\n/, 'enlarged number, text lines in order');
  t.match(second, /\[2x2\] B-012/);
});

t.test('a line typed into sim-device scanner reaches the station scanner driver as a scan', async (t) => {
  const pty = new PtyPair();
  await pty.start();
  t.teardown(() => pty.dispose());
  const sim = await startSimDevice('scanner', pty.device, ['--baud', '9600']);
  t.teardown(() => sim.stop());
  const { device } = createScanner({ driver: 'serial-line', port: pty.host, baudRate: 9600, counter: 1 }, ptyContext());
  const scans: Scan[] = [];
  device.onScan((s) => scans.push(s));
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'scanner listening', 10_000);
  sim.say('SP-120601-20261128-0042');
  sim.say('fault none'); // a scanner sends every line as it is, commands included
  await waitFor(() => scans.length === 2, 'two scans', 10_000);
  t.same(
    scans.map((s) => [s.kind, s.code]),
    [
      ['summons', 'SP-120601-20261128-0042'],
      ['other', 'fault none'],
    ],
  );
});
