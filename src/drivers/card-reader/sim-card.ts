/**
 * A contactless card as the simulated PN532 presents it: the answers a real
 * card gives during activation (ISO/IEC 14443-3 ATQA and SAK, the ATS of
 * ISO/IEC 14443-4, the ATQB of type B) and the little it says once selected.
 *
 * The e-KTP is an ISO/IEC 14443-4 smart card: SAK 20 (ISO 14443-4 compliant),
 * an ATQA whose UID-size bits match the UID (4, 7 or 10 bytes), and an ATS
 * sent when the reader asks for it (RATS; the PN532 does that by itself when
 * its automatic-RATS parameter is on).
 */

export type CardType = 'A' | 'B';

export interface SimCard {
  /** Upper-case hex: NFCID1 (type A, 4, 7 or 10 bytes) or PUPI (type B, 4 bytes). */
  uid: string;
  type: CardType;
}

/** SAK bit 6 (0x20): the card speaks ISO/IEC 14443-4. */
export const SAK_ISO14443_4 = 0x20;

/**
 * ATQA (SENS_RES) as the PN532 reports it, most significant byte first.
 * Bits 8..7 of the low byte give the UID size: 00 single (4), 01 double (7),
 * 10 triple (10); bit 3 (0x04) is the bit-frame anticollision bit cards set.
 */
export function atqa(uidBytes: number): [number, number] {
  const size = uidBytes === 4 ? 0x00 : uidBytes === 7 ? 0x40 : 0x80;
  return [0x00, size | 0x04];
}

/**
 * The ATS: TL (length, itself included), T0 = 0x78 (TA, TB, TC follow;
 * FSCI 8: the card takes frames of 256 bytes), TA = 0x77 (same bit rate both
 * ways, up to 848 kbit/s), TB = 0x71 (FWI 7, SFGI 1), TC = 0x02 (CID
 * supported, no NAD), then one historical byte 0x80 (no further historical
 * information).
 */
export const ATS = [0x06, 0x78, 0x77, 0x71, 0x02, 0x80];

/** UID bytes of a card. */
export const uidBytes = (card: SimCard): number[] => [...Buffer.from(card.uid, 'hex')];

/**
 * Target data as InListPassiveTarget and InAutoPoll return it for one card
 * (UM0701-02 §7.3.5), starting with its logical number Tg.
 *   A: Tg, SENS_RES (2), SEL_RES, NFCIDLength, NFCID1 …, [ATS …]
 *   B: Tg, ATQB (12: 50, PUPI (4), application data (4), protocol info (3)), ATTRIB_RES length, ATTRIB_RES …
 */
export function targetData(card: SimCard, tg: number, withAts: boolean): number[] {
  const uid = uidBytes(card);
  if (card.type === 'A') return [tg, ...atqa(uid.length), SAK_ISO14443_4, uid.length, ...uid, ...(withAts ? ATS : [])];
  const atqb = [0x50, ...uid.slice(0, 4), 0x00, 0x00, 0x00, 0x00, 0x80, 0x81, 0x71];
  return [tg, ...atqb, 0x01, 0x00];
}

/**
 * The UID an initiator names when it selects one card (InListPassiveTarget
 * InitiatorData): cascade tags 0x88 are dropped (a 7-byte UID is sent as
 * 88 + 3 bytes + 4 bytes, a 10-byte one as 88 + 3, 88 + 3, 4).
 */
export function uncascade(bytes: number[]): string {
  let uid = bytes;
  if (uid.length === 8 && uid[0] === 0x88) uid = uid.slice(1);
  else if (uid.length === 12 && uid[0] === 0x88 && uid[4] === 0x88) uid = [...uid.slice(1, 4), ...uid.slice(5)];
  return Buffer.from(uid).toString('hex').toUpperCase();
}

/**
 * What a selected ISO 14443-4 card answers to a command APDU. The station
 * reads no files from the e-KTP (its chip is for the Dukcapil readers), so
 * the simulated card knows no application: SELECT is "file not found"
 * (6A 82), anything else "instruction not supported" (6D 00).
 */
export function answerApdu(apdu: Buffer): number[] {
  return apdu[1] === 0xa4 ? [0x6a, 0x82] : [0x6d, 0x00];
}

/**
 * One ISO 14443-4 block exchanged through InCommunicateThru (the initiator
 * does the block framing itself). An R(NAK) gets R(ACK) with the card's
 * block number (what libnfc sends to ask "are you still there?"); an I-block
 * gets an I-block with the APDU's answer; anything else goes unanswered.
 */
export function answerBlock(block: Buffer, state: { blockNumber: number }): number[] | null {
  const pcb = block[0];
  if (pcb === undefined) return null;
  if ((pcb & 0xf6) === 0xb2) return [0xa2 | state.blockNumber];
  const prologue = 1 + (pcb & 0x08 ? 1 : 0) + (pcb & 0x04 ? 1 : 0); // PCB, then CID and NAD when flagged
  if ((pcb & 0xe2) === 0x02) {
    state.blockNumber = pcb & 0x01;
    return [...block.subarray(0, prologue)].concat(answerApdu(block.subarray(prologue))).map((b, i) => (i === 0 ? b & 0x0f : b));
  }
  if ((pcb & 0xf7) === 0xc2) return [...block.subarray(0, prologue)]; // S(DESELECT) is confirmed by the same S-block
  return null;
}
