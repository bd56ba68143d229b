/**
 * Every alert kind the station raises has its words on the technician's page
 * (Indonesian and English): the console never shows a key like `alert.storage`.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..', '..');

t.test('each AlertKind has Indonesian and English words', async (t) => {
  const events = readFileSync(join(ROOT, 'src/controller/events.ts'), 'utf8');
  const union = /export type AlertKind =([^;]+);/.exec(events)?.[1] ?? '';
  const kinds = [...union.matchAll(/\|\s*'([a-z-]+)'/g)].map((m) => m[1]!);
  t.ok(kinds.length >= 10, `the alert kinds are read from the controller (${kinds.length})`);
  const { TEXT } = (await import(pathToFileURL(join(ROOT, 'src/api/pages/public/i18n.js')).href)) as {
    TEXT: Record<string, { id: string; en: string }>;
  };
  const missing = kinds.filter((k) => !TEXT[`alert.${k}`]?.id || !TEXT[`alert.${k}`]?.en);
  t.same(missing, [], 'no alert kind without words (add it to src/api/pages/public/i18n.js)');
});
