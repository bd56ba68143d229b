/**
 * Firmata framing for the board side of the line (what the simulated
 * companion board hears), the TypeScript twin of firmware-bridge's
 * firmata_parse.c: any status byte starts a new message, so garbage, cut-off
 * sysex and stray data bytes are dropped without wedging the parser.
 */
export const START_SYSEX = 0xf0;
export const END_SYSEX = 0xf7;
export const REPORT_VERSION = 0xf9;
export const SYSTEM_RESET = 0xff;
export const SET_PIN_MODE = 0xf4;
export const SET_DIGITAL_PIN_VALUE = 0xf5;
export const DIGITAL_MESSAGE = 0x90; // | port
export const ANALOG_MESSAGE = 0xe0; // | channel
export const REPORT_ANALOG = 0xc0; // | channel
export const REPORT_DIGITAL = 0xd0; // | port
/** Sysex ids */
export const ANALOG_MAPPING_QUERY = 0x69;
export const ANALOG_MAPPING_RESPONSE = 0x6a;
export const CAPABILITY_QUERY = 0x6b;
export const CAPABILITY_RESPONSE = 0x6c;
export const PIN_STATE_QUERY = 0x6d;
export const PIN_STATE_RESPONSE = 0x6e;
export const REPORT_FIRMWARE = 0x79;
export const SAMPLING_INTERVAL = 0x7a;

const SYSEX_MAX = 64;

export type HostMessage = { kind: 'command'; cmd: number; channel: number; data: number[] } | { kind: 'sysex'; id: number; data: number[] };

/** Data bytes each host command carries; undefined: unknown (skipped). */
function dataBytes(status: number): number | undefined {
  if (status < 0xf0) return ({ 0x90: 2, 0xe0: 2, 0xc0: 1, 0xd0: 1 } as Record<number, number>)[status & 0xf0];
  return ({ [SET_PIN_MODE]: 2, [SET_DIGITAL_PIN_VALUE]: 2, [REPORT_VERSION]: 0, [SYSTEM_RESET]: 0 } as Record<number, number>)[status];
}

export class FirmataHostParser {
  private state: 'idle' | 'data' | 'skip' | 'sysex' | 'overlong' = 'idle';
  private cmd = 0;
  private channel = 0;
  private need = 0;
  private data: number[] = [];

  /** Feeds bytes; returns the messages they complete. */
  push(bytes: Uint8Array): HostMessage[] {
    const out: HostMessage[] = [];
    for (const b of bytes) {
      const m = this.feed(b);
      if (m) out.push(m);
    }
    return out;
  }

  private feed(b: number): HostMessage | null {
    if (b & 0x80) {
      if (b === END_SYSEX) {
        const done = this.state === 'sysex' && this.data.length > 0;
        this.state = 'idle';
        return done ? { kind: 'sysex', id: this.data[0]!, data: this.data.slice(1) } : null;
      }
      return this.start(b);
    }
    if (this.state === 'data') {
      this.data.push(b);
      return this.data.length === this.need ? this.complete() : null;
    }
    if (this.state === 'sysex') {
      if (this.data.length < SYSEX_MAX) this.data.push(b);
      else this.state = 'overlong';
    }
    return null; // skip, overlong, or a data byte with no command
  }

  private start(status: number): HostMessage | null {
    this.data = [];
    if (status === START_SYSEX) {
      this.state = 'sysex';
      return null;
    }
    const n = dataBytes(status);
    if (n === undefined) {
      this.state = 'skip';
      return null;
    }
    this.cmd = status < 0xf0 ? status & 0xf0 : status;
    this.channel = status < 0xf0 ? status & 0x0f : 0;
    this.need = n;
    this.state = 'data';
    return n === 0 ? this.complete() : null;
  }

  private complete(): HostMessage {
    this.state = 'idle';
    return { kind: 'command', cmd: this.cmd, channel: this.channel, data: this.data };
  }
}

/** A 14-bit value as two 7-bit bytes, low first. */
export const sevenBit = (v: number): [number, number] => [v & 0x7f, (v >> 7) & 0x7f];
