/**
 * One PN532 command at a time over HSU: write the frame, wait for the ACK
 * (pn532AckMs, "PN532 ACK timeout"), then for the response frame
 * (pn532ResponseMs, "PN532 response timeout").
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import { DeviceError, TimeoutError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { DriverTimeouts } from '../context.js';
import { encodeFrame, Pn532FrameParser, TFI_HOST_TO_PN532, TFI_PN532_TO_HOST, type Pn532Frame } from './frame.js';

interface InFlight {
  code: number;
  acked: boolean;
  timer: TimerHandle;
  resolve: (data: Buffer) => void;
  reject: (err: Error) => void;
}

/** Frame data in hex for debug logs, with card identifiers (InListPassiveTarget answers) left out. */
function redactTargets(data: Buffer): string {
  if (data[0] === 0x4b && data.length > 2) return `${data.subarray(0, 2).toString('hex')} <${data.length - 2} target bytes>`;
  return data.toString('hex');
}

export class Pn532Commander {
  private parser = new Pn532FrameParser();
  private inFlight: InFlight | null = null;

  constructor(
    private readonly write: (bytes: Buffer) => Promise<void>,
    private readonly clock: Clock,
    private readonly timeouts: Pick<DriverTimeouts, 'pn532AckMs' | 'pn532ResponseMs'>,
    private readonly log: Logger,
  ) {}

  /** Stray bytes and bad frames seen so far (line noise). */
  noise(): number {
    return this.parser.droppedBytes + this.parser.badFrames;
  }

  /** Sends a command (data after TFI D4) and resolves with the response data (after TFI D5). */
  request(command: number[], before?: Buffer): Promise<Buffer> {
    if (this.inFlight) return Promise.reject(new DeviceError('PN532_BUSY', 'PN532 command already in flight'));
    const frame = encodeFrame(TFI_HOST_TO_PN532, Uint8Array.from(command));
    this.log.debug({ frame: frame.toString('hex') }, 'PN532 command');
    return new Promise<Buffer>((resolve, reject) => {
      const timer = this.clock.setTimeout(
        () => this.fail(new TimeoutError('PN532 ACK', this.timeouts.pn532AckMs)),
        this.timeouts.pn532AckMs,
      );
      this.inFlight = { code: command[0]!, acked: false, timer, resolve, reject };
      this.write(before ? Buffer.concat([before, frame]) : frame).catch((e: unknown) => this.fail(e as Error));
    });
  }

  /** Bytes from the line. */
  feed(bytes: Buffer): void {
    for (const f of this.parser.push(bytes)) this.take(f);
  }

  /** Drops what is in flight (line closed) and forgets partial frames. */
  reset(reason: Error): void {
    this.fail(reason);
    this.parser = new Pn532FrameParser();
  }

  private take(f: Pn532Frame): void {
    const r = this.inFlight;
    if (f.kind === 'info') this.log.debug({ tfi: f.tfi.toString(16), data: redactTargets(f.data) }, 'PN532 frame');
    if (!r) return; // unsolicited: ignored
    if (f.kind === 'ack' && !r.acked) {
      r.acked = true;
      r.timer.cancel();
      r.timer = this.clock.setTimeout(
        () => this.fail(new TimeoutError('PN532 response', this.timeouts.pn532ResponseMs)),
        this.timeouts.pn532ResponseMs,
      );
    } else if (f.kind === 'nack') {
      this.fail(new DeviceError('PN532_NACK', 'PN532 asked for the frame again (NACK): line noise'));
    } else if (f.kind === 'error') {
      this.fail(new DeviceError('PN532_SYNTAX', 'PN532 reported a syntax error for the command'));
    } else if (f.kind === 'info' && r.acked && f.tfi === TFI_PN532_TO_HOST && f.data[0] === r.code + 1) {
      r.timer.cancel();
      this.inFlight = null;
      r.resolve(f.data);
    }
  }

  private fail(err: Error): void {
    const r = this.inFlight;
    if (!r) return;
    r.timer.cancel();
    this.inFlight = null;
    r.reject(err);
  }
}
