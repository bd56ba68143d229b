/**
 * A step counts under the service the ticket had when it ran: a ticket
 * verified for recording (A) and transferred to pickup (B) keeps its A steps
 * as A steps. Databases written before steps carried their service are
 * filled in from the transfer journal when they are opened.
 */
import t from 'tap';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { queueFixture, tempDir } from '../support/station-fixture.js';
import { migrate } from '../../src/controller/store/database.js';
import { migrations } from '../../src/controller/store/migrations.js';

t.test('steps keep the service they ran under across a transfer', async (t) => {
  const { queue, clock, db } = queueFixture(t);
  queue.issue({ service: 'A', source: 'kiosk' });
  clock.advance(60_000);
  queue.call(1);
  queue.startStep(1, 'verify');
  clock.advance(90_000);
  queue.transfer(1, 'B');
  clock.advance(30_000);
  queue.call(2);
  queue.startStep(2, 'verify');
  clock.advance(45_000);
  queue.startStep(2, 'handover');
  clock.advance(15_000);
  const done = queue.complete(2);
  t.equal(done.service, 'B');
  t.same(
    done.steps!.map((s) => [s.step, s.service, s.durationS]),
    [
      ['verify', 'A', 90],
      ['verify', 'B', 45],
      ['handover', 'B', 15],
    ],
  );
  const rows = db.prepare('SELECT step, service, counter_id FROM steps ORDER BY id').all();
  t.same(rows, [
    { step: 'verify', service: 'A', counter_id: 1 },
    { step: 'verify', service: 'B', counter_id: 2 },
    { step: 'handover', service: 'B', counter_id: 2 },
  ]);
  const ticket = db.prepare('SELECT first_called_at, called_at FROM tickets').get() as { first_called_at: number; called_at: number };
  t.equal(ticket.first_called_at, Date.parse('2026-11-28T08:01:00+07:00'), 'the first call is kept');
  t.equal(
    ticket.called_at,
    Date.parse('2026-11-28T08:03:00+07:00'),
    'called_at is the last call (08:01 + 90 s verify + 30 s waiting in B)',
  );
});

t.test('every counter state change is kept with its time', async (t) => {
  const { queue, clock, db } = queueFixture(t);
  clock.advance(60_000);
  queue.setCounterState(1, 'paused', 'ISHOMA');
  clock.advance(60_000);
  queue.setCounterState(1, 'open');
  const rows = db.prepare('SELECT counter_id, state, reason, at FROM counter_states WHERE counter_id = 1 ORDER BY id').all();
  const at = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00+07:00`);
  t.same(rows, [
    { counter_id: 1, state: 'open', reason: null, at: at('08:00') },
    { counter_id: 1, state: 'paused', reason: 'ISHOMA', at: at('08:01') },
    { counter_id: 1, state: 'open', reason: null, at: at('08:02') },
  ]);
});

t.test('an older database gets step services from its transfer journal', async (t) => {
  const dir = tempDir(t);
  const db = new Database(join(dir, 'station.db'));
  t.teardown(() => db.close());
  migrate(
    db,
    migrations.filter((m) => m.version <= 2),
  );
  const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+07:00`);
  const ticket =
    db.prepare(`INSERT INTO tickets (day, prefix, seq, number, service, status, issued_at, queued_at, called_at, calls, counter_id, finished_at, source)
                             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'kiosk')`);
  const step = db.prepare('INSERT INTO steps (ticket_id, counter_id, step, started_at, ended_at) VALUES (?, ?, ?, ?, ?)');
  const journal = db.prepare(`INSERT INTO journal (at, kind, detail) VALUES (?, 'transfer', ?)`);
  // Day 1: A-001 verified under A, transferred to B at 08:10, verified and handed over under B.
  const d1 = '2026-11-27';
  const a1 = Number(
    ticket.run(d1, 'A', 1, 'A-001', 'B', 'done', at(d1, '08:00'), at(d1, '08:10'), at(d1, '08:12'), 1, 2, at(d1, '08:20')).lastInsertRowid,
  );
  step.run(a1, 1, 'verify', at(d1, '08:05'), at(d1, '08:10'));
  journal.run(at(d1, '08:10'), JSON.stringify({ ticket: 'A-001', from: 'A', to: 'B', counter: 1 }));
  step.run(a1, 2, 'verify', at(d1, '08:12'), at(d1, '08:15'));
  step.run(a1, 2, 'handover', at(d1, '08:15'), at(d1, '08:20'));
  // Day 2: another A-001, never transferred; the day-1 journal row must not touch it.
  const d2 = '2026-11-28';
  const a2 = Number(
    ticket.run(d2, 'A', 1, 'A-001', 'A', 'done', at(d2, '08:00'), at(d2, '08:00'), at(d2, '08:01'), 2, 1, at(d2, '08:09')).lastInsertRowid,
  );
  step.run(a2, 1, 'verify', at(d2, '08:02'), at(d2, '08:09'));
  db.prepare(`INSERT INTO counters (id, state, reason, changed_at) VALUES (1, 'paused', 'ISHOMA', ?)`).run(at(d2, '12:00'));

  migrate(db, migrations);
  t.same(
    db.prepare('SELECT ticket_id, step, service FROM steps ORDER BY id').all(),
    [
      { ticket_id: a1, step: 'verify', service: 'A' },
      { ticket_id: a1, step: 'verify', service: 'B' },
      { ticket_id: a1, step: 'handover', service: 'B' },
      { ticket_id: a2, step: 'verify', service: 'A' },
    ],
    'steps before a transfer take the service it left; later ones the service the ticket has',
  );
  t.same(
    db.prepare('SELECT id, first_called_at FROM tickets ORDER BY id').all(),
    [
      { id: a1, first_called_at: at(d1, '08:12') },
      { id: a2, first_called_at: at(d2, '08:01') },
    ],
    'the first call of an old ticket is its last known call',
  );
  t.same(db.prepare('SELECT counter_id, state, reason, at FROM counter_states').all(), [
    { counter_id: 1, state: 'paused', reason: 'ISHOMA', at: at(d2, '12:00') },
  ]);
});
