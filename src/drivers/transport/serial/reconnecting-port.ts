/**
 * A serial line that stays wanted: when it cannot open (an unplugged USB
 * printer: ENOENT) or closes under the driver, it reports offline with a
 * detail a technician can act on and reopens through the drivers' one
 * reconnect engine (bounded exponential backoff on the injected clock).
 */
import type { SerialPortStream } from '@serialport/stream';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { Logger } from '../../../shared/log.js';
import { TypedEmitter } from '../../../shared/emitter.js';
import { DeviceError } from '../../../shared/errors.js';
import { describeLineError, type PortOpener } from './open-port.js';
import { Reconnector } from '../reconnect.js';

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

export class ReconnectingPort {
  private readonly events = new TypedEmitter<LineEvents>();
  private readonly link: Reconnector<SerialPortStream>;
  private presence: TimerHandle | null = null;

  constructor(private readonly opts: ReconnectOptions) {
    this.link = new Reconnector({
      clock: opts.clock,
      log: opts.log,
      initialDelayMs: opts.initialDelayMs,
      maxDelayMs: opts.maxDelayMs,
      logFields: { path: opts.path },
      what: opts.path,
      open: () => this.openLine(),
      release: (port) => this.closeLine(port),
      announce: () => ({ msg: 'serial line open' }),
    });
    this.link.onState((s) => {
      if (s.name === 'ready') {
        this.watchPresence(this.link.device()!);
        this.events.emit('open');
      } else if (s.name === 'failed') this.events.emit('offline', s.why);
    });
  }

  /** Starts opening; never throws. */
  start(): void {
    void this.link.start();
  }

  stop(): Promise<void> {
    return this.link.stop();
  }

  isOpen(): boolean {
    return this.link.device()?.isOpen === true;
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
    const port = this.link.device();
    if (!port?.isOpen) {
      const s = this.link.state();
      return Promise.reject(new DeviceError('LINE_CLOSED', s.name === 'failed' ? s.why : `${this.opts.path} is not open`));
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
    this.link.lost(new Error(detail), { suspect: true });
  }

  /** The device answered: the next loss starts the backoff from the beginning. */
  healthy(): void {
    this.link.healthy();
  }

  private async openLine(): Promise<SerialPortStream> {
    let port: SerialPortStream;
    try {
      port = await this.opts.open();
    } catch (err) {
      throw new Error(describeLineError(this.opts.path, err, 'open'), { cause: err });
    }
    port.on('data', (bytes: Buffer) => this.events.emit('data', bytes));
    port.on('error', (err: Error) => this.opts.log.debug({ err: err.message }, 'serial line error'));
    port.on('close', (err?: Error & { disconnected?: boolean }) => {
      this.link.lost(new Error(describeLineError(this.opts.path, err, 'lost')), { device: port });
    });
    return port;
  }

  private async closeLine(port: SerialPortStream): Promise<void> {
    this.presence?.cancel();
    this.presence = null;
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private watchPresence(port: SerialPortStream): void {
    const present = this.opts.present;
    if (!present) return;
    this.presence?.cancel();
    this.presence = this.opts.clock.setInterval(() => {
      if (present()) return;
      this.link.lost(new Error(describeLineError(this.opts.path, null, 'lost')), { device: port });
    }, this.opts.presenceCheckMs ?? this.opts.initialDelayMs);
  }
}
