/**
 * The e-KTP card reader: a PN532 over HSU. Wakes it, puts the SAM in normal
 * mode, reads its firmware version, limits passive retries, then polls for an
 * ISO 14443 A and B card every pn532PollMs. A card is reported once per tap,
 * not again while it stays on the reader. UIDs appear in logs only as cardTag().
 */
import type { CardReader, CardTap } from '../../controller/ports.js';
import type { TimerHandle } from '../../shared/clock.js';
import { TypedEmitter } from '../../shared/emitter.js';
import { DeviceError } from '../../shared/errors.js';
import { cardTag } from '../../shared/privacy.js';
import type { DriverContext } from '../context.js';
import { SerialDevice } from '../serial-device.js';
import type { ReconnectingPort } from '../transport/serial/reconnecting-port.js';
import { Pn532Commander } from './commander.js';
import {
  WAKE_UP,
  decodeFirmware,
  decodeTarget,
  getFirmwareVersion,
  limitPassiveRetries,
  listPassiveTarget,
  samNormalMode,
} from './commands.js';

export class Pn532Reader extends SerialDevice implements CardReader {
  readonly kind = 'card-reader' as const;
  private readonly events = new TypedEmitter<{ card: (tap: CardTap) => void }>();
  private readonly commander: Pn532Commander;
  private readonly log;
  private nextPoll: TimerHandle | null = null;
  /** The card on the reader per type, so one tap is one event. */
  private onReader: Record<'A' | 'B', string | null> = { A: null, B: null };
  private session = 0;

  constructor(
    id: string,
    readonly counter: number,
    line: ReconnectingPort,
    ctx: DriverContext,
    private readonly baudRate: number,
  ) {
    super(id, 'card-reader', line, ctx);
    this.log = ctx.log.child({ ns: 'drivers.pn532', device: id });
    this.commander = new Pn532Commander((b) => this.line.write(b), ctx.clock, ctx.timeouts, this.log);
  }

  onCard(l: (tap: CardTap) => void): () => void {
    return this.events.on('card', l);
  }

  protected received(bytes: Buffer): void {
    this.commander.feed(bytes);
  }

  protected lineOpen(): void {
    void this.begin();
  }

  protected override lineDown(detail: string): void {
    this.halted();
    this.status.set('offline', detail);
  }

  protected override halted(): void {
    this.session++;
    this.nextPoll?.cancel();
    this.nextPoll = null;
    this.commander.reset(new DeviceError('LINE_CLOSED', 'serial line closed'));
  }

  /** Wake-up and set-up after the line opens; then polling starts. */
  private async begin(): Promise<void> {
    const session = ++this.session;
    const noiseBefore = this.commander.noise();
    try {
      await this.commander.request(samNormalMode(), WAKE_UP);
      const fw = decodeFirmware(await this.commander.request(getFirmwareVersion()));
      if (!fw) throw new DeviceError('PN532_FIRMWARE', 'PN532 sent no firmware version');
      await this.commander.request(limitPassiveRetries());
      if (session !== this.session) return;
      this.line.healthy();
      this.onReader = { A: null, B: null };
      this.status.set('ok', `PN532 firmware ${fw.version}.${fw.revision} ready`);
      this.schedulePoll(session, 0);
    } catch (err) {
      this.failed(session, err, noiseBefore);
    }
  }

  private schedulePoll(session: number, ms: number): void {
    if (session !== this.session) return;
    this.nextPoll = this.ctx.clock.setTimeout(() => void this.poll(session), ms);
  }

  private async poll(session: number): Promise<void> {
    const noiseBefore = this.commander.noise();
    try {
      for (const type of ['A', 'B'] as const) {
        const tap = decodeTarget(await this.commander.request(listPassiveTarget(type)), type);
        if (session !== this.session) return;
        this.seen(type, tap);
      }
      this.status.set('ok', this.status.get().detail);
      this.status.seen();
      this.schedulePoll(session, this.ctx.timeouts.pn532PollMs);
    } catch (err) {
      this.failed(session, err, noiseBefore);
    }
  }

  private seen(type: 'A' | 'B', tap: CardTap | null): void {
    const uid = tap?.uid ?? null;
    const before = this.onReader[type];
    this.onReader[type] = uid;
    if (!tap || uid === before) return;
    this.log.info({ card: cardTag(tap.uid), type }, 'card tapped');
    this.events.emit('card', { uid: tap.uid, type });
  }

  /** A command failed: say why, reopen the line later (with backoff) and start again. */
  private failed(session: number, err: unknown, noiseBefore: number): void {
    if (session !== this.session) return;
    const noisy = this.commander.noise() > noiseBefore;
    const why = err instanceof Error ? err.message : String(err);
    const detail = noisy
      ? `PN532 answers garbled (${why}) — check the cable and that it runs at ${this.baudRate} baud`
      : `${why} — check the PN532 wiring (TX/RX crossed, HSU mode) and power`;
    // Said here too: a line that never became healthy reports nothing when dropped.
    this.status.set('offline', detail);
    this.line.drop(detail);
  }
}
