/**
 * The simulated PN532 command by command (NXP UM0701-02 §7), through its
 * frames: what libnfc 1.8 sends in initiator mode, and the answers a real
 * chip gives. The end-to-end check with libnfc itself is
 * tests/drivers/serial/libnfc-pn532.test.ts.
 */
import t from 'tap';
import { Pn532Simulator } from '../../src/drivers/card-reader/simulator.js';
import { ACK, encodeFrame, Pn532FrameParser, type Pn532Frame } from '../../src/drivers/card-reader/frame.js';
import { atqa } from '../../src/drivers/card-reader/sim-card.js';

const WAKE_UP = Buffer.from([0x55, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

/** A simulator and a host that sends one command and reads the frames that come back. */
function chip() {
  const sim = new Pn532Simulator('card-reader-1', 1);
  const parser = new Pn532FrameParser();
  let frames: Pn532Frame[] = [];
  sim.onToHost((b) => frames.push(...parser.push(b)));
  const send = (cmd: number[], before?: Buffer): Pn532Frame[] => {
    frames = [];
    const frame = encodeFrame(0xd4, Uint8Array.from(cmd));
    sim.fromHost(before ? Buffer.concat([before, frame]) : frame);
    return frames;
  };
  /** Sends and returns the response data after D5 and the code, checking the ACK and the code. */
  const ask = (cmd: number[]): number[] | 'error' | 'silent' => {
    const got = send(cmd);
    if (got.length === 0) return 'silent';
    if (got[0]?.kind !== 'ack') throw new Error(`no ACK for ${cmd[0]}`);
    const r = got[1];
    if (r?.kind === 'error') return 'error';
    if (r?.kind !== 'info' || r.tfi !== 0xd5 || r.data[0] !== cmd[0]! + 1) throw new Error(`bad answer to ${cmd[0]}`);
    return [...r.data.subarray(1)];
  };
  return { sim, send, ask };
}

const libnfc = [...Buffer.from('libnfc')];

t.test('Diagnose: the communication line test echoes; card presence follows the card', async (t) => {
  const { sim, ask } = chip();
  t.same(ask([0x00, 0x00, ...libnfc]), [0x00, ...libnfc], 'what nfc-list checks first');
  t.same(ask([0x00, 0x01]), [0x00], 'ROM test');
  t.same(ask([0x00, 0x02]), [0x00], 'RAM test');
  t.same(ask([0x00, 0x06]), [0x01], 'no card: presence test times out');
  sim.rest('04A1B2C3');
  ask([0x4a, 0x01, 0x00]);
  t.same(ask([0x00, 0x06]), [0x00], 'card present');
  t.equal(ask([0x00, 0x42]), 'error', 'an unknown test is a syntax error');
});

t.test('GetFirmwareVersion, SAMConfiguration, SetParameters, RFConfiguration, GetGeneralStatus', async (t) => {
  const { sim, ask } = chip();
  t.same(ask([0x02]), [0x32, 0x01, 0x06, 0x07], 'PN532 v1.6, types A, B and 18092');
  t.same(ask([0x14, 0x01]), [], 'SAM normal mode (libnfc sends two bytes)');
  t.same(ask([0x14, 0x01, 0x14, 0x01]), [], 'SAM normal mode (the station sends four)');
  t.equal(ask([0x14, 0x09]), 'error', 'no SAM mode 9');
  t.same(ask([0x12, 0x14]), [], 'SetParameters');
  t.same(ask([0x32, 0x05, 0xff, 0x01, 0x02]), [], 'MaxRetries');
  t.same(ask([0x32, 0x02, 0x00, 0x0b, 0x0a]), [], 'timings');
  t.same(ask([0x32, 0x01, 0x01]), [], 'field on');
  t.same(ask([0x04]), [0x00, 0x01, 0x00, 0x00], 'no error, field on, no target, SAM ok');
  sim.rest('04A1B2C3');
  ask([0x4a, 0x01, 0x00]);
  t.same(ask([0x04]), [0x00, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00], 'one target, Tg 1 at 106 kbps type A');
});

t.test('ReadRegister and WriteRegister, several registers per command as libnfc batches them', async (t) => {
  const { ask } = chip();
  t.same(ask([0x06, 0x63, 0x02, 0x63, 0x03]), [0x00, 0x00]);
  t.same(ask([0x08, 0x63, 0x02, 0x80, 0x63, 0x03, 0x80]), []);
  t.same(ask([0x06, 0x63, 0x03, 0x63, 0x02, 0x63, 0x3c]), [0x80, 0x80, 0x00]);
  t.equal(ask([0x06, 0x63]), 'error', 'half an address');
  t.equal(ask([0x08, 0x63, 0x02]), 'error', 'an address without a value');
});

t.test('InListPassiveTarget: ATQA matches the UID size, SAK 20 comes with an ATS, none when auto-RATS is off', async (t) => {
  t.same(atqa(4), [0x00, 0x04]);
  t.same(atqa(7), [0x00, 0x44]);
  t.same(atqa(10), [0x00, 0x84]);
  const { sim, ask } = chip();
  t.same(ask([0x4a, 0x01, 0x00]), [0x00], 'no card');
  sim.rest('04A1B2C3D4E5F6A7B8C9');
  const ats = [0x06, 0x78, 0x77, 0x71, 0x02, 0x80];
  const uid10 = [0x04, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0xa7, 0xb8, 0xc9];
  t.same(ask([0x4a, 0x01, 0x00]), [0x01, 0x01, 0x00, 0x84, 0x20, 10, ...uid10, ...ats], '10-byte UID: triple size, SAK 20, ATS');
  ask([0x12, 0x04]); // automatic ATR_RES only: no RATS
  t.same(ask([0x4a, 0x01, 0x00]), [0x01, 0x01, 0x00, 0x84, 0x20, 10, ...uid10], 'no ATS without automatic RATS');
  t.same(ask([0x4a, 0x01, 0x01, 0x00, 0xff, 0xff, 0x00, 0x00]), [0x00], 'FeliCa: none here');
  t.same(ask([0x4a, 0x01, 0x04]), [0x00], 'Jewel: none here');
  t.same(ask([0x4a, 0x01, 0x03, 0x00]), [0x00], 'no type B card');
  t.equal(ask([0x4a, 0x03, 0x00]), 'error', 'at most two targets');
});

t.test('InListPassiveTarget with a UID selects that card only (cascade tags dropped)', async (t) => {
  const { sim, ask } = chip();
  sim.rest('04A1B2C3D4E5F6');
  sim.rest('0A0B0C0D');
  const cascaded = [0x88, 0x04, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6];
  const got = ask([0x4a, 0x01, 0x00, ...cascaded]) as number[];
  t.same(got.slice(0, 6), [0x01, 0x01, 0x00, 0x44, 0x20, 7]);
  t.same(ask([0x4a, 0x01, 0x00, 0x01, 0x02, 0x03, 0x04]), [0x00], 'a card that is not there');
  const both = ask([0x4a, 0x02, 0x00]) as number[];
  t.equal(both[0], 2, 'MaxTg 2: both cards');
});

t.test('InDeselect halts the card until the field goes off; InSelect wakes it; InRelease forgets it', async (t) => {
  const { sim, ask } = chip();
  sim.rest('0A0B0C0D');
  t.equal((ask([0x4a, 0x01, 0x00]) as number[])[0], 1);
  t.same(ask([0x44, 0x00]), [0x00], 'deselect all');
  t.same(ask([0x4a, 0x01, 0x00]), [0x00], 'a halted card does not answer (how nfc-list stops listing)');
  t.same(ask([0x32, 0x01, 0x00]), [], 'field off');
  t.same(ask([0x32, 0x01, 0x01]), [], 'field on');
  t.equal((ask([0x4a, 0x01, 0x00]) as number[])[0], 1, 'answers again after the field was off');
  t.same(ask([0x44, 0x01]), [0x00]);
  t.same(ask([0x54, 0x01]), [0x00], 'InSelect wakes Tg 1');
  t.same(ask([0x40, 0x01, 0x00, 0xa4, 0x04, 0x00, 0x00]), [0x00, 0x6a, 0x82], 'InDataExchange: SELECT is file not found');
  t.same(ask([0x52, 0x00]), [0x00], 'release all');
  t.same(ask([0x40, 0x01, 0x00, 0xb0, 0x00, 0x00, 0x00]), [0x27], 'no target after release');
  t.same(ask([0x54, 0x02]), [0x27], 'no Tg 2');
});

t.test('InAutoPoll: the first requested type with a card; ISO 14443-4 A carries its ATS', async (t) => {
  const { sim, ask } = chip();
  const types = [0x20, 0x10, 0x23, 0x11, 0x12, 0x04];
  t.same(ask([0x60, 0x14, 0x02, ...types]), [0x00], 'nothing found');
  sim.rest('0A0B0C0D');
  t.same(
    ask([0x60, 0x14, 0x02, ...types]),
    [0x01, 0x20, 15, 0x01, 0x00, 0x04, 0x20, 4, 0x0a, 0x0b, 0x0c, 0x0d, 0x06, 0x78, 0x77, 0x71, 0x02, 0x80],
  );
  t.same(ask([0x60, 0x14, 0x02, 0x10]), [0x01, 0x10, 9, 0x01, 0x00, 0x04, 0x20, 4, 0x0a, 0x0b, 0x0c, 0x0d], 'as a plain 14443-3 target');
  sim.rest(null);
  sim.rest('11223344', 'B');
  const b = ask([0x60, 0x14, 0x02, ...types]) as number[];
  t.same(b.slice(0, 3), [0x01, 0x23, 15]);
  t.same(b.slice(4, 9), [0x50, 0x11, 0x22, 0x33, 0x44], 'ATQB with the PUPI');
});

t.test('InCommunicateThru: an R(NAK) ping is answered while the card stays, times out once it is gone', async (t) => {
  const { sim, ask } = chip();
  t.same(ask([0x42, 0xb2]), [0x01], 'no card: timeout');
  sim.rest('04A1B2C3D4E5F6');
  ask([0x4a, 0x01, 0x00]);
  t.same(ask([0x42, 0xb2]), [0x00, 0xa3], 'R(ACK) with the block number');
  t.same(ask([0x42, 0x02, 0x00, 0xa4, 0x04, 0x00, 0x00]), [0x00, 0x02, 0x6a, 0x82], 'I-block: the APDU answered in an I-block');
  t.same(ask([0x42, 0xb2]), [0x00, 0xa2], 'block number follows the last I-block');
  sim.rest(null);
  t.same(ask([0x42, 0xb2]), [0x01], 'card taken away');
});

t.test('PowerDown: asleep until the wake-up byte, which may come in the same write as the next frame', async (t) => {
  const { sim, send, ask } = chip();
  t.same(ask([0x16, 0xf0]), [0x00]);
  t.ok(sim.sleeping());
  t.same(send([0x02]), [], 'a frame without the wake-up is not heard');
  const woken = send([0x14, 0x01], WAKE_UP);
  t.same(
    woken.map((f) => f.kind),
    ['ack', 'info'],
    'wake-up preamble then SAMConfiguration, as libnfc and the station send them',
  );
  t.notOk(sim.sleeping());
});

t.test('a tap is seen by one activation; the syntax-error frame answers what the chip does not know', async (t) => {
  const { sim, ask, send } = chip();
  sim.tap('04A1B2C3D4E5F6');
  t.equal((ask([0x4a, 0x01, 0x00]) as number[])[0], 1);
  t.same(ask([0x4a, 0x01, 0x00]), [0x00], 'gone after one poll');
  t.equal(ask([0x8c, 0x00]), 'error', 'TgInitAsTarget: not simulated');
  t.equal(send([0x02])[0]?.kind, 'ack');
  t.throws(() => sim.tap('0102'), /4, 7 or 10 bytes/);
  t.same(ACK, Buffer.from([0, 0, 0xff, 0, 0xff, 0]));
});
