/**
 * The companion board (ATmega328P running firmware-bridge, or the built-in
 * simulator) as the station sees it: named readings (genset battery volts,
 * fuel percent, AC present) from Firmata analog and digital reports.
 *
 * Never throws out of start(): an absent board is `offline` with a detail a
 * technician can act on and is reopened by the drivers' reconnect engine; a
 * board that opens but does not answer the Firmata handshake, or falls
 * silent, is closed and retried the same way.
 */
import type { BridgeReadings, CompanionBridge } from '../../controller/ports.js';
import { LinkedDevice } from '../linked-device.js';
import type { TimerHandle } from '../../shared/clock.js';
import { TypedEmitter } from '../../shared/emitter.js';
import type { DriverContext } from '../context.js';
import { describeLineError, type PortOpener } from '../transport/serial/open-port.js';
import { BoardSession, loadBoardStack } from './board-session.js';
import type { BridgeChannel } from './channels.js';

export interface FirmataBridgeOptions {
  id: string;
  /** The path as configured, for messages. */
  path: string;
  open: PortOpener;
  /** Resolved channels, or the config error that prevents resolving them. */
  channels: BridgeChannel[] | Error;
}

export class FirmataBridge extends LinkedDevice<BoardSession> implements CompanionBridge {
  readonly kind = 'bridge' as const;
  private readonly events = new TypedEmitter<{ readings: (r: BridgeReadings) => void }>();
  private readings: BridgeReadings = {};
  /** The connection whose reports count: set once its channels are set up. */
  private session: BoardSession | null = null;
  private silence: TimerHandle | null = null;
  private lastReportAt = 0;

  constructor(
    private readonly opts: FirmataBridgeOptions,
    ctx: DriverContext,
  ) {
    super(opts.id, 'bridge', ctx, ctx.log, {
      what: `companion board on ${opts.path}`,
      logFields: { path: opts.path },
      announce: (session) => ({ msg: 'companion board ready', fields: { firmware: session.firmware } }),
    });
  }

  latest(): BridgeReadings {
    return { ...this.readings };
  }
  onReadings(l: (r: BridgeReadings) => void): () => void {
    return this.events.on('readings', l);
  }

  override async start(): Promise<void> {
    if (this.opts.channels instanceof Error) {
      this.status.set('fault', `${this.opts.channels.message} — fix devices.bridge.channels in the config`);
      return;
    }
    // Not awaited: the handshake may take seconds, and the station serves meanwhile.
    void super.start();
  }

  /** Drives an output pin (relay: genset start request or buzzer). */
  setOutput(pin: number, on: boolean): void {
    const board = this.link.device()?.board;
    if (!board?.isReady) throw new Error(`companion board not ready: ${this.status.get().detail}`);
    board.pinMode(pin, board.io.MODES.OUTPUT);
    board.digitalWrite(pin, on ? 1 : 0);
  }

  protected connecting(): string {
    return `connecting to ${this.opts.path}`;
  }

  protected linkReady(session: BoardSession): void {
    this.status.set('ok', `${session.firmware} on ${this.opts.path}`);
  }

  /** Opens the line and resolves once the board has answered the Firmata handshake and its channels report. */
  protected async openLink(signal: AbortSignal): Promise<BoardSession> {
    const path = this.opts.path;
    let port;
    try {
      await loadBoardStack();
      port = await this.opts.open();
    } catch (err) {
      throw new Error(describeLineError(path, err, 'open'), { cause: err });
    }
    return new Promise<BoardSession>((resolve, reject) => {
      let settled = false;
      let handshake: TimerHandle | null = null;
      const giveUp = (detail: string) => {
        if (settled) return;
        settled = true;
        handshake?.cancel();
        signal.removeEventListener('abort', stopped);
        void this.releaseLink(session).then(() => reject(new Error(detail)));
      };
      const stopped = () => giveUp('stopped');
      const t = this.ctx.timeouts;
      const session = new BoardSession(
        port,
        { reportVersionAfterMs: t.bridgeReportVersionAfterMs, samplingMs: t.bridgeSamplingMs },
        {
          ready: () => {
            if (settled) return;
            try {
              this.setUp(session); // e.g. a board whose capabilities lack a configured pin throws
            } catch (err) {
              return giveUp(`companion board on ${path} refused the channel setup: ${(err as Error).message}`);
            }
            settled = true;
            handshake?.cancel();
            signal.removeEventListener('abort', stopped);
            resolve(session);
          },
          lost: (err) => {
            this.ctx.log.debug({ err: err?.message }, 'bridge line closed');
            const detail = describeLineError(path, err, 'lost');
            if (!settled) giveUp(detail);
            else this.link.lost(new Error(detail), { device: session });
          },
        },
      );
      handshake = this.ctx.clock.setTimeout(
        () =>
          giveUp(
            `${path} opened but no Firmata answer within ${t.bridgeHandshakeMs} ms — flash firmware-bridge (make -C firmware-bridge flash) and check the baud rate (57600)`,
          ),
        t.bridgeHandshakeMs,
      );
      signal.addEventListener('abort', stopped);
    });
  }

  private setUp(session: BoardSession): void {
    const channels = this.opts.channels as BridgeChannel[];
    const board = session.board;
    this.session = session;
    for (const ch of channels) {
      if (ch.kind === 'analog') {
        board.pinMode(ch.analogChannel, board.io.MODES.ANALOG); // firmata-io takes the channel here
        board.analogRead(ch.analogChannel, (raw) => this.reading(session, ch, raw));
      } else {
        board.pinMode(ch.pin, board.io.MODES.INPUT);
        board.digitalRead(ch.pin, (level) => this.reading(session, ch, level));
      }
    }
    this.lastReportAt = this.ctx.clock.now();
    if (channels.some((c) => c.kind === 'analog')) {
      this.silence = this.ctx.clock.setInterval(() => this.checkSilence(session), Math.max(100, this.ctx.timeouts.bridgeSilenceMs / 3));
    }
  }

  private reading(session: BoardSession, ch: BridgeChannel, raw: number): void {
    if (this.session !== session) return;
    this.lastReportAt = this.ctx.clock.now();
    this.status.seen();
    const value = ch.convert(raw);
    if (this.readings[ch.name] === value) return;
    this.readings = { ...this.readings, [ch.name]: value };
    this.events.emit('readings', this.latest());
  }

  private checkSilence(session: BoardSession): void {
    if (this.session !== session) return;
    const quiet = this.ctx.clock.now() - this.lastReportAt;
    if (quiet < this.ctx.timeouts.bridgeSilenceMs) return;
    this.link.lost(
      new Error(`no reports from the companion board on ${this.opts.path} for ${quiet} ms — check its power LED; it will be reopened`),
      { device: session },
    );
  }

  protected override async releaseLink(session: BoardSession): Promise<void> {
    if (this.session === session) {
      this.session = null;
      this.silence?.cancel();
      this.silence = null;
    }
    // Nothing stale while the board is away: cleared before the status says offline, not after the port has closed.
    if (Object.keys(this.readings).length > 0) {
      this.readings = {};
      this.events.emit('readings', this.latest());
    }
    await session.close();
  }
}
