/**
 * Time on a board without a battery clock. Until the system clock is known to
 * be synchronised, the technician sees an alert ("clock-unsynced") and the
 * STATUS line says so; a technician can confirm the date the station shows,
 * or set the station's time (an offset the station applies itself: it has no
 * privilege to set the system clock, and needs none). Once NTP synchronises,
 * the system clock is trusted again and a manual offset is dropped. Numbering
 * never goes back a day meanwhile (../queue/queue-day.ts).
 */
import type { AdjustableClock, TimerHandle } from '../../shared/clock.js';
import { StationError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { isoLocal, localDate } from '../../shared/time.js';
import type { AlertCenter } from '../power/alerts.js';
import type { QueueDay } from '../queue/queue-day.js';

export interface ClockSyncReading {
  synchronized: boolean | null;
  source: string;
  detail: string;
}

export interface ClockView {
  /** The station's time now (ISO with offset). */
  now: string;
  synchronized: boolean | null;
  source: string;
  detail: string;
  /** When a technician last confirmed or set the date since start-up, or null. */
  confirmedAt: string | null;
  /** The technician's correction applied to the system clock, in ms (0: none). */
  offsetMs: number;
  /** The day new tickets are numbered on, and whether that is held above the clock's day. */
  numberingDay: string;
  numberingHeld: boolean;
}

export const CLOCK_CHECK_MS = 60_000;

export class ClockWatch {
  private reading: ClockSyncReading = { synchronized: null, source: 'none', detail: 'not checked yet' };
  private confirmedAt: number | null = null;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly x: {
      clock: AdjustableClock;
      probe: (() => ClockSyncReading) | null;
      alerts: AlertCenter;
      queueDay: QueueDay;
      log: Logger;
      timeZone: string;
    },
  ) {}

  start(): void {
    if (!this.x.probe) return;
    this.check();
    this.timer = this.x.clock.setInterval(() => this.check(), CLOCK_CHECK_MS);
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  check(): void {
    if (!this.x.probe) return;
    const before = this.reading.synchronized;
    this.reading = this.x.probe();
    if (this.reading.synchronized === true) {
      if (before !== true) this.x.log.info({ source: this.reading.source }, `system clock synchronised (${this.reading.detail})`);
      if (this.x.clock.offsetMs !== 0) {
        this.x.log.warn({ offsetMs: this.x.clock.offsetMs }, 'system clock synchronised: the time set by hand is dropped');
        this.x.clock.setOffset(0);
      }
      this.x.alerts.clear('clock-unsynced', '', 'system clock synchronised');
    } else if (this.reading.synchronized === false && this.confirmedAt === null) {
      this.x.alerts.raise({
        kind: 'clock-unsynced',
        severity: 'warning',
        message: `the system clock is not synchronised (${this.reading.detail}); the station says ${this.today()} — check it and confirm or set the date on the technician console (POST /api/v1/clock/confirm or /api/v1/clock)`,
        messageId: `Jam sistem belum tersinkron; stasiun mencatat tanggal ${this.today()} — periksa lalu konfirmasi atau atur tanggal di konsol teknisi`,
      });
    }
  }

  /** A technician says the date the station shows is right. */
  confirm(date: string): ClockView {
    const today = this.today();
    if (date !== today) {
      throw new StationError(
        'CLOCK_MISMATCH',
        `the station's date is ${today}, not ${date}: set the time instead (POST /api/v1/clock { "now": "${date}T08:00:00+07:00" })`,
        409,
        { stationDate: today },
      );
    }
    this.trust('confirmed', today);
    return this.view();
  }

  /** A technician sets the station's time (ISO 8601 with an offset). */
  set(nowIso: string): ClockView {
    const target = Date.parse(nowIso);
    if (!/([+-]\d\d:\d\d|Z)$/.test(nowIso) || Number.isNaN(target)) {
      throw new StationError('BAD_TIME', `"${nowIso}" is not a time with its offset, e.g. 2026-11-30T08:00:00+07:00`, 400);
    }
    this.x.clock.setOffset(target - this.x.clock.base.now());
    this.trust('set', localDate(target, this.x.timeZone));
    return this.view();
  }

  view(): ClockView {
    const now = this.x.clock.now();
    return {
      now: isoLocal(now, this.x.timeZone),
      ...this.reading,
      confirmedAt: this.confirmedAt === null ? null : isoLocal(this.confirmedAt, this.x.timeZone),
      offsetMs: this.x.clock.offsetMs,
      numberingDay: this.x.queueDay.at(now),
      numberingHeld: this.x.queueDay.heldOn(now) !== null,
    };
  }

  /** For the STATUS= line, in Indonesian. */
  notes(): string[] {
    const n: string[] = [];
    if (this.reading.synchronized === false && this.confirmedAt === null) n.push('jam belum tersinkron');
    const held = this.x.queueDay.heldOn(this.x.clock.now());
    if (held) n.push(`nomor antrean tetap pada ${held}`);
    return n;
  }

  private today(): string {
    return localDate(this.x.clock.now(), this.x.timeZone);
  }

  private trust(how: 'confirmed' | 'set', day: string): void {
    this.confirmedAt = this.x.clock.now();
    this.x.queueDay.confirm(day);
    this.x.alerts.clear('clock-unsynced', '', `date ${how} by a technician`);
    this.x.log.warn({ day, offsetMs: this.x.clock.offsetMs }, `date ${how} by a technician: ${day}; numbering follows it`);
  }
}
