import t from 'tap';
import { queueFixture } from '../support/station-fixture.js';

t.test('a counter calls priority tickets first, then the oldest among its services', async (t) => {
  const { queue, clock } = queueFixture(t, (c) => {
    c.counters = [
      { id: 1, name: 'Loket 1', services: ['A', 'B'] },
      { id: 2, name: 'Loket 2', services: ['B'] },
    ];
  });
  queue.issue({ service: 'A', source: 'kiosk' });
  clock.advance(1000);
  queue.issue({ service: 'B', source: 'kiosk' }); // B-001
  clock.advance(1000);
  queue.issue({ service: 'A', priority: true, source: 'button-1' }); // A-003? no: A-002 priority
  clock.advance(1000);
  queue.issue({ service: 'B', priority: true, source: 'kiosk' }); // B-002 priority

  const order: string[] = [];
  for (let i = 0; i < 4; i++) {
    const t1 = queue.call(1);
    order.push(t1.number);
    queue.startStep(1, 'verify');
    queue.complete(1);
  }
  t.same(order, ['A-002', 'B-002', 'A-001', 'B-001']);
  t.throws(() => queue.call(1), { code: 'QUEUE_EMPTY', status: 409 });
});

t.test('a counter only calls its own services', async (t) => {
  const { queue } = queueFixture(t, (c) => {
    c.counters = [
      { id: 1, name: 'Loket 1', services: ['A'] },
      { id: 2, name: 'Loket 2', services: ['B'] },
    ];
  });
  queue.issue({ service: 'A', source: 'kiosk' });
  t.throws(() => queue.call(2), { code: 'QUEUE_EMPTY' });
  t.equal(queue.call(1).number, 'A-001');
});

t.test('recall up to three calls in all, then no-show is allowed', async (t) => {
  const { queue, bus } = queueFixture(t);
  const seen: string[] = [];
  bus.subscribe((e) => {
    if (e.name === 'called' || e.name === 'recalled') seen.push(`${e.name}:${(e.data as { calls: number }).calls}`);
  });
  queue.issue({ service: 'A', source: 'kiosk' });
  const called = queue.call(1);
  t.equal(called.status, 'called');
  t.equal(called.counter, 1);
  t.ok(called.calledAt);
  t.throws(() => queue.noShow(1), { code: 'NO_SHOW_TOO_EARLY' }, 'not after one call');
  t.equal(queue.recall(1).calls, 2);
  t.equal(queue.recall(1).calls, 3);
  t.throws(() => queue.recall(1), { code: 'RECALL_LIMIT', status: 409 });
  const gone = queue.noShow(1);
  t.equal(gone.status, 'no_show');
  t.same(seen, ['called:1', 'recalled:2', 'recalled:3']);
  t.equal(queue.current(1), null, 'the counter is free again');
});

t.test('SOP steps are timed: a step ends when the next starts or the ticket completes', async (t) => {
  const { queue, clock } = queueFixture(t);
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.call(1);
  clock.advance(30_000);
  t.equal(queue.startStep(1, 'verify').status, 'serving');
  clock.advance(90_000);
  queue.startStep(1, 'photo');
  clock.advance(45_000);
  t.throws(() => queue.startStep(1, 'handover'), { code: 'UNKNOWN_STEP', status: 400 }, 'handover is not a recording step');
  queue.startStep(1, 'signature');
  clock.advance(20_000);
  const done = queue.complete(1);
  t.equal(done.status, 'done');
  t.same(
    done.steps!.map((s) => [s.step, s.durationS]),
    [
      ['verify', 90],
      ['photo', 45],
      ['signature', 20],
    ],
  );
  t.ok(done.steps!.every((s) => s.endedAt !== null));
  t.throws(() => queue.startStep(1, 'stamp'), { code: 'NO_CURRENT_TICKET' });
});

t.test('transfer keeps the number and returns the ticket to the other service queue', async (t) => {
  const { queue, clock } = queueFixture(t, (c) => {
    c.counters = [
      { id: 1, name: 'Loket 1', services: ['A'] },
      { id: 2, name: 'Loket 2', services: ['B'] },
    ];
  });
  queue.issue({ service: 'B', source: 'kiosk' }); // B-001, earlier
  clock.advance(60_000);
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.call(1);
  queue.startStep(1, 'verify');
  clock.advance(60_000);
  const moved = queue.transfer(1, 'B');
  t.same([moved.number, moved.service, moved.status], ['A-001', 'B', 'waiting']);
  t.equal(moved.steps![0]!.durationS, 60, 'the open step was closed');
  t.equal(queue.current(1), null);
  t.throws(() => queue.transfer(1, 'B'), { code: 'NO_CURRENT_TICKET' });
  t.equal(queue.call(2).number, 'B-001');
  queue.startStep(2, 'verify');
  queue.complete(2);
  const again = queue.call(2);
  t.equal(again.number, 'A-001', 'same number, now called for B');
  t.equal(again.service, 'B');
  t.throws(() => queue.transfer(2, 'B'), { code: 'SAME_SERVICE' });
  t.throws(() => queue.transfer(2, 'Q'), { code: 'UNKNOWN_SERVICE' });
});

t.test('a busy counter cannot call again; paused and closed counters cannot call', async (t) => {
  const { queue } = queueFixture(t);
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.call(1);
  t.throws(() => queue.call(1), { code: 'COUNTER_BUSY' });
  t.throws(() => queue.setCounterState(1, 'closed'), { code: 'COUNTER_BUSY' });
  queue.setCounterState(2, 'paused', 'istirahat');
  t.throws(() => queue.call(2), { code: 'COUNTER_NOT_OPEN' });
  queue.setCounterState(2, 'open');
  t.equal(queue.call(2).number, 'A-002');
  t.throws(() => queue.call(9), { code: 'COUNTER_NOT_FOUND', status: 404 });
});

t.test('wait estimates blend the expectation with measured service times, without jumps', async (t) => {
  const { queue, clock } = queueFixture(t, (c) => {
    c.counters = [{ id: 1, name: 'Loket 1', services: ['A', 'B'] }];
  });
  for (let i = 0; i < 12; i++) queue.issue({ service: 'A', source: 'kiosk' });
  const estimate = () => queue.queueView().services[0]!.estimatedWaitMinutes!;
  t.equal(estimate(), 144, 'before any service: 12 x expected 12 min');
  const serve = (minutes: number) => {
    queue.call(1);
    queue.startStep(1, 'verify');
    clock.advance(minutes * 60_000);
    queue.complete(1);
  };
  serve(2);
  serve(2);
  // Two quick services weigh 2/8 against the expected 12 min: 10 x (2/8 x 2 + 6/8 x 12) = 95.
  t.equal(estimate(), 95, 'two 2-minute services move the estimate a little, not to 10 x 2 = 20');
  for (let i = 0; i < 6; i++) serve(3);
  // Eight samples: only measured times count (mean of 2,2,3,3,3,3,3,3 = 2.75 min), 4 ahead.
  t.equal(estimate(), 11, 'with eight samples the measured mean alone counts');
});

t.test('waiting counts stay true through issue, call and transfer, and match a fresh count', async (t) => {
  const { queue, db, config, clock, bus } = queueFixture(t, (c) => {
    c.counters = [
      { id: 1, name: 'Loket 1', services: ['A'] },
      { id: 2, name: 'Loket 2', services: ['B'] },
    ];
  });
  const waiting = () => Object.fromEntries(queue.queueView().services.map((s) => [s.code, s.waiting]));
  for (let i = 0; i < 3; i++) queue.issue({ service: 'A', source: 'kiosk' });
  queue.issue({ service: 'B', source: 'kiosk' });
  t.same(waiting(), { A: 3, B: 1 });
  queue.call(1);
  t.same(waiting(), { A: 2, B: 1 });
  queue.transfer(1, 'B');
  t.same(waiting(), { A: 2, B: 2 });
  queue.call(2);
  queue.startStep(2, 'verify');
  queue.complete(2);
  t.same(waiting(), { A: 2, B: 1 });
  const { QueueService } = await import('../../src/controller/queue/queue-service.js');
  const { silentLogger } = await import('../../src/shared/log.js');
  const fresh = new QueueService(db, config, clock, bus, silentLogger());
  t.same(Object.fromEntries(fresh.queueView().services.map((s) => [s.code, s.waiting])), waiting(), 'a restart counts the same');
});
