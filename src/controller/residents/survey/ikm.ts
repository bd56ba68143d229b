/**
 * The satisfaction index (Indeks Kepuasan Masyarakat, IKM) as PermenPAN-RB
 * 14/2017 computes it. Pure.
 *
 * - NRR (nilai rata-rata) per element: the mean of that element's answers (1–4).
 * - Every element weighs the same: weight = 1 / number of elements = 1/9
 *   (the regulation writes the result as 0,11; the exact 1/9 is used here,
 *   so that all answers 4 give 100.00 as the conversion table's top says).
 * - IKM = Σ (NRR × 1/9), the mean of the nine NRRs (1.00–4.00); the unit's
 *   index is IKM × 25 (25.00–100.00).
 * - Grade (mutu pelayanan) by the conversion interval of the index rounded to
 *   two decimals: A (sangat baik) 88.31–100.00, B (baik) 76.61–88.30,
 *   C (kurang baik) 65.00–76.60, D (tidak baik) 25.00–64.99.
 */
export const ELEMENT_COUNT = 9;

export type Grade = 'A' | 'B' | 'C' | 'D';

export const GRADES: ReadonlyArray<{ grade: Grade; min: number; id: string; en: string }> = [
  { grade: 'A', min: 88.31, id: 'Sangat baik', en: 'Very good' },
  { grade: 'B', min: 76.61, id: 'Baik', en: 'Good' },
  { grade: 'C', min: 65.0, id: 'Kurang baik', en: 'Poor' },
  { grade: 'D', min: 25.0, id: 'Tidak baik', en: 'Very poor' },
];

export interface IkmFigures {
  responses: number;
  /** Mean answer per element U1…U9, three decimals; null without responses. */
  nrr: Array<number | null>;
  /** 25.00–100.00, two decimals; null without responses. */
  ikm: number | null;
  grade: Grade | null;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

export function gradeOf(ikm: number): Grade {
  return (GRADES.find((g) => ikm >= g.min) ?? GRADES[GRADES.length - 1]!).grade;
}

/** IKM of a set of responses, each nine answers 1–4. */
export function ikmOf(responses: ReadonlyArray<ReadonlyArray<number>>): IkmFigures {
  const n = responses.length;
  if (n === 0) return { responses: 0, nrr: Array(ELEMENT_COUNT).fill(null), ikm: null, grade: null };
  const nrr = Array.from({ length: ELEMENT_COUNT }, (_, i) => responses.reduce((sum, r) => sum + r[i]!, 0) / n);
  const weighted = nrr.reduce((sum, x) => sum + x * (1 / ELEMENT_COUNT), 0);
  const ikm = round(weighted * 25, 2);
  return { responses: n, nrr: nrr.map((x) => round(x, 3)), ikm, grade: gradeOf(ikm) };
}
