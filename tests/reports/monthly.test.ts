/** The monthly report over the hand-built day and the days before it, as JSON and CSV. */
import t from 'tap';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';
import { dailyReport } from '../../src/controller/reports/daily.js';
import { monthlyReport } from '../../src/controller/reports/monthly.js';
import { DAY, buildDay, handBuiltConfig } from './hand-built-day.js';

t.test('a month: a row per day with tickets, the month as one, coverage as at its last day', async (t) => {
  const f = await apiFixture(t, handBuiltConfig);
  buildDay(f.queue, f.clock, f.db);
  const deps = { config: f.config, queue: f.queue };

  const nov = monthlyReport(deps, '2026-11');
  t.equal(nov.from, '2026-11-01');
  t.equal(nov.to, '2026-11-30');
  // 28 Nov: one A recorded (before `since`); 29 Nov: two; 30 Nov: three. Each took 6 min, waited 0.
  t.same(
    nov.days.map((d) => [d.date, d.issued, d.done, d.recorded, d.serviceS.mean, d.waitS.max]),
    [
      ['2026-11-28', 1, 1, 0, 360, 0],
      ['2026-11-29', 2, 2, 2, 360, 0],
      ['2026-11-30', 3, 3, 3, 360, 0],
    ],
  );
  t.same(nov.figures.totals, { issued: 6, done: 6, noShow: 0, refusedAtQuota: 0, waitingAtClose: 0 });
  t.same(
    nov.figures.services[0]!.steps.map((s) => [s.step, s.count, s.meanS]),
    [
      ['verify', 6, 60],
      ['photo', 6, 60],
      ['signature', 6, 60],
      ['biometrics', 6, 60],
      ['stamp', 6, 60],
    ],
  );
  // As at 30 Nov: 900 + 2 + 3 = 905; remaining 95; pace (2 + 3) / 2 = 2.5 → ceil(95 / 2.5) = 38 days.
  t.match(nov.coverage, { recorded: 905, remaining: 95, recordedToday: 3, perDay: 2.5, daysToCover: 38 });
  // Three sets instead of two: 3.75 a day → ceil(95 / 3.75) = ceil(25.33) = 26.
  t.match(nov.capacity, { withOneMoreSet: { perDay: 3.8, daysToCover: 26, daysSaved: 12 } });

  const dec = monthlyReport(deps, '2026-12');
  const day = dailyReport(deps, DAY);
  t.same(
    dec.days.map((d) => d.date),
    [DAY],
  );
  t.same(dec.figures.services, day.services, 'a month of one day has that day’s figures');
  t.same(dec.figures.counters, day.counters);
  t.same(dec.figures.hours, day.hours);
  t.same(dec.coverage, day.coverage, 'the running month: coverage as of today');
  t.same(dec.coverageByDay, [
    { date: '2026-11-29', recorded: 2, cumulative: 902 },
    { date: '2026-11-30', recorded: 3, cumulative: 905 },
    { date: '2026-12-01', recorded: 3, cumulative: 908 },
  ]);
  t.match(dec.days[0], {
    issued: 9,
    done: 7,
    noShow: 1,
    refusedAtQuota: 2,
    recorded: 3,
    waitAboveTarget: 3,
    powerLostMinutes: 3,
    faultsOpened: 2,
  });

  const res = await f.app.inject({ url: '/api/v1/reports/monthly?month=2026-12', headers: auth(TOKENS.technician) });
  t.equal(res.statusCode, 200);
  t.same(res.json(), JSON.parse(JSON.stringify(dec)), 'the response schema drops nothing');
  const csv = await f.app.inject({ url: '/api/v1/reports/monthly?month=2026-11&format=csv', headers: auth(TOKENS.admin) });
  t.equal(csv.statusCode, 200);
  const lines = csv.body.trim().split('\r\n');
  for (const line of ['2026-11-29,day,all,recorded,2', '2026-11-30,day_service,A,done,3', '2026-11,coverage,area,daysToCover,38'])
    t.ok(lines.includes(line), line);
  for (const bad of ['2026-13', '2026-1', 'last'])
    t.equal(
      (await f.app.inject({ url: `/api/v1/reports/monthly?month=${bad}`, headers: auth(TOKENS.admin) })).statusCode,
      400,
      `month=${bad} refused`,
    );
  t.equal((await f.app.inject({ url: '/api/v1/reports/monthly', headers: auth(TOKENS.kiosk) })).statusCode, 403);
});
