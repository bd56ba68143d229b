/**
 * CSV text for spreadsheets. `en` (default): comma separated, decimal point.
 * `id`: what Excel and LibreOffice expect under an Indonesian locale —
 * semicolon separated, decimal comma — with a UTF-8 byte order mark so
 * Excel reads the file as UTF-8. Rows end with CRLF (RFC 4180).
 */
export type CsvLocale = 'en' | 'id';

const BOM = '\uFEFF';

export function formatCsv(rows: readonly (readonly unknown[])[], locale: CsvLocale = 'en'): string {
  const sep = locale === 'id' ? ';' : ',';
  const needsQuotes = locale === 'id' ? /[";\n\r]/ : /[",\n\r]/;
  const cell = (v: unknown): string => {
    let s: string;
    if (v === null || v === undefined) s = '';
    else if (typeof v === 'number' && locale === 'id') s = String(v).replace('.', ',');
    else s = String(v);
    return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = rows.map((row) => row.map(cell).join(sep)).join('\r\n') + '\r\n';
  return locale === 'id' ? BOM + text : text;
}
