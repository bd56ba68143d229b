/**
 * One connection to the companion board: firmata-io over an already-open
 * serialport 13 stream, and a johnny-five Board on top. johnny-five and
 * firmata-io leave timers and listeners behind; close() takes them all down.
 */
import type { SerialPortStream } from '@serialport/stream';
import type firmataIoModule from 'firmata-io';
import type { Firmata } from 'firmata-io';
import type fiveModule from 'johnny-five';

/**
 * johnny-five and firmata-io are loaded on the first connection, not at
 * start-up: the station's API is up before the companion board is needed.
 */
let stack: { five: typeof fiveModule; firmataIo: typeof firmataIoModule } | null = null;

export async function loadBoardStack(): Promise<void> {
  if (stack) return;
  const [five, firmataIo] = await Promise.all([import('johnny-five'), import('firmata-io')]);
  stack = { five: five.default, firmataIo: firmataIo.default };
}

export interface SessionOptions {
  /** Ask for the version if the board has not announced itself this long after open. */
  reportVersionAfterMs: number;
  /** Firmata analog sampling interval. */
  samplingMs: number;
}

export interface SessionEvents {
  ready(firmware: string): void;
  /** The line closed under us (unplugged) or failed. */
  lost(err: Error | undefined): void;
}

export class BoardSession {
  readonly io: Firmata;
  readonly board: InstanceType<typeof fiveModule.Board>;
  /** What the board said it runs ("firmware-bridge.ino 2.5"), once it is ready. */
  firmware = '';
  private closed = false;

  constructor(
    private readonly port: SerialPortStream,
    opts: SessionOptions,
    on: SessionEvents,
  ) {
    if (!stack) throw new Error('loadBoardStack() must run before a BoardSession is made');
    this.io = new stack.firmataIo.Firmata(port, { reportVersionTimeout: opts.reportVersionAfterMs });
    this.board = new stack.five.Board({ io: this.io, repl: false, debug: false, sigint: false });
    this.board.on('ready', () => {
      if (this.closed) return;
      this.io.setSamplingInterval(opts.samplingMs);
      const fw = this.io.firmware;
      const version = fw.version ? ` ${fw.version.major}.${fw.version.minor}` : '';
      this.firmware = `${fw.name ?? 'Firmata'}${version}`;
      on.ready(this.firmware);
    });
    // A write after the line dropped surfaces as an error event; the close below reports it.
    this.io.on('error', () => undefined);
    this.board.on('error', () => undefined);
    port.on('error', () => undefined);
    port.on('close', (err?: Error) => {
      if (!this.closed) on.lost(err);
    });
    // The stream was opened before firmata-io saw it, so its "open" event is gone;
    // johnny-five holds "ready" back until it hears "connect".
    this.io.emit('connect');
  }

  /** Stops every timer and listener of this connection and closes the line. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.io.reportVersionTimeoutId) clearTimeout(this.io.reportVersionTimeoutId);
    if (this.board.timer) clearTimeout(this.board.timer);
    this.board.timer = null;
    this.board.removeAllListeners();
    this.io.removeAllListeners();
    this.board.on('error', () => undefined);
    this.io.on('error', () => undefined);
    const port = this.port;
    port.removeAllListeners('data');
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    port.removeAllListeners();
    port.on('error', () => undefined);
  }
}
