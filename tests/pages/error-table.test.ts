/**
 * One table of messages per error code, shared by every page: every code the
 * station can answer with has an Indonesian (and an English) sentence, no
 * sentence shows a code, and a code the table does not know still gives a
 * sentence, never the code.
 */
import t from 'tap';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every error code the API can put in `{ error: { code } }`. */
function stationCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of [...files(join(ROOT, 'src/controller')), ...files(join(ROOT, 'src/api')), ...files(join(ROOT, 'src/shared'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new StationError\(\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/super\(\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/apiError\(\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/\bcode: '([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]!);
  }
  // The error handler's own codes for what Fastify refuses.
  for (const c of [
    'BAD_JSON',
    'BODY_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'BAD_REQUEST',
    'INTERNAL',
    'NOT_FOUND',
    'VALIDATION_ERROR',
    'NETWORK',
  ])
    codes.add(c);
  return codes;
}

t.test('every code the station answers with has its sentence in both languages', async (t) => {
  const { ERROR_TEXT } = (await import(pathToFileURL(join(ROOT, 'src/api/pages/public/errors.js')).href)) as {
    ERROR_TEXT: Record<string, { id: string; en: string }>;
  };
  const codes = stationCodes();
  t.ok(codes.size > 20, `${codes.size} codes found in the source`);
  const missing = [...codes].filter((c) => !ERROR_TEXT[c]);
  t.same(missing, [], 'no code without a sentence (add it to src/api/pages/public/errors.js)');
  for (const [code, text] of Object.entries(ERROR_TEXT)) {
    t.ok(text.id.length > 10 && text.en.length > 10, `${code}: a sentence in each language`);
    t.notMatch(text.id, /\b[A-Z]{2,}_[A-Z_]+\b/, `${code}: the Indonesian sentence shows no code`);
    t.notMatch(text.en, /\b[A-Z]{2,}_[A-Z_]+\b/, `${code}: the English sentence shows no code`);
  }
});

t.test('an unknown code or a bare HTTP status still reads as a sentence', async (t) => {
  const { errorText } = (await import(pathToFileURL(join(ROOT, 'src/api/pages/public/errors.js')).href)) as {
    errorText: (code: string | null, lang?: 'id' | 'en') => string;
  };
  t.equal(errorText('QUEUE_EMPTY'), 'Tidak ada nomor antrean yang menunggu untuk loket ini.');
  t.equal(errorText('QUEUE_EMPTY', 'en'), 'No ticket is waiting for this counter.');
  for (const code of ['SOMETHING_NEW', 'HTTP_418', null]) {
    t.notMatch(errorText(code), /SOMETHING|HTTP|418/, `${code}: no code shown`);
    t.match(errorText(code), /Coba lagi/);
  }
  t.match(errorText('HTTP_503'), /gangguan di stasiun/);
});

t.test('no page shows a caught error as it came: every failure goes through the shared sentences', async (t) => {
  const dirs = [join(ROOT, 'src/api/pages/public'), join(ROOT, 'src/regency/public')];
  const scripts = dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.js') && f !== 'common.js')
      .map((f) => join(d, f)),
  );
  t.ok(scripts.length > 10, `${scripts.length} page scripts`);
  for (const file of scripts) {
    const text = readFileSync(file, 'utf8');
    t.notMatch(text, /\b(err|e|error|ex)\.message\b|String\((err|e|error|ex)\)/, `${file.slice(ROOT.length + 1)} uses errorMessage()`);
  }
});
