/**
 * PN532 frames (NXP UM0701-02 §6.2): normal information frames, ACK, NACK and
 * the syntax-error frame. Pure: bytes in, frames out, and the reverse.
 *
 *   00 00 FF LEN LCS TFI PD0 … PDn DCS 00
 *   preamble, start code, length (TFI + data), length checksum (LEN + LCS = 0),
 *   frame identifier, data, data checksum (TFI + data + DCS = 0), postamble.
 */
export const TFI_HOST_TO_PN532 = 0xd4;
export const TFI_PN532_TO_HOST = 0xd5;

/** ACK: 00 00 FF 00 FF 00 — the PN532 took the command. */
export const ACK = Buffer.from([0x00, 0x00, 0xff, 0x00, 0xff, 0x00]);
/** NACK: 00 00 FF FF 00 00 — asks the other side to send its last frame again. */
export const NACK = Buffer.from([0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);
/** Error frame: the PN532 could not parse the command (syntax error 0x7F). */
export const ERROR_FRAME = Buffer.from([0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00]);

export type Pn532Frame = { kind: 'ack' } | { kind: 'nack' } | { kind: 'error' } | { kind: 'info'; tfi: number; data: Buffer };

const checksum = (bytes: Iterable<number>): number => {
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return (0x100 - sum) & 0xff;
};

/** An information frame around TFI + data (data ≤ 254 bytes: normal frames only). */
export function encodeFrame(tfi: number, data: Uint8Array): Buffer {
  if (data.length > 254) throw new RangeError('PN532 normal frame carries at most 254 data bytes');
  const len = data.length + 1;
  const body = [tfi, ...data];
  return Buffer.from([0x00, 0x00, 0xff, len, checksum([len]), ...body, checksum(body), 0x00]);
}

/**
 * Finds frames in a byte stream that arrives in arbitrary chunks. Garbage is
 * skipped (counted in `droppedBytes`), a frame with a bad length or data
 * checksum is dropped, and a partial frame waits for the next chunk.
 */
export class Pn532FrameParser {
  private buf: Buffer = Buffer.alloc(0);
  droppedBytes = 0;
  badFrames = 0;
  /** The last frame ended at the chunk's end: its postamble 00 is still to come. */
  private owesPostamble = false;

  push(chunk: Uint8Array): Pn532Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    if (this.owesPostamble && this.buf.length > 0) {
      this.owesPostamble = false;
      if (this.buf[0] === 0x00) this.buf = this.buf.subarray(1);
    }
    const frames: Pn532Frame[] = [];
    for (;;) {
      const start = this.findStartCode();
      if (start < 0) break;
      const r = this.readAt(start);
      if (r === 'partial') break;
      if (r === 'bad') {
        this.badFrames++;
        this.skip(start + 2);
        continue;
      }
      frames.push(r.frame);
      this.skip(r.end, start);
    }
    return frames;
  }

  /** Index of the 00 FF start code, dropping what lies before it (keeping a trailing 00). */
  private findStartCode(): number {
    for (let i = 0; i + 1 < this.buf.length; i++) {
      if (this.buf[i] === 0x00 && this.buf[i + 1] === 0xff) return i;
    }
    const keep = this.buf.length > 0 && this.buf[this.buf.length - 1] === 0x00 ? 1 : 0;
    this.skip(this.buf.length - keep);
    return -1;
  }

  private readAt(s: number): 'partial' | 'bad' | { frame: Pn532Frame; end: number } {
    const b = this.buf;
    if (b.length < s + 4) return 'partial';
    const len = b[s + 2]!,
      lcs = b[s + 3]!;
    if (len === 0x00 && lcs === 0xff) return { frame: { kind: 'ack' }, end: this.withPostamble(s + 4) };
    if (len === 0xff && lcs === 0x00) return { frame: { kind: 'nack' }, end: this.withPostamble(s + 4) };
    if (((len + lcs) & 0xff) !== 0 || len === 0) return 'bad'; // includes extended frames (FF FF): not used here
    const end = s + 4 + len + 1; // TFI+data, then DCS
    if (b.length < end) return 'partial';
    const body = b.subarray(s + 4, s + 4 + len);
    if (checksum(body) !== b[end - 1]) return 'bad';
    if (len === 1 && body[0] === 0x7f) return { frame: { kind: 'error' }, end: this.withPostamble(end) };
    return { frame: { kind: 'info', tfi: body[0]!, data: Buffer.from(body.subarray(1)) }, end: this.withPostamble(end) };
  }

  /** The postamble 00 is consumed when it is already here; a missing one is not an error. */
  private withPostamble(i: number): number {
    this.owesPostamble = i >= this.buf.length;
    return this.buf[i] === 0x00 ? i + 1 : i;
  }

  /** Drops bytes before `to`; non-zero bytes before `frameStart` (if given) count as garbage. */
  private skip(to: number, frameStart?: number): void {
    // 00 bytes are preambles, postambles or an idle line, not garbage.
    const garbageEnd = frameStart ?? to;
    for (let i = 0; i < garbageEnd; i++) if (this.buf[i] !== 0x00) this.droppedBytes++;
    this.buf = this.buf.subarray(to);
  }
}
