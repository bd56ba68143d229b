/**
 * 7-segment letter map (config `segments: 7`), for the 4-digit 7-segment
 * backpack. Bits: A=0 B=1 C=2 D=3 E=4 F=5 G=6 (middle), DP=7.
 *
 *      -A-
 *     F   B
 *      -G-
 *     E   C
 *      -D-  DP
 *
 * Seven segments cannot draw every letter: S shows as 5, O as 0 (a reader
 * decodes them back as digits), and K M V W X Z have no glyph (blank).
 */
const A = 1 << 0,
  B = 1 << 1,
  C = 1 << 2,
  D = 1 << 3,
  E = 1 << 4,
  F = 1 << 5,
  G = 1 << 6;
export const DP7 = 1 << 7;

const DIGITS: Record<string, number> = {
  ' ': 0,
  '-': G,
  '0': A | B | C | D | E | F,
  '1': B | C,
  '2': A | B | G | E | D,
  '3': A | B | G | C | D,
  '4': F | G | B | C,
  '5': A | F | G | C | D,
  '6': A | F | G | E | D | C,
  '7': A | B | C,
  '8': A | B | C | D | E | F | G,
  '9': A | B | C | D | F | G,
};

const LETTERS: Record<string, number> = {
  A: A | B | C | E | F | G,
  B: F | E | D | C | G, // b
  C: A | F | E | D,
  D: B | C | D | E | G, // d
  E: A | F | G | E | D,
  F: A | F | G | E,
  G: A | F | E | D | C, // like 6 without the middle bar
  H: F | E | G | B | C,
  I: F | E, // left bar, unlike 1
  J: B | C | D | E,
  L: F | E | D,
  N: E | G | C, // n
  P: A | B | F | G | E,
  Q: A | B | F | G | C, // q
  R: E | G, // r
  T: F | E | D | G, // t
  U: F | E | D | C | B,
  Y: F | G | B | C | D, // y
};

/** Letters drawn with a digit's glyph. */
const SAME_AS_DIGIT: Record<string, string> = { S: '5', O: '0' };

export const FONT7: ReadonlyMap<string, number> = new Map([...Object.entries(DIGITS), ...Object.entries(LETTERS)]);
const REVERSE7 = new Map([...FONT7].map(([c, w]) => [w, c]));

/** Characters that read back as themselves. */
export const DISPLAYABLE7 = [...FONT7.keys()].join('');

export const glyph7 = (ch: string): number => {
  const up = ch.toUpperCase();
  return FONT7.get(SAME_AS_DIGIT[up] ?? up) ?? 0;
};

export const char7 = (byte: number): string => REVERSE7.get(byte & ~DP7 & 0xff) ?? '?';
