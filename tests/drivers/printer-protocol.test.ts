import t from 'tap';
import fc from 'fast-check';
import type { PrintJob } from '../../src/controller/ports.js';
import { encodeTicket, MAX_TICKET_BYTES, wrap, waitText } from '../../src/drivers/printer/escpos.js';
import { ticketText, tokenize, type EscPosToken } from '../../src/drivers/printer/interpreter.js';
import {
  assess,
  decodeStatus,
  encodeStatus,
  isStatusByte,
  healthyPrinter,
  type PrinterCondition,
} from '../../src/drivers/printer/status.js';

/** Sabtu, 28 November 2026, 08.05 WIB */
const ISSUED = Date.parse('2026-11-28T08:05:00+07:00');

const job = (over: Partial<PrintJob> = {}): PrintJob => ({
  stationName: 'Kecamatan Merek',
  regency: 'Kabupaten Karo',
  serviceCode: 'A',
  serviceName: 'Perekaman e-KTP',
  number: 'A-007',
  priority: false,
  issuedAt: ISSUED,
  timeZone: 'Asia/Jakarta',
  ahead: 3,
  estimatedWaitMinutes: 25,
  ...over,
});

const textOf = (bytes: Buffer) => ticketText(tokenize(bytes).tokens);

t.test('a ticket starts with ESC @, ends with the GS V cut, and reads as the CONTRACT says', async (t) => {
  const bytes = encodeTicket(job({ priority: true }), { columns: 32 });
  t.same([...bytes.subarray(0, 2)], [0x1b, 0x40], 'ESC @ first');
  t.same([...bytes.subarray(-3)], [0x1d, 0x56, 0x01], 'GS V cut last');
  t.ok(bytes.length <= MAX_TICKET_BYTES, `${bytes.length} bytes`);
  const text = textOf(bytes);
  const lines = text.split('\n');
  t.ok(lines.includes('Kecamatan Merek'));
  t.ok(lines.includes('Kabupaten Karo'));
  t.ok(lines.includes('Perekaman e-KTP'));
  t.ok(lines.includes('[3x3] A-007'), 'number enlarged as printer text');
  t.ok(lines.includes('PRIORITAS'));
  t.ok(text.includes('Sabtu, 28 November 2026') && text.includes('08.05 WIB'));
  t.ok(lines.includes('Antrean di depan Anda: 3'));
  t.ok(lines.includes('Perkiraan tunggu: 25 menit'));
  t.match(text, /Mohon menunggu nomor Anda/);
  t.notOk(bytes.includes(Buffer.from([0x1d, 0x76, 0x30])), 'no raster image (GS v 0)');
});

t.test('the number is enlarged with GS ! and the size is restored after it', async (t) => {
  const bytes = encodeTicket(job(), { columns: 32, numberSize: 2 });
  const at = bytes.indexOf(Buffer.from('A-007'));
  t.same([...bytes.subarray(at - 3, at)], [0x1d, 0x21, 0x11], 'GS ! 0x11 (double width and height) just before');
  t.same([...bytes.subarray(at + 6, at + 9)], [0x1d, 0x21, 0x00], 'back to normal after the line');
  t.notMatch(textOf(bytes), /PRIORITAS/, 'no priority mark on an ordinary ticket');
});

t.test('80 mm paper fits date and time on one line; an unknown wait is left out', async (t) => {
  const text = textOf(encodeTicket(job({ estimatedWaitMinutes: null }), { columns: 48 }));
  t.ok(text.split('\n').includes('Sabtu, 28 November 2026 08.05 WIB'));
  t.notMatch(text, /Perkiraan/);
});

t.test('wait texts and wrapping', async (t) => {
  t.equal(waitText(0), '< 1 menit');
  t.equal(waitText(45), '45 menit');
  t.equal(waitText(60), '1 jam');
  t.equal(waitText(80), '1 jam 20 menit');
  t.same(wrap('Mohon menunggu nomor Anda dipanggil', 12, 5), ['Mohon', 'menunggu', 'nomor Anda', 'dipanggil']);
  t.same(wrap('Pelayanan Administrasi Kependudukan', 10, 2), ['Pelayanan', 'Administra']);
});

t.test('property: any ticket stays within 400 bytes, ESC @ first and GS V last', async () => {
  const name = fc.string({ minLength: 1, maxLength: 80 });
  fc.assert(
    fc.property(
      fc.record({
        stationName: name,
        regency: name,
        serviceName: name,
        ahead: fc.nat(999),
        wait: fc.option(fc.nat(600)),
        priority: fc.boolean(),
        columns: fc.constantFrom(32, 42, 48),
        code: fc.constantFrom('A', 'B', 'Z'),
        n: fc.integer({ min: 1, max: 999 }),
      }),
      (r) => {
        const number = `${r.code}-${String(r.n).padStart(3, '0')}`;
        const bytes = encodeTicket(job({ ...r, number, estimatedWaitMinutes: r.wait }), { columns: r.columns });
        return (
          bytes.length <= MAX_TICKET_BYTES &&
          bytes[0] === 0x1b &&
          bytes[1] === 0x40 &&
          bytes.subarray(-3).equals(Buffer.from([0x1d, 0x56, 0x01])) &&
          textOf(bytes).includes(number)
        );
      },
    ),
  );
});

t.test('property: the interpreter reads the same tokens however the bytes are chunked', async () => {
  const bytes = encodeTicket(job({ priority: true }), { columns: 32 });
  const whole = tokenize(bytes).tokens;
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const tokens: EscPosToken[] = [];
      let rest: Buffer = Buffer.alloc(0);
      let from = 0;
      for (const p of [...points, bytes.length]) {
        const r = tokenize(Buffer.concat([rest, bytes.subarray(from, p)]));
        tokens.push(...r.tokens);
        rest = r.rest;
        from = p;
      }
      // Text split across chunks comes as several text tokens: compare the printed result.
      return rest.length === 0 && ticketText(tokens) === ticketText(whole);
    }),
  );
});

t.test('a status request inside the stream is recognised, even after GS ! 0x10', async (t) => {
  const { tokens } = tokenize(Buffer.from([0x1d, 0x21, 0x10, 0x04, 0x10, 0x04, 0x04]));
  t.same(
    tokens.map((x) => x.kind),
    ['size', 'status-request'],
    'the 0x10 0x04 inside GS ! 0x10 + EOT is not a status request',
  );
  t.same(tokens[tokens.length - 1], { kind: 'status-request', n: 4 });
});

t.test('status bytes: fixed bits, decoding of a TM-T82 answer, and what the technician is told', async (t) => {
  t.ok(isStatusByte(0x12));
  t.notOk(isStatusByte(0xff));
  t.notOk(isStatusByte(0x00));
  // Paper end: DLE EOT 1 = 0x1A (offline), 2 = 0x32 (stopped by paper end), 3 = 0x12, 4 = 0x7E.
  const c = decodeStatus({ 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x7e });
  t.ok(c.paperEnd && c.offline && !c.coverOpen);
  t.same(assess(c), { status: 'fault', detail: 'paper end: load a new paper roll', fault: 'PAPER_OUT' });
  t.same(assess(decodeStatus({ 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 })).fault, 'COVER_OPEN');
  t.same(assess(decodeStatus({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1e })).status, 'degraded', 'paper near end');
  t.same(assess(decodeStatus({ 1: 0x1a, 2: 0x12, 3: 0x12, 4: 0x12 })).fault, 'PRINTER_OFFLINE');
  t.same(assess(decodeStatus({ 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 })), { status: 'ok', detail: 'ready', fault: null });
});

t.test('property: status encode → decode round-trips every condition the simulator can be in', async (t) => {
  const cond = fc.record({
    offline: fc.boolean(),
    coverOpen: fc.boolean(),
    paperEnd: fc.boolean(),
    paperNearEnd: fc.boolean(),
    cutterError: fc.boolean(),
    unrecoverableError: fc.boolean(),
  });
  fc.assert(
    fc.property(cond, (c: PrinterCondition) => {
      const bytes = { 1: encodeStatus(1, c), 2: encodeStatus(2, c), 3: encodeStatus(3, c), 4: encodeStatus(4, c) };
      if (!Object.values(bytes).every(isStatusByte)) return false;
      const d = decodeStatus(bytes);
      return (
        d.coverOpen === c.coverOpen &&
        d.paperEnd === c.paperEnd &&
        d.cutterError === c.cutterError &&
        d.unrecoverableError === c.unrecoverableError &&
        d.paperNearEnd === (c.paperNearEnd || c.paperEnd) &&
        d.offline === (c.offline || c.coverOpen || c.paperEnd)
      );
    }),
  );
  const ok = {
    1: encodeStatus(1, healthyPrinter),
    2: encodeStatus(2, healthyPrinter),
    3: encodeStatus(3, healthyPrinter),
    4: encodeStatus(4, healthyPrinter),
  };
  t.same(assess(decodeStatus(ok)).status, 'ok');
});
