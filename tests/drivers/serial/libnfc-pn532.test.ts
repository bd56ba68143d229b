/**
 * The PN532 simulator judged by programs nobody here wrote: Debian's libnfc
 * 1.8 (`nfc-list`, `nfc-poll`, driver pn532_uart) talks to
 * `ktp-station sim-device pn532` over a socat pty pair and finds the card;
 * then the station's own PN532 driver reads the same simulator process.
 */
import t from 'tap';
import type { CardTap } from '../../../src/controller/ports.js';
import { createCardReader } from '../../../src/drivers/card-reader/index.js';
import { PtyPair } from '../../support/pty.js';
import { ptyContext } from '../../support/pty-rig.js';
import { runProgram, startSimDevice } from '../../support/sim-device.js';
import { waitFor } from '../../support/wait.js';

/** libnfc finds its device through the environment: no config file, no scanning of other ports. */
const libnfc = (host: string) => ({ LIBNFC_DEVICE: `pn532_uart:${host}`, LIBNFC_AUTO_SCAN: 'false', LIBNFC_LOG_LEVEL: '1' });

/** "04 A1 B2" as nfc-list prints it: lower case, two spaces apart. */
const spaced = (hex: string) => (hex.match(/../g) ?? []).map((b) => b.toLowerCase()).join('  ');

t.test('nfc-list, nfc-poll and the station driver all find the card on one simulated PN532', async (t) => {
  const pty = new PtyPair();
  await pty.start();
  t.teardown(() => pty.dispose());
  const sim = await startSimDevice('pn532', pty.device, ['--card', '04A1B2C3D4E5F6']);
  t.teardown(() => sim.stop());

  const list = await runProgram('nfc-list', ['-v'], libnfc(pty.host));
  t.equal(list.code, 0, `nfc-list exits 0:\n${list.out}`);
  t.match(list.out, 'NFC device: user defined device opened');
  t.match(list.out, '1 ISO14443A passive target(s) found');
  t.match(list.out, `UID (NFCID1): ${spaced('04A1B2C3D4E5F6')}`);
  t.match(list.out, 'ATQA (SENS_RES): 00  44', 'a 7-byte UID is announced as double size');
  t.match(list.out, 'SAK (SEL_RES): 20');
  t.match(list.out, '* Compliant with ISO/IEC 14443-4', 'libnfc decodes the SAK');
  t.match(list.out, '* Max Frame Size accepted by PICC: 256 bytes', 'libnfc decodes the ATS');
  t.match(list.out, /ATS: 78 {2}77 {2}71 {2}02 {2}80/, 'ISO 14443-4 claimed, so an ATS is there');
  t.notMatch(list.out, /ERROR|Unable to open/i);

  // nfc-poll polls with InAutoPoll, then pings the card until it is taken away.
  let removed = false;
  const poll = await runProgram('nfc-poll', [], libnfc(pty.host), {
    onOutput: (out) => {
      if (!removed && out.includes('Waiting for card removing')) {
        removed = true;
        sim.say('remove');
      }
    },
  });
  t.equal(poll.code, 0, `nfc-poll exits 0:\n${poll.out}`);
  t.match(poll.out, `UID (NFCID1): ${spaced('04A1B2C3D4E5F6')}`);
  t.match(poll.out, /Waiting for card removing\.\.\.(.|\n)*Target Released\s+done\./, 'the card taken away is noticed');

  // The same process, now with a 4-byte card and a type B card: libnfc closed it with PowerDown, so this also wakes it.
  sim.say('rest 0A0B0C0D');
  sim.say('rest B:11223344');
  const again = await runProgram('nfc-list', [], libnfc(pty.host));
  t.equal(again.code, 0, again.out);
  t.match(again.out, `UID (NFCID1): ${spaced('0A0B0C0D')}`);
  t.match(again.out, 'ATQA (SENS_RES): 00  04', 'a 4-byte UID is single size');
  t.match(again.out, '1 ISO14443B passive target(s) found');
  t.match(again.out, `PUPI: ${spaced('11223344')}`);

  // The station's driver on the same simulator process.
  sim.say('remove');
  const { device } = createCardReader({ driver: 'pn532', port: pty.host, baudRate: 115200, counter: 1 }, ptyContext());
  const taps: CardTap[] = [];
  device.onCard((c) => taps.push(c));
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'station driver ready on the sim-device', 10_000);
  t.equal(device.state().detail, 'PN532 firmware 1.6 ready');
  sim.say('tap 04A1B2C3D4E5F6');
  sim.say('tap B:CAFEBABE');
  await waitFor(() => taps.length === 2, 'both taps read by the station driver', 10_000);
  t.same(taps, [
    { uid: '04A1B2C3D4E5F6', type: 'A' },
    { uid: 'CAFEBABE', type: 'B' },
  ]);
});

t.test('sim-device refuses what it cannot serve, in one line', async (t) => {
  const pty = new PtyPair();
  t.teardown(() => pty.dispose());
  await t.rejects(startSimDevice('pn532', `${pty.dir}/no-such-port`), /cannot open .*no-such-port/);
  await t.rejects(startSimDevice('toaster', `${pty.dir}/x`), /needs a kind: pn532, printer, scanner/);
  await t.rejects(startSimDevice('pn532', `${pty.dir}/x`, ['--card', '0102']), /4, 7 or 10 bytes/);
});
