/**
 * The command set of a simulated PN532 (NXP UM0701-02 §7), as a host sees it
 * through frames: every command libnfc 1.8 sends to a PN532 in initiator
 * mode, and the station's own driver. Bytes in (the data after TFI D4),
 * bytes out (the data after TFI D5), or null for the syntax-error frame.
 * Framing, faults and the power-down sleep are the simulator's business
 * (simulator.ts); the cards on the antenna are kept here.
 */
import { Cmd } from './commands.js';
import { answerApdu, answerBlock, targetData, uncascade, type CardType, type SimCard } from './sim-card.js';

/** What GetFirmwareVersion answers: PN532 (IC 0x32), firmware 1.6, ISO 14443 A+B and ISO 18092. */
export const FIRMWARE = [0x32, 0x01, 0x06, 0x07];

/** Error codes of the status byte (UM0701-02 §7.1). */
export const Status = {
  ok: 0x00,
  /** The target did not answer in time (no card, or it left). */
  timeout: 0x01,
  /** Wrong parameter in the command. */
  invalidParameter: 0x10,
  /** No target by that number, or not in a state for that command. */
  notInContext: 0x27,
} as const;

/** Baud rate / modulation (BrTy) of InListPassiveTarget. */
const BRTY_TYPE_A = 0x00;
const BRTY_TYPE_B = 0x03;

/** Target types of InAutoPoll (§7.3.13) this chip can report, and the card type each finds. */
const POLL_TYPES: Record<number, { card: CardType; ats: boolean }> = {
  0x00: { card: 'A', ats: false }, // generic passive 106 kbps
  0x10: { card: 'A', ats: false }, // Mifare (ISO 14443-3 A)
  0x20: { card: 'A', ats: true }, // passive 106 kbps ISO 14443-4 A
  0x03: { card: 'B', ats: false }, // passive 106 kbps ISO 14443-3 B
  0x23: { card: 'B', ats: false }, // passive 106 kbps ISO 14443-4 B
};

/** SetParameters bits (§7.2.9). */
const PARAM_AUTO_RATS = 0x10;
/** Power-on parameters: automatic ATR_RES and automatic RATS. */
const DEFAULT_PARAMETERS = 0x14;

interface Selected {
  tg: number;
  card: SimCard;
  /** Activated: InDeselect puts it to sleep until InSelect (or a new activation). */
  active: boolean;
  /** ISO 14443-4 block number, toggled by each I-block. */
  blockNumber: number;
}

export class Pn532Chip {
  /** Cards lying on the antenna, in the order they were put down. */
  private resting: SimCard[] = [];
  /** Cards passing by (taps): each seen by the next activation of its type only. */
  private passing: SimCard[] = [];
  /** Cards halted (HLTA / S(DESELECT)): they answer again only after the field has been off. */
  private halted = new Set<string>();
  private selected: Selected[] = [];
  private parameters = DEFAULT_PARAMETERS;
  private field = false;
  private samMode = 0x01;
  private readonly registers = new Map<number, number>();
  /** PowerDown was accepted: the simulator sleeps until a wake-up byte. */
  wantsSleep = false;

  /** A card taken to the reader for one activation (a tap). */
  pass(card: SimCard): void {
    this.passing = [...this.passing.filter((c) => c.type !== card.type), card];
  }

  /** A card left on the reader; null takes every card away. */
  rest(card: SimCard | null): void {
    this.resting = card === null ? [] : [...this.resting.filter((c) => c.uid !== card.uid), card];
    if (card === null) this.passing = [];
  }

  cards(): SimCard[] {
    return [...this.resting];
  }

  /** The power-on state (what a PN532 is after a reset). */
  reset(): void {
    this.selected = [];
    this.halted.clear();
    this.parameters = DEFAULT_PARAMETERS;
    this.field = false;
    this.samMode = 0x01;
    this.registers.clear();
  }

  respond(cmd: Buffer): number[] | null {
    const code = cmd[0]!;
    const body = this.answer(code, cmd.subarray(1));
    return body === null ? null : [code + 1, ...body];
  }

  private answer(code: number, p: Buffer): number[] | null {
    switch (code) {
      case Cmd.Diagnose:
        return this.diagnose(p);
      case Cmd.GetFirmwareVersion:
        return FIRMWARE;
      case Cmd.GetGeneralStatus:
        return this.generalStatus();
      case Cmd.ReadRegister:
        return this.readRegisters(p);
      case Cmd.WriteRegister:
        return this.writeRegisters(p);
      case Cmd.SetParameters:
        if (p.length < 1) return null;
        this.parameters = p[0]!;
        return [];
      case Cmd.SAMConfiguration:
        if (p.length < 1 || p[0]! < 0x01 || p[0]! > 0x04) return null;
        this.samMode = p[0]!;
        return [];
      case Cmd.PowerDown:
        if (p.length < 1) return null;
        this.selected = [];
        this.field = false;
        this.wantsSleep = true;
        return [Status.ok];
      case Cmd.RFConfiguration:
        return this.rfConfiguration(p);
      case Cmd.InListPassiveTarget:
        return this.listPassiveTarget(p);
      case Cmd.InAutoPoll:
        return this.autoPoll(p);
      case Cmd.InDataExchange:
        return this.dataExchange(p);
      case Cmd.InCommunicateThru:
        return this.communicateThru(p);
      case Cmd.InDeselect:
        return this.release(p, 'deselect');
      case Cmd.InRelease:
        return this.release(p, 'release');
      case Cmd.InSelect:
        return this.select(p);
      default:
        return null;
    }
  }

  /** Diagnose (§7.2.1): the tests libnfc and technicians run. */
  private diagnose(p: Buffer): number[] | null {
    const test = p[0];
    switch (test) {
      case 0x00: // communication line test: the data comes back
        return [...p];
      case 0x01: // ROM test
      case 0x02: // RAM test
      case 0x07: // antenna self test
        return [Status.ok];
      case 0x04: // polling test to target: number of failed polls
        return [0x00];
      case 0x06: // attention request / card presence
        return [this.present(this.selected[0]) ? Status.ok : Status.timeout];
      default:
        return null;
    }
  }

  private generalStatus(): number[] {
    const targets = this.selected.filter((s) => s.active);
    // Err, Field, NbTg, then per target Tg, BrRx, BrTx, modulation type (00: 106 kbps A/B), then the SAM status.
    return [0x00, this.field ? 0x01 : 0x00, targets.length, ...targets.flatMap((s) => [s.tg, 0x00, 0x00, 0x00]), 0x00];
  }

  private readRegisters(p: Buffer): number[] | null {
    if (p.length === 0 || p.length % 2 !== 0) return null;
    const out: number[] = [];
    for (let i = 0; i < p.length; i += 2) out.push(this.registers.get(p.readUInt16BE(i)) ?? 0x00);
    return out;
  }

  private writeRegisters(p: Buffer): number[] | null {
    if (p.length === 0 || p.length % 3 !== 0) return null;
    for (let i = 0; i < p.length; i += 3) this.registers.set(p.readUInt16BE(i), p[i + 2]!);
    return [];
  }

  /** RFConfiguration (§7.3.1): item 1 switches the field; timings, retries and analog settings are taken as given. */
  private rfConfiguration(p: Buffer): number[] | null {
    if (p.length < 2) return null;
    if (p[0] === 0x01) {
      const on = (p[1]! & 0x01) !== 0;
      if (!on) {
        // Field off: every card loses power, halted ones included.
        this.selected = [];
        this.halted.clear();
      }
      this.field = on;
    }
    return [];
  }

  /** InListPassiveTarget (§7.3.5): MaxTg, BrTy, [InitiatorData]. */
  private listPassiveTarget(p: Buffer): number[] | null {
    if (p.length < 2) return null;
    const maxTg = p[0]!;
    const brTy = p[1]!;
    if (maxTg < 1 || maxTg > 2) return null;
    const type: CardType | null = brTy === BRTY_TYPE_A ? 'A' : brTy === BRTY_TYPE_B ? 'B' : null;
    this.selected = [];
    this.field = true;
    // FeliCa and Jewel are polled too, and no such card is ever on this reader.
    if (type === null) return brTy <= 0x04 ? [0x00] : null;
    const initiatorData = [...p.subarray(type === 'A' ? 2 : 3)];
    const wanted = type === 'A' && initiatorData.length > 0 ? uncascade(initiatorData) : null;
    const found = this.activate(type, maxTg, wanted);
    const withAts = (this.parameters & PARAM_AUTO_RATS) !== 0;
    return [found.length, ...found.flatMap((s) => targetData(s.card, s.tg, withAts))];
  }

  /** InAutoPoll (§7.3.13): PollNr, Period, Type1 … TypeN; the first type with a card wins. */
  private autoPoll(p: Buffer): number[] | null {
    if (p.length < 3) return null;
    this.selected = [];
    this.field = true;
    for (const t of p.subarray(2)) {
      const kind = POLL_TYPES[t];
      if (!kind) continue; // FeliCa, Jewel, DEP: no such card here
      const [found] = this.activate(kind.card, 1, null);
      if (!found) continue;
      const data = targetData(found.card, found.tg, kind.ats);
      return [0x01, t, data.length, ...data];
    }
    return [0x00];
  }

  /** Activates up to `max` cards of that type that answer (not halted), numbering them from Tg 1. */
  private activate(type: CardType, max: number, uid: string | null): Selected[] {
    const candidates = [...this.resting, ...this.passing.filter((p) => !this.resting.some((c) => c.uid === p.uid))];
    const answering = candidates.filter((c) => c.type === type && !this.halted.has(c.uid) && (uid === null || c.uid === uid));
    const chosen = answering.slice(0, max);
    this.passing = this.passing.filter((p) => !chosen.includes(p));
    this.selected = chosen.map((card, i) => ({ tg: i + 1, card, active: true, blockNumber: 1 }));
    return this.selected;
  }

  /** Still within reach of the antenna. */
  private present(s: Selected | undefined): boolean {
    return s !== undefined && this.resting.some((c) => c.uid === s.card.uid);
  }

  private target(tg: number | undefined): Selected | undefined {
    return this.selected.find((s) => s.tg === tg);
  }

  /** InDataExchange (§7.3.8): Tg, DataOut — an APDU for an ISO 14443-4 card. */
  private dataExchange(p: Buffer): number[] | null {
    if (p.length < 1) return null;
    const s = this.target(p[0]! & 0x0f);
    if (!s || !s.active) return [Status.notInContext];
    if (!this.present(s)) return [Status.timeout];
    return [Status.ok, ...answerApdu(p.subarray(1))];
  }

  /** InCommunicateThru (§7.3.9): raw bytes to whatever card is in the field. */
  private communicateThru(p: Buffer): number[] {
    const s = this.selected.find((x) => x.active);
    if (!s || !this.present(s) || s.card.type !== 'A') return [Status.timeout];
    const reply = answerBlock(p, s);
    if (reply === null) return [Status.timeout];
    if (p[0] !== undefined && (p[0] & 0xf7) === 0xc2) this.halt(s);
    return [Status.ok, ...reply];
  }

  /** InDeselect / InRelease (§7.3.11, §7.3.12): Tg, 0 for every target. */
  private release(p: Buffer, how: 'deselect' | 'release'): number[] | null {
    if (p.length < 1) return null;
    const tg = p[0]!;
    const which = tg === 0 ? this.selected : this.selected.filter((s) => s.tg === tg);
    if (tg !== 0 && which.length === 0) return [Status.notInContext];
    for (const s of which) this.halt(s);
    if (how === 'release') this.selected = this.selected.filter((s) => !which.includes(s));
    return [Status.ok];
  }

  /** InSelect (§7.3.10): Tg — wakes a deselected target. */
  private select(p: Buffer): number[] | null {
    if (p.length < 1) return null;
    const s = this.target(p[0]!);
    if (!s) return [Status.notInContext];
    if (!this.present(s)) return [Status.timeout];
    s.active = true;
    this.halted.delete(s.card.uid);
    return [Status.ok];
  }

  private halt(s: Selected): void {
    s.active = false;
    this.halted.add(s.card.uid);
  }
}
