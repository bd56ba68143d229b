/**
 * Local-time helpers for the station's time zone (Asia/Jakarta by default:
 * UTC+7, no daylight saving, but any IANA zone works).
 */
const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function intlParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

/**
 * Zone offsets change only on quarter-hour boundaries (and never in WIB), so
 * one Intl lookup per zone per quarter hour serves every timestamp in it;
 * Intl's formatToParts is the costliest step of stamping a ticket otherwise.
 */
const QUARTER_HOUR = 15 * 60_000;
/** Offsets by zone and quarter hour; reports jump between many instants, so more than the last one is kept. */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSETS_KEPT = 8192;

/** Offset of the zone from UTC at that instant, in minutes (Jakarta: +420). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map()));
  const hit = zone.get(bucket);
  if (hit !== undefined) return hit;
  const p = intlParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
  if (zone.size >= OFFSETS_KEPT) zone.clear();
  zone.set(bucket, offset);
  return offset;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const d = new Date(ms + offsetMinutes(ms, timeZone) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local calendar day, `YYYY-MM-DD`: the queue day. */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** ISO 8601 with the zone's offset: `2026-11-28T08:05:00.000+07:00`. */
export function isoLocal(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const off = offsetMinutes(ms, timeZone);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(ms % 1000 < 0 ? 0 : ms % 1000, 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The UTC instant of local midnight starting the given `YYYY-MM-DD` day. */
export function startOfLocalDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let guess = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even on a day whose offset changes.
  for (let i = 0; i < 2; i++) guess = Date.UTC(y, m - 1, d) - offsetMinutes(guess, timeZone) * 60000;
  return guess;
}

const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "Sabtu, 28 November 2026" */
export function tanggalIndonesia(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return `${HARI[weekday]}, ${p.day} ${BULAN[p.month - 1]} ${p.year}`;
}

/** "08.05" (Indonesian style), or with the zone's short name: "08.05 WIB". */
export function jamIndonesia(ms: number, timeZone: string, withZone = false): string {
  const p = localParts(ms, timeZone);
  const t = `${pad(p.hour)}.${pad(p.minute)}`;
  return withZone ? `${t} ${zoneAbbreviation(timeZone)}` : t;
}

export function zoneAbbreviation(timeZone: string): string {
  switch (timeZone) {
    case 'Asia/Jakarta':
    case 'Asia/Pontianak':
      return 'WIB';
    case 'Asia/Makassar':
      return 'WITA';
    case 'Asia/Jayapura':
      return 'WIT';
    default:
      return timeZone;
  }
}

/** True when `date` (YYYY-MM-DD) names a day that exists on the calendar (no 2024-02-30, no 2024-13-45). */
export function isCalendarDay(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}
