/**
 * The PN532 card reader and the serial-line scanner over real pseudo-terminal
 * pairs (socat), drivers and simulators both through real serialport:
 * taps and scans, garbage on the line, and the cable pulled out and put back.
 */
import t from 'tap';
import type { CardTap, Scan } from '../../../src/controller/ports.js';
import { createCardReader } from '../../../src/drivers/card-reader/index.js';
import { Pn532Simulator } from '../../../src/drivers/card-reader/simulator.js';
import { createScanner } from '../../../src/drivers/scanner/index.js';
import { SerialLineScannerSimulator } from '../../../src/drivers/scanner/simulator.js';
import { PtyBench, ptyContext } from '../../support/pty-rig.js';
import { waitFor } from '../../support/wait.js';

/** A PN532 whose line also carries stray bytes (a long cable next to the genset). */
class NoisyPn532 extends Pn532Simulator {
  noise(bytes: number[]): void {
    this.toHost(Buffer.from(bytes));
  }
}

/** A scanner whose line can carry any bytes. */
class RawScanner extends SerialLineScannerSimulator {
  raw(bytes: Buffer): void {
    this.toHost(bytes);
  }
}

t.test('card reader over a pty: taps once per card, ignores garbage, survives unplug and replug', async (t) => {
  const sim = new NoisyPn532('card-reader-1', 1);
  const bench = new PtyBench(sim, 115200);
  t.teardown(() => bench.dispose());
  await bench.plug();
  const { device } = createCardReader({ driver: 'pn532', port: bench.hostPath, baudRate: 115200, counter: 1 }, ptyContext());
  const taps: CardTap[] = [];
  device.onCard((c) => taps.push(c));
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'PN532 ready over the pty');
  t.equal(device.state().detail, 'PN532 firmware 1.6 ready');

  sim.rest('04A1B2C3D4E5F6');
  await waitFor(() => taps.length === 1, 'card on the reader');
  const polls = sim.received.length;
  await waitFor(() => sim.received.length >= polls + 6, 'three more poll cycles');
  t.equal(taps.length, 1, 'a card left on the reader is one tap');
  sim.rest(null);

  // Garbage between frames, including a false start code, then a tap of a type B card.
  sim.noise([0xff, 0x13, 0x00, 0xff, 0x07, 0x55, 0x00, 0x00]);
  sim.tap('11223344', 'B');
  await waitFor(() => taps.length === 2, 'type B tap after the garbage');
  t.same(taps[1], { uid: '11223344', type: 'B' });
  t.equal(device.state().status, 'ok');

  await bench.unplug();
  await waitFor(() => device.state().status === 'offline', 'offline after the cable is pulled');
  await waitFor(() => device.state().detail.startsWith('cannot open'), 'reopen attempts fail while unplugged');
  t.equal(device.state().detail, `cannot open ${bench.hostPath}: no such device — check the USB cable`);

  await bench.plug();
  await waitFor(() => device.state().status === 'ok', 'ready again after replug', 8000);
  sim.tap('CAFEBABE');
  await waitFor(() => taps.length === 3, 'tap after replug');
  t.equal(taps[2]!.uid, 'CAFEBABE');
});

t.test('card reader over a pty: a reader that falls silent is offline with the ACK timeout named', async (t) => {
  const sim = new Pn532Simulator('card-reader-1', 1);
  const bench = new PtyBench(sim, 115200);
  t.teardown(() => bench.dispose());
  await bench.plug();
  const { device } = createCardReader({ driver: 'pn532', port: bench.hostPath, counter: 1 }, ptyContext());
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'PN532 ready');
  sim.injectFault('offline'); // on a real line: the reader stops answering
  await waitFor(() => device.state().status === 'offline', 'offline');
  t.match(device.state().detail, /^PN532 ACK timeout after 300 ms — check the PN532 wiring/);
  sim.injectFault('none');
  await waitFor(() => device.state().status === 'ok', 'answers again', 8000);
});

t.test('scanner over a pty: codes with any line ending, garbage degrades, unplug and replug', async (t) => {
  const sim = new RawScanner('scanner-1', 1);
  const bench = new PtyBench(sim, 9600);
  t.teardown(() => bench.dispose());
  await bench.plug();
  const { device } = createScanner({ driver: 'serial-line', port: bench.hostPath, baudRate: 9600, counter: 1 }, ptyContext());
  const scans: Scan[] = [];
  device.onScan((s) => scans.push(s));
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'scanner listening');

  sim.scan('1206011708900001');
  sim.raw(Buffer.from('SP-120601-20261128-0042\rABC-123\n'));
  await waitFor(() => scans.length === 3, 'three scans');
  t.same(
    scans.map((s) => s.kind),
    ['nik', 'summons', 'other'],
  );
  t.equal(scans[0]!.code, '1206011708900001', 'the counter stream gets the full NIK');

  sim.raw(Buffer.from([0x9c, 0xe1, 0x07, 0x0d, 0x0a]));
  await waitFor(() => device.state().status === 'degraded', 'garbage noticed');
  t.equal(scans.length, 3);

  await bench.unplug();
  await waitFor(() => device.state().status === 'offline', 'offline after unplug');
  await bench.plug();
  await waitFor(() => device.state().status === 'ok', 'listening again', 8000);
  sim.scan('1206015708900002');
  await waitFor(() => scans.length === 4, 'scan after replug');
  t.equal(scans[3]!.kind, 'nik');
});
