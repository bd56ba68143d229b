/**
 * 14-segment alphanumeric font for the quad alphanumeric backpack (HT16K33).
 * One 16-bit word per character; the segment bits, as wired on that backpack:
 *
 *        ---A---
 *       |\  |  /|
 *       F H J K B
 *       |  \|/  |
 *        G1- -G2
 *       |  /|\  |
 *       E N M L C
 *       |/  |  \|
 *        ---D---   DP
 */
export const SEG14 = {
  A: 1 << 0,
  B: 1 << 1,
  C: 1 << 2,
  D: 1 << 3,
  E: 1 << 4,
  F: 1 << 5,
  G1: 1 << 6,
  G2: 1 << 7,
  H: 1 << 8,
  J: 1 << 9,
  K: 1 << 10,
  L: 1 << 11,
  M: 1 << 12,
  N: 1 << 13,
  DP: 1 << 14,
} as const;

type Seg = keyof typeof SEG14;

/** Each glyph as its lit segments (designed for this station; every glyph distinct). */
const GLYPHS: Record<string, Seg[]> = {
  ' ': [],
  '-': ['G1', 'G2'],
  '0': ['A', 'B', 'C', 'D', 'E', 'F', 'K', 'N'], // slashed, unlike O
  '1': ['B', 'C', 'K'],
  '2': ['A', 'B', 'G1', 'G2', 'E', 'D'],
  '3': ['A', 'B', 'C', 'D', 'G2'],
  '4': ['F', 'G1', 'G2', 'B', 'C'],
  '5': ['A', 'F', 'G1', 'L', 'D'], // diagonal bowl, unlike S
  '6': ['A', 'F', 'E', 'D', 'C', 'G1', 'G2'],
  '7': ['A', 'B', 'C'],
  '8': ['A', 'B', 'C', 'D', 'E', 'F', 'G1', 'G2'],
  '9': ['A', 'B', 'C', 'D', 'F', 'G1', 'G2'],
  A: ['A', 'B', 'C', 'E', 'F', 'G1', 'G2'],
  B: ['A', 'B', 'C', 'D', 'J', 'M', 'G2'],
  C: ['A', 'D', 'E', 'F'],
  D: ['A', 'B', 'C', 'D', 'J', 'M'],
  E: ['A', 'D', 'E', 'F', 'G1'],
  F: ['A', 'E', 'F', 'G1'],
  G: ['A', 'C', 'D', 'E', 'F', 'G2'],
  H: ['B', 'C', 'E', 'F', 'G1', 'G2'],
  I: ['A', 'D', 'J', 'M'],
  J: ['B', 'C', 'D', 'E'],
  K: ['E', 'F', 'G1', 'K', 'L'],
  L: ['D', 'E', 'F'],
  M: ['B', 'C', 'E', 'F', 'H', 'K'],
  N: ['B', 'C', 'E', 'F', 'H', 'L'],
  O: ['A', 'B', 'C', 'D', 'E', 'F'],
  P: ['A', 'B', 'E', 'F', 'G1', 'G2'],
  Q: ['A', 'B', 'C', 'D', 'E', 'F', 'L'],
  R: ['A', 'B', 'E', 'F', 'G1', 'G2', 'L'],
  S: ['A', 'C', 'D', 'F', 'G1', 'G2'],
  T: ['A', 'J', 'M'],
  U: ['B', 'C', 'D', 'E', 'F'],
  V: ['E', 'F', 'N', 'K'],
  W: ['B', 'C', 'E', 'F', 'N', 'L'],
  X: ['H', 'K', 'N', 'L'],
  Y: ['H', 'K', 'M'],
  Z: ['A', 'D', 'K', 'N'],
};

const toWord = (segs: Seg[]): number => segs.reduce((w, s) => w | SEG14[s], 0);

export const FONT14: ReadonlyMap<string, number> = new Map(Object.entries(GLYPHS).map(([c, s]) => [c, toWord(s)]));
const REVERSE14 = new Map([...FONT14].map(([c, w]) => [w, c]));

/** Characters the 14-segment display can show. */
export const DISPLAYABLE14 = [...FONT14.keys()].join('');

/** Segment word for a character (upper-cased); unknown characters are blank. */
export const glyph14 = (ch: string): number => FONT14.get(ch.toUpperCase()) ?? 0;

/** The character a segment word shows (decimal point ignored), or "?" for no glyph. */
export const char14 = (word: number): string => REVERSE14.get(word & ~SEG14.DP) ?? '?';
