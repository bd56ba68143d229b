import t from 'tap';
import fc from 'fast-check';
import { ACK, NACK, ERROR_FRAME, encodeFrame, Pn532FrameParser, type Pn532Frame } from '../../src/drivers/card-reader/frame.js';
import { decodeFirmware, decodeTarget, listPassiveTarget } from '../../src/drivers/card-reader/commands.js';
import { targetData, type SimCard } from '../../src/drivers/card-reader/sim-card.js';

/** InListPassiveTarget's answer with that one card on the reader (ATS included for type A). */
const targetResponse = (card: SimCard) => [0x4b, 0x01, ...targetData(card, 1, true)];

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** GetFirmwareVersion command, host → PN532 (UM0701-02 example). */
const GET_FIRMWARE = hex('00 00 FF 02 FE D4 02 2A 00');
/** Its response: PN532 (32), firmware 1.6, supports A+B+18092 (07). */
const FIRMWARE_RESPONSE = hex('00 00 FF 06 FA D5 03 32 01 06 07 E8 00');
/** InListPassiveTarget response with one type A card, UID 04 A1 B2 C3 D4 E5 F6. */
const CARD_A = encodeFrame(0xd5, Uint8Array.from(targetResponse({ uid: '04A1B2C3D4E5F6', type: 'A' })));

const info = (f: Pn532Frame | undefined) => (f?.kind === 'info' ? f : null);

t.test('one frame: the firmware response', async (t) => {
  t.same(encodeFrame(0xd4, Uint8Array.from([0x02])), GET_FIRMWARE, 'command encodes as in the manual');
  const p = new Pn532FrameParser();
  const [f] = p.push(FIRMWARE_RESPONSE);
  t.equal(info(f)?.tfi, 0xd5);
  t.same(decodeFirmware(info(f)!.data), { ic: 0x32, version: 1, revision: 6, support: 7 });
  t.equal(p.droppedBytes, 0);
});

t.test('two frames in one chunk: ACK then the response', async (t) => {
  const frames = new Pn532FrameParser().push(Buffer.concat([ACK, CARD_A]));
  t.same(
    frames.map((f) => f.kind),
    ['ack', 'info'],
  );
  t.same(decodeTarget(info(frames[1])!.data, 'A'), { uid: '04A1B2C3D4E5F6', type: 'A' });
});

t.test('a frame split across chunks waits for its end', async (t) => {
  const p = new Pn532FrameParser();
  t.same(p.push(CARD_A.subarray(0, 4)), []);
  t.same(p.push(CARD_A.subarray(4, 9)), []);
  const frames = p.push(CARD_A.subarray(9));
  t.equal(frames.length, 1);
  t.same(decodeTarget(info(frames[0])!.data, 'A')?.uid, '04A1B2C3D4E5F6');
});

t.test('a bad data checksum drops the frame; the next good one is read', async (t) => {
  const bad = Buffer.from(FIRMWARE_RESPONSE);
  bad[bad.length - 2] ^= 0xff;
  const p = new Pn532FrameParser();
  const frames = p.push(Buffer.concat([bad, FIRMWARE_RESPONSE]));
  t.equal(frames.length, 1);
  t.ok(decodeFirmware(info(frames[0])!.data));
  t.equal(p.badFrames, 1);
});

t.test('a bad length checksum is not a frame', async (t) => {
  const bad = Buffer.from(FIRMWARE_RESPONSE);
  bad[4] = 0x00; // LEN 06 + LCS 00 ≠ 0
  const p = new Pn532FrameParser();
  t.same(p.push(bad), []);
  t.equal(p.badFrames, 1);
});

t.test('leading garbage is skipped and counted', async (t) => {
  const p = new Pn532FrameParser();
  const frames = p.push(Buffer.concat([hex('FF 13 37 55 55'), ACK]));
  t.same(frames, [{ kind: 'ack' }]);
  t.equal(p.droppedBytes, 5);
});

t.test('ACK, NACK and the error frame', async (t) => {
  const frames = new Pn532FrameParser().push(Buffer.concat([ACK, NACK, ERROR_FRAME]));
  t.same(
    frames.map((f) => f.kind),
    ['ack', 'nack', 'error'],
  );
});

t.test('type B target: the UID is the PUPI; no card is null', async (t) => {
  const data = Buffer.from(targetResponse({ uid: '11223344', type: 'B' }));
  t.same(decodeTarget(data, 'B'), { uid: '11223344', type: 'B' });
  t.equal(decodeTarget(Buffer.from([0x4b, 0x00]), 'A'), null);
  t.same(listPassiveTarget('B'), [0x4a, 0x01, 0x03, 0x00], 'BrTy 03 with AFI 00');
  t.same(listPassiveTarget('A'), [0x4a, 0x01, 0x00]);
});

t.test('property: any mix of frames and noise, chunked anyhow, gives back every frame in order', async () => {
  const payload = fc.uint8Array({ minLength: 0, maxLength: 40 });
  // Noise never contains the 00 FF start code (a real line could, and would then cost a frame).
  const noise = fc.uint8Array({ minLength: 0, maxLength: 6 }).map((a) => Buffer.from(a.map((b) => (b === 0x00 ? 0x42 : b))));
  fc.assert(
    fc.property(
      fc.array(fc.tuple(noise, fc.oneof(fc.constant(null), payload)), { minLength: 1, maxLength: 8 }),
      fc.array(fc.nat(400), { maxLength: 12 }),
      (items, cuts) => {
        const stream = Buffer.concat(items.flatMap(([n, p]) => [n, p === null ? ACK : encodeFrame(0xd5, p)]));
        const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
        const parser = new Pn532FrameParser();
        const got: Pn532Frame[] = [];
        let from = 0;
        for (const p of [...points, stream.length]) {
          got.push(...parser.push(stream.subarray(from, p)));
          from = p;
        }
        const want = items.map(([, p]) => (p === null ? { kind: 'ack' } : { kind: 'info', tfi: 0xd5, data: Buffer.from(p) }));
        return JSON.stringify(got) === JSON.stringify(want) && parser.badFrames === 0;
      },
    ),
    { numRuns: 1000 },
  );
});

t.test('a postamble late in the next chunk, then noise starting with FF, is not a start code', async (t) => {
  const p = new Pn532FrameParser();
  const frame = encodeFrame(0xd5, Uint8Array.from([0x4b, 0x00]));
  t.equal(p.push(frame.subarray(0, -1)).length, 1, 'frame read before its postamble');
  const frames = p.push(Buffer.concat([Buffer.from([0x00, 0xff, 0x42, 0x42]), ACK]));
  t.same(frames, [{ kind: 'ack' }]);
  t.equal(p.badFrames, 0);
});
