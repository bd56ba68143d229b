/**
 * Splits a scanner's serial output into lines ended by CR, LF or CRLF, however
 * the bytes are chunked. Pure. A CRLF split across two chunks is one ending,
 * not an extra empty line; empty lines are not reported.
 */
export class LineSplitter {
  private partial = '';
  private afterCr = false;

  /** @param maxLength a longer line (no terminator: wrong mode or noise) is dropped */
  constructor(private readonly maxLength = 512) {}

  /** Lines dropped for being too long. */
  overlong = 0;

  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    const lines: string[] = [];
    for (const ch of text) {
      if (ch === '\n' && this.afterCr) {
        this.afterCr = false;
        continue;
      }
      this.afterCr = ch === '\r';
      if (ch === '\r' || ch === '\n') {
        if (this.partial.length > 0) lines.push(this.partial);
        this.partial = '';
        continue;
      }
      if (this.partial.length >= this.maxLength) {
        this.overlong++;
        this.partial = '';
      }
      this.partial += ch;
    }
    return lines;
  }
}
