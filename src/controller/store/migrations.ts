/**
 * Versioned schema changes, applied in order inside one transaction each;
 * the database's `user_version` records the last one applied. Append only:
 * never edit a migration that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * The migration rebuilds a table others refer to (SQLite's documented
   * procedure: new table, copy, drop, rename): it runs with foreign keys
   * off, and every reference is checked before it commits.
   */
  rebuildsTables?: boolean;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'queue core',
    sql: `
      CREATE TABLE tickets (
        id          INTEGER PRIMARY KEY,
        day         TEXT    NOT NULL,               -- local queue day, YYYY-MM-DD
        prefix      TEXT    NOT NULL,               -- service code that numbered it
        seq         INTEGER NOT NULL,               -- 1..quota within (day, prefix)
        number      TEXT    NOT NULL,               -- A-007
        service     TEXT    NOT NULL,               -- current service (changes on transfer)
        priority    INTEGER NOT NULL DEFAULT 0,
        status      TEXT    NOT NULL CHECK (status IN ('waiting','called','serving','done','no_show')),
        issued_at   INTEGER NOT NULL,               -- epoch ms
        queued_at   INTEGER NOT NULL,               -- entered the current service's queue
        called_at   INTEGER,
        counter_id  INTEGER,
        calls       INTEGER NOT NULL DEFAULT 0,
        finished_at INTEGER,
        source      TEXT    NOT NULL,               -- button-N, kiosk, admin
        summons     TEXT,                           -- summons letter code scanned at the counter
        UNIQUE (day, prefix, seq)
      );
      CREATE INDEX tickets_queue ON tickets (day, status, service, priority, issued_at);
      CREATE INDEX tickets_counter ON tickets (counter_id, status);
      CREATE TABLE steps (
        id         INTEGER PRIMARY KEY,
        ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
        counter_id INTEGER NOT NULL,
        step       TEXT    NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at   INTEGER
      );
      CREATE INDEX steps_ticket ON steps (ticket_id);
      CREATE TABLE counters (
        id         INTEGER PRIMARY KEY,
        state      TEXT    NOT NULL CHECK (state IN ('open','paused','closed')),
        reason     TEXT,
        changed_at INTEGER NOT NULL
      );
      CREATE TABLE journal (
        id     INTEGER PRIMARY KEY,
        at     INTEGER NOT NULL,
        kind   TEXT    NOT NULL,
        detail TEXT    NOT NULL                     -- JSON, never personal data
      );
      CREATE INDEX journal_at ON journal (at);
      CREATE TABLE faults (
        id          INTEGER PRIMARY KEY,
        device      TEXT    NOT NULL,
        counter_id  INTEGER,
        description TEXT    NOT NULL,
        reported_by TEXT    NOT NULL,
        reported_at INTEGER NOT NULL,
        resolved_at INTEGER,
        resolved_by TEXT,
        resolution  TEXT
      );
      CREATE INDEX faults_open ON faults (resolved_at);
    `,
  },
  {
    version: 2,
    name: 'power supervision and alerts',
    sql: `
      CREATE TABLE power_events (
        id     INTEGER PRIMARY KEY,
        at     INTEGER NOT NULL,                    -- epoch ms
        kind   TEXT    NOT NULL,                    -- outage-start, outage-end, genset-start, genset-stop, genset-power, source
        source TEXT,                                -- accepted source after the event
        detail TEXT    NOT NULL                     -- JSON (durations in seconds)
      );
      CREATE INDEX power_events_at ON power_events (at);
      CREATE TABLE power_segments (
        id         INTEGER PRIMARY KEY,
        source     TEXT    NOT NULL CHECK (source IN ('mains','genset','battery','unknown')),
        started_at INTEGER NOT NULL,
        ended_at   INTEGER                          -- null while current
      );
      CREATE INDEX power_segments_time ON power_segments (started_at, ended_at);
      CREATE TABLE power_samples (
        at          INTEGER NOT NULL,               -- start of the minute (or hour)
        resolution  TEXT    NOT NULL CHECK (resolution IN ('minute','hour')),
        source      TEXT    NOT NULL,
        mains       INTEGER,
        genset      INTEGER,
        bus_voltage REAL,
        current_a   REAL,
        power_w     REAL,
        battery_v   REAL,
        fuel_pct    REAL,
        PRIMARY KEY (at, resolution)
      );
      CREATE TABLE alerts (
        id         INTEGER PRIMARY KEY,
        kind       TEXT    NOT NULL,
        subject    TEXT    NOT NULL DEFAULT '',
        severity   TEXT    NOT NULL,
        raised_at  INTEGER NOT NULL,
        cleared_at INTEGER,
        value      REAL,
        threshold  REAL,
        message    TEXT    NOT NULL,
        message_id TEXT    NOT NULL
      );
      CREATE INDEX alerts_active ON alerts (cleared_at, kind, subject);
      CREATE INDEX faults_counter ON faults (counter_id, resolved_at);
    `,
  },
  {
    version: 3,
    name: 'step service, first call, counter state history',
    sql: `
      -- The service the ticket had when the step ran (a transfer changes tickets.service later).
      ALTER TABLE steps ADD COLUMN service TEXT;
      -- Steps written before this column: the service the ticket left by its first transfer after the
      -- step started (the journal keeps every transfer, by number, on the ticket's day), else its service now.
      UPDATE steps SET service = COALESCE(
        (SELECT json_extract(j.detail, '$.from') FROM journal j, tickets t
          WHERE t.id = steps.ticket_id AND j.kind = 'transfer' AND json_extract(j.detail, '$.ticket') = t.number
            AND j.at >= steps.started_at AND j.at >= t.issued_at AND j.at < t.issued_at + 86400000
          ORDER BY j.at, j.id LIMIT 1),
        (SELECT t.service FROM tickets t WHERE t.id = steps.ticket_id));
      -- The first call of a ticket (called_at is its last call; a transfer clears it).
      ALTER TABLE tickets ADD COLUMN first_called_at INTEGER;
      UPDATE tickets SET first_called_at = called_at WHERE called_at IS NOT NULL;
      -- Every open / paused / closed change of a counter, for the time each counter spent in each state.
      CREATE TABLE counter_states (
        id         INTEGER PRIMARY KEY,
        counter_id INTEGER NOT NULL,
        state      TEXT    NOT NULL CHECK (state IN ('open','paused','closed')),
        reason     TEXT,
        at         INTEGER NOT NULL                 -- epoch ms
      );
      INSERT INTO counter_states (counter_id, state, reason, at) SELECT id, state, reason, changed_at FROM counters;
      CREATE INDEX counter_states_at ON counter_states (at, counter_id);
    `,
  },
  {
    version: 4,
    name: 'fleet outbox',
    sql: `
      -- One row per durable change, written in the same transaction as the change,
      -- deleted once the regency broker has acknowledged it.
      CREATE TABLE fleet_outbox (
        seq  INTEGER PRIMARY KEY,                   -- station-wide, from 1, never reused
        type TEXT    NOT NULL,                      -- ticket.issued, power.source, alert.raised ...
        at   INTEGER NOT NULL,                      -- epoch ms of the change
        data TEXT    NOT NULL                       -- JSON, never personal data
      );
      -- The counter behind seq: a row of its own, so deleting acknowledged (or, past the
      -- bound, dropped) events never lets a number come back.
      CREATE TABLE fleet_state (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        last_seq   INTEGER NOT NULL,
        dropped    INTEGER NOT NULL DEFAULT 0,      -- events dropped unsent past the outbox bound
        enabled_at INTEGER                          -- first start with fleet.mqtt configured
      );
      INSERT INTO fleet_state (id, last_seq) VALUES (1, 0);
      -- Days whose report has been put in the outbox.
      CREATE TABLE fleet_reports (
        day TEXT    PRIMARY KEY,
        seq INTEGER NOT NULL,
        at  INTEGER NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'for residents: announcements, notices, card-ready list, satisfaction survey',
    sql: `
      CREATE TABLE announcements (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused, so a screen can tell items apart
        position INTEGER NOT NULL,
        text     TEXT    NOT NULL,                    -- at most 280 characters
        from_ms  INTEGER,                             -- shown from (epoch ms), null: already
        until_ms INTEGER,                             -- shown until (epoch ms), null: no end
        saved_at INTEGER NOT NULL
      );
      CREATE TABLE notices (
        key        TEXT PRIMARY KEY,                  -- ishoma, information
        value      TEXT    NOT NULL,                  -- JSON, never personal data
        changed_at INTEGER NOT NULL
      );
      CREATE TABLE cards_ready (
        code           TEXT PRIMARY KEY,              -- summons / registration code, normalised
        ready_since    TEXT    NOT NULL,              -- YYYY-MM-DD or ISO 8601 with offset
        ready_at       INTEGER NOT NULL,              -- the same as epoch ms (a day: its local midnight)
        imported_at    INTEGER NOT NULL,
        collected_at   INTEGER,                       -- the pickup ticket carrying this code was done
        collected_by   INTEGER REFERENCES tickets(id)
      );
      CREATE TABLE surveys (
        id          INTEGER PRIMARY KEY,
        ticket_id   INTEGER NOT NULL UNIQUE REFERENCES tickets(id),
        day         TEXT    NOT NULL,
        answered_at INTEGER NOT NULL,
        u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),
        u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),
        u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),
        u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),
        u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),
        u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),
        u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),
        u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),
        u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),
        comment     TEXT                              -- NIK-shaped numbers masked before storing
      );
      CREATE INDEX surveys_day ON surveys (day);
    `,
  },
  {
    version: 6,
    name: 'storage probe',
    sql: `
      -- One row rewritten to learn whether the disk takes writes again after it was full or read-only.
      CREATE TABLE storage_probe (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at INTEGER NOT NULL                         -- epoch ms of the last probe
      );
      `,
  },
  {
    version: 7,
    name: 'tickets held while printing, voided tickets, transfer origin',
    // SQLite cannot change a CHECK constraint in place: the table is rebuilt
    // with the same columns and ids.
    rebuildsTables: true,
    sql: `
      CREATE TABLE tickets_v7 (
        id               INTEGER PRIMARY KEY,
        day              TEXT    NOT NULL,
        prefix           TEXT    NOT NULL,
        seq              INTEGER NOT NULL,
        number           TEXT    NOT NULL,
        service          TEXT    NOT NULL,
        priority         INTEGER NOT NULL DEFAULT 0,
        status           TEXT    NOT NULL CHECK (status IN ('printing','waiting','called','serving','done','no_show','void')),
        issued_at        INTEGER NOT NULL,
        queued_at        INTEGER NOT NULL,
        called_at        INTEGER,
        counter_id       INTEGER,
        calls            INTEGER NOT NULL DEFAULT 0,
        finished_at      INTEGER,
        source           TEXT    NOT NULL,
        summons          TEXT,
        transferred_from INTEGER,                   -- counter that last transferred it (not called back there)
        void_reason      TEXT,                      -- why a ticket nobody holds was voided (print failed)
        first_called_at  INTEGER,                   -- its first call (called_at is the last)
        UNIQUE (day, prefix, seq)
      );
      INSERT INTO tickets_v7 (id, day, prefix, seq, number, service, priority, status, issued_at, queued_at, called_at,
                              counter_id, calls, finished_at, source, summons, first_called_at)
        SELECT id, day, prefix, seq, number, service, priority, status, issued_at, queued_at, called_at,
               counter_id, calls, finished_at, source, summons, first_called_at FROM tickets;
      DROP TABLE tickets;
      ALTER TABLE tickets_v7 RENAME TO tickets;
      CREATE INDEX tickets_queue ON tickets (day, status, service, priority, issued_at);
      CREATE INDEX tickets_counter ON tickets (counter_id, status);
    `,
  },
];
