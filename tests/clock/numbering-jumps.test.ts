/**
 * Numbering when the clock jumps (a board without a battery clock, NTP
 * arriving late, a technician correcting it), on an injected clock: never a
 * ticket filed under a past day, never a number given twice.
 */
import t from 'tap';
import { AdjustableClock, ManualClock } from '../../src/shared/clock.js';
import { openDatabase } from '../../src/controller/store/database.js';
import { EventBus } from '../../src/controller/event-bus.js';
import { QueueService } from '../../src/controller/queue/queue-service.js';
import { silentLogger } from '../../src/shared/log.js';
import { tempDir, testConfig } from '../support/station-fixture.js';

const DAY = 24 * 3600_000;

function rig(t: { teardown(fn: () => void): void }) {
  const dir = tempDir(t);
  const config = testConfig(dir);
  const base = new ManualClock('2026-11-30T09:00:00+07:00');
  const clock = new AdjustableClock(base);
  const db = openDatabase(dir);
  t.teardown(() => db.close());
  const make = () => new QueueService(db, config, clock, new EventBus(), silentLogger());
  return { clock, db, make, queue: make() };
}

const issue = (q: QueueService) => {
  const v = q.issue({ service: 'A', source: 'kiosk' });
  return `${v.number}@${q.ticketsOfDay(q.today()).some((x) => x.id === v.id) ? q.today() : '?'}`;
};

t.test('jump back a day, jump forward, then back: no past day, no repeated number', async (t) => {
  const { clock, db, make, queue } = rig(t);
  t.same([issue(queue), issue(queue)], ['A-001@2026-11-30', 'A-002@2026-11-30']);

  clock.setOffset(-DAY); // the clock falls back to yesterday (a reboot on the last saved time)
  t.equal(issue(queue), 'A-003@2026-11-30', 'numbering stays on the latest day numbered');
  t.equal(queue.ticketsOfDay('2026-11-29').length, 0, 'nothing filed under the past day');

  clock.setOffset(+DAY); // a day ahead (a wrong manual setting, a bad time source)
  t.equal(issue(queue), 'A-001@2026-12-01', 'a new day starts at 001');

  clock.setOffset(0); // and back to the real date
  t.equal(issue(queue), 'A-002@2026-12-01', 'still no going back: the sequence goes on');
  t.equal(queue.queueDay.heldOn(clock.now()), '2026-12-01', 'the hold is visible (technician alert, STATUS)');

  const restarted = make(); // a restart while the clock still reads the earlier day
  t.equal(issue(restarted), 'A-003@2026-12-01', 'the floor comes back from the database');

  restarted.queueDay.confirm('2026-11-30'); // a technician confirms today's real date
  t.equal(issue(restarted), 'A-004@2026-11-30', 'back on the confirmed day, continuing after its last number');

  const numbers = db.prepare('SELECT day, number FROM tickets ORDER BY id').all() as { day: string; number: string }[];
  const keys = numbers.map((n) => `${n.day} ${n.number}`);
  t.equal(new Set(keys).size, keys.length, `no number twice on a day: ${keys.join(', ')}`);
});

t.test('the ordinary midnight still rolls over', async (t) => {
  const { clock, queue } = rig(t);
  issue(queue);
  (clock.base as ManualClock).advance(15 * 3600_000); // 00:00 WIB the next day
  t.equal(issue(queue), 'A-001@2026-12-01');
  t.equal(queue.queueDay.heldOn(clock.now()), null);
});
