// @ts-check
// A device in the technician's words: its kind, and one line for its status
// (or the fault code its driver names), from the pages' one table of texts.
// The driver's own English detail is shown beside it as the technical detail.
import { TEXT } from './i18n.js';

/** @param {string} key @param {'id' | 'en'} lang */
const text = (key, lang) => TEXT[key]?.[lang] ?? TEXT[key]?.id;

/**
 * @param {{ kind: string, status: string, code?: string }} d
 * @param {'id' | 'en'} [lang]
 */
export function deviceLine(d, lang = 'id') {
  return (
    (d.code && text(`devline.code.${d.code}`, lang)) ||
    text(`devline.${d.kind}.${d.status}`, lang) ||
    text(`devline.${d.status}`, lang) ||
    text('devline.offline', lang)
  );
}

/**
 * @param {string} kind
 * @param {'id' | 'en'} [lang]
 */
export function deviceKind(kind, lang = 'id') {
  return text(`devkind.${kind}`, lang) ?? kind;
}
