import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrations as coreMigrations, type Migration } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens the station database. WAL with synchronous=FULL: a transaction that
 * has returned is on disk, so whatever the station acknowledged, printed or
 * showed survives a power cut at any instant.
 */
export function openDatabase(dataDir: string, extra: Migration[] = []): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o750 });
  const file = join(dataDir, 'station.db');
  const db = new Database(file);
  keepPrivate(dataDir, file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, [...coreMigrations, ...extra]);
  return db;
}

/**
 * Tickets, summons codes and NIK-bearing steps are personal data (UU 27/2022):
 * the data directory is 0750 and the database 0640 whatever the umask (SQLite
 * gives its -wal and -shm files the database's mode). Best effort: a directory
 * the station does not own keeps its mode, and a read-only one is the storage
 * watcher's business.
 */
function keepPrivate(dataDir: string, file: string): void {
  const chmod = (path: string, mode: number) => {
    try {
      if (existsSync(path)) chmodSync(path, mode);
    } catch {
      /* not ours to change, or read-only */
    }
  };
  chmod(dataDir, 0o750);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) chmod(f, 0o640);
}

export function migrate(db: Db, all: Migration[]): void {
  const sorted = [...all].sort((a, b) => a.version - b.version);
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of sorted) {
    if (m.version <= current) continue;
    // foreign_keys cannot change inside a transaction: switched off around a table rebuild, checked before commit.
    const fk = m.rebuildsTables ? (db.pragma('foreign_keys', { simple: true }) as number) : 0;
    if (fk) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${m.version} (${m.name}) would break ${broken.length} reference(s)`);
        }
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (fk) db.pragma('foreign_keys = ON');
    }
  }
}
