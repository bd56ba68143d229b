import t from 'tap';
import fc from 'fast-check';
import { DISPLAYABLE14, FONT14, SEG14, char14, glyph14 } from '../../src/drivers/display/font14.js';
import { DISPLAYABLE7, FONT7, char7, glyph7 } from '../../src/drivers/display/font7.js';
import {
  decodeDisplaySetup,
  decodeRam,
  displaySetup,
  displayText,
  encodeRam,
  brightnessCommand,
} from '../../src/drivers/display/ht16k33-protocol.js';

t.test('display setup commands: on, blink rates, brightness', async (t) => {
  t.equal(displaySetup(true), 0x81, 'steady');
  t.equal(displaySetup(true, '2hz'), 0x83);
  t.equal(displaySetup(true, '1hz'), 0x85);
  t.equal(displaySetup(true, '0.5hz'), 0x87);
  t.equal(displaySetup(false), 0x80, 'display off');
  t.same(decodeDisplaySetup(0x85), { on: true, blink: '1hz' });
  t.equal(brightnessCommand(0), 0xe0);
  t.equal(brightnessCommand(15), 0xef);
  t.equal(brightnessCommand(99), 0xef, 'clamped to 15');
});

t.test('ticket number A-007 is shown as A007, glyph words little-endian in RAM', async (t) => {
  t.equal(displayText('A-007'), 'A007');
  t.equal(displayText('----'), '----');
  t.equal(displayText('7'), '   7', 'right-aligned');
  // A = A B C E F G1 G2 = 0x00F7; 0 = A B C D E F K N = 0x243F; 7 = A B C = 0x0007
  const A = SEG14.A | SEG14.B | SEG14.C | SEG14.E | SEG14.F | SEG14.G1 | SEG14.G2;
  t.equal(A, 0x00f7);
  t.equal(glyph14('0'), 0x243f);
  t.same([...encodeRam('A-007')], [0xf7, 0x00, 0x3f, 0x24, 0x3f, 0x24, 0x07, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
  t.equal(decodeRam(encodeRam('A-007')), 'A007');
});

t.test('closed counter shows four dashes (G1+G2 in every digit)', async (t) => {
  const ram = encodeRam('----');
  t.same([...ram.subarray(0, 8)], [0xc0, 0x00, 0xc0, 0x00, 0xc0, 0x00, 0xc0, 0x00]);
  t.equal(decodeRam(ram), '----');
});

t.test('every 14-segment glyph is distinct, so a RAM reads back unambiguously', async (t) => {
  const words = [...FONT14.values()];
  t.equal(new Set(words).size, words.length);
  t.equal(char14(0x1234 | 0x8000), '?', 'a pattern no glyph uses');
  t.equal(char14(glyph14('B') | SEG14.DP), 'B', 'decimal point ignored');
});

t.test('text → RAM → text for every displayable 14-segment string', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DISPLAYABLE14.replace('-', '')), { minLength: 4, maxLength: 4 }), (chars) => {
        const text = chars.join('');
        return decodeRam(encodeRam(text)) === text;
      }),
    ),
  );
});

t.test('7-segment letter map: digits at RAM bytes 0 2 6 8, colon byte left dark', async (t) => {
  const ram = encodeRam('A007', 7);
  t.same([...ram.subarray(0, 10)], [0x77, 0, 0x3f, 0, 0, 0, 0x3f, 0, 0x07, 0]);
  t.equal(decodeRam(ram, 7), 'A007');
  t.equal(decodeRam(encodeRam('S0O5', 7), 7), '5005', 'S and O share the glyphs of 5 and 0');
  t.equal(glyph7('M'), 0, 'no glyph for M: blank');
  const bytes = [...FONT7.values()];
  t.equal(new Set(bytes).size, bytes.length, 'every 7-segment glyph distinct');
  t.equal(char7(0x49), '?');
});

t.test('text → RAM → text for every displayable 7-segment string', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DISPLAYABLE7.replace('-', '')), { minLength: 4, maxLength: 4 }), (chars) => {
        const text = chars.join('');
        return decodeRam(encodeRam(text, 7), 7) === text;
      }),
    ),
  );
});
