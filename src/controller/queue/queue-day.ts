/**
 * The day a new ticket is numbered in. Normally the clock's local date; but a
 * board without a battery clock can boot on yesterday's date, or jump when NTP
 * (or a technician) corrects it. Numbering never goes back to a day before the
 * latest day already numbered: a clock that jumps back keeps numbering on that
 * latest day, so no number is repeated and no ticket is filed under a past day.
 * Only a technician who confirms the date moves the floor back (a future date
 * from a clock that had jumped ahead would otherwise hold numbering forever).
 */
import type { Logger } from '../../shared/log.js';
import { localDate } from '../../shared/time.js';

export class QueueDay {
  private floor: string | null;
  private warnedFor: string | null = null;

  constructor(
    latestNumberedDay: string | null,
    private readonly timeZone: string,
    private readonly log: Logger,
  ) {
    this.floor = latestNumberedDay;
  }

  /** The numbering day for a ticket issued at `now`. */
  at(now: number): string {
    const clockDay = localDate(now, this.timeZone);
    if (this.floor === null || clockDay >= this.floor) return clockDay;
    if (this.warnedFor !== clockDay) {
      this.warnedFor = clockDay;
      this.log.warn(
        { clockDay, numberingDay: this.floor },
        `the clock says ${clockDay}, but tickets were already numbered on ${this.floor}: numbering continues on ${this.floor} (confirm the date on the technician console)`,
      );
    }
    return this.floor;
  }

  /** A ticket was numbered on `day`. */
  numbered(day: string): void {
    if (this.floor === null || day > this.floor) this.floor = day;
  }

  /** The day numbering is held on while the clock reads earlier, or null. */
  heldOn(now: number): string | null {
    return this.floor !== null && localDate(now, this.timeZone) < this.floor ? this.floor : null;
  }

  /** A technician confirmed that `day` is today: numbering follows it from now on. */
  confirm(day: string): void {
    this.floor = day;
    this.warnedFor = null;
  }
}
