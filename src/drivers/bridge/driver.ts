/**
 * The companion board (ATmega328P running firmware-bridge, or the built-in
 * simulator) as the station sees it: named readings (genset battery volts,
 * fuel percent, AC present) from Firmata analog and digital reports.
 *
 * Never throws out of start(): an absent board is `offline` with a detail a
 * technician can act on and is reopened with bounded backoff; a board that
 * opens but does not answer the Firmata handshake, or falls silent, is closed
 * and retried the same way.
 */
import type { BridgeReadings, CompanionBridge } from '../../controller/ports.js';
import type { DeviceState } from '../../controller/ports.js';
import { DeviceStatusKeeper } from '../device-status.js';
import type { TimerHandle } from '../../shared/clock.js';
import { TypedEmitter } from '../../shared/emitter.js';
import type { DriverContext } from '../context.js';
import { Backoff } from '../transport/serial/reconnecting-port.js';
import { describeLineError, type PortOpener } from '../transport/serial/open-port.js';
import { BoardSession, loadBoardStack } from './board-session.js';
import type { BridgeChannel } from './channels.js';

/** The bridge's own waits (the lead may move them into DriverTimeouts). */
export interface BridgeTimeouts {
  /** From open to johnny-five "ready" (version, name, capabilities, analog mapping). */
  handshakeMs: number;
  /** Ask for the version if the board has not announced itself by then (a Nano's bootloader runs ~1-2 s). */
  reportVersionAfterMs: number;
  /** No report at all for this long while analog channels are reporting: the board has hung. */
  silenceMs: number;
  /** Firmata analog sampling interval. */
  samplingMs: number;
}

export const defaultBridgeTimeouts: BridgeTimeouts = {
  handshakeMs: 6_000,
  reportVersionAfterMs: 2_500,
  silenceMs: 3_000,
  samplingMs: 100,
};

export interface FirmataBridgeOptions {
  id: string;
  /** The path as configured, for messages. */
  path: string;
  open: PortOpener;
  /** Resolved channels, or the config error that prevents resolving them. */
  channels: BridgeChannel[] | Error;
  timeouts?: Partial<BridgeTimeouts>;
}

export class FirmataBridge implements CompanionBridge {
  readonly id: string;
  readonly kind = 'bridge' as const;
  private readonly status: DeviceStatusKeeper;
  private readonly events = new TypedEmitter<{ readings: (r: BridgeReadings) => void }>();
  private readonly t: BridgeTimeouts;
  private readonly backoff: Backoff;
  private readings: BridgeReadings = {};
  private session: BoardSession | null = null;
  private timer: TimerHandle | null = null; // retry or handshake
  private silence: TimerHandle | null = null;
  private lastReportAt = 0;
  private wanted = false;

  constructor(
    private readonly opts: FirmataBridgeOptions,
    private readonly ctx: DriverContext,
  ) {
    this.id = opts.id;
    this.status = new DeviceStatusKeeper(opts.id, 'bridge', ctx.clock, ctx.timeZone);
    this.t = { ...defaultBridgeTimeouts, ...opts.timeouts };
    this.backoff = new Backoff(ctx.timeouts.reopenInitialMs, ctx.timeouts.reopenMaxMs);
  }

  state(): DeviceState {
    return this.status.get();
  }
  onStatus(l: (s: DeviceState) => void): () => void {
    return this.status.onStatus(l);
  }
  latest(): BridgeReadings {
    return { ...this.readings };
  }
  onReadings(l: (r: BridgeReadings) => void): () => void {
    return this.events.on('readings', l);
  }

  async start(): Promise<void> {
    if (this.wanted) return;
    if (this.opts.channels instanceof Error) {
      this.status.set('fault', `${this.opts.channels.message} — fix devices.bridge.channels in the config`);
      return;
    }
    this.wanted = true;
    this.status.set('offline', `connecting to ${this.opts.path}`);
    void this.connect();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    await this.endSession();
    this.status.set('offline', 'stopped');
  }

  /** Drives an output pin (relay: genset start request or buzzer). */
  setOutput(pin: number, on: boolean): void {
    const board = this.session?.board;
    if (!board?.isReady) throw new Error(`companion board not ready: ${this.status.get().detail}`);
    board.pinMode(pin, board.io.MODES.OUTPUT);
    board.digitalWrite(pin, on ? 1 : 0);
  }

  private async connect(): Promise<void> {
    this.timer = null;
    if (!this.wanted) return;
    let port;
    try {
      await loadBoardStack();
      port = await this.opts.open();
    } catch (err) {
      this.retryLater(describeLineError(this.opts.path, err, 'open'));
      return;
    }
    if (!this.wanted) {
      port.close(() => undefined);
      return;
    }
    const session = new BoardSession(port, this.t, {
      ready: (firmware) => {
        try {
          this.onReady(session, firmware);
        } catch (err) {
          // e.g. a board whose capabilities lack a configured pin
          void this.endSession().then(() =>
            this.retryLater(`companion board on ${this.opts.path} refused the channel setup: ${(err as Error).message}`),
          );
        }
      },
      lost: (err) => {
        if (this.session !== session) return;
        this.ctx.log.debug({ err: err?.message }, 'bridge line closed');
        void this.endSession().then(() => this.retryLater(describeLineError(this.opts.path, err, 'lost')));
      },
    });
    this.session = session;
    this.timer = this.ctx.clock.setTimeout(() => {
      if (this.session !== session) return;
      void this.endSession().then(() =>
        this.retryLater(
          `${this.opts.path} opened but no Firmata answer within ${this.t.handshakeMs} ms — flash firmware-bridge (make -C firmware-bridge flash) and check the baud rate (57600)`,
        ),
      );
    }, this.t.handshakeMs);
  }

  private onReady(session: BoardSession, firmware: string): void {
    if (this.session !== session) return;
    this.timer?.cancel();
    this.timer = null;
    this.backoff.reset();
    const channels = this.opts.channels as BridgeChannel[];
    const board = session.board;
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
      this.silence = this.ctx.clock.setInterval(() => this.checkSilence(session), Math.max(100, this.t.silenceMs / 3));
    }
    this.ctx.log.info({ path: this.opts.path, firmware }, 'companion board ready');
    this.status.set('ok', `${firmware} on ${this.opts.path}`);
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
    if (quiet < this.t.silenceMs) return;
    void this.endSession().then(() =>
      this.retryLater(
        `no reports from the companion board on ${this.opts.path} for ${quiet} ms — check its power LED; it will be reopened`,
      ),
    );
  }

  private async endSession(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    this.silence?.cancel();
    this.silence = null;
    const session = this.session;
    this.session = null;
    await session?.close();
    if (Object.keys(this.readings).length > 0) {
      this.readings = {}; // nothing stale while the board is away
      this.events.emit('readings', this.latest());
    }
  }

  private retryLater(detail: string): void {
    if (!this.wanted) return;
    const delay = this.backoff.next();
    if (detail !== this.status.get().detail) this.ctx.log.warn({ path: this.opts.path, retryMs: delay }, detail);
    this.status.set('offline', detail);
    this.timer?.cancel();
    this.timer = this.ctx.clock.setTimeout(() => void this.connect(), delay);
  }
}
