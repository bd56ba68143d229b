/**
 * The regency's list of printed cards, as the office imports it: CSV with a
 * header naming `code` and `readySince` (comma or semicolon separated, as
 * Indonesian spreadsheets save it; other columns, a name say, are ignored and
 * never stored), or JSON `{ cards: [ { code, readySince } ] }`. Pure: text in,
 * rows and the lines rejected (with their line number and why) out.
 *
 * Line numbers are the file's own (the header is line 1); for JSON they are
 * the card's position in the list, from 1.
 */
import { isValidNik } from '../../../shared/nik.js';
import { parseStationTime, isCalendarDay } from '../station-time.js';

export interface ReadyCard {
  code: string;
  /** As given, normalised: `YYYY-MM-DD`, or a date-time. */
  readySince: string;
  /** Epoch ms the card is ready from (a plain day: its local midnight). */
  readyAt: number;
  line: number;
}

export interface Rejected {
  line: number;
  /** Why, in English (the API's language)… */
  why: string;
  /** …and in Indonesian, for the office's page. */
  whyId: string;
}

type Why = Omit<Rejected, 'line'>;
const why = (en: string, id: string): Why => ({ why: en, whyId: id });

export interface ParsedList {
  cards: ReadyCard[];
  rejected: Rejected[];
}

export const MAX_CARDS_PER_IMPORT = 50_000;

/** Letters, digits and - / . ; 4 to 64 characters: a summons or registration code. */
const CODE = /^[A-Z0-9][A-Z0-9./-]{3,63}$/;

/** A scanned or typed code as the list keeps it: trimmed, capitals, `/` read as `-`. */
export function normaliseCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/\//g, '-');
}

/** Why a code cannot be on the list, or null when it can. */
export function codeProblem(code: string): Why | null {
  if (code === '') return why('code is empty', 'kode kosong');
  if (isValidNik(code))
    return why(
      'a NIK is not accepted as a code (personal data): use the summons or registration code',
      'NIK tidak diterima sebagai kode (data pribadi): pakai kode surat panggilan atau nomor registrasi',
    );
  if (!CODE.test(code)) {
    const shown = code.slice(0, 70);
    return why(
      `code "${shown}" is not a summons or registration code (4–64 letters, digits, - / .)`,
      `kode "${shown}" bukan kode surat panggilan atau nomor registrasi (4–64 huruf, angka, - / .)`,
    );
  }
  return null;
}

function card(codeRaw: unknown, sinceRaw: unknown, line: number, timeZone: string): ReadyCard | Rejected {
  if (typeof codeRaw !== 'string') return { line, ...why('code is missing', 'kode tidak ada') };
  const code = normaliseCode(codeRaw);
  const bad = codeProblem(code);
  if (bad) return { line, ...bad };
  if (typeof sinceRaw !== 'string' || sinceRaw.trim() === '') return { line, ...why('readySince is missing', 'readySince tidak ada') };
  const since = sinceRaw.trim();
  const readyAt = parseStationTime(since, timeZone, true);
  if (readyAt === null) {
    const shown = since.slice(0, 40);
    return {
      line,
      ...why(
        `readySince "${shown}" is not a date (YYYY-MM-DD) or a date-time`,
        `readySince "${shown}" bukan tanggal (YYYY-MM-DD) atau tanggal dan jam`,
      ),
    };
  }
  return { code, readySince: isCalendarDay(since) ? since : since.replace(' ', 'T'), readyAt, line };
}

/** One code twice with two different dates is a mistake in the list; twice with the same date is harmless. */
function withoutDuplicates(cards: ReadyCard[], rejected: Rejected[]): ReadyCard[] {
  const seen = new Map<string, ReadyCard>();
  const out: ReadyCard[] = [];
  for (const c of cards) {
    const first = seen.get(c.code);
    if (!first) {
      seen.set(c.code, c);
      out.push(c);
    } else if (first.readyAt !== c.readyAt) {
      rejected.push({
        line: c.line,
        ...why(
          `code ${c.code} is also on line ${first.line} with another readySince`,
          `kode ${c.code} juga ada di baris ${first.line} dengan readySince lain`,
        ),
      });
    }
  }
  return out;
}

/** Splits CSV text into records with the line each starts on; quotes may hold separators, quotes ("") and line breaks. */
export function csvRecords(text: string, separator: string): Array<{ line: number; fields: string[]; unclosedQuote?: boolean }> {
  const out: Array<{ line: number; fields: string[]; unclosedQuote?: boolean }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const endRecord = () => {
    fields.push(field);
    if (any || fields.length > 1 || field.trim() !== '') out.push({ line: start, fields });
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      any = true;
      field = '';
    } else if (ch === separator) {
      fields.push(field);
      field = '';
      any = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  if (quoted && out.length > 0) out[out.length - 1]!.unclosedQuote = true;
  return out;
}

/** The body is not a card list at all (no header, not the JSON shape): nothing to report line by line. */
export class ListFormatError extends Error {
  override name = 'ListFormatError';
}

export function parseCsvList(text: string, timeZone: string): ParsedList {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const separator =
    firstLine.includes(';') && !firstLine.includes(',') ? ';' : firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records = csvRecords(body, separator);
  const header = records.shift();
  if (!header) throw new ListFormatError('the CSV is empty: it needs a header line "code,readySince" and one card per line');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const codeAt = names.indexOf('code');
  const sinceAt = names.indexOf('readysince');
  if (codeAt < 0 || sinceAt < 0)
    throw new ListFormatError(
      `line ${header.line}: the header must name the columns code and readySince (found: ${header.fields.join(separator).slice(0, 120)})`,
    );
  if (records.length > MAX_CARDS_PER_IMPORT) throw new ListFormatError(`at most ${MAX_CARDS_PER_IMPORT} cards in one import`);
  const cards: ReadyCard[] = [];
  const rejected: Rejected[] = [];
  for (const r of records) {
    if (r.unclosedQuote) {
      rejected.push({
        line: r.line,
        ...why('a quote (") opened on this line is never closed', 'tanda kutip (") di baris ini tidak ditutup'),
      });
      continue;
    }
    if (r.fields.every((f) => f.trim() === '')) continue;
    if (r.fields.length !== names.length) {
      const more = r.fields.length > names.length;
      rejected.push({
        line: r.line,
        ...why(
          `expected ${names.length} fields, found ${r.fields.length}${more ? ' (a separator inside a value needs quotes)' : ''}`,
          `seharusnya ${names.length} kolom, ada ${r.fields.length}${more ? ' (pemisah di dalam nilai perlu tanda kutip)' : ''}`,
        ),
      });
      continue;
    }
    const c = card(r.fields[codeAt], r.fields[sinceAt], r.line, timeZone);
    if ('why' in c) rejected.push(c);
    else cards.push(c);
  }
  const unique = withoutDuplicates(cards, rejected);
  return { cards: unique, rejected: rejected.sort((a, b) => a.line - b.line) };
}

export function parseJsonList(value: unknown, timeZone: string): ParsedList {
  const list = (value as { cards?: unknown } | null)?.cards;
  if (!Array.isArray(list)) throw new ListFormatError('the JSON body must be { "cards": [ { "code": …, "readySince": … } ] }');
  if (list.length > MAX_CARDS_PER_IMPORT) throw new ListFormatError(`at most ${MAX_CARDS_PER_IMPORT} cards in one import`);
  const cards: ReadyCard[] = [];
  const rejected: Rejected[] = [];
  list.forEach((item: unknown, i) => {
    const line = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      rejected.push({ line, ...why('is not an object { code, readySince }', 'bukan objek { code, readySince }') });
      return;
    }
    const { code, readySince } = item as Record<string, unknown>;
    const c = card(code, readySince, line, timeZone);
    if ('why' in c) rejected.push(c);
    else cards.push(c);
  });
  const unique = withoutDuplicates(cards, rejected);
  return { cards: unique, rejected: rejected.sort((a, b) => a.line - b.line) };
}
