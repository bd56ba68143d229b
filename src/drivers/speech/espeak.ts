/**
 * Speech synthesis for voice calls with espeak-ng, offline: the Indonesian
 * voice (`espeak-ng -v id -w out.wav TEXT`) writes a WAV into a cache
 * directory, one file per distinct sentence. When espeak-ng is missing the
 * station says so once, in one line a technician can act on, and the screens
 * fall back to the chime plus the number on screen.
 *
 * Bounded, whoever asks: one espeak-ng runs at a time (a Pi has little to
 * spare beside the queue), at most `maxWaiting` distinct sentences wait for it
 * (more: VOICE_BUSY, the screen carries the call), and the cache keeps the
 * `maxCachedFiles` most recently used WAVs (a call is heard within minutes;
 * the oldest files go).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../shared/log.js';
import { OperationQueue } from '../../shared/operation-queue.js';
import { StationError } from '../../shared/errors.js';
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
  /** WAV files kept in the cache (default 200: a few MB). */
  maxCachedFiles?: number;
  /** Distinct sentences that may wait for the synthesiser (default 8). */
  maxWaiting?: number;
}

/** Too many sentences waiting for the synthesiser: the screen carries the call meanwhile. */
export class VoiceBusy extends StationError {
  constructor(waiting: number) {
    super('VOICE_BUSY', `${waiting} voice calls are waiting to be synthesised; the chime and the screen carry this one`, 503);
  }
}

const VOICES: Record<VoiceLanguage, string> = { id: 'id', en: 'en' };

export function createSpeech(opts: SpeechOptions): VoiceSynthesis {
  const binary = opts.binary ?? 'espeak-ng';
  const wpm = opts.wordsPerMinute ?? 140;
  const timeoutMs = opts.synthTimeoutMs ?? 15_000;
  const log = opts.log?.child({ ns: 'drivers.speech' });
  const inFlight = new Map<string, Promise<string | null>>();
  const maxCached = opts.maxCachedFiles ?? 200;
  const maxWaiting = opts.maxWaiting ?? 8;
  /** The one synthesis running, and those after it. */
  const synthesiser = new OperationQueue();
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

  async function cached(file: string): Promise<boolean> {
    try {
      await stat(file);
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined); // most recently used: kept longest
      return true;
    } catch {
      return false;
    }
  }

  async function synthesise(text: string, lang: VoiceLanguage, file: string): Promise<string | null> {
    if (!(await available())) return null;
    const partial = `${file}.${process.pid}.part`;
    try {
      await mkdir(opts.cacheDir, { recursive: true });
      await run(['-v', VOICES[lang], '-s', String(wpm), '-w', partial, '--', text]);
      await rename(partial, file);
      log?.debug({ file }, 'voice call synthesised');
      await prune();
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

  /** Keeps the most recently used files, removes the rest. */
  async function prune(): Promise<void> {
    const names = (await readdir(opts.cacheDir)).filter((n) => n.endsWith('.wav'));
    if (names.length <= maxCached) return;
    const aged = await Promise.all(
      names.map(async (n) => ({
        n,
        t: await stat(join(opts.cacheDir, n)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      })),
    );
    aged.sort((a, b) => a.t - b.t);
    for (const { n } of aged.slice(0, aged.length - maxCached)) await unlink(join(opts.cacheDir, n)).catch(() => undefined);
  }

  function wav(text: string, lang: VoiceLanguage = 'id'): Promise<string | null> {
    const key = createHash('sha1').update(`${lang}\n${wpm}\n${text}`).digest('hex').slice(0, 20);
    const file = join(opts.cacheDir, `${lang}-${key}.wav`);
    let job = inFlight.get(file);
    if (!job) {
      if (inFlight.size >= maxWaiting) return Promise.reject(new VoiceBusy(inFlight.size));
      // A cached file is answered at once; a new sentence waits for the one synthesiser.
      const mine = cached(file).then((hit) => {
        if (hit) return file;
        return synthesiser.run(() => synthesise(text, lang, file)).catch(() => null);
      });
      job = mine.then((r) => r as string | null).finally(() => inFlight.delete(file));
      inFlight.set(file, job);
    }
    return job;
  }

  return { available, wav };
}
