/** Migration 6 rebuilds the tickets table: a station upgraded in the field keeps every ticket and step. */
import t from 'tap';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../src/controller/store/database.js';
import { migrations } from '../../src/controller/store/migrations.js';
import { tempDir } from '../support/station-fixture.js';

t.test('tickets and their steps survive the rebuild; the new statuses are accepted', async (t) => {
  const db = new Database(join(tempDir(t), 'station.db'));
  t.teardown(() => db.close());
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 6),
  );
  db.prepare(
    `INSERT INTO tickets (id, day, prefix, seq, number, service, priority, status, issued_at, queued_at, called_at, counter_id, calls, source)
     VALUES (7, '2026-11-28', 'A', 1, 'A-001', 'A', 0, 'serving', 1000, 1000, 2000, 1, 1, 'kiosk')`,
  ).run();
  db.prepare(`INSERT INTO steps (ticket_id, counter_id, step, started_at) VALUES (7, 1, 'verify', 3000)`).run();
  // A survey answer refers to the ticket too.
  db.prepare(
    `INSERT INTO surveys (ticket_id, day, answered_at, u1, u2, u3, u4, u5, u6, u7, u8, u9) VALUES (7, '2026-11-28', 4000, 4, 4, 4, 4, 4, 4, 4, 4, 4)`,
  ).run();

  migrate(db, migrations);
  t.equal(db.pragma('user_version', { simple: true }), Math.max(...migrations.map((m) => m.version)));
  t.match(db.prepare('SELECT * FROM tickets WHERE id = 7').get(), {
    number: 'A-001',
    status: 'serving',
    called_at: 2000,
    transferred_from: null,
    void_reason: null,
  });
  t.equal((db.prepare('SELECT COUNT(*) AS n FROM steps WHERE ticket_id = 7').get() as { n: number }).n, 1);
  t.same(db.pragma('foreign_key_check'), [], 'steps and survey answers still point at their tickets');
  t.doesNotThrow(() => db.prepare(`UPDATE tickets SET status = 'void', void_reason = 'PAPER_OUT' WHERE id = 7`).run());
  t.throws(() => db.prepare(`UPDATE tickets SET status = 'lost' WHERE id = 7`).run(), /CHECK/);
  t.throws(
    () => db.prepare(`INSERT INTO steps (ticket_id, counter_id, step, started_at) VALUES (99, 1, 'verify', 1)`).run(),
    /FOREIGN KEY/,
    'the steps table still checks its tickets',
  );
  const indexes = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets'`).all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
  t.ok(indexes.includes('tickets_queue') && indexes.includes('tickets_counter'), 'indexes rebuilt');
});
