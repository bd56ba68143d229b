/**
 * Whether the ticket printer can print, from its device status, and what its
 * problem is called for residents (Indonesian) and technicians (English).
 */
import type { PrinterReadiness } from './events.js';
import type { DeviceState } from './ports.js';

/** What this needs of a device's state. */
export type PrinterStatus = Pick<DeviceState, 'id' | 'kind' | 'status' | 'detail' | 'code'>;

const PROBLEMS: Record<string, { id: string; en: string }> = {
  PAPER_OUT: { id: 'kertas habis', en: 'paper out' },
  COVER_OPEN: { id: 'tutup printer terbuka', en: 'cover open' },
  PRINTER_ERROR: { id: 'printer rusak', en: 'printer error' },
  PRINTER_OFFLINE: { id: 'printer tidak terhubung', en: 'printer offline' },
  PRINTER_TIMEOUT: { id: 'printer tidak menjawab', en: 'printer not answering' },
  PRINTER_GARBLED: { id: 'sambungan printer terganggu', en: 'printer line garbled' },
  PRINT_INTERRUPTED: { id: 'pencetakan terputus', en: 'print interrupted' },
};

export function printerProblemText(code: string): { id: string; en: string } {
  return PROBLEMS[code] ?? { id: 'printer bermasalah', en: `printer problem ${code}` };
}

/** A printer that is ok or degraded (paper near end) prints; fault or offline does not. */
export function printerReadiness(s: PrinterStatus): PrinterReadiness {
  if (s.status === 'ok' || s.status === 'degraded') return { ready: true, problem: null };
  return { ready: false, problem: s.code ?? (s.status === 'offline' ? 'PRINTER_OFFLINE' : 'PRINTER_ERROR') };
}
