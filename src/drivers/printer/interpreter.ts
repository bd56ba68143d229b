/**
 * Reads an ESC/POS byte stream as a printer does: text, commands with their
 * parameters, real-time status requests and the cut. Pure; used by the printer
 * simulator and by tests.
 *
 * Decoded ticket text: one line per LF, printed as plain text. A line printed
 * with an enlarged size (GS ! n ≠ 0) is prefixed with its size as
 * `[WxH] `, e.g. `[3x3] A-007`. Bold, alignment and feeds are not marked.
 */
import { DLE, EOT, ESC, GS, LF } from './escpos.js';

export type EscPosToken =
  | { kind: 'text'; text: string }
  | { kind: 'newline' }
  | { kind: 'size'; width: number; height: number }
  | { kind: 'init' }
  | { kind: 'feed'; lines: number }
  | { kind: 'status-request'; n: number }
  | { kind: 'cut' }
  | { kind: 'command'; bytes: number[] };

/** Parameter counts of the ESC and GS commands a ticket printer understands. */
const ESC_ARGS: Record<number, number> = {
  0x40: 0,
  0x21: 1,
  0x45: 1,
  0x61: 1,
  0x64: 1,
  0x74: 1,
  0x2d: 1,
  0x4a: 1,
  0x32: 0,
  0x33: 1,
  0x4d: 1,
  0x47: 1,
  0x52: 1,
  0x7b: 1,
};
const GS_ARGS: Record<number, number> = { 0x21: 1, 0x42: 1, 0x4c: 2, 0x57: 2, 0x61: 1, 0x72: 1, 0x48: 1, 0x66: 1, 0x68: 1, 0x77: 1 };

/**
 * Splits bytes into tokens. An incomplete command at the end is left in
 * `rest` for the next chunk.
 */
export function tokenize(bytes: Buffer): { tokens: EscPosToken[]; spans: number[]; rest: Buffer } {
  const tokens: EscPosToken[] = [];
  /** Bytes on the wire behind each token (control bytes that print nothing go with the next one). */
  const spans: number[] = [];
  let i = 0;
  let from = 0;
  let text = '';
  const push = (t: EscPosToken, end: number) => {
    tokens.push(t);
    spans.push(end - from);
    from = end;
  };
  const flushText = () => {
    if (text) push({ kind: 'text', text }, i);
    text = '';
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === ESC || b === GS || b === DLE) {
      const op = bytes[i + 1];
      if (op === undefined) break;
      let need: number;
      if (b === DLE) need = op === EOT || op === 0x05 ? 1 : 0;
      else if (b === GS && op === 0x56) {
        const m = bytes[i + 2];
        if (m === undefined) break;
        need = m === 65 || m === 66 ? 2 : 1;
      } else need = (b === ESC ? ESC_ARGS[op] : GS_ARGS[op]) ?? 0;
      if (i + 2 + need > bytes.length) break;
      const args = [...bytes.subarray(i + 2, i + 2 + need)];
      flushText();
      push(command(b, op, args), i + 2 + need);
      i += 2 + need;
      continue;
    }
    if (b === LF) {
      flushText();
      push({ kind: 'newline' }, i + 1);
    } else if (b >= 0x20 && b < 0x7f) {
      text += String.fromCharCode(b);
    } else if (b >= 0x80) {
      text += '?';
    } // other control bytes (CR, HT …) print nothing here
    i++;
  }
  flushText();
  return { tokens, spans, rest: Buffer.from(bytes.subarray(from)) };
}

function command(prefix: number, op: number, args: number[]): EscPosToken {
  if (prefix === ESC && op === 0x40) return { kind: 'init' };
  if (prefix === ESC && op === 0x64) return { kind: 'feed', lines: args[0]! };
  if (prefix === GS && op === 0x21) return { kind: 'size', width: (args[0]! >> 4) + 1, height: (args[0]! & 0x0f) + 1 };
  if (prefix === ESC && op === 0x21) {
    // ESC ! n: bit 4 double height, bit 5 double width
    return { kind: 'size', width: args[0]! & 0x20 ? 2 : 1, height: args[0]! & 0x10 ? 2 : 1 };
  }
  if (prefix === DLE && op === EOT) return { kind: 'status-request', n: args[0]! };
  if (prefix === GS && op === 0x56) return { kind: 'cut' };
  return { kind: 'command', bytes: [prefix, op, ...args] };
}

/** The printed text of one ticket's tokens, enlarged lines marked `[WxH] `. */
export function ticketText(tokens: EscPosToken[]): string {
  const lines: string[] = [];
  let size = { width: 1, height: 1 };
  let current = '';
  let lineSize = size;
  const bigger = (a: typeof size, b: typeof size) => (a.width * a.height >= b.width * b.height ? a : b);
  for (const t of tokens) {
    if (t.kind === 'text') {
      current += t.text;
      lineSize = bigger(lineSize, size);
    } else if (t.kind === 'newline') {
      const enlarged = lineSize.width > 1 || lineSize.height > 1;
      lines.push(enlarged ? `[${lineSize.width}x${lineSize.height}] ${current}` : current);
      current = '';
      lineSize = size;
    } else if (t.kind === 'size') {
      size = { width: t.width, height: t.height };
      if (!current) lineSize = size;
    } else if (t.kind === 'init') {
      size = { width: 1, height: 1 };
    }
  }
  if (current) lines.push(current);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
