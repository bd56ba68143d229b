/**
 * `ktp-station simulate-day`: seeded Merek days driven through the real
 * station on the simulated clock; the ground truth from the simulation's own
 * log must match the station's report figure for figure.
 */
import t from 'tap';
import { simulateDay, type DayOutcome } from '../../src/simulate-day/command.js';

// A simulated day takes ~7 s of CPU. Two seeds here and a third through the command line
// (simulate-day-command.test.ts) keep CI's share near 20 s; on a machine shared by many test
// files the wall time may be minutes.
t.setTimeout(900_000);

const figure = (o: DayOutcome, field: string) => o.rows.find((r) => r.field === field)?.truth as number;

for (const seed of [1, 2]) {
  t.test(`seed ${seed}: every figure of the station's report agrees with the ground truth`, async (t) => {
    const day = await simulateDay(seed, '2026-12-01');
    t.same(day.differences, [], `${day.compared} figures compared`);
    t.ok(day.compared > 120, 'the fixed fields and more were compared');
    // The day has what a Merek day has.
    t.ok(day.tickets > 120, `${day.tickets} tickets`);
    t.ok(figure(day, 'services.B.refusedAtQuota') > 0, 'the pickup quota ran out');
    t.ok(figure(day, 'services.A.noShow') + figure(day, 'services.B.noShow') > 0, 'residents who never came');
    t.ok(figure(day, 'services.A.transferredOut') > 0, 'residents sent from recording to pickup');
    t.ok(figure(day, 'power.lostMinutes') > 1, 'minutes without power before the genset carried the office');
    t.ok(figure(day, 'counters.1.pausedS') > 3000, 'Loket 1 paused for ISHOMA and the outage');
    t.equal(figure(day, 'faults.resolved'), 1, 'the fingerprint scanner was repaired');
    t.ok(figure(day, 'hours.7.issued') > figure(day, 'hours.13.issued'), 'farmers come early');
  });
}
