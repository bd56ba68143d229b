/**
 * What a scanned code is, in the station's words: a NIK (national ID number),
 * the code of a summons letter (surat panggilan), or something else.
 *
 * NIK: 16 digits = province (2, 11–94, not ending in 0) + regency (2, not 00) +
 * district (2, not 00) + birth date DDMMYY (women: DD + 40) that is a real
 * calendar day in 19YY or 20YY + serial (4, not 0000).
 *
 * Summons-letter code (the station's own shape, printed as a barcode on the
 * letter): `SP-<district code, 6 digits>-<recording day YYYYMMDD>-<serial, 4 digits>`,
 * e.g. `SP-120601-20261128-0042`; `/` is accepted instead of `-`, letters in any case.
 */
import type { Scan } from '../../controller/ports.js';

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function isValidNik(code: string): boolean {
  if (!/^\d{16}$/.test(code)) return false;
  const n = (from: number, len = 2) => Number(code.slice(from, from + len));
  const province = n(0),
    regency = n(2),
    district = n(4);
  if (province < 11 || province > 94 || province % 10 === 0) return false;
  if (regency === 0 || district === 0) return false;
  let day = n(6);
  if (day > 40) day -= 40; // women
  const month = n(8),
    yy = n(10);
  if (!isCalendarDay(1900 + yy, month, day) && !isCalendarDay(2000 + yy, month, day)) return false;
  return n(12, 4) !== 0;
}

/** Birth date in a NIK (women's +40 removed) and sex, for display to the officer only. */
export function nikBirth(code: string): { day: number; month: number; yy: number; female: boolean } | null {
  if (!isValidNik(code)) return null;
  const dd = Number(code.slice(6, 8));
  return { day: dd > 40 ? dd - 40 : dd, month: Number(code.slice(8, 10)), yy: Number(code.slice(10, 12)), female: dd > 40 };
}

const SUMMONS = /^SP[-/](\d{6})[-/](\d{4})(\d{2})(\d{2})[-/](\d{4})$/i;

export function isSummonsCode(code: string): boolean {
  const m = SUMMONS.exec(code);
  if (!m) return false;
  const [, district, y, mo, d, serial] = m;
  if (district!.slice(2, 4) === '00' || district!.slice(4, 6) === '00') return false;
  return isCalendarDay(Number(y), Number(mo), Number(d)) && serial !== '0000';
}

export function classifyCode(code: string): Scan['kind'] {
  if (isValidNik(code)) return 'nik';
  if (isSummonsCode(code)) return 'summons';
  return 'other';
}
