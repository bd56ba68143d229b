/**
 * The day's report goes to the regency when the office closes: when the last
 * open counter is closed (Tutup), and at local midnight for a day that was not
 * closed that way. A station that was off at midnight sends the days it missed
 * (up to a week back) when it starts.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import { localDate, startOfLocalDay } from '../../shared/time.js';
import type { EventBus } from '../event-bus.js';
import type { QueueView } from '../events.js';
import type { FleetRecorder } from './events.js';
import { writeLater } from '../store/storage-health.js';

export interface DailyCloseDeps {
  recorder: FleetRecorder;
  clock: Clock;
  timeZone: string;
  bus: EventBus;
  log: Logger;
  /** The day's report (the same figures as GET /api/v1/reports/daily). */
  report: (date: string) => unknown;
}

const CATCH_UP_DAYS = 7;

export class DailyClose {
  private readonly q;
  private midnight: TimerHandle | null = null;
  private unsubscribe: (() => void) | null = null;
  private allClosed: boolean | null = null;

  constructor(private readonly d: DailyCloseDeps) {
    const db = d.recorder.outbox.db;
    this.q = {
      sent: db.prepare<[string], { seq: number }>('SELECT seq FROM fleet_reports WHERE day = ?'),
      put: db.prepare<[string, number, number]>('INSERT OR REPLACE INTO fleet_reports (day, seq, at) VALUES (?, ?, ?)'),
      daysWithTickets: db.prepare<[string, string], { day: string }>(
        'SELECT DISTINCT day FROM tickets WHERE day >= ? AND day < ? ORDER BY day',
      ),
    };
  }

  start(enabledAt: number): void {
    this.catchUp(enabledAt);
    this.scheduleMidnight();
    this.unsubscribe = this.d.bus.subscribe((e) => {
      if (e.name === 'queue') this.onQueue(e.data as QueueView);
    });
  }

  stop(): void {
    this.midnight?.cancel();
    this.unsubscribe?.();
  }

  /** Puts the day's report in the outbox; returns its seq, or null when the report could not be made. */
  close(date: string, why: string): number | null {
    let report: unknown;
    try {
      report = this.d.report(date);
    } catch (err) {
      this.d.log.error({ err, date }, `daily report for ${date} could not be made, so it is not sent to the regency`);
      return null;
    }
    const at = this.d.clock.now();
    const db = this.d.recorder.outbox.db;
    let seq: number | null = null;
    // While the disk is full the report waits in memory and is queued once storage works again.
    const now = writeLater(db, `daily report ${date}`, () => {
      seq = db.transaction(() => {
        const seq = this.d.recorder.report(date, at, report);
        this.q.put.run(date, seq, at);
        return seq;
      })();
      this.d.log.info({ date, seq, why }, `daily report for ${date} queued for the regency (${why})`);
    });
    if (!now) this.d.log.warn({ date }, `daily report for ${date} waits until the station can write again`);
    return seq;
  }

  private onQueue(view: QueueView): void {
    const closed = view.counters.length > 0 && view.counters.every((c) => c.state === 'closed');
    const was = this.allClosed;
    this.allClosed = closed;
    if (closed && was === false) this.close(view.date, 'every counter closed');
  }

  private catchUp(enabledAt: number): void {
    const tz = this.d.timeZone;
    const now = this.d.clock.now();
    const today = localDate(now, tz);
    const weekAgo = localDate(now - CATCH_UP_DAYS * 86_400_000, tz);
    const enabledDay = localDate(enabledAt, tz);
    const from = enabledDay > weekAgo ? enabledDay : weekAgo;
    for (const { day } of this.q.daysWithTickets.all(from, today)) {
      if (!this.q.sent.get(day)) this.close(day, 'missed at close');
    }
  }

  private scheduleMidnight(): void {
    const tz = this.d.timeZone;
    const now = this.d.clock.now();
    const today = localDate(now, tz);
    const next = startOfLocalDay(localDate(startOfLocalDay(today, tz) + 36 * 3_600_000, tz), tz);
    this.midnight = this.d.clock.setTimeout(
      () => {
        if (!this.q.sent.get(today)) this.close(today, 'day over');
        this.scheduleMidnight();
      },
      Math.max(1_000, next - now + 1_000),
    );
  }
}
