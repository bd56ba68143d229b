/**
 * The pages write dates dd/mm/yyyy and times hh.mm on the 24-hour clock
 * whatever the browser's language, and read what an officer types back into
 * the ISO form the API takes; a day that does not exist is refused.
 */
import t from 'tap';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Kind = 'date' | 'datetime' | 'time';
const load = async () =>
  (await import(pathToFileURL(join(import.meta.dirname, '..', '..', 'src/api/pages/public/date-field.js')).href)) as {
    isoToField: (iso: string | null, kind: Kind) => string;
    fieldToIso: (text: string, kind: Kind) => string | null;
  };

t.test('ISO to dd/mm/yyyy hh.mm and back', async (t) => {
  const { isoToField, fieldToIso } = await load();
  t.equal(isoToField('2026-11-28T09:05', 'datetime'), '28/11/2026 09.05');
  t.equal(isoToField('2026-11-28T09:05:00.000+07:00', 'datetime'), '28/11/2026 09.05', 'an API time with its offset');
  t.equal(isoToField('2026-11-28', 'date'), '28/11/2026');
  t.equal(isoToField('13:00', 'time'), '13.00');
  t.equal(isoToField('', 'date'), '');
  t.equal(fieldToIso('28/11/2026 09.05', 'datetime'), '2026-11-28T09:05');
  t.equal(fieldToIso('1/2/2027 7:30', 'datetime'), '2027-02-01T07:30', 'short forms and a colon');
  t.equal(fieldToIso('28-11-2026', 'datetime'), '2026-11-28T00:00', 'a day without a time starts at midnight');
  t.equal(fieldToIso('28.11.2026', 'date'), '2026-11-28');
  t.equal(fieldToIso('23.59', 'time'), '23:59');
  t.equal(fieldToIso('  ', 'date'), '', 'an emptied field');
});

t.test('what cannot be a day or a time is refused, never guessed', async (t) => {
  const { fieldToIso } = await load();
  for (const [text, kind] of [
    ['31/02/2026', 'date'],
    ['29/02/2027', 'date'],
    ['12/13/2026', 'date'],
    ['2026-11-28', 'date'],
    ['28/11/2026 24.00', 'datetime'],
    ['28/11/2026 09.5', 'datetime'],
    ['28/11/2026 09.00', 'date'],
    ['1 PM', 'time'],
    ['besok', 'datetime'],
  ] as Array<[string, Kind]>)
    t.equal(fieldToIso(text, kind), null, `${text} (${kind})`);
  t.equal(fieldToIso('29/02/2028', 'date'), '2028-02-29', 'a leap day is a day');
});
