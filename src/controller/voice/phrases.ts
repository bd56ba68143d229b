/**
 * The fixed sentences the station says besides ticket calls: the answers of
 * the entrance scanner ("is my card ready?"). One list, so the voice route can
 * refuse any other text. `text` is what the screen shows (and the caption of
 * what is said); `speech` is what espeak-ng reads (letters spelt the
 * Indonesian way: B → "be").
 */
import { spokenLetter } from './call-text.js';

export type PhraseName = 'card-ready' | 'card-ready-no-quota' | 'card-not-ready' | 'card-collected' | 'card-scan-again';

export interface Phrase {
  name: PhraseName;
  id: { text: string; speech: string };
  en: { text: string; speech: string };
}

const same = (text: string) => ({ text, speech: text });

/** The phrases for a station whose card pickup service has the code `pickup` (null: no such service). */
export function residentPhrases(pickup: string | null): Phrase[] {
  const ready: Phrase = pickup
    ? {
        name: 'card-ready',
        id: {
          text: `Kartu e-KTP Anda sudah jadi, silakan ambil nomor antrean ${pickup}.`,
          speech: `Kartu e-KTP Anda sudah jadi, silakan ambil nomor antrean ${spokenLetter(pickup)}.`,
        },
        en: same(`Your e-KTP card is ready, please take a queue number ${pickup}.`),
      }
    : {
        name: 'card-ready',
        id: same('Kartu e-KTP Anda sudah jadi, silakan menuju loket.'),
        en: same('Your e-KTP card is ready, please go to the counter.'),
      };
  return [
    ready,
    {
      name: 'card-ready-no-quota',
      id: same('Kartu e-KTP Anda sudah jadi, tetapi antrean pengambilan hari ini sudah penuh. Silakan datang kembali besok.'),
      en: same("Your e-KTP card is ready, but today's pickup queue is full. Please come back tomorrow."),
    },
    {
      name: 'card-not-ready',
      id: same('Mohon maaf, kartu e-KTP Anda belum jadi. Silakan kembali lain hari.'),
      en: same('Sorry, your e-KTP card is not ready yet. Please come back another day.'),
    },
    {
      name: 'card-collected',
      id: same('Kartu e-KTP untuk surat ini sudah diambil.'),
      en: same('The e-KTP card for this letter has already been collected.'),
    },
    {
      name: 'card-scan-again',
      id: same('Kode tidak dikenali. Silakan pindai kode pada surat panggilan Anda.'),
      en: same('The code was not recognised. Please scan the code on your summons letter.'),
    },
  ];
}

export function findPhrase(phrases: readonly Phrase[], name: string): Phrase | undefined {
  return phrases.find((p) => p.name === name);
}
