/**
 * The shape of a NIK (national ID number): 16 digits = province (2, 11–94, not
 * ending in 0) + regency (2, not 00) + district (2, not 00) + birth date
 * DDMMYY (women: DD + 40) that is a real calendar day in 19YY or 20YY +
 * serial (4, not 0000). A NIK is personal data (UU 27/2022).
 */
export function isCalendarDate(year: number, month: number, day: number): boolean {
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
  if (!isCalendarDate(1900 + yy, month, day) && !isCalendarDate(2000 + yy, month, day)) return false;
  return n(12, 4) !== 0;
}
