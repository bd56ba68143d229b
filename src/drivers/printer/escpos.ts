/**
 * ESC/POS ticket encoder: pure, text mode only (the number is printer text
 * enlarged with GS !, never a raster image), so a ticket stays a few hundred
 * bytes on the wire.
 */
import type { PrintJob } from '../../controller/ports.js';
import { jamIndonesia, tanggalIndonesia } from '../../shared/time.js';

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

/** ESC @ — initialise: clears the previous ticket's modes. */
export const INIT = [ESC, 0x40];
/** ESC a n — justification: 0 left, 1 centre. */
export const align = (n: 0 | 1 | 2) => [ESC, 0x61, n];
/** ESC E n — emphasised (bold) on/off. */
export const bold = (on: boolean) => [ESC, 0x45, on ? 1 : 0];
/** GS ! n — character size: high nibble width-1, low nibble height-1 (0x11 = double both). */
export const charSize = (width: number, height: number) => [GS, 0x21, ((width - 1) << 4) | (height - 1)];
/** ESC d n — print and feed n lines. */
export const feed = (lines: number) => [ESC, 0x64, lines];
/** GS V 1 — partial cut (after the feed, so the text clears the blade). */
export const CUT = [GS, 0x56, 0x01];

/** The CONTRACT's ceiling for one ticket on the wire. */
export const MAX_TICKET_BYTES = 400;

export interface TicketLayout {
  /** Characters per line at normal size: 32 for 58 mm paper, 42 or 48 for 80 mm. */
  columns: number;
  /** Size of the ticket number (width = height), 2..4. */
  numberSize?: number;
  footer?: string;
}

/** Printer text is ASCII: accents dropped, anything else becomes '?'. */
export function printable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

/** Splits text into at most maxLines lines of width, breaking at spaces where it can. */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let rest = text.trim().replace(/\s+/g, ' ');
  while (rest.length > 0 && lines.length < maxLines) {
    if (rest.length <= width) {
      lines.push(rest);
      break;
    }
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return lines;
}

/** "15 menit", "1 jam 20 menit", "< 1 menit" (short enough for one 32-column line). */
export function waitText(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 1) return '< 1 menit';
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${m} menit`;
  return rest === 0 ? `${h} jam` : `${h} jam ${rest} menit`;
}

export const DEFAULT_FOOTER = 'Mohon menunggu nomor Anda dipanggil. Terima kasih.';

/** The ticket as bytes: `ESC @` first, `GS V` last. */
export function encodeTicket(job: PrintJob, layout: TicketLayout): Buffer {
  const cols = layout.columns;
  const size = Math.min(4, Math.max(2, layout.numberSize ?? 3));
  const out: number[] = [];
  const line = (text: string) => {
    for (const ch of printable(text)) out.push(ch.charCodeAt(0));
    out.push(LF);
  };
  const lines = (text: string, maxLines: number, width = cols) => wrap(printable(text), width, maxLines).forEach(line);

  out.push(...INIT, ...align(1));
  out.push(...bold(true));
  lines(job.stationName, 2);
  out.push(...bold(false));
  lines(job.regency, 1);
  out.push(LF);
  lines(job.serviceName, 2);
  out.push(...charSize(size, size));
  lines(job.number, 1, Math.floor(cols / size));
  out.push(...charSize(1, 1));
  if (job.priority) {
    out.push(...bold(true));
    line('PRIORITAS');
    out.push(...bold(false));
  }
  const date = tanggalIndonesia(job.issuedAt, job.timeZone);
  const time = jamIndonesia(job.issuedAt, job.timeZone, true);
  if (date.length + 1 + time.length <= cols) line(`${date} ${time}`);
  else {
    line(date);
    line(time);
  }
  line(`Antrean di depan Anda: ${Math.max(0, job.ahead)}`);
  if (job.estimatedWaitMinutes !== null) lines(`Perkiraan tunggu: ${waitText(job.estimatedWaitMinutes)}`, 2);
  out.push(LF);
  lines(layout.footer ?? DEFAULT_FOOTER, 2);
  out.push(...feed(4), ...CUT);
  return Buffer.from(out);
}
