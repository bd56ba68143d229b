import t from 'tap';
import fc from 'fast-check';
import { isoLocal, localDate, localParts, startOfLocalDay, tanggalIndonesia, jamIndonesia } from '../../src/shared/time.js';

t.test('WIB dates and times as residents read them', async (t) => {
  const ms = Date.parse('2026-11-28T01:05:09Z');
  t.equal(isoLocal(ms, 'Asia/Jakarta'), '2026-11-28T08:05:09.000+07:00');
  t.equal(tanggalIndonesia(ms, 'Asia/Jakarta'), 'Sabtu, 28 November 2026');
  t.equal(jamIndonesia(ms, 'Asia/Jakarta', true), '08.05 WIB');
  t.equal(localDate(Date.parse('2026-11-28T16:59:59Z'), 'Asia/Jakarta'), '2026-11-28');
  t.equal(localDate(Date.parse('2026-11-28T17:00:00Z'), 'Asia/Jakarta'), '2026-11-29', 'the day starts at local midnight');
  t.equal(startOfLocalDay('2026-11-29', 'Asia/Jakarta'), Date.parse('2026-11-28T17:00:00Z'));
});

t.test('the cached offsets agree with Intl in zones with daylight saving too', async (t) => {
  const zones = ['Asia/Jakarta', 'Asia/Makassar', 'Europe/Berlin', 'America/New_York', 'Australia/Adelaide', 'Asia/Kathmandu'];
  const intl = (ms: number, timeZone: string) => {
    const out: Record<string, number> = {};
    for (const p of new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(ms))) {
      if (p.type !== 'literal') out[p.type] = Number(p.value);
    }
    return out;
  };
  fc.assert(
    fc.property(
      fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }),
      fc.constantFrom(...zones),
      (ms, zone) => {
        const mine = localParts(ms, zone);
        const theirs = intl(ms, zone);
        return (
          mine.year === theirs.year &&
          mine.month === theirs.month &&
          mine.day === theirs.day &&
          mine.hour === theirs.hour &&
          mine.minute === theirs.minute &&
          mine.second === theirs.second
        );
      },
    ),
    { numRuns: 3000 },
  );
  // Across a daylight-saving change, one minute apart.
  const before = Date.parse('2026-03-29T00:59:00Z');
  t.equal(localParts(before, 'Europe/Berlin').hour, 1);
  t.equal(localParts(before + 60_000, 'Europe/Berlin').hour, 3);
});
