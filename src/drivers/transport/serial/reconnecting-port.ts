/**
 * A serial line that stays wanted: when it cannot open (an unplugged USB
 * printer: ENOENT) or closes under the driver, it reports offline with a
 * detail a technician can act on and reopens with bounded exponential backoff
 * on the injected clock.
 */
import type { SerialPortStream } from '@serialport/stream';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { Logger } from '../../../shared/log.js';
import { TypedEmitter } from '../../../shared/emitter.js';
import { DeviceError } from '../../../shared/errors.js';
import { describeLineError, type PortOpener } from './open-port.js';

export interface ReconnectOptions {
  open: PortOpener;
  /** The path as configured, for messages. */
  path: string;
  clock: Clock;
  log: Logger;
  initialDelayMs: number;
  maxDelayMs: number;
  /**
   * Whether the device node is still there (a USB adapter pulled out takes
   * /dev/ttyUSB0 with it). Checked every `presenceCheckMs` while open, because
   * a vanished pseudo-terminal reads as endless end-of-file instead of an error.
   */
  present?: () => boolean;
  presenceCheckMs?: number;
}

interface LineEvents {
  open: () => void;
  offline: (detail: string) => void;
  data: (bytes: Buffer) => void;
}

/** Delays 1x, 2x, 4x … the first one, capped. */
export class Backoff {
  private attempt = 0;
  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}
  next(): number {
    const ms = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return ms;
  }
  reset(): void {
    this.attempt = 0;
  }
}

export class ReconnectingPort {
  private readonly events = new TypedEmitter<LineEvents>();
  private readonly backoff: Backoff;
  private port: SerialPortStream | null = null;
  private retry: TimerHandle | null = null;
  private presence: TimerHandle | null = null;
  private wanted = false;
  private opening = false;
  private lastDetail = '';
  /** The driver dropped the line because the device stopped answering: opening alone is no recovery. */
  private suspect = false;

  constructor(private readonly opts: ReconnectOptions) {
    this.backoff = new Backoff(opts.initialDelayMs, opts.maxDelayMs);
  }

  /** Starts opening; never throws. */
  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    void this.tryOpen();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    this.retry?.cancel();
    this.retry = null;
    this.presence?.cancel();
    this.presence = null;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  onOpen(l: () => void): () => void {
    return this.events.on('open', l);
  }
  onOffline(l: (detail: string) => void): () => void {
    return this.events.on('offline', l);
  }
  onData(l: (bytes: Buffer) => void): () => void {
    return this.events.on('data', l);
  }

  /** Writes and waits until the bytes left for the OS (drain). Rejects if the line is down. */
  write(bytes: Buffer): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) {
      return Promise.reject(new DeviceError('LINE_CLOSED', this.lastDetail || `${this.opts.path} is not open`));
    }
    return new Promise((resolve, reject) => {
      port.write(bytes, (err) => {
        if (err) return reject(new DeviceError('LINE_WRITE', `write to ${this.opts.path} failed: ${err.message}`));
        port.drain((e) => (e ? reject(new DeviceError('LINE_WRITE', `drain ${this.opts.path}: ${e.message}`)) : resolve()));
      });
    });
  }

  /** Closes the line as if it had dropped (used when the device stops answering) and reopens later. */
  drop(detail: string): void {
    this.suspect = true;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) port.close(() => undefined);
    this.wentOffline(detail);
  }

  /** The device answered: the next loss starts the backoff from the beginning. */
  healthy(): void {
    this.suspect = false;
    this.backoff.reset();
  }

  private async tryOpen(): Promise<void> {
    this.retry = null;
    if (!this.wanted || this.opening) return;
    this.opening = true;
    let port: SerialPortStream;
    try {
      port = await this.opts.open();
    } catch (err) {
      this.opening = false;
      this.wentOffline(describeLineError(this.opts.path, err, 'open'));
      return;
    }
    this.opening = false;
    if (!this.wanted) {
      port.close(() => undefined);
      return;
    }
    this.port = port;
    if (!this.suspect) this.backoff.reset();
    this.lastDetail = '';
    port.on('data', (bytes: Buffer) => this.events.emit('data', bytes));
    port.on('error', (err: Error) => this.opts.log.debug({ err: err.message }, 'serial line error'));
    port.on('close', (err?: Error & { disconnected?: boolean }) => {
      if (this.port !== port) return;
      this.port = null;
      this.wentOffline(describeLineError(this.opts.path, err, 'lost'));
    });
    this.watchPresence(port);
    this.opts.log.info({ path: this.opts.path }, 'serial line open');
    this.events.emit('open');
  }

  private watchPresence(port: SerialPortStream): void {
    const present = this.opts.present;
    if (!present) return;
    this.presence?.cancel();
    this.presence = this.opts.clock.setInterval(() => {
      if (this.port !== port || present()) return;
      this.port = null;
      port.close(() => undefined);
      this.wentOffline(describeLineError(this.opts.path, null, 'lost'));
    }, this.opts.presenceCheckMs ?? this.opts.initialDelayMs);
  }

  private wentOffline(detail: string): void {
    this.presence?.cancel();
    this.presence = null;
    if (!this.wanted) return;
    const delay = this.backoff.next();
    if (detail !== this.lastDetail) this.opts.log.warn({ path: this.opts.path, retryMs: delay }, detail);
    this.lastDetail = detail;
    this.events.emit('offline', detail);
    this.retry?.cancel();
    this.retry = this.opts.clock.setTimeout(() => void this.tryOpen(), delay);
  }
}
