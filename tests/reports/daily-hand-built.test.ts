/**
 * Every CONTRACT v2 fixed field of the daily report of a day built by hand
 * (tests/reports/hand-built-day.ts), against values worked out on paper: the
 * comments are the working, the literals the results. Then the figures
 * beyond the fixed ones, and the same report through the API and as CSV.
 */
import t from 'tap';
import { apiFixture, auth, TOKENS } from '../support/api-fixture.js';
import { dailyReport, type DailyReport } from '../../src/controller/reports/daily.js';
import { DAY, buildDay, handBuiltConfig } from './hand-built-day.js';

/** Exactly the CONTRACT v2 fixed fields, nothing else. */
function fixedFields(r: DailyReport) {
  return {
    date: r.date,
    services: r.services.map((s) => ({
      code: s.code,
      issued: s.issued,
      priorityIssued: s.priorityIssued,
      refusedAtQuota: s.refusedAtQuota,
      done: s.done,
      noShow: s.noShow,
      transferredOut: s.transferredOut,
      waitingAtClose: s.waitingAtClose,
      waitS: s.waitS,
      serviceS: s.serviceS,
      waitAboveTarget: s.waitAboveTarget,
      steps: s.steps.map((x) => ({
        step: x.step,
        count: x.count,
        meanS: x.meanS,
        p90S: x.p90S,
        targetS: x.targetS,
        overTarget: x.overTarget,
      })),
    })),
    hours: r.hours.map((h) => ({ hour: h.hour, issued: h.issued, called: h.called, done: h.done })),
    counters: r.counters.map((c) => ({ id: c.id, servingS: c.servingS, pausedS: c.pausedS, done: c.done })),
    coverage: r.coverage && {
      obliged: r.coverage.obliged,
      recorded: r.coverage.recorded,
      remaining: r.coverage.remaining,
      recordedToday: r.coverage.recordedToday,
      perDay: r.coverage.perDay,
      daysToCover: r.coverage.daysToCover,
    },
  };
}

t.test('every fixed field of a hand-built day', async (t) => {
  const f = await apiFixture(t, handBuiltConfig);
  buildDay(f.queue, f.clock, f.db);
  const r = dailyReport({ config: f.config, queue: f.queue }, DAY);

  t.same(fixedFields(r), {
    date: '2026-12-01',
    services: [
      {
        code: 'A',
        // A-001 … A-006 were numbered A; A-003 was priority; nothing refused.
        issued: 6,
        priorityIssued: 1,
        refusedAtQuota: 0,
        // Tickets whose service is A now, A-006 (A-001 went to B).
        // Done. No-show: A-004 (three calls). Waiting at close: A-006.
        done: 3,
        noShow: 1,
        transferredOut: 1,
        waitingAtClose: 1,
        // Waits, issue to LAST call: A-003 07:32→08:00 = 1680; A-002 07:31→08:12 = 2460;
        // A-004 08:05→08:22 (third call) = 1020; A-005 10:05→13:05 = 10800.
        // Sorted 1020 1680 2460 10800: mean 15960/4 = 3990; median (1680+2460)/2 = 2070;
        // p90 rank ceil(0.9×4) = 4 → 10800; max 10800.
        waitS: { mean: 3990, median: 2070, p90: 10800, max: 10800 },
        // Service, last call to done: A-003 08:00→08:07 = 420; A-002 08:12→08:18 = 360; A-005 13:05→13:11:30 = 390.
        // Sorted 360 390 420: mean 390; median 390; p90 rank ceil(2.7) = 3 → 420; max 420.
        serviceS: { mean: 390, median: 390, p90: 420, max: 420 },
        // Over 30 min (1800 s): 2460 and 10800.
        waitAboveTarget: 2,
        steps: [
          // verify under A: A-003 120, A-001 90 (08:09:40 → transfer 08:11:10), A-002 120, A-005 120.
          // mean 450/4 = 112.5; p90 rank 4 of 90 120 120 120 → 120; over 120: none.
          { step: 'verify', count: 4, meanS: 112.5, p90S: 120, targetS: 120, overTarget: 0 },
          // photo: 60, 90, 60 → mean 70; p90 rank 3 → 90; over 60: one.
          { step: 'photo', count: 3, meanS: 70, p90S: 90, targetS: 60, overTarget: 1 },
          // signature: 60, 20, 30 → mean 36.67 → 36.7; p90 → 60; over 30: one (30 is not over).
          { step: 'signature', count: 3, meanS: 36.7, p90S: 60, targetS: 30, overTarget: 1 },
          // biometrics: 120, 90, 90 → mean 100; p90 → 120; over 90: one.
          { step: 'biometrics', count: 3, meanS: 100, p90S: 120, targetS: 90, overTarget: 1 },
          // stamp: 30, 20, 30 → mean 26.67 → 26.7; p90 → 30; over 30: none.
          { step: 'stamp', count: 3, meanS: 26.7, p90S: 30, targetS: 30, overTarget: 0 },
        ],
      },
      {
        code: 'B',
        // B-001 … B-003 (the quota), two refused at 08:41 and 08:42.
        issued: 3,
        priorityIssued: 0,
        refusedAtQuota: 2,
        // Tickets whose service is B: B-001, B-002, B-003 and A-001; all done.
        done: 4,
        noShow: 0,
        transferredOut: 0,
        waitingAtClose: 0,
        // Waits: B-001 07:40→07:45 = 300; A-001 07:30→08:15 (its last call, in B) = 2700; B-002 08:30→08:45 = 900;
        // B-003 08:40→08:50 = 600. Sorted 300 600 900 2700: mean 4500/4 = 1125; median (600+900)/2 = 750; p90 → 2700.
        waitS: { mean: 1125, median: 750, p90: 2700, max: 2700 },
        // Service: B-001 180; A-001 08:15→08:18:30 = 210; B-002 08:45→08:48:10 = 190; B-003 180.
        // Sorted 180 180 190 210: mean 760/4 = 190; median (180+190)/2 = 185; p90 → 210.
        serviceS: { mean: 190, median: 185, p90: 210, max: 210 },
        // Over 20 min (1200 s): A-001's 2700.
        waitAboveTarget: 1,
        steps: [
          // verify under B: B-001 60, A-001 120, B-002 60, B-003 60 → mean 75; p90 → 120; over 60: one.
          { step: 'verify', count: 4, meanS: 75, p90S: 120, targetS: 60, overTarget: 1 },
          // handover: 60, 60, 90, 60 → mean 67.5; p90 → 90; over 60: one.
          { step: 'handover', count: 4, meanS: 67.5, p90S: 90, targetS: 60, overTarget: 1 },
        ],
      },
    ],
    hours: [
      // 07: issued A-001 A-002 A-003 B-001; first call B-001; done B-001.
      { hour: 7, issued: 4, called: 1, done: 1 },
      // 08: issued A-004 B-002 B-003; first calls A-003 A-001 A-002 A-004 B-002 B-003 (A-001's call in B is not
      // its first); done A-003 A-002 A-001 B-002 B-003.
      { hour: 8, issued: 3, called: 6, done: 5 },
      // 10: issued A-005 A-006.
      { hour: 10, issued: 2, called: 0, done: 0 },
      // 13: first call and done A-005.
      { hour: 13, issued: 0, called: 1, done: 1 },
    ],
    counters: [
      // Counter 1: done A-003 420 + A-002 360 + A-005 390 = 1170; paused 12:00–13:00 (ISHOMA) = 3600.
      { id: 1, servingS: 1170, pausedS: 3600, done: 3 },
      // Counter 2: B-001 180 + A-001 210 + B-002 190 + B-003 180 = 760; never paused.
      { id: 2, servingS: 760, pausedS: 0, done: 4 },
    ],
    coverage: {
      obliged: 1000,
      // 900 before + 29 Nov 2 + 30 Nov 3 + today 3 (A-003, A-002, A-005; A-001 was done in B) = 908.
      // 28 Nov's one is before `since`.
      recorded: 908,
      remaining: 92,
      recordedToday: 3,
      // Days with recording: 29 Nov 2, 30 Nov 3, 1 Dec 3 → 8/3 = 2.67 → 2.7.
      perDay: 2.7,
      // ceil(92 / (8/3)) = ceil(34.5) = 35.
      daysToCover: 35,
    },
  });
});

t.test('the figures beyond the fixed fields', async (t) => {
  const f = await apiFixture(t, handBuiltConfig);
  buildDay(f.queue, f.clock, f.db);
  const r = dailyReport({ config: f.config, queue: f.queue }, DAY);
  const [a, b] = r.services as [DailyReport['services'][0], DailyReport['services'][0]];

  t.same(
    a.waitBuckets.map((x) => [x.label, x.tickets]),
    // 1020 s = 17 min (5–20); 1680 = 28 and 2460 = 41 (20–60); 10800 = 180 (60+).
    [
      ['0–5', 0],
      ['5–20', 1],
      ['20–60', 2],
      ['60+', 1],
    ],
  );
  t.same(
    b.waitBuckets.map((x) => x.tickets),
    // 300 s is exactly 5 min: the lower bound belongs to 5–20; 600, 900 too; 2700 = 45 min.
    [0, 3, 1, 0],
  );
  // Walk, last call → first step: A-003 30, A-002 20, A-005 60 (A-004 never reached the counter).
  t.same(a.walkS, { mean: 36.7, median: 30, p90: 60, max: 60 });
  // B-001 60, A-001 30 (called 08:15, verify 08:15:30), B-002 40, B-003 60.
  t.same(b.walkS, { mean: 47.5, median: 50, p90: 60, max: 60 });
  // Permendagri clock, end of verify → done: A-003 08:02:30→08:07 = 270, A-002 08:14:20→08:18 = 220,
  // A-005 13:08→13:11:30 = 210; all within the hour.
  t.same(a.documentClock, { tickets: 3, meanS: 233.3, medianS: 220, p90S: 270, maxS: 270, withinHour: 3, withinHourPct: 100 });
  // B-001 60, A-001 60 (its verify under B ended 08:17:30), B-002 90, B-003 60.
  t.same(b.documentClock, { tickets: 4, meanS: 67.5, medianS: 60, p90S: 90, maxS: 90, withinHour: 4, withinHourPct: 100 });
  t.same([a.transferredIn, b.transferredIn], [0, 1]);
  t.same([a.outliers, b.outliers], [[], []], 'four values cannot be 3 standard deviations out');
  t.same(
    a.steps.map((s) => [s.step, s.medianS, s.maxS]),
    [
      ['verify', 120, 120],
      ['photo', 60, 90],
      ['signature', 30, 60],
      ['biometrics', 90, 120],
      ['stamp', 30, 30],
    ],
  );
  // Kept names: means in minutes. A waits 3990 s = 66.5 min; service 390 s = 6.5 min.
  t.same([a.meanWaitMin, a.meanServiceMin, a.waiting], [66.5, 6.5, 1]);

  // Waits by the hour they were issued in: 07 → 2700 2460 1680 300 (mean 1785); 08 → 1020 900 600 (840);
  // 10 → 10800 (A-006 never called).
  t.same(
    r.hours.map((h) => [h.hour, h.meanWaitS, h.maxWaitS]),
    [
      [7, 1785, 2700],
      [8, 840, 1020],
      [10, 10800, 10800],
      [13, null, null],
    ],
  );

  // Counter 1's working day: first call 08:00 to the end of A-005 13:11:30 = 18690 s; paused 3600 → open 15090;
  // idle 15090 − 1170 = 13920; utilisation 1170/15090 = 7.75 % → 7.8. Counter 2: 07:45 → 08:53 = 4080 s;
  // idle 4080 − 760 = 3320; 760/4080 = 18.6 %.
  t.match(r.counters, [
    {
      id: 1,
      name: 'Loket 1',
      noShow: 1,
      startedAt: '2026-12-01T08:00:00.000+07:00',
      endedAt: '2026-12-01T13:11:30.000+07:00',
      openS: 15090,
      closedS: 0,
      idleS: 13920,
      utilisationPct: 7.8,
    },
    { id: 2, noShow: 0, openS: 4080, idleS: 3320, utilisationPct: 18.6, startedAt: '2026-12-01T07:45:00.000+07:00' },
  ]);

  // Power to 17:00: mains 00:00–10:00 and 10:20–17:00 = 1000 min; battery 10:00–10:03 = 3 (recording lost);
  // genset 10:03–10:20 = 17. Tickets issued 10:00–10:20.
  t.same(r.power, {
    minutes: { mains: 1000, genset: 17, battery: 3, unknown: 0 },
    outages: 1,
    outageMinutes: 20,
    gensetRuns: 1,
    gensetMinutes: 23,
    meanGensetDelayS: 180,
    lostMinutes: 3,
    ticketsIssuedDuringOutages: 2,
    list: [
      {
        startedAt: '2026-12-01T10:00:00.000+07:00',
        endedAt: '2026-12-01T10:20:00.000+07:00',
        minutes: 20,
        gensetDelayS: 180,
        ticketsIssued: 2,
      },
    ],
  });
  // Fingerprint 09:00 → 11:30 = 150 min; the camera (14:00) is still open.
  t.match(r.faults, {
    opened: 2,
    resolved: 1,
    meanRepairMin: 150,
    openAtEndOfDay: 1,
    list: [
      { device: 'fingerprint', counter: 1, repairMinutes: 150 },
      { device: 'camera', counter: 2, resolvedAt: null, repairMinutes: null },
    ],
  });
  t.same(r.totals, { issued: 9, done: 7, noShow: 1, refusedAtQuota: 2, waitingAtClose: 1 });

  // Capacity: 8/3 a day on 2 sets = 4/3 per set; a third set → 4 a day → ceil(92/4) = 23 days, 12 fewer;
  // it needs 3500 + 350 × 2 = 4200 W, within the 5000 W genset.
  t.same(r.capacity, {
    recordingSets: 2,
    perDay: 2.7,
    perSetPerDay: 1.3,
    daysToCover: 35,
    withOneMoreSet: {
      recordingSets: 3,
      perDay: 4,
      daysToCover: 23,
      daysSaved: 12,
      requiredW: 4200,
      gensetRatedW: 5000,
      gensetEnough: true,
      gensetShortW: 0,
    },
  });
  t.match(r.coverage, { recordedBefore: 900, since: '2026-11-29', recordedSince: 8, recordedPct: 90.8, daysInMean: 3 });
  t.equal(r.survey, null, 'no survey answers collected');
});

t.test('the API sends every figure of the report, as JSON and CSV', async (t) => {
  const f = await apiFixture(t, handBuiltConfig);
  buildDay(f.queue, f.clock, f.db);
  const direct = dailyReport({ config: f.config, queue: f.queue }, DAY);
  const res = await f.app.inject({ url: `/api/v1/reports/daily?date=${DAY}`, headers: auth(TOKENS.technician) });
  t.equal(res.statusCode, 200);
  t.same(res.json(), JSON.parse(JSON.stringify(direct)), 'the response schema drops nothing');

  const csv = await f.app.inject({ url: `/api/v1/reports/daily?date=${DAY}&format=csv`, headers: auth(TOKENS.admin) });
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  t.equal(lines[0], 'date,section,item,metric,value');
  for (const line of [
    '2026-12-01,service,A,waitS.p90,10800',
    '2026-12-01,service,B,refusedAtQuota,2',
    '2026-12-01,step,A/signature,meanS,36.7',
    '2026-12-01,step,B/handover,overTarget,1',
    '2026-12-01,hour,08,called,6',
    '2026-12-01,counter,1,pausedS,3600',
    '2026-12-01,coverage,area,daysToCover,35',
    '2026-12-01,capacity,plan,withOneMoreSet.requiredW,4200',
    '2026-12-01,wait_bucket,A/60+ min,tickets,1',
    '2026-12-01,power,day,lostMinutes,3',
  ])
    t.ok(lines.includes(line), line);
});

t.test('a day with nothing and a station without coverage', async (t) => {
  const f = await apiFixture(t, (c) => {
    delete c.coverage;
  });
  const r = dailyReport({ config: f.config, queue: f.queue }, '2026-11-28');
  t.equal(r.coverage, null);
  t.equal(r.capacity, null);
  t.same(r.hours, []);
  t.same(r.services[0]!.waitS, { mean: null, median: null, p90: null, max: null });
  t.same(
    r.services[0]!.steps.map((s) => [s.count, s.meanS, s.p90S, s.overTarget]),
    [
      [0, null, null, 0],
      [0, null, null, 0],
      [0, null, null, 0],
      [0, null, null, 0],
      [0, null, null, 0],
    ],
  );
  t.same(
    r.counters.map((c) => [c.servingS, c.pausedS, c.done, c.utilisationPct]),
    [
      [0, 0, 0, null],
      [0, 0, 0, null],
    ],
  );
  const res = await f.app.inject({ url: '/api/v1/reports/daily?date=2026-02-30', headers: auth(TOKENS.admin) });
  t.equal(res.statusCode, 400, 'no such day');
});
