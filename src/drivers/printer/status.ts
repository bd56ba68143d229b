/**
 * Real-time status of an ESC/POS printer: DLE EOT n, answered with one byte
 * whose bits 0, 1, 4 and 7 are fixed (0, 1, 1, 0) and the rest are flags.
 */
import type { DeviceStatus } from '../../controller/ports.js';
import type { DeviceErrorCode } from '../../shared/errors.js';
import { DLE, EOT } from './escpos.js';

/** n of DLE EOT n: what the printer is asked about. */
export const StatusQuery = {
  printer: 1, // bit 3: offline
  offlineCause: 2, // bit 2: cover open; bit 3: paper fed by button; bit 5: stopped by paper end; bit 6: error
  errorCause: 3, // bit 3: autocutter error; bit 5: unrecoverable error; bit 6: auto-recoverable error
  paperSensor: 4, // bits 2+3: roll paper near end; bits 5+6: roll paper end
} as const;
export type StatusQueryN = (typeof StatusQuery)[keyof typeof StatusQuery];

export const statusRequest = (n: StatusQueryN): Buffer => Buffer.from([DLE, EOT, n]);

const FIXED_MASK = 0x93; // bits 7, 4, 1, 0
const FIXED_BITS = 0x12; // 0xx1 xx10
/** A status byte has its fixed bits right; anything else is line noise or a wrong baud rate. */
export const isStatusByte = (b: number): boolean => (b & FIXED_MASK) === FIXED_BITS;

export interface PrinterCondition {
  offline: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
}

export const healthyPrinter: PrinterCondition = {
  offline: false,
  coverOpen: false,
  paperEnd: false,
  paperNearEnd: false,
  cutterError: false,
  unrecoverableError: false,
};

/** The four answers (n = 1..4) combined. */
export function decodeStatus(answers: Record<StatusQueryN, number>): PrinterCondition {
  const p = answers[1],
    off = answers[2],
    err = answers[3],
    paper = answers[4];
  return {
    offline: (p & 0x08) !== 0,
    coverOpen: (off & 0x04) !== 0,
    paperEnd: (paper & 0x60) !== 0 || (off & 0x20) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    cutterError: (err & 0x08) !== 0,
    unrecoverableError: (err & 0x20) !== 0,
  };
}

/** The byte a printer in this condition answers to DLE EOT n (what the simulator sends). */
export function encodeStatus(n: StatusQueryN, c: PrinterCondition): number {
  let b = FIXED_BITS;
  if (n === 1 && (c.offline || c.coverOpen || c.paperEnd)) b |= 0x08;
  if (n === 2) b |= (c.coverOpen ? 0x04 : 0) | (c.paperEnd ? 0x20 : 0) | (c.cutterError || c.unrecoverableError ? 0x40 : 0);
  if (n === 3) b |= (c.cutterError ? 0x08 : 0) | (c.unrecoverableError ? 0x20 : 0);
  if (n === 4) b |= (c.paperNearEnd || c.paperEnd ? 0x0c : 0) | (c.paperEnd ? 0x60 : 0);
  return b;
}

export type PrinterFaultCode = Extract<DeviceErrorCode, 'PAPER_OUT' | 'COVER_OPEN' | 'PRINTER_ERROR' | 'PRINTER_OFFLINE'>;

export interface PrinterAssessment {
  status: DeviceStatus;
  detail: string;
  /** Set when a ticket cannot be printed now. */
  fault: PrinterFaultCode | null;
}

/** What the technician sees, and whether a ticket may be printed. */
export function assess(c: PrinterCondition): PrinterAssessment {
  if (c.paperEnd) return { status: 'fault', detail: 'paper end: load a new paper roll', fault: 'PAPER_OUT' };
  if (c.coverOpen) return { status: 'fault', detail: 'cover open: close the printer cover', fault: 'COVER_OPEN' };
  if (c.cutterError) return { status: 'fault', detail: 'autocutter error: open the cover and clear the paper jam', fault: 'PRINTER_ERROR' };
  if (c.unrecoverableError) return { status: 'fault', detail: 'printer error: switch the printer off and on', fault: 'PRINTER_ERROR' };
  if (c.offline)
    return { status: 'fault', detail: 'printer offline: press the feed button or switch it off and on', fault: 'PRINTER_OFFLINE' };
  if (c.paperNearEnd) return { status: 'degraded', detail: 'paper near end: load a new roll soon', fault: null };
  return { status: 'ok', detail: 'ready', fault: null };
}
