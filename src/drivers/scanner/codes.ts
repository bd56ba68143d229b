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
import { isCalendarDate as isCalendarDay, isValidNik } from '../../shared/nik.js';

export { isValidNik };

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
