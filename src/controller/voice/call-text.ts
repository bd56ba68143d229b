/**
 * The words of a voice call in the waiting room, as Indonesian offices say
 * them: "Nomor antrean A nol nol tujuh, silakan menuju loket dua."
 * Pure text; the speech driver turns it into sound.
 */
import type { VoiceLanguage } from '../voice-port.js';

export interface CallSpeech {
  /** Ticket number as printed: `A-007`. */
  number: string;
  /** Counter (loket) number. */
  counter: number;
  priority?: boolean;
  /** A recall says so ("Panggilan ulang"). */
  recall?: boolean;
}

const TICKET_NUMBER = /^([A-Z])-(\d{3})$/;

/** Indonesian names of the letters, as spelt aloud (A = "a", B = "be"). */
const HURUF_ID: Record<string, string> = {
  A: 'a',
  B: 'be',
  C: 'ce',
  D: 'de',
  E: 'e',
  F: 'ef',
  G: 'ge',
  H: 'ha',
  I: 'i',
  J: 'je',
  K: 'ka',
  L: 'el',
  M: 'em',
  N: 'en',
  O: 'o',
  P: 'pe',
  Q: 'ki',
  R: 'er',
  S: 'es',
  T: 'te',
  U: 'u',
  V: 've',
  W: 'we',
  X: 'eks',
  Y: 'ye',
  Z: 'zet',
};

const DIGIT_ID = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const DIGIT_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS_EN = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS_EN = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** An Indonesian number word for 0..999 ("dua", "sebelas", "dua puluh satu", "seratus lima"). */
export function angka(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`angka: ${n} is outside 0..999`);
  if (n < 10) return DIGIT_ID[n]!;
  if (n === 10) return 'sepuluh';
  if (n === 11) return 'sebelas';
  if (n < 20) return `${DIGIT_ID[n - 10]} belas`;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const rest = n % 10;
    return `${DIGIT_ID[tens]} puluh${rest ? ` ${DIGIT_ID[rest]}` : ''}`;
  }
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  return `${hundreds === 1 ? 'seratus' : `${DIGIT_ID[hundreds]} ratus`}${rest ? ` ${angka(rest)}` : ''}`;
}

/** An English number word for 0..999. */
export function numberWord(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`numberWord: ${n} is outside 0..999`);
  if (n < 10) return DIGIT_EN[n]!;
  if (n < 20) return TEENS_EN[n - 10]!;
  if (n < 100) return `${TENS_EN[Math.floor(n / 10)]}${n % 10 ? `-${DIGIT_EN[n % 10]}` : ''}`;
  const rest = n % 100;
  return `${DIGIT_EN[Math.floor(n / 100)]} hundred${rest ? ` ${numberWord(rest)}` : ''}`;
}

/** The Indonesian name of a capital letter as spelt aloud ("B" → "be"); other text unchanged. */
export function spokenLetter(letter: string): string {
  return HURUF_ID[letter] ?? letter;
}

export function isTicketNumber(s: string): boolean {
  return TICKET_NUMBER.test(s);
}

/** "A-007" → "a nol nol tujuh" (id) or "A zero zero seven" (en): the letter, then each digit. */
export function spokenTicketNumber(number: string, lang: VoiceLanguage = 'id'): string {
  const m = TICKET_NUMBER.exec(number);
  if (!m) throw new RangeError(`not a ticket number: ${JSON.stringify(number)} (expected like A-007)`);
  const [, letter, digits] = m as unknown as [string, string, string];
  const words = [...digits].map((d) => (lang === 'id' ? DIGIT_ID : DIGIT_EN)[Number(d)]!);
  return [lang === 'id' ? HURUF_ID[letter]! : letter, ...words].join(' ');
}

/**
 * The sentence the waiting room hears.
 * id: "Nomor antrean A nol nol tujuh, silakan menuju loket dua."
 * en: "Number A zero zero seven, please go to counter two."
 * The letter is written in capitals for the screen; `spokenTicketNumber` gives
 * the form a synthesiser should read (letter names).
 */
export function callText(call: CallSpeech, lang: VoiceLanguage = 'id'): string {
  if (!Number.isInteger(call.counter) || call.counter < 1 || call.counter > 999) {
    throw new RangeError(`counter must be 1..999, got ${call.counter}`);
  }
  if (!isTicketNumber(call.number)) throw new RangeError(`not a ticket number: ${JSON.stringify(call.number)}`);
  const letter = call.number[0]!;
  const digits = spokenTicketNumber(call.number, lang).split(' ').slice(1).join(' ');
  if (lang === 'en') {
    const lead = `${call.recall ? 'Calling again, ' : ''}${call.priority ? 'priority number' : 'number'}`;
    const sentence = `${lead} ${letter} ${digits}, please go to counter ${numberWord(call.counter)}.`;
    return sentence[0]!.toUpperCase() + sentence.slice(1);
  }
  const lead = `${call.recall ? 'Panggilan ulang, nomor' : 'Nomor'} antrean${call.priority ? ' prioritas' : ''}`;
  return `${lead} ${letter} ${digits}, silakan menuju loket ${angka(call.counter)}.`;
}

/**
 * The same sentence with the letter written as its Indonesian name, so a
 * synthesiser reads "be" for B rather than guessing: what is fed to espeak-ng.
 */
export function callSpeechText(call: CallSpeech, lang: VoiceLanguage = 'id'): string {
  const text = callText(call, lang);
  if (lang === 'en') return text;
  const letter = call.number[0]!;
  return text.replace(` ${letter} `, ` ${HURUF_ID[letter]} `);
}
