/**
 * A barcode/QR scanner in serial mode: each scan arrives as one line ended by
 * CR, LF or CRLF. The scan event carries the full code (only the counter's own
 * stream gets it); logs carry it masked.
 */
import type { BarcodeScanner, Scan } from '../../controller/ports.js';
import { TypedEmitter } from '../../shared/emitter.js';
import { maskNik, maskNiksInText } from '../../shared/privacy.js';
import type { DriverContext } from '../context.js';
import { SerialDevice } from '../serial-device.js';
import type { ReconnectingPort } from '../transport/serial/reconnecting-port.js';
import { classifyCode } from './codes.js';
import { LineSplitter } from './lines.js';

/** Printable text a scanner sends: ASCII without control characters. */
const PRINTABLE_LINE = /^[\x20-\x7e]+$/;

export class SerialLineScanner extends SerialDevice implements BarcodeScanner {
  readonly kind = 'scanner' as const;
  private readonly events = new TypedEmitter<{ scan: (scan: Scan) => void }>();
  private splitter = new LineSplitter();
  private readonly log;

  constructor(
    id: string,
    readonly counter: number,
    line: ReconnectingPort,
    ctx: DriverContext,
    private readonly path: string,
    private readonly baudRate: number,
  ) {
    super(id, 'scanner', line, ctx);
    this.log = ctx.log.child({ ns: 'drivers.scanner', device: id });
  }

  onScan(l: (scan: Scan) => void): () => void {
    return this.events.on('scan', l);
  }

  protected lineOpen(): void {
    this.splitter = new LineSplitter();
    // A serial scanner says nothing until it scans: an open port is all we can know.
    this.status.set('ok', `listening on ${this.path}`);
  }

  protected received(bytes: Buffer): void {
    for (const code of this.splitter.push(bytes)) {
      if (!PRINTABLE_LINE.test(code)) {
        this.log.warn({ length: code.length }, 'unreadable line from scanner');
        this.status.set('degraded', `unreadable data from the scanner — check that it is in serial mode at ${this.baudRate} baud`);
        continue;
      }
      const kind = classifyCode(code);
      this.status.set('ok', `listening on ${this.path}`);
      this.log.info({ kind, code: kind === 'nik' ? maskNik(code) : maskNiksInText(code) }, 'code scanned');
      this.events.emit('scan', { code, kind });
    }
  }
}
