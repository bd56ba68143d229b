/** The daily CSV for an Indonesian spreadsheet: `&locale=id` gives semicolons, decimal commas and a UTF-8 BOM. */
import t from 'tap';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';
import { formatCsv } from '../../src/controller/reports/csv-format.js';

t.test('formatCsv: separators, decimal comma, quoting, BOM', async (t) => {
  const rows = [
    ['date', 'item', 'value'],
    ['2026-11-28', 'A; B', 12.5],
    ['2026-11-28', 'say "hi", ok', null],
  ];
  t.equal(formatCsv(rows), 'date,item,value\r\n2026-11-28,A; B,12.5\r\n2026-11-28,"say ""hi"", ok",\r\n');
  t.equal(
    formatCsv(rows, 'id'),
    '\uFEFFdate;item;value\r\n2026-11-28;"A; B";12,5\r\n2026-11-28;"say ""hi"", ok";\r\n',
    'semicolons, 12,5, a BOM first, a cell holding ; quoted',
  );
});

t.test('GET /api/v1/reports/daily?format=csv&locale=id', async (t) => {
  const { app, queue, clock } = await apiFixture(t);
  queue.issue({ service: 'A', source: 'kiosk' });
  clock.advance(90_500);
  queue.call(1);
  queue.startStep(1, 'verify');
  clock.advance(65_300);
  queue.complete(1);
  const en = await app.inject({ method: 'GET', url: '/api/v1/reports/daily?format=csv', headers: auth(TOKENS.technician) });
  t.match(en.body, /^date,section,item,metric,value\r\n/, 'the default CSV is unchanged');
  const id = await app.inject({ method: 'GET', url: '/api/v1/reports/daily?format=csv&locale=id', headers: auth(TOKENS.technician) });
  t.equal(id.statusCode, 200);
  t.match(id.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.ok(id.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'starts with the UTF-8 BOM');
  const lines = id.body.replace(/^\uFEFF/, '').split('\r\n');
  t.equal(lines[0], 'date;section;item;metric;value');
  t.ok(
    lines.some((l) => /;\d+,\d+$/.test(l)),
    'durations carry a decimal comma',
  );
  t.notOk(
    lines.some((l) => /^-?\d+\.\d+$/.test(l.split(';').at(-1) ?? '')),
    'no number with a decimal point (times stay ISO 8601)',
  );
  const bad = await app.inject({ method: 'GET', url: '/api/v1/reports/daily?format=csv&locale=fr', headers: auth(TOKENS.technician) });
  t.equal(bad.statusCode, 400);
});
