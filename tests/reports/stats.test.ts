/** The report's arithmetic on small cases worked out by hand, and outliers flagged but kept. */
import t from 'tap';
import { median, nearestRank, seconds1, summary, zScores, ceilDiv } from '../../src/controller/reports/stats.js';
import { serviceFigures, stepsByTicket } from '../../src/controller/reports/service-figures.js';
import type { ReportTicket } from '../../src/controller/reports/report-store.js';

t.test('median, nearest-rank p90 and rounding to 0.1 s', async (t) => {
  t.equal(median([3, 1, 2]), 2, 'odd count: the middle value');
  t.equal(median([4, 1, 3, 2]), 2.5, 'even count: the mean of the two middle values');
  t.equal(median([]), null);
  // Nearest rank: ceil(0.9 × n). n = 10 → rank 9; n = 11 → rank ceil(9.9) = 10; n = 1 → rank 1.
  t.equal(nearestRank([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90), 90);
  t.equal(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90), 10);
  t.equal(nearestRank([7], 90), 7);
  // Half up on whole milliseconds: 1450 ms → 1.5 s (1.45 × 10 in floating point would give 1.4); 1449 → 1.4.
  t.equal(seconds1(1450), 1.5);
  t.equal(seconds1(1449), 1.4);
  t.equal(seconds1(36_666.67), 36.7);
  t.same(summary([1000, 2000, 4000]), { mean: 2.3, median: 2, p90: 4, max: 4 });
  t.equal(ceilDiv(92 * 3, 8), 35, 'ceil(34.5)');
  t.equal(ceilDiv(90, 30), 3, 'an exact quotient is not rounded up');
});

t.test('z-scores use the population standard deviation; no spread, no score', async (t) => {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2 → z of 9 is 2, of 2 is −1.5.
  const z = zScores([2, 4, 4, 4, 5, 5, 7, 9]);
  t.equal(z[7], 2);
  t.equal(z[0], -1.5);
  t.same(zScores([5, 5, 5]), [null, null, null]);
});

t.test('a wait 3 standard deviations out is flagged, and still counted', async (t) => {
  // Eleven tickets waited 10 min, one waited 130 min: mean 20 min, population sd √(11×100 + 110²)/12 ... worked:
  // deviations −10 (×11) and +110; variance (11×100 + 12100)/12 = 1100; sd 33.17; z = 110/33.17 = 3.32.
  const base = Date.parse('2026-12-01T08:00:00+07:00');
  const tickets: ReportTicket[] = Array.from({ length: 12 }, (_, i) => ({
    id: i + 1,
    day: '2026-12-01',
    prefix: 'A',
    number: `A-${String(i + 1).padStart(3, '0')}`,
    service: 'A',
    priority: 0,
    status: 'called',
    issued_at: base,
    called_at: base + (i === 11 ? 130 : 10) * 60_000,
    first_called_at: base + (i === 11 ? 130 : 10) * 60_000,
    counter_id: 1,
    finished_at: null,
  }));
  const f = serviceFigures(
    { code: 'A', name: 'Perekaman', dailyQuota: 150, steps: ['verify'], targets: { waitMinutes: 60 } },
    { tickets, steps: [], transfers: [], refusals: [] },
    stepsByTicket([]),
  );
  t.same(f.outliers, [{ day: '2026-12-01', number: 'A-012', figure: 'wait', step: null, valueS: 7800, meanS: 1200, z: 3.32 }]);
  t.equal(f.waitS.mean, 1200, 'the outlier stays in the mean: (11 × 600 + 7800) / 12 = 1200');
  t.equal(f.waitS.max, 7800);
  t.equal(f.waitAboveTarget, 1);
});
