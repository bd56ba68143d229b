/**
 * A simulated PN532 on HSU: answers the commands the driver uses with real
 * frames (ACK, then the response), and presents a tapped card to the next
 * InListPassiveTarget of its type.
 */
import type { CardTap } from '../../controller/ports.js';
import type { CardReaderSimulator, SimFault } from '../sim/control.js';
import { SerialDeviceSimulator, lineNoise } from '../transport/serial/device-simulator.js';
import { Cmd, targetResponse } from './commands.js';
import { ACK, ERROR_FRAME, encodeFrame, Pn532FrameParser, TFI_HOST_TO_PN532, TFI_PN532_TO_HOST } from './frame.js';

/** What GetFirmwareVersion answers: PN532 (IC 0x32), firmware 1.6, ISO 14443 A+B and ISO 18092. */
const FIRMWARE = [0x32, 0x01, 0x06, 0x07];

export class Pn532Simulator extends SerialDeviceSimulator implements CardReaderSimulator {
  readonly faults: readonly SimFault[] = ['offline', 'garbled', 'stall', 'none'];
  private parser = new Pn532FrameParser();
  private fault: SimFault = 'none';
  /** A tapped card, shown to the next poll of its type only. */
  private tapped: CardTap | null = null;
  /** A card lying on the reader, shown to every poll. */
  private resting: CardTap | null = null;
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
  tap(uidHex: string, type: 'A' | 'B' = 'A'): void {
    this.tapped = { uid: normaliseUid(uidHex), type };
  }

  /** A card left on the reader (null: taken away). */
  rest(uidHex: string | null, type: 'A' | 'B' = 'A'): void {
    this.resting = uidHex === null ? null : { uid: normaliseUid(uidHex), type };
  }

  protected onHostBytes(bytes: Buffer): void {
    for (const f of this.parser.push(bytes)) {
      if (f.kind !== 'info' || f.tfi !== TFI_HOST_TO_PN532 || f.data.length === 0) continue;
      this.received.push(f.data[0]!);
      this.answer(f.data);
    }
  }

  private answer(cmd: Buffer): void {
    const response = this.respond(cmd);
    if (this.fault === 'garbled') {
      // Noise around an ACK and a response whose data checksum is wrong.
      const frame = response ? encodeFrame(TFI_PN532_TO_HOST, Uint8Array.from(response)) : ERROR_FRAME;
      frame[frame.length - 2] ^= 0x5a;
      this.toHost(Buffer.concat([lineNoise(3, this.noiseSeed++), ACK, lineNoise(5, this.noiseSeed++), frame]));
      return;
    }
    this.toHost(ACK);
    this.toHost(response ? encodeFrame(TFI_PN532_TO_HOST, Uint8Array.from(response)) : ERROR_FRAME);
  }

  private respond(cmd: Buffer): number[] | null {
    switch (cmd[0]) {
      case Cmd.GetFirmwareVersion:
        return [Cmd.GetFirmwareVersion + 1, ...FIRMWARE];
      case Cmd.SAMConfiguration:
        return [Cmd.SAMConfiguration + 1];
      case Cmd.RFConfiguration:
        return [Cmd.RFConfiguration + 1];
      case Cmd.InListPassiveTarget: {
        const type = cmd[2] === 0x03 ? 'B' : cmd[2] === 0x00 ? 'A' : null;
        let card: CardTap | null = null;
        if (this.tapped && this.tapped.type === type) {
          card = this.tapped;
          this.tapped = null;
        } else if (this.resting && this.resting.type === type) card = this.resting;
        return targetResponse(card);
      }
      default:
        return null; // answered with the syntax-error frame
    }
  }
}

function normaliseUid(uidHex: string): string {
  const uid = uidHex.replace(/[\s:-]/g, '').toUpperCase();
  if (!/^([0-9A-F]{2}){4,10}$/.test(uid)) throw new RangeError('card UID must be 4 to 10 bytes of hex');
  return uid;
}
