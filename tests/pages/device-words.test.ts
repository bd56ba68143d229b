/**
 * Every device on the technician's page reads in Indonesian (and English): its
 * kind, and one line per status or fault code its driver names. The /sim
 * console names every fault a simulator can play in words.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..', '..');
const page = (name: string) => pathToFileURL(join(ROOT, 'src/api/pages/public', name)).href;
type Lang = 'id' | 'en';

t.test('each device kind, status and printer fault code has its words', async (t) => {
  const ports = readFileSync(join(ROOT, 'src/controller/ports.ts'), 'utf8');
  const kinds = [...(/export type DeviceKind =([^;]+);/.exec(ports)?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
  const statuses = [...(/export type DeviceStatus =([^;]+);/.exec(ports)?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
  const status = readFileSync(join(ROOT, 'src/drivers/printer/status.ts'), 'utf8');
  const codes = [...(/export type PrinterFaultCode =([^;]+);/.exec(status)?.[1] ?? '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!);
  t.ok(kinds.length >= 9 && statuses.length === 4 && codes.length >= 4, 'kinds, statuses and codes are read from the source');
  const { deviceLine, deviceKind } = (await import(page('device-words.js'))) as {
    deviceLine: (d: { kind: string; status: string; code?: string }, lang?: Lang) => string;
    deviceKind: (kind: string, lang?: Lang) => string;
  };
  const { TEXT } = (await import(page('i18n.js'))) as { TEXT: Record<string, { id: string; en: string }> };
  for (const kind of kinds) {
    t.ok(TEXT[`devkind.${kind}`]?.id && TEXT[`devkind.${kind}`]?.en, `${kind} has a name`);
    for (const s of statuses) t.ok(deviceLine({ kind, status: s }).length > 5, `${kind} ${s}: a line`);
  }
  for (const code of [...codes, 'PAPER_NEAR_END', 'PRINTER_GARBLED']) {
    t.ok(TEXT[`devline.code.${code}`]?.id && TEXT[`devline.code.${code}`]?.en, `${code} has its own line`);
  }
  t.match(deviceLine({ kind: 'printer', status: 'fault', code: 'PAPER_OUT' }), /^Kertas habis: pasang gulungan/);
  t.match(deviceLine({ kind: 'printer', status: 'fault', code: 'PAPER_OUT' }, 'en'), /^Paper out: load a new roll/);
  t.match(deviceLine({ kind: 'button', status: 'degraded' }), /Tombol tertekan terus/);
  t.equal(deviceKind('card-reader'), 'Pembaca kartu');
  t.match(
    deviceLine({ kind: 'something-new', status: 'fault', code: 'NEW_CODE' }),
    /lihat rincian teknis/,
    'an unknown device still reads',
  );
});

t.test('each fault a simulator can play has words on /sim', async (t) => {
  const sims = readFileSync(join(ROOT, 'src/controller/sim-ports.ts'), 'utf8');
  const faults = [...(/SIM_FAULTS = \[([^\]]+)\]/.exec(sims)?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
  t.ok(faults.includes('none') && faults.length >= 5, `the faults are read from the source (${faults.join(', ')})`);
  const { TEXT } = (await import(page('i18n.js'))) as { TEXT: Record<string, { id: string; en: string }> };
  t.same(
    faults.filter((f) => !TEXT[`simfault.${f}`]?.id || !TEXT[`simfault.${f}`]?.en),
    [],
    'no fault without words (src/api/pages/public/i18n.js)',
  );
});
