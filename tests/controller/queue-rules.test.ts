/**
 * The queue's rules that keep the SOP study honest and the queue free of
 * tickets nobody holds: no completion without a step, no transfer bounced back
 * to the counter that made it, held (printing) and voided tickets.
 */
import t from 'tap';
import { queueFixture } from '../support/station-fixture.js';
import { QueueService } from '../../src/controller/queue/queue-service.js';
import { silentLogger } from '../../src/shared/log.js';

t.test('a ticket of a service with steps cannot be completed before a step is recorded', async (t) => {
  const { queue } = queueFixture(t);
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.call(1);
  t.throws(() => queue.complete(1), { code: 'NO_STEP_RECORDED', status: 409 }, 'called, no step: refused');
  t.equal(queue.current(1)?.status, 'called', 'and nothing changed');
  queue.startStep(1, 'verify');
  t.equal(queue.complete(1).status, 'done', 'one step is enough to complete');
});

t.test('after a transfer, the new service needs its own step before completion', async (t) => {
  const { queue, clock } = queueFixture(t, (c) => {
    c.counters = [
      { id: 1, name: 'Loket 1', services: ['A'] },
      { id: 2, name: 'Loket 2', services: ['B'] },
    ];
  });
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.call(1);
  queue.startStep(1, 'verify');
  clock.advance(60_000);
  queue.transfer(1, 'B');
  clock.advance(60_000);
  queue.call(2);
  t.throws(() => queue.complete(2), { code: 'NO_STEP_RECORDED' }, 'the verify step at A does not count for B');
  queue.startStep(2, 'handover');
  t.equal(queue.complete(2).status, 'done');
});

t.test('a service without steps completes without one', async (t) => {
  const { queue } = queueFixture(t, (c) => {
    c.services.push({ code: 'C', name: 'Konsultasi', dailyQuota: 50, steps: [] });
    c.counters = [{ id: 1, name: 'Loket 1', services: ['C'] }];
  });
  queue.issue({ service: 'C', source: 'kiosk' });
  queue.call(1);
  t.equal(queue.complete(1).status, 'done');
});

t.test('a transferred ticket is not called back to the counter that transferred it while another counter serves it', async (t) => {
  const { queue, clock } = queueFixture(t); // counters 1 and 2 both serve A and B
  queue.issue({ service: 'A', source: 'kiosk' }); // A-001, oldest
  clock.advance(60_000);
  queue.issue({ service: 'A', source: 'kiosk' });
  t.equal(queue.call(1).number, 'A-001');
  queue.startStep(1, 'verify');
  const moved = queue.transfer(1, 'B');
  t.same([moved.number, moved.service, moved.status], ['A-001', 'B', 'waiting']);
  t.equal(queue.call(1).number, 'A-002', 'counter 1 calls the next ticket, not the one it just sent to B');
  t.equal(queue.call(2).number, 'A-001', 'counter 2, which also serves B, gets the transferred ticket');
});

t.test('with no other counter open for the service, the transferring counter may call it after all', async (t) => {
  const { queue } = queueFixture(t);
  queue.issue({ service: 'A', source: 'kiosk' });
  queue.call(1);
  queue.startStep(1, 'verify');
  queue.transfer(1, 'B');
  queue.setCounterState(2, 'paused', 'ISHOMA');
  t.equal(queue.call(1).number, 'A-001', 'counter 2 is paused: nobody else would serve it');
});

t.test('a held ticket is not in the queue until released; a voided one never is', async (t) => {
  const { queue, clock } = queueFixture(t);
  const held = queue.issue({ service: 'A', source: 'button-0', hold: true });
  t.equal(held.status, 'printing');
  t.equal(queue.queueView().services[0]!.waiting, 0, 'a ticket being printed is not waiting');
  t.equal(queue.queueView().services[0]!.issued, 1, 'but its number is used');
  t.throws(() => queue.call(1), { code: 'QUEUE_EMPTY' }, 'and cannot be called');
  const released = queue.release(held.id)!;
  t.equal(released.status, 'waiting');
  t.equal(queue.queueView().services[0]!.waiting, 1);
  t.equal(queue.release(held.id), null, 'releasing twice changes nothing');

  clock.advance(5_000);
  const lost = queue.issue({ service: 'A', source: 'button-0', hold: true });
  const voided = queue.voidHeld(lost.id, 'PAPER_OUT')!;
  t.same([voided.number, voided.status, voided.voidReason], ['A-002', 'void', 'PAPER_OUT']);
  t.equal(queue.voidHeld(held.id, 'PAPER_OUT'), null, 'a ticket in the queue cannot be voided');
  t.equal(queue.call(1).number, 'A-001');
  queue.startStep(1, 'verify');
  queue.complete(1);
  t.throws(() => queue.call(1), { code: 'QUEUE_EMPTY' }, 'the voided A-002 is never called');
  const next = queue.issue({ service: 'A', source: 'kiosk' });
  t.equal(next.number, 'A-003', 'a voided number is never given again');
});

t.test('a ticket still printing when the station stopped is voided at the next start', async (t) => {
  const { queue, db, config, clock, bus } = queueFixture(t);
  queue.issue({ service: 'B', source: 'button-2', hold: true });
  const fresh = new QueueService(db, config, clock, bus, silentLogger());
  const [ticket] = fresh.ticketsOfDay(fresh.today());
  t.same([ticket!.status, ticket!.voidReason], ['void', 'PRINT_INTERRUPTED']);
  const journal = db.prepare("SELECT detail FROM journal WHERE kind = 'ticket-voided'").all() as Array<{ detail: string }>;
  t.match(JSON.parse(journal[0]!.detail), { ticket: 'B-001', reason: 'PRINT_INTERRUPTED' });
});

t.test('the queue view says why a counter is paused: power or the officer', async (t) => {
  const { queue } = queueFixture(t);
  const { POWER_PAUSE_REASON } = await import('../../src/controller/queue/counters.js');
  queue.setCounterState(1, 'paused', POWER_PAUSE_REASON);
  queue.setCounterState(2, 'paused', 'ISHOMA');
  const [c1, c2] = queue.queueView().counters;
  t.match(c1, { state: 'paused', pausedBy: 'power' });
  t.match(c2, { state: 'paused', pausedBy: 'officer', reason: 'ISHOMA' });
  queue.setCounterState(2, 'open');
  t.match(queue.queueView().counters[1], { state: 'open', pausedBy: null });
});
