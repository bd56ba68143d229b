/**
 * What the station asks of a speech synthesiser for voice calls. The
 * composition root makes one (espeak-ng, src/drivers/speech) and hands it to
 * the pages; without one the display plays the chime and shows the number.
 */

/** The languages a call is spoken in. */
export type VoiceLanguage = 'id' | 'en';

export interface VoiceSynthesis {
  /** True once the synthesiser has been found to work; false when it is missing. */
  available(): Promise<boolean>;
  /** Path of a WAV file saying `text`, or null when speech is unavailable. */
  wav(text: string, lang?: VoiceLanguage): Promise<string | null>;
}
