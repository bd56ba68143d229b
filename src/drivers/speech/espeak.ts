/**
 * Speech synthesis for voice calls with espeak-ng, offline: the Indonesian
 * voice (`espeak-ng -v id -w out.wav TEXT`) writes a WAV into a cache
 * directory, one file per distinct sentence. When espeak-ng is missing the
 * station says so once, in one line a technician can act on, and the screens
 * fall back to the chime plus the number on screen.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../shared/log.js';
import type { VoiceLanguage, VoiceSynthesis } from '../../controller/voice-port.js';

export interface SpeechOptions {
  /** Where WAV files are kept (created if missing). */
  cacheDir: string;
  log?: Logger;
  /** The espeak-ng program; default `espeak-ng` on PATH. */
  binary?: string;
  /** Words per minute; a little slower than espeak's 175 so a room can follow. */
  wordsPerMinute?: number;
  /** Longest one synthesis may take before it is abandoned. */
  synthTimeoutMs?: number;
}

const VOICES: Record<VoiceLanguage, string> = { id: 'id', en: 'en' };

export function createSpeech(opts: SpeechOptions): VoiceSynthesis {
  const binary = opts.binary ?? 'espeak-ng';
  const wpm = opts.wordsPerMinute ?? 140;
  const timeoutMs = opts.synthTimeoutMs ?? 15_000;
  const log = opts.log?.child({ ns: 'drivers.speech' });
  const inFlight = new Map<string, Promise<string | null>>();
  let probe: Promise<boolean> | null = null;
  let missingLogged = false;

  const run = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      execFile(binary, args, { timeout: timeoutMs, windowsHide: true }, (err) => (err ? reject(err) : resolve()));
    });

  const reportMissing = (err: unknown) => {
    if (missingLogged) return;
    missingLogged = true;
    const why = (err as NodeJS.ErrnoException)?.code === 'ENOENT' ? `${binary} not found` : String((err as Error)?.message ?? err);
    log?.warn(
      `voice calls off (${why}): install the Debian package espeak-ng (apt-get install espeak-ng); the display plays the chime and shows the number meanwhile`,
    );
  };

  function available(): Promise<boolean> {
    probe ??= run(['--version']).then(
      () => true,
      (err) => {
        reportMissing(err);
        return false;
      },
    );
    return probe;
  }

  async function synthesise(text: string, lang: VoiceLanguage, file: string): Promise<string | null> {
    try {
      await stat(file);
      return file;
    } catch {
      /* not cached yet */
    }
    if (!(await available())) return null;
    await mkdir(opts.cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.part`;
    try {
      await run(['-v', VOICES[lang], '-s', String(wpm), '-w', partial, '--', text]);
      await rename(partial, file);
      log?.debug({ file }, 'voice call synthesised');
      return file;
    } catch (err) {
      await unlink(partial).catch(() => undefined);
      log?.warn(
        { err: (err as Error).message },
        `espeak-ng failed for a voice call; the display falls back to the chime (check that the voice "${VOICES[lang]}" is installed: espeak-ng --voices=${VOICES[lang]})`,
      );
      return null;
    }
  }

  function wav(text: string, lang: VoiceLanguage = 'id'): Promise<string | null> {
    const key = createHash('sha1').update(`${lang}\n${wpm}\n${text}`).digest('hex').slice(0, 20);
    const file = join(opts.cacheDir, `${lang}-${key}.wav`);
    let job = inFlight.get(file);
    if (!job) {
      job = synthesise(text, lang, file).finally(() => inFlight.delete(file));
      inFlight.set(file, job);
    }
    return job;
  }

  return { available, wav };
}
