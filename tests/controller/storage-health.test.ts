/**
 * Storage health on an injected clock: storage trouble becomes a state with a
 * reason, background writes are kept in order and saved once the disk takes
 * writes again, the probe backs off, low free space warns with hysteresis,
 * and the technician's alerts follow. (The whole station on a real full
 * tmpfs: tests/station/storage-full.test.ts.)
 */
import t from 'tap';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/log.js';
import { openDatabase } from '../../src/controller/store/database.js';
import { guardStorage, StorageHealth, writeLater, type StorageState } from '../../src/controller/store/storage-health.js';
import { storageTrouble, StorageUnavailable } from '../../src/controller/store/storage-errors.js';
import { alertOnStorage } from '../../src/controller/store/storage-alerts.js';
import { AlertCenter } from '../../src/controller/power/alerts.js';
import { EventBus } from '../../src/controller/event-bus.js';
import { tempDir, MORNING } from '../support/station-fixture.js';

const sqliteError = (code: string) => Object.assign(new Error(code === 'SQLITE_FULL' ? 'database or disk is full' : code), { code });

function rig(t: { teardown(fn: () => void): void }, free: { bytes: number | null } = { bytes: 500 * 1_048_576 }) {
  const dir = tempDir(t);
  const db = openDatabase(dir);
  t.teardown(() => db.close());
  const clock = new ManualClock(MORNING);
  const storage = new StorageHealth({
    db,
    dataDir: dir,
    clock,
    log: silentLogger(),
    warnFreeBytes: 100 * 1_048_576,
    freeBytes: () => free.bytes,
  });
  t.teardown(() => storage.stop());
  const states: StorageState['state'][] = [];
  storage.onChange((s) => states.push(s.state));
  storage.start();
  return { db, clock, storage, states, free, dir };
}

t.test('which errors are storage trouble', async (t) => {
  t.equal(storageTrouble(sqliteError('SQLITE_FULL')), 'full');
  t.equal(storageTrouble(sqliteError('ENOSPC')), 'full');
  t.equal(storageTrouble(sqliteError('SQLITE_READONLY')), 'read-only');
  t.equal(storageTrouble(sqliteError('SQLITE_READONLY_DBMOVED')), 'read-only');
  t.equal(storageTrouble(sqliteError('EROFS')), 'read-only');
  t.equal(storageTrouble(sqliteError('SQLITE_IOERR_WRITE')), 'io');
  t.equal(storageTrouble(sqliteError('SQLITE_CONSTRAINT_UNIQUE')), null, 'a constraint is a bug, not storage');
  t.equal(storageTrouble(new TypeError('x')), null);
  const e = new StorageUnavailable('full');
  t.equal(e.status, 503);
  t.equal(e.code, 'STORAGE_UNAVAILABLE');
  t.match(e.message, /^Penyimpanan stasiun penuh.* \/ The station's storage is full/);
  t.same(e.details?.reason, 'storage-full');
});

t.test('a failed write is a fault with its reason; kept writes are saved in order once the disk takes them', async (t) => {
  const { clock, storage, states } = rig(t);
  let diskFull = false;
  const saved: string[] = [];
  const write = (name: string) => () => {
    if (diskFull) throw sqliteError('SQLITE_FULL');
    saved.push(name);
  };
  t.equal(storage.later('sample 1', write('s1')), true, 'written at once while storage works');
  diskFull = true;
  t.equal(storage.later('sample 2', write('s2')), false, 'kept');
  t.equal(storage.later('event 3', write('e3')), false, 'kept behind the first, even if it could be tried');
  t.equal(storage.status().state, 'fault');
  t.same(storage.reasons(), ['storage-full']);
  t.equal(storage.keptWrites(), 2);
  t.same(states, ['fault']);

  clock.advance(1000); // first probe: still full
  clock.advance(2000); // backoff doubles
  t.equal(storage.status().state, 'fault');
  t.same(saved, ['s1']);
  diskFull = false;
  clock.advance(3999);
  t.same(saved, ['s1'], 'no probe before its time');
  clock.advance(1);
  t.same(saved, ['s1', 's2', 'e3'], 'saved in the order they happened');
  t.equal(storage.status().state, 'ok');
  t.same(storage.reasons(), []);
  t.equal(storage.keptWrites(), 0);
});

t.test('failed() turns a request error into the 503 to answer, and ignores bugs', async (t) => {
  const { storage } = rig(t);
  t.equal(storage.failed(new RangeError('bug'), 'x'), null);
  t.equal(storage.status().state, 'ok');
  const answer = storage.failed(sqliteError('SQLITE_READONLY'), 'POST /api/v1/tickets');
  t.ok(answer instanceof StorageUnavailable);
  t.same(storage.reasons(), ['storage-read-only']);
});

t.test('guardStorage: storage trouble in timer work becomes the state, a bug is still thrown', async (t) => {
  const { db, storage } = rig(t);
  guardStorage(db, 'a power sample', () => {
    throw sqliteError('SQLITE_IOERR_READ');
  });
  t.same(storage.reasons(), ['storage-error']);
  t.throws(
    () =>
      guardStorage(db, 'x', () => {
        throw new TypeError('bug');
      }),
    TypeError,
  );
});

t.test('the probe recovers without any kept write, and probes back off to 10 s', async (t) => {
  const { db, clock, storage } = rig(t);
  storage.failed(sqliteError('SQLITE_FULL'), 'POST /api/v1/tickets');
  // Nothing kept: the probe write itself (a real write to this database) succeeds at once.
  clock.advance(1000);
  t.equal(storage.status().state, 'ok');
  t.ok(db.prepare('SELECT at FROM storage_probe WHERE id = 1').get(), 'the probe row was written');
});

t.test('the oldest kept writes are dropped past the bound, and the rest still saved', async (t) => {
  const dir = tempDir(t);
  const db = openDatabase(dir);
  t.teardown(() => db.close());
  const clock = new ManualClock(MORNING);
  const storage = new StorageHealth({ db, dataDir: dir, clock, log: silentLogger(), warnFreeBytes: 0, maxKept: 3, freeBytes: () => null });
  let full = true;
  const saved: number[] = [];
  for (let i = 0; i < 6; i++)
    storage.later(`w${i}`, () => {
      if (full) throw sqliteError('SQLITE_FULL');
      saved.push(i);
    });
  t.equal(storage.keptWrites(), 3);
  full = false;
  clock.advance(1000);
  t.same(saved, [3, 4, 5]);
});

t.test('free space: a warning below the threshold, cleared only 10 % above it', async (t) => {
  const { clock, storage, free } = rig(t);
  t.equal(storage.status().state, 'ok');
  free.bytes = 99 * 1_048_576;
  clock.advance(15_000);
  t.equal(storage.status().state, 'low');
  t.same(storage.reasons(), ['storage-low']);
  free.bytes = 105 * 1_048_576;
  clock.advance(15_000);
  t.equal(storage.status().state, 'low', 'hovering just above: still low');
  free.bytes = 120 * 1_048_576;
  clock.advance(15_000);
  t.equal(storage.status().state, 'ok');
});

t.test(
  'alerts: storage (critical) while writes fail, storage-low (warning) while space is short; the alert row is written once storage is back',
  async (t) => {
    const { db, clock, storage, free } = rig(t);
    const bus = new EventBus();
    const alerts = new AlertCenter(db, clock, bus, silentLogger(), 'Asia/Jakarta');
    alertOnStorage(storage, alerts, '/var/lib/ktp-station');
    free.bytes = 50 * 1_048_576;
    clock.advance(15_000);
    t.same(
      alerts.list().map((a) => [a.kind, a.severity]),
      [['storage-low', 'warning']],
    );
    let full = true;
    // The disk fills: the alert about it cannot be written yet, but it is raised and shown.
    writeLater(db, 'a sample', () => {
      if (full) throw sqliteError('SQLITE_FULL');
    });
    const raised = alerts.list().find((a) => a.kind === 'storage');
    t.ok(raised, 'storage alert raised');
    t.equal(raised!.severity, 'critical');
    t.ok(raised!.id < 0, 'shown with a provisional id until it can be written');
    t.match(raised!.message, /no space left for the station data in \/var\/lib\/ktp-station/);
    t.match(raised!.messageId, /ruang penyimpanan/);
    full = false;
    free.bytes = 500 * 1_048_576;
    clock.advance(1000);
    t.equal(storage.status().state, 'ok');
    t.same(alerts.list(), [], 'both alerts cleared');
    const rows = db.prepare('SELECT kind, cleared_at IS NOT NULL AS cleared FROM alerts ORDER BY id').all() as Array<{
      kind: string;
      cleared: number;
    }>;
    t.same(
      rows.map((r) => [r.kind, r.cleared]),
      [
        ['storage-low', 1],
        ['storage', 1],
      ],
      'the storage alert is in the history, raised and cleared',
    );
  },
);
