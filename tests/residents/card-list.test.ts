import t from 'tap';
import { silentLogger } from '../../src/shared/log.js';
import { CardReadyList } from '../../src/controller/residents/card-ready/card-list.js';
import { parseCsvList, parseJsonList, csvRecords } from '../../src/controller/residents/card-ready/parse-list.js';
import { queueFixture } from '../support/station-fixture.js';

const TZ = 'Asia/Jakarta';

/** The rejected lines as line and English reason (each also carries its Indonesian `whyId`). */
const english = (r: Array<{ line: number; why: string; whyId: string }>) => r.map(({ line, why }) => ({ line, why }));

t.test('CSV: header code,readySince; rows normalised; the header is line 1', async (t) => {
  const list = parseCsvList(
    'code,readySince\r\nSP-120601-20261110-0042,2026-11-20\r\nsp/120601/20261110/0043,2026-11-27T10:00:00+07:00\r\n',
    TZ,
  );
  t.same(english(list.rejected), []);
  t.same(
    list.cards.map((c) => [c.code, c.readySince, c.line]),
    [
      ['SP-120601-20261110-0042', '2026-11-20', 2],
      ['SP-120601-20261110-0043', '2026-11-27T10:00:00+07:00', 3],
    ],
  );
  t.equal(list.cards[0]!.readyAt, Date.parse('2026-11-20T00:00:00+07:00'), 'a plain day is ready from its local midnight');
});

t.test('CSV: semicolons (Indonesian spreadsheets), quotes, a BOM, extra columns ignored', async (t) => {
  const text = '\uFEFFnama;code;readySince\n"Siregar; Budi";REG-0001;2026-11-20\n\n"Ginting";"REG-0002";2026-11-21\n';
  const list = parseCsvList(text, TZ);
  t.same(english(list.rejected), []);
  t.same(
    list.cards.map((c) => [c.code, c.line]),
    [
      ['REG-0001', 2],
      ['REG-0002', 4],
    ],
  );
  t.notOk(JSON.stringify(list.cards).includes('Siregar'), 'the name column is never kept');
});

t.test('CSV: every malformed line reported with its line number and why', async (t) => {
  const text = [
    'code,readySince', // 1
    'SP-120601-20261110-0042,2026-11-20', // 2 good
    ',2026-11-20', // 3 empty code
    'SP-120601-20261110-0044,20-11-2026', // 4 bad date
    'SP-120601-20261110-0045', // 5 missing field
    '1206015001900001,2026-11-20', // 6 a NIK
    'SP-120601-20261110-0042,2026-11-21', // 7 same code, other date
    'SP-120601-20261110-0046,2026-02-30', // 8 no such day
    'SP-120601-20261110-0047,2026-11-20,x', // 9 too many fields
  ].join('\n');
  const list = parseCsvList(text, TZ);
  t.same(
    list.rejected.map((r) => r.line),
    [3, 4, 5, 6, 7, 8, 9],
  );
  t.match(list.rejected[0]!.why, /code is empty/);
  t.match(list.rejected[1]!.why, /readySince "20-11-2026" is not a date/);
  t.match(list.rejected[1]!.whyId, /readySince "20-11-2026" bukan tanggal/, 'and why in Indonesian for the office');
  t.match(list.rejected[2]!.why, /expected 2 fields, found 1/);
  t.match(list.rejected[3]!.why, /NIK is not accepted/);
  t.match(list.rejected[4]!.why, /also on line 2 with another readySince/);
  t.match(list.rejected[6]!.why, /expected 2 fields, found 3/);
});

t.test('CSV: a quoted value spanning lines keeps the line it starts on; an unclosed quote is reported', async (t) => {
  t.same(
    csvRecords('a,b\n"x\ny",2\nz,3\n', ',').map((r) => [r.line, r.fields]),
    [
      [1, ['a', 'b']],
      [2, ['x\ny', '2']],
      [4, ['z', '3']],
    ],
  );
  const list = parseCsvList('code,readySince\nREG-0001,2026-11-20\n"REG-0002,2026-11-20\n', TZ);
  t.same(english(list.rejected), [{ line: 3, why: 'a quote (") opened on this line is never closed' }]);
});

t.test('CSV: a header without code and readySince, or nothing at all, is a format error', async (t) => {
  t.throws(() => parseCsvList('kode,tanggal\nREG-0001,2026-11-20\n', TZ), { name: 'ListFormatError' });
  t.throws(() => parseCsvList('', TZ), /empty/);
});

t.test('JSON: the card position is its line', async (t) => {
  const list = parseJsonList(
    {
      cards: [{ code: 'REG-0001', readySince: '2026-11-20' }, { code: 'REG-0002' }, 'REG-0003'],
    },
    TZ,
  );
  t.same(english(list.rejected), [
    { line: 2, why: 'readySince is missing' },
    { line: 3, why: 'is not an object { code, readySince }' },
  ]);
  t.throws(() => parseJsonList({ list: [] }, TZ), { name: 'ListFormatError' });
});

t.test('import: all or nothing; ready from readySince; collected once handed over', async (t) => {
  const { db, clock, queue } = queueFixture(t);
  const cards = new CardReadyList(db, clock, TZ, silentLogger());

  const bad = cards.import(parseCsvList('code,readySince\nREG-0001,2026-11-20\nREG-0002,not-a-date\n', TZ));
  t.same(bad.imported, 0);
  t.same(
    bad.rejected.map((r) => r.line),
    [3],
  );
  t.same(cards.lookup('REG-0001'), { code: 'REG-0001', ready: false }, 'the good line of a refused file is not imported');

  const good = cards.import(parseCsvList('code,readySince\nREG-0001,2026-11-20\nREG-0002,2026-11-29\n', TZ));
  t.same([good.imported, good.added, good.updated], [2, 2, 0]);
  t.same(cards.lookup('reg-0001'), { code: 'REG-0001', ready: true, readySince: '2026-11-20' }, 'looked up in any case');
  t.same(cards.lookup('REG-0002'), { code: 'REG-0002', ready: false, readySince: '2026-11-29' }, 'ready only from tomorrow');
  t.same(cards.counts(), { waiting: 1, notYet: 1, collected: 0 });

  const again = cards.import(parseCsvList('code,readySince\nREG-0001,2026-11-20\n', TZ));
  t.same([again.imported, again.added, again.updated], [1, 0, 1], 'importing the same list again changes nothing');

  clock.advance(60_000);
  const first = queue.issue({ service: 'B', source: 'test', summons: 'REG-0001' });
  const second = queue.issue({ service: 'B', source: 'test', summons: 'REG-0001' });
  t.ok(cards.markCollected('REG-0001', first.id));
  t.notOk(cards.markCollected('REG-0001', second.id), 'collected once');
  t.same(cards.lookup('REG-0001'), {
    code: 'REG-0001',
    ready: false,
    readySince: '2026-11-20',
    collectedAt: '2026-11-28T08:01:00.000+07:00',
  });
});
