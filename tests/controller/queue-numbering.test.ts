import t from 'tap';
import { queueFixture } from '../support/station-fixture.js';

t.test('numbers run per service per local day and restart at 001 after midnight WIB', async (t) => {
  const { queue, clock } = queueFixture(t, undefined, '2026-11-28T23:59:00+07:00');
  t.equal(queue.issue({ service: 'A', source: 'kiosk' }).number, 'A-001');
  t.equal(queue.issue({ service: 'A', source: 'kiosk' }).number, 'A-002');
  t.equal(queue.issue({ service: 'B', source: 'kiosk' }).number, 'B-001');
  clock.advance(59_000); // 23:59:59 WIB, still Saturday
  const last = queue.issue({ service: 'A', source: 'kiosk' });
  t.equal(last.number, 'A-003');
  t.match(last.issuedAt, /^2026-11-28T23:59:59\.000\+07:00$/);
  clock.advance(1_000); // 00:00:00 WIB Sunday = 17:00 UTC
  const first = queue.issue({ service: 'A', source: 'kiosk' });
  t.equal(first.number, 'A-001', 'restarts at local midnight, not UTC midnight');
  t.equal(queue.today(), '2026-11-29');
  t.equal(queue.ticketsOfDay('2026-11-28').length, 4);
  t.equal(queue.ticketsOfDay('2026-11-29').length, 1);
});

t.test('UTC midnight does not roll the queue day', async (t) => {
  const { queue, clock } = queueFixture(t, undefined, '2026-11-29T06:59:00+07:00');
  queue.issue({ service: 'A', source: 'kiosk' });
  clock.advance(2 * 60_000); // 07:01 WIB = 00:01 UTC
  t.equal(queue.issue({ service: 'A', source: 'kiosk' }).number, 'A-002');
});

t.test('daily quota: the last number is issued, the next is refused with nothing stored', async (t) => {
  const { queue, clock } = queueFixture(t, (c) => {
    c.services[1]!.dailyQuota = 2;
  });
  queue.issue({ service: 'B', source: 'kiosk' });
  t.equal(queue.issue({ service: 'B', source: 'kiosk' }).number, 'B-002');
  t.throws(() => queue.issue({ service: 'B', source: 'button-2' }), { code: 'QUOTA_EXHAUSTED', status: 409 });
  t.equal(queue.ticketsOfDay(queue.today()).length, 2);
  const view = queue.queueView().services.find((s) => s.code === 'B')!;
  t.same([view.issued, view.remaining, view.exhausted], [2, 0, true]);
  t.equal(queue.issue({ service: 'A', source: 'kiosk' }).number, 'A-001', 'other services are unaffected');
  clock.set('2026-11-29T07:00:00+07:00');
  t.equal(queue.issue({ service: 'B', source: 'kiosk' }).number, 'B-001', 'quota is per day');
});

t.test('unknown service is a 400 and stores nothing', async (t) => {
  const { queue } = queueFixture(t);
  t.throws(() => queue.issue({ service: 'Z', source: 'kiosk' }), { code: 'UNKNOWN_SERVICE', status: 400 });
  t.equal(queue.ticketsOfDay(queue.today()).length, 0);
});

t.test('ahead counts the tickets that will be called first', async (t) => {
  const { queue } = queueFixture(t);
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.issue({ service: 'B', source: 'kiosk' });
  t.equal(queue.issue({ service: 'A', source: 'kiosk' }).ahead, 2, 'only its own service');
  t.equal(queue.issue({ service: 'A', priority: true, source: 'kiosk' }).ahead, 0, 'priority goes first');
  t.equal(queue.issue({ service: 'A', source: 'kiosk' }).ahead, 4);
});
