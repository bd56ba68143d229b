/**
 * Survey answers at the exit, one per ticket of the day. What is kept: the
 * ticket it belongs to (so the report can set satisfaction beside the wait
 * the station measured), the nine answers and an optional comment — no name,
 * no NIK: numbers of eight digits or more in a comment (a NIK, a family card
 * number, a phone) are masked before it is stored.
 */
import type { Clock } from '../../../shared/clock.js';
import type { Logger } from '../../../shared/log.js';
import { StationError } from '../../../shared/errors.js';
import { isoLocal } from '../../../shared/time.js';
import type { Db } from '../../store/database.js';
import type { QueueService } from '../../queue/queue-service.js';
import { ELEMENT_COUNT } from './ikm.js';

export const MAX_COMMENT_CHARS = 500;

export interface SurveyAnswer {
  /** Today's ticket number, `A-007`. */
  ticket: string;
  answers: number[];
  comment?: string | null;
}

export interface SurveyReceipt {
  ticket: string;
  date: string;
  answeredAt: string;
}

/** Eight or more digits, possibly grouped by spaces, dots or dashes. */
const LONG_NUMBER = /\d(?:[\s.-]?\d){7,}/g;

export function cleanComment(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = [
    ...raw
      .replace(/\p{Cc}+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ]
    .slice(0, MAX_COMMENT_CHARS)
    .join('');
  return text === '' ? null : text.replace(LONG_NUMBER, '[angka disamarkan]');
}

interface TicketRef {
  id: number;
  number: string;
  status: string;
}

export class SurveyBook {
  private readonly q;

  constructor(
    private readonly db: Db,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly log: Logger,
  ) {
    this.q = {
      ticket: db.prepare<[string, string], TicketRef>('SELECT id, number, status FROM tickets WHERE day = ? AND number = ?'),
      answered: db.prepare<[number], { id: number }>('SELECT id FROM surveys WHERE ticket_id = ?'),
      insert: db.prepare(
        `INSERT INTO surveys (ticket_id, day, answered_at, u1, u2, u3, u4, u5, u6, u7, u8, u9, comment)
         VALUES (@ticket, @day, @at, @u1, @u2, @u3, @u4, @u5, @u6, @u7, @u8, @u9, @comment)`,
      ),
    };
  }

  /** Whether today's ticket exists and has answered (the tablet asks before the nine questions). */
  status(number: string): { ticket: string; status: string; answered: boolean } {
    const t = this.ticket(number);
    return { ticket: t.number, status: t.status, answered: this.q.answered.get(t.id) !== undefined };
  }

  answer(input: SurveyAnswer): SurveyReceipt {
    const answers = input.answers;
    if (answers.length !== ELEMENT_COUNT || !answers.every((a) => Number.isInteger(a) && a >= 1 && a <= 4))
      throw new StationError('VALIDATION_ERROR', `answers must be ${ELEMENT_COUNT} whole numbers from 1 to 4`, 400);
    const day = this.queue.today();
    const now = this.clock.now();
    const comment = cleanComment(input.comment);
    const t = this.ticket(input.ticket);
    this.db
      .transaction(() => {
        if (this.q.answered.get(t.id)) throw answeredAlready(t.number);
        const row: Record<string, unknown> = { ticket: t.id, day, at: now, comment };
        answers.forEach((a, i) => (row[`u${i + 1}`] = a));
        this.q.insert.run(row);
      })
      .immediate();
    this.log.info({ ticket: t.number, comment: comment !== null }, 'survey answered');
    return { ticket: t.number, date: day, answeredAt: isoLocal(now, this.timeZone) };
  }

  private ticket(number: string): TicketRef {
    const t = this.q.ticket.get(this.queue.today(), number.trim().toUpperCase());
    if (!t)
      throw new StationError('TICKET_NOT_FOUND', `no ticket ${number} today: the survey takes today's ticket number, e.g. A-007`, 404);
    return t;
  }
}

const answeredAlready = (number: string) =>
  new StationError('SURVEY_ANSWERED', `ticket ${number} has already answered the survey; one answer per ticket`, 409);
