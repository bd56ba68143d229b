import t from 'tap';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createSpeech } from '../../src/drivers/speech/espeak.js';
import { callSpeechText } from '../../src/controller/voice/call-text.js';
import { createLogger } from '../../src/shared/log.js';

function tempDir(t: { teardown(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'ktp-voice-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('espeak-ng writes an Indonesian WAV offline, and the second call comes from the cache', async (t) => {
  const cacheDir = tempDir(t);
  const speech = createSpeech({ cacheDir });
  t.equal(await speech.available(), true, 'espeak-ng is installed (Debian package espeak-ng)');
  const text = callSpeechText({ number: 'A-007', counter: 2 });
  const file = await speech.wav(text, 'id');
  t.ok(file, 'a file path');
  const bytes = readFileSync(file!);
  t.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
  t.equal(bytes.subarray(8, 12).toString('ascii'), 'WAVE');
  t.ok(bytes.length > 20_000, `about two seconds of speech (${bytes.length} bytes)`);
  const again = await Promise.all([speech.wav(text, 'id'), speech.wav(text, 'id')]);
  t.same(again, [file, file]);
  t.equal(readdirSync(cacheDir).length, 1, 'one file per sentence, no leftovers');
});

t.test('without espeak-ng: no WAV, and one actionable log line', async (t) => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const speech = createSpeech({
    cacheDir: tempDir(t),
    binary: '/nonexistent/espeak-ng',
    log: createLogger({ destination, level: 'info' }),
  });
  t.equal(await speech.available(), false);
  t.equal(await speech.wav('Nomor antrean A nol nol satu, silakan menuju loket satu.'), null);
  t.equal(await speech.wav('Nomor antrean A nol nol dua, silakan menuju loket satu.'), null);
  t.equal(lines.length, 1, 'said once');
  t.match(lines[0], /apt-get install espeak-ng/);
});

/** A stand-in synthesiser (a shell script with espeak-ng's arguments) that notes how many run at once. */
function fakeEspeak(dir: string): string {
  const bin = join(dir, 'fake-espeak');
  writeFileSync(
    bin,
    `#!/bin/sh
[ "$1" = "--version" ] && exit 0
mkdir "${dir}/running" 2>/dev/null || echo overlap >> "${dir}/overlaps"
for a; do out="$w"; w="$a"; [ "$prev" = "-w" ] && file="$a"; prev="$a"; done
sleep 0.2
printf 'RIFF....WAVE' > "$file"
rmdir "${dir}/running"
`,
  );
  chmodSync(bin, 0o755);
  return bin;
}

t.test('one synthesis at a time, a bounded queue (VOICE_BUSY beyond it) and a bounded cache', async (t) => {
  const dir = tempDir(t);
  const cacheDir = join(dir, 'cache');
  const speech = createSpeech({ cacheDir, binary: fakeEspeak(dir), maxWaiting: 4, maxCachedFiles: 3 });
  const texts = Array.from({ length: 6 }, (_, i) => `Nomor antrean A nol nol ${i}, silakan menuju loket satu.`);
  const asked = texts.map((x) =>
    speech.wav(x).then(
      (f) => ({ ok: f }),
      (e: Error & { code?: string }) => ({ err: e.code }),
    ),
  );
  const got = await Promise.all(asked);
  t.same(
    got.map((g) => ('err' in g ? g.err : 'file')),
    ['file', 'file', 'file', 'file', 'VOICE_BUSY', 'VOICE_BUSY'],
    'four may wait; the fifth and sixth are refused at once',
  );
  t.notOk(existsSync(join(dir, 'overlaps')), 'never two synthesisers at once');
  t.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.wav')).length, 3, 'the cache keeps the three most recent');
  const again = await speech.wav(texts[3]!);
  t.ok(again && existsSync(again), 'a sentence still cached is answered from the cache');
});
