/**
 * A simulated PN532 on HSU: takes frames from the host, ACKs each command and
 * answers it as the chip does (sim-chip.ts: every command libnfc 1.8 and the
 * station's driver use), and presents the cards a resident taps or leaves on
 * it. After PowerDown it sleeps until the HSU wake-up byte 0x55 arrives, as
 * the chip does, so a host that forgets the wake-up preamble gets no answer.
 */
import type { CardReaderSimulator, SimFault } from '../../controller/sim-ports.js';
import { SerialDeviceSimulator, lineNoise } from '../transport/serial/device-simulator.js';
import { ACK, ERROR_FRAME, encodeFrame, Pn532FrameParser, TFI_HOST_TO_PN532, TFI_PN532_TO_HOST } from './frame.js';
import { Pn532Chip } from './sim-chip.js';
import type { CardType, SimCard } from './sim-card.js';

/** The HSU wake-up byte (UM0701-02 §7.2.11 / PN532 C106 application note). */
const WAKE_UP_BYTE = 0x55;

export class Pn532Simulator extends SerialDeviceSimulator implements CardReaderSimulator {
  readonly faults: readonly SimFault[] = ['offline', 'garbled', 'stall', 'none'];
  private parser = new Pn532FrameParser();
  private readonly chip = new Pn532Chip();
  private fault: SimFault = 'none';
  private asleep = false;
  private noiseSeed = 7;
  /** Commands received, by code (for tests and the sim console). */
  readonly received: number[] = [];

  constructor(
    readonly deviceId: string,
    readonly counter: number,
  ) {
    super();
  }

  injectFault(fault: SimFault): void {
    if (!this.faults.includes(fault)) throw new RangeError(`${this.deviceId} cannot play fault ${fault}`);
    this.fault = fault;
    this.setLine({ plugged: fault !== 'offline', reading: fault !== 'stall' });
    if (fault !== 'none') this.parser = new Pn532FrameParser();
  }

  /** A resident taps a card: hex UID (4, 7 or 10 bytes for type A; 4-byte PUPI for type B). */
  tap(uidHex: string, type: CardType = 'A'): void {
    this.chip.pass(card(uidHex, type));
  }

  /** A card left on the reader (null: every card taken away). */
  rest(uidHex: string | null, type: CardType = 'A'): void {
    this.chip.rest(uidHex === null ? null : card(uidHex, type));
  }

  /** Cards lying on the reader now. */
  cards(): SimCard[] {
    return this.chip.cards();
  }

  /** Whether the chip is in power-down, waiting for a wake-up byte. */
  sleeping(): boolean {
    return this.asleep;
  }

  protected onHostBytes(bytes: Buffer): void {
    let chunk = bytes;
    if (this.asleep) {
      const wake = chunk.indexOf(WAKE_UP_BYTE);
      if (wake < 0) return; // asleep: the UART only listens for the wake-up
      this.asleep = false;
      this.parser = new Pn532FrameParser();
      chunk = chunk.subarray(wake + 1);
    }
    for (const f of this.parser.push(chunk)) {
      if (f.kind !== 'info' || f.tfi !== TFI_HOST_TO_PN532 || f.data.length === 0) continue; // a host ACK aborts nothing here: answers are immediate
      this.received.push(f.data[0]!);
      this.answer(f.data);
      if (this.chip.wantsSleep) {
        this.chip.wantsSleep = false;
        this.asleep = true;
        this.parser = new Pn532FrameParser();
        return; // what followed the PowerDown in the same chunk is not heard
      }
    }
  }

  private answer(cmd: Buffer): void {
    const response = this.chip.respond(cmd);
    const frame = response ? encodeFrame(TFI_PN532_TO_HOST, Uint8Array.from(response)) : ERROR_FRAME;
    if (this.fault === 'garbled') {
      // Noise around an ACK and a response whose data checksum is wrong.
      frame[frame.length - 2] ^= 0x5a;
      this.toHost(Buffer.concat([lineNoise(3, this.noiseSeed++), ACK, lineNoise(5, this.noiseSeed++), frame]));
      return;
    }
    this.toHost(Buffer.concat([ACK, frame]));
  }
}

function card(uidHex: string, type: CardType): SimCard {
  const uid = uidHex.replace(/[\s:-]/g, '').toUpperCase();
  const sizes = type === 'A' ? [4, 7, 10] : [4];
  if (!/^[0-9A-F]+$/.test(uid) || uid.length % 2 !== 0 || !sizes.includes(uid.length / 2))
    throw new RangeError(type === 'A' ? 'a type A card UID is 4, 7 or 10 bytes of hex' : 'a type B card PUPI is 4 bytes of hex');
  return { uid, type };
}
