/**
 * The survey block of the daily (and monthly) report: responses, the nine
 * element averages (NRR), the IKM and its grade, and the same split by the
 * wait the station measured for each respondent's ticket (issue to last
 * call): under 30 minutes, 30 to 60, over 60, and tickets never called.
 */
import type { Db } from '../../store/database.js';
import { ikmOf, type IkmFigures } from './ikm.js';

export type WaitBand = 'under30' | '30to60' | 'over60' | 'notCalled';

export interface SurveyBand extends Omit<IkmFigures, 'nrr'> {
  wait: WaitBand;
  /** Minutes: from (inclusive) … to (exclusive; 30to60 includes 60); null where open. */
  fromMin: number | null;
  toMin: number | null;
}

export interface SurveyFigures extends IkmFigures {
  byWait: SurveyBand[];
  /** Residents' comments, in the order given (numbers masked at the door). */
  comments: string[];
}

const BANDS: ReadonlyArray<{ wait: WaitBand; fromMin: number | null; toMin: number | null }> = [
  { wait: 'under30', fromMin: 0, toMin: 30 },
  { wait: '30to60', fromMin: 30, toMin: 60 },
  { wait: 'over60', fromMin: 60, toMin: null },
  { wait: 'notCalled', fromMin: null, toMin: null },
];

export function waitBand(waitMs: number | null): WaitBand {
  if (waitMs === null) return 'notCalled';
  const min = waitMs / 60_000;
  return min < 30 ? 'under30' : min <= 60 ? '30to60' : 'over60';
}

interface Row {
  u1: number;
  u2: number;
  u3: number;
  u4: number;
  u5: number;
  u6: number;
  u7: number;
  u8: number;
  u9: number;
  comment: string | null;
  wait_ms: number | null;
}

const statements = new WeakMap<Db, import('better-sqlite3').Statement<[number, number], Row>>();

/** Survey figures of the answers given in the instants [from, to) (a local day, a month). */
export function surveyFigures(db: Db, from: number, to: number): SurveyFigures {
  let stmt = statements.get(db);
  if (!stmt) {
    stmt = db.prepare<[number, number], Row>(
      `SELECT s.u1, s.u2, s.u3, s.u4, s.u5, s.u6, s.u7, s.u8, s.u9, s.comment,
              CASE WHEN t.called_at IS NULL THEN NULL ELSE t.called_at - t.issued_at END AS wait_ms
         FROM surveys s JOIN tickets t ON t.id = s.ticket_id
        WHERE s.answered_at >= ? AND s.answered_at < ? ORDER BY s.id`,
    );
    statements.set(db, stmt);
  }
  const rows = stmt.all(from, to);
  const answers = (r: Row) => [r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9];
  return {
    ...ikmOf(rows.map(answers)),
    byWait: BANDS.map((b) => {
      const { nrr: _nrr, ...figures } = ikmOf(rows.filter((r) => waitBand(r.wait_ms) === b.wait).map(answers));
      return { ...b, ...figures };
    }),
    comments: rows.map((r) => r.comment).filter((c): c is string => c !== null),
  };
}

/** What the daily and monthly reports ask for their `survey` block. */
export function surveySource(db: Db): { figures(from: number, to: number): SurveyFigures } {
  return { figures: (from, to) => surveyFigures(db, from, to) };
}
