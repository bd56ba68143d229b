/**
 * The PN532 commands the station uses (UM0701-02 §7), as data bytes after
 * TFI D4, and the decoding of their responses (TFI D5, code + 1).
 */
import type { CardTap } from '../../controller/ports.js';

export const Cmd = {
  Diagnose: 0x00,
  GetFirmwareVersion: 0x02,
  GetGeneralStatus: 0x04,
  ReadRegister: 0x06,
  WriteRegister: 0x08,
  SetParameters: 0x12,
  SAMConfiguration: 0x14,
  PowerDown: 0x16,
  RFConfiguration: 0x32,
  InDataExchange: 0x40,
  InCommunicateThru: 0x42,
  InDeselect: 0x44,
  InListPassiveTarget: 0x4a,
  InRelease: 0x52,
  InSelect: 0x54,
  InAutoPoll: 0x60,
} as const;

/** HSU wake-up: 55 55 then a long run of 00 before the first frame (UM0701-02 §7.2.11). */
export const WAKE_UP = Buffer.from([0x55, 0x55, ...new Array<number>(14).fill(0x00)]);

/** SAMConfiguration: normal mode (01), timeout 20 x 50 ms (14), use IRQ pin (01). */
export const samNormalMode = (): number[] => [Cmd.SAMConfiguration, 0x01, 0x14, 0x01];

export const getFirmwareVersion = (): number[] => [Cmd.GetFirmwareVersion];

/**
 * RFConfiguration item 5 (MaxRetries): ATR retries FF, PSL retries 01, passive
 * activation retries 02 — so InListPassiveTarget answers "no card" instead of
 * waiting for one forever.
 */
export const limitPassiveRetries = (): number[] => [Cmd.RFConfiguration, 0x05, 0xff, 0x01, 0x02];

/** Baud rate / modulation of InListPassiveTarget. */
export const BrTy = {
  /** 106 kbps ISO/IEC 14443 Type A */
  typeA: 0x00,
  /** 106 kbps ISO/IEC 14443-3B (needs an AFI byte) */
  typeB: 0x03,
} as const;

/** Looks for at most one card of that type. */
export function listPassiveTarget(type: 'A' | 'B'): number[] {
  return type === 'A'
    ? [Cmd.InListPassiveTarget, 0x01, BrTy.typeA]
    : [Cmd.InListPassiveTarget, 0x01, BrTy.typeB, 0x00 /* AFI: all application families */];
}

export interface FirmwareVersion {
  ic: number;
  version: number;
  revision: number;
  support: number;
}

/** Response data after the D5 03 code byte. */
export function decodeFirmware(data: Buffer): FirmwareVersion | null {
  if (data.length < 5 || data[0] !== Cmd.GetFirmwareVersion + 1) return null;
  return { ic: data[1]!, version: data[2]!, revision: data[3]!, support: data[4]! };
}

/**
 * The first card of an InListPassiveTarget response (data starting with 4B),
 * or null when no card answered. Type A: UID is NFCID1; type B: UID is the PUPI.
 */
export function decodeTarget(data: Buffer, type: 'A' | 'B'): CardTap | null {
  if (data[0] !== Cmd.InListPassiveTarget + 1) return null;
  const count = data[1] ?? 0;
  if (count < 1) return null;
  const t = data.subarray(2); // Tg …
  if (type === 'A') {
    // Tg, SENS_RES (2), SEL_RES (1), NFCIDLength, NFCID1 …
    const idLength = t[4];
    if (idLength === undefined || idLength === 0 || t.length < 5 + idLength) return null;
    return { uid: hex(t.subarray(5, 5 + idLength)), type: 'A' };
  }
  // Tg, ATQB (12: 50, PUPI (4), application data (4), protocol info (3)), ATTRIB_RES length, ATTRIB_RES …
  if (t.length < 13 || t[1] !== 0x50) return null;
  return { uid: hex(t.subarray(2, 6)), type: 'B' };
}

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
