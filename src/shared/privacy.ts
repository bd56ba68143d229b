import { createHash } from 'node:crypto';

/**
 * Personal data never leaves the station in full (UU 27/2022): a NIK keeps its
 * first four digits (province + regency) and its last four; a card UID is kept
 * only as a salted hash prefix.
 */
export function maskNik(nik: string): string {
  if (!/^\d{16}$/.test(nik)) return nik;
  return `${nik.slice(0, 4)}${'*'.repeat(8)}${nik.slice(12)}`;
}

const SIXTEEN_DIGITS = /(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)/g;

/** Masks every 16-digit run (a NIK-shaped number) inside free text. */
export function maskNiksInText(text: string): string {
  return text.replace(SIXTEEN_DIGITS, (_m, head: string, tail: string) => `${head}********${tail}`);
}

/** A stable, non-reversible tag for a card UID: enough to tell two taps apart. */
export function cardTag(uidHex: string, salt = 'ktp-station'): string {
  return createHash('sha256').update(salt).update(uidHex.toLowerCase()).digest('hex').slice(0, 12);
}
