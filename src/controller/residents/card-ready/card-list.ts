/**
 * Printed cards waiting at the office, by summons / registration code. An
 * import is all or nothing: one malformed line and the list stays as it was.
 * A card is `ready` from its readySince until the pickup ticket carrying its
 * code is done (then it is collected).
 */
import type { Clock } from '../../../shared/clock.js';
import type { Logger } from '../../../shared/log.js';
import { isoLocal } from '../../../shared/time.js';
import type { Db } from '../../store/database.js';
import type { ParsedList, Rejected } from './parse-list.js';
import { codeProblem, normaliseCode } from './parse-list.js';

export interface CardLookup {
  code: string;
  ready: boolean;
  readySince?: string;
  collectedAt?: string;
}

export interface ImportResult {
  imported: number;
  added: number;
  updated: number;
  rejected: Rejected[];
}

interface Row {
  code: string;
  ready_since: string;
  ready_at: number;
  collected_at: number | null;
}

export class CardReadyList {
  private readonly q;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly log: Logger,
  ) {
    this.q = {
      get: db.prepare<[string], Row>('SELECT code, ready_since, ready_at, collected_at FROM cards_ready WHERE code = ?'),
      upsert: db.prepare(
        `INSERT INTO cards_ready (code, ready_since, ready_at, imported_at) VALUES (@code, @readySince, @readyAt, @now)
         ON CONFLICT(code) DO UPDATE SET ready_since = @readySince, ready_at = @readyAt, imported_at = @now`,
      ),
      collect: db.prepare('UPDATE cards_ready SET collected_at = @at, collected_by = @ticket WHERE code = @code AND collected_at IS NULL'),
      counts: db.prepare<[{ now: number }], { waiting: number; notYet: number; collected: number }>(
        `SELECT COALESCE(SUM(collected_at IS NULL AND ready_at <= @now), 0) AS waiting,
                COALESCE(SUM(collected_at IS NULL AND ready_at > @now), 0) AS notYet,
                COALESCE(SUM(collected_at IS NOT NULL), 0) AS collected FROM cards_ready`,
      ),
    };
  }

  /** Imports a parsed list in one transaction, or nothing at all when any line was rejected. */
  import(list: ParsedList): ImportResult {
    if (list.rejected.length > 0) {
      this.log.warn(
        { rejected: list.rejected.length, cards: list.cards.length },
        'card-ready import refused: fix the rejected lines and import again',
      );
      return { imported: 0, added: 0, updated: 0, rejected: list.rejected };
    }
    const now = this.clock.now();
    let added = 0;
    this.db.transaction(() => {
      for (const c of list.cards) {
        if (!this.q.get.get(c.code)) added++;
        this.q.upsert.run({ code: c.code, readySince: c.readySince, readyAt: c.readyAt, now });
      }
    })();
    this.log.info({ imported: list.cards.length, added }, 'card-ready list imported');
    return { imported: list.cards.length, added, updated: list.cards.length - added, rejected: [] };
  }

  lookup(raw: string): CardLookup {
    const code = normaliseCode(raw);
    const row = codeProblem(code) ? undefined : this.q.get.get(code);
    if (!row) return { code, ready: false };
    const out: CardLookup = { code, ready: row.collected_at === null && row.ready_at <= this.clock.now(), readySince: row.ready_since };
    if (row.collected_at !== null) out.collectedAt = isoLocal(row.collected_at, this.timeZone);
    return out;
  }

  markCollected(raw: string, ticketId: number): boolean {
    const changed = this.q.collect.run({ code: normaliseCode(raw), at: this.clock.now(), ticket: ticketId }).changes > 0;
    if (changed) this.log.info({ ticket: ticketId }, 'printed card handed over: marked collected');
    return changed;
  }

  counts(): { waiting: number; notYet: number; collected: number } {
    return this.q.counts.get({ now: this.clock.now() })!;
  }
}
