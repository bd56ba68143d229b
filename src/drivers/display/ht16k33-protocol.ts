/**
 * HT16K33 commands and display RAM layout (pure: text in, bytes out, and back).
 * Every command is one SMBus "send byte"; display RAM is 16 bytes at 0x00,
 * written with one I2C block write.
 */
import { char14, glyph14 } from './font14.js';
import { char7, glyph7 } from './font7.js';

/** System setup: oscillator on (0x20 | S). */
export const CMD_OSCILLATOR_ON = 0x21;
/** System setup: oscillator off (standby). */
export const CMD_OSCILLATOR_OFF = 0x20;
/** Display setup: 0x80 | blink << 1 | on. */
export const CMD_DISPLAY = 0x80;
/** Dimming set: 0xE0 | level (0..15). */
export const CMD_BRIGHTNESS = 0xe0;
/** Display RAM starts at address 0x00, 16 bytes. */
export const RAM_ADDRESS = 0x00;
export const RAM_SIZE = 16;

/** Blink rates of the display setup command. */
export type BlinkRate = 'off' | '2hz' | '1hz' | '0.5hz';
const BLINK_BITS: Record<BlinkRate, number> = { off: 0, '2hz': 1, '1hz': 2, '0.5hz': 3 };

/** 0x81 steady, 0x83 2 Hz, 0x85 1 Hz, 0x87 0.5 Hz; 0x80 display off. */
export const displaySetup = (on: boolean, blink: BlinkRate = 'off'): number => CMD_DISPLAY | (BLINK_BITS[blink] << 1) | (on ? 1 : 0);

export const brightnessCommand = (level: number): number => CMD_BRIGHTNESS | (Math.max(0, Math.min(15, Math.round(level))) & 0x0f);

export function decodeDisplaySetup(cmd: number): { on: boolean; blink: BlinkRate } {
  const rate = (['off', '2hz', '1hz', '0.5hz'] as const)[(cmd >> 1) & 0x03];
  return { on: (cmd & 0x01) === 1, blink: rate };
}

export type Segments = 14 | 7;
export const DIGITS = 4;

/** RAM byte of each digit on the 7-segment backpack (byte 4 is the colon). */
const POS7 = [0, 2, 6, 8];

/**
 * The 4 characters a counter display shows for a text: upper case, dashes
 * between letters and digits dropped ("A-007" → "A007"), an all-dash text kept
 * ("----"), right-aligned to 4 places, the last 4 if longer.
 */
export function displayText(text: string): string {
  const up = text.toUpperCase();
  const t = /^-+$/.test(up) ? up : up.replace(/-/g, '');
  return t.length >= DIGITS ? t.slice(-DIGITS) : t.padStart(DIGITS, ' ');
}

/** Display RAM (16 bytes) for 4 characters. 14-segment words are little-endian. */
export function encodeRam(text: string, segments: Segments = 14): Uint8Array {
  const ram = new Uint8Array(RAM_SIZE);
  const chars = displayText(text);
  for (let i = 0; i < DIGITS; i++) {
    const ch = chars[i] ?? ' ';
    if (segments === 14) {
      const w = glyph14(ch);
      ram[i * 2] = w & 0xff;
      ram[i * 2 + 1] = w >> 8;
    } else {
      ram[POS7[i]!] = glyph7(ch);
    }
  }
  return ram;
}

/** The 4 characters a display RAM shows ("?" where a pattern is no glyph). */
export function decodeRam(ram: Uint8Array, segments: Segments = 14): string {
  let out = '';
  for (let i = 0; i < DIGITS; i++) {
    out += segments === 14 ? char14((ram[i * 2] ?? 0) | ((ram[i * 2 + 1] ?? 0) << 8)) : char7(ram[POS7[i]!] ?? 0);
  }
  return out;
}
