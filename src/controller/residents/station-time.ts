/**
 * Times the office types in: an ISO 8601 date-time with an offset
 * (`2026-12-01T08:00:00+07:00`), or one without, read in the station's zone
 * (`2026-12-01T08:00`, what an HTML date-time field gives), or a plain day
 * (`2026-12-01`, its local midnight).
 */
import { offsetMinutes, startOfLocalDay } from '../../shared/time.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

function realDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A plain calendar day `YYYY-MM-DD` that exists. */
export function isCalendarDay(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Epoch ms of a date-time (or a plain day when `allowDay`), or null when it is not one. */
export function parseStationTime(s: string, timeZone: string, allowDay = false): number | null {
  const text = s.trim();
  if (allowDay && isCalendarDay(text)) return startOfLocalDay(text, timeZone);
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec = '0', frac = '0', zone] = m;
  const nums = [y, mo, d, h, mi, sec].map(Number) as [number, number, number, number, number, number];
  if (!realDay(nums[0], nums[1], nums[2]) || nums[3] > 23 || nums[4] > 59 || nums[5] > 59) return null;
  const ms = Number(frac.padEnd(3, '0'));
  const asUtc = Date.UTC(nums[0], nums[1] - 1, nums[2], nums[3], nums[4], nums[5], ms);
  if (zone === 'Z') return asUtc;
  if (zone) {
    const sign = zone[0] === '-' ? -1 : 1;
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    if (oh > 14 || om > 59) return null;
    return asUtc - sign * (oh * 60 + om) * 60_000;
  }
  // No offset: the station's own wall clock (two passes settle a zone with summer time).
  let guess = asUtc - offsetMinutes(asUtc, timeZone) * 60_000;
  guess = asUtc - offsetMinutes(guess, timeZone) * 60_000;
  return guess;
}
