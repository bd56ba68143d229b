/**
 * What the waiting room is told by the queue: the next numbers of each
 * service in call order, and that a no-show is no longer called.
 */
import t from 'tap';
import { queueFixture } from '../support/station-fixture.js';

t.test('the queue view lists the next numbers per service, priority first, then oldest', async (t) => {
  const { queue, clock } = queueFixture(t);
  for (const [service, priority] of [
    ['A', false],
    ['A', false],
    ['B', false],
    ['A', true],
    ['A', false],
    ['A', false],
  ] as const) {
    queue.issue({ service, priority, source: 'kiosk' });
    clock.advance(1000);
  }
  const next = (code: string) => queue.queueView().services.find((s) => s.code === code)!.next;
  t.same(next('A'), ['A-003', 'A-001', 'A-002'], 'three at most, the priority ticket first');
  t.same(next('B'), ['B-001']);
  queue.call(1);
  t.same(next('A'), ['A-001', 'A-002', 'A-004'], 'a called number leaves the list');
});

t.test('a no-show is announced on the public stream so screens stop showing it as called', async (t) => {
  const { queue, bus } = queueFixture(t);
  const absent: unknown[] = [];
  bus.subscribe((e) => {
    if (e.name === 'absent') absent.push({ ...(e.data as object), scope: e.scope.kind });
  });
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.call(1);
  queue.recall(1);
  t.same(absent, [], 'nothing while it is still being called');
  queue.recall(1);
  queue.noShow(1);
  t.match(absent, [{ number: 'A-001', counter: 1, scope: 'public' }]);
});
