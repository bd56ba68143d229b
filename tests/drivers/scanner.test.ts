import t from 'tap';
import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/log.js';
import { defaultTimeouts } from '../../src/drivers/context.js';
import type { Scan } from '../../src/controller/ports.js';
import { LineSplitter } from '../../src/drivers/scanner/lines.js';
import { classifyCode, isSummonsCode, isValidNik } from '../../src/drivers/scanner/codes.js';
import { createScanner } from '../../src/drivers/scanner/index.js';
import type { SerialLineScannerSimulator } from '../../src/drivers/scanner/simulator.js';
import { waitFor } from '../support/wait.js';
import { testDriverContext } from '../support/driver-context.js';

t.test('line splitter: CR, LF and CRLF end a line; a CRLF split across chunks is one ending', async (t) => {
  const s = new LineSplitter();
  t.same(s.push('1206014508900001\r\nSP-120601-'), ['1206014508900001']);
  t.same(s.push('20261128-0042\r'), ['SP-120601-20261128-0042']);
  t.same(s.push('\nABC\nDEF\r\r\n'), ['ABC', 'DEF']);
  t.same(s.push('GHI'), [], 'no ending yet');
  t.same(s.push('\n'), ['GHI']);
});

t.test('line splitter: an endless line is dropped, the next line still comes through', async (t) => {
  const s = new LineSplitter(16);
  t.same(s.push('X'.repeat(40)), []);
  t.same(s.push('\r\nOK\r\n').slice(-1), ['OK']);
  t.ok(s.overlong >= 1);
});

t.test('property: re-chunking a stream of codes gives the same lines', async () => {
  const code = fc.stringMatching(/^[0-9A-Za-z\-/]{1,30}$/);
  const end = fc.constantFrom('\r', '\n', '\r\n');
  fc.assert(
    fc.property(fc.array(fc.tuple(code, end), { minLength: 1, maxLength: 10 }), fc.array(fc.nat(400), { maxLength: 10 }), (items, cuts) => {
      const stream = items.map(([c, e]) => c + e).join('');
      const s = new LineSplitter();
      const got: string[] = [];
      let from = 0;
      for (const p of [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b).concat(stream.length)) {
        got.push(...s.push(Buffer.from(stream.slice(from, p), 'latin1')));
        from = p;
      }
      return JSON.stringify(got) === JSON.stringify(items.map(([c]) => c));
    }),
  );
});

t.test('NIK validation', async (t) => {
  t.ok(isValidNik('1206011708900001'), 'Karo, man born 17-08-1990');
  t.ok(isValidNik('1206015708900002'), 'woman: day + 40');
  t.ok(isValidNik('1206016902000003'), '29 Feb 2000 (+40)');
  t.notOk(isValidNik('120601170890001'), '15 digits');
  t.notOk(isValidNik('0906011708900001'), 'province 09');
  t.notOk(isValidNik('9506011708900001'), 'province 95');
  t.notOk(isValidNik('1006011708900001'), 'province ending in 0');
  t.notOk(isValidNik('1200011708900001'), 'regency 00');
  t.notOk(isValidNik('1206001708900001'), 'district 00');
  t.notOk(isValidNik('1206013208900001'), 'day 32');
  t.notOk(isValidNik('1206017213900001'), 'month 13');
  t.notOk(isValidNik('1206013102900001'), '31 February');
  t.notOk(isValidNik('1206012902010001'), '29 Feb 1901/2001');
  t.notOk(isValidNik('1206011708900000'), 'serial 0000');
});

t.test('summons codes and other codes', async (t) => {
  t.ok(isSummonsCode('SP-120601-20261128-0042'));
  t.ok(isSummonsCode('sp/120601/20261128/0042'));
  t.notOk(isSummonsCode('SP-120601-20261131-0042'), '31 November');
  t.notOk(isSummonsCode('SP-120001-20261128-0042'), 'regency 00');
  t.equal(classifyCode('1206011708900001'), 'nik');
  t.equal(classifyCode('SP-120601-20261128-0042'), 'summons');
  t.equal(classifyCode('https://dukcapil.example/x'), 'other');
  t.equal(classifyCode('1206013208900001'), 'other', 'NIK-shaped but not a real date');
});

async function rig(t: { teardown(fn: () => unknown): void }) {
  const out = new PassThrough();
  let logged = '';
  out.on('data', (d) => (logged += d));
  const clock = new ManualClock('2026-11-28T08:05:00+07:00');
  const ctx = testDriverContext(clock, { log: createLogger({ level: 'debug', destination: out, pretty: false }) });
  const { device, simulator } = createScanner({ driver: 'sim', counter: 1 }, ctx);
  const sim = simulator as SerialLineScannerSimulator;
  const scans: Scan[] = [];
  device.onScan((s) => scans.push(s));
  t.teardown(() => device.stop());
  await device.start();
  await waitFor(() => device.state().status === 'ok', 'scanner listening');
  return { clock, device, sim, scans, logs: () => logged };
}

t.test('scans arrive with the full code and their kind; logs carry the NIK masked', async (t) => {
  const { device, sim, scans, logs } = await rig(t);
  t.equal(device.id, 'scanner-1');
  sim.scan('1206011708900001');
  sim.scan('SP-120601-20261128-0042');
  sim.scan('ABC-123');
  await waitFor(() => scans.length === 3, 'three scans');
  t.same(scans, [
    { code: '1206011708900001', kind: 'nik' },
    { code: 'SP-120601-20261128-0042', kind: 'summons' },
    { code: 'ABC-123', kind: 'other' },
  ]);
  t.notMatch(logs(), /1206011708900001/);
  t.match(logs(), /1206\*{8}0001/);
});

t.test('garbled data degrades the scanner and emits nothing; unplugging makes it offline, replug recovers', async (t) => {
  const { clock, device, sim, scans } = await rig(t);
  sim.injectFault('garbled');
  sim.scan('1206011708900001');
  await waitFor(() => device.state().status === 'degraded', 'degraded');
  t.match(device.state().detail, /serial mode at 9600 baud/);
  t.equal(scans.length, 0);
  sim.injectFault('offline');
  await waitFor(() => device.state().status === 'offline', 'offline');
  sim.injectFault('none');
  clock.advance(defaultTimeouts.reopenInitialMs);
  await waitFor(() => device.state().status === 'ok', 'back');
  sim.scan('ABC-123');
  await waitFor(() => scans.length === 1, 'scan after replug');
  t.throws(() => sim.injectFault('paper-out'), RangeError);
});
