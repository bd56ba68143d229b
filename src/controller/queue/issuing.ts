/**
 * Issuing tickets: numbering per service and day, the daily quota, and the
 * held ticket of a ticket button that joins the queue only once it is
 * printed (or is voided when its print fails or was interrupted).
 */
import type { Clock } from '../../shared/clock.js';
import { StationError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { TicketView } from '../events.js';
import type { TicketStore } from './ticket-store.js';
import type { QueueDay } from './queue-day.js';
import type { QueueBoard } from './queue-board.js';
import { formatNumber } from './views.js';
import { findService } from './catalog.js';

export interface IssueRequest {
  service: string;
  priority?: boolean;
  /** Where the ticket came from: `button-0`, `kiosk`, `admin`. */
  source: string;
  /** A summons / registration code already known (the entrance scanner), stored with the ticket. */
  summons?: string;
  /**
   * Hold the ticket out of the queue (status `printing`) until release():
   * a button's ticket joins the queue only once it is in the resident's hand.
   */
  hold?: boolean;
}

export interface TicketIssuerParts {
  store: TicketStore;
  config: ResolvedConfig;
  clock: Clock;
  queueDay: QueueDay;
  board: QueueBoard;
  log: Logger;
}

export class TicketIssuer {
  constructor(private readonly p: TicketIssuerParts) {}

  issue(req: IssueRequest): TicketView {
    const { store, board } = this.p;
    const service = findService(this.p.config, req.service);
    const now = this.p.clock.now();
    const day = this.p.queueDay.at(now);
    const priority = req.priority ? 1 : 0;
    const id = store.db
      .transaction(() => {
        const seq = store.nextSeq(day, service.code);
        if (seq > service.dailyQuota) return null;
        return store.insert({
          day,
          prefix: service.code,
          seq,
          number: formatNumber(service.code, seq),
          service: service.code,
          priority,
          issued_at: now,
          source: req.source,
          summons: req.summons ?? null,
          status: req.hold ? 'printing' : 'waiting',
        });
      })
      .immediate();
    if (id === null) {
      store.journalLater(now, 'quota-exhausted', { service: service.code, source: req.source });
      throw new StationError(
        'QUOTA_EXHAUSTED',
        `Kuota hari ini habis: service ${service.code} has issued all ${service.dailyQuota} numbers for ${day}`,
        409,
        { service: service.code, quota: service.dailyQuota },
      );
    }
    const row = store.get(id)!;
    this.p.queueDay.numbered(day);
    board.numbered(row);
    if (!req.hold) board.bumpWaiting(row, +1);
    const view = board.view(row, true);
    this.p.log.info(
      { ticket: view.number, service: service.code, priority: view.priority, source: req.source },
      req.hold ? 'ticket issued, printing' : 'ticket issued',
    );
    board.publishQueue();
    return view;
  }

  /** A held ticket was printed: it joins the queue. */
  release(id: number): TicketView | null {
    const { store, board } = this.p;
    if (!store.db.transaction(() => store.release(id)).immediate()) return null;
    const row = store.get(id)!;
    board.bumpWaiting(row, +1);
    board.publishQueue();
    return board.view(row, false);
  }

  /** A held ticket whose print failed: nobody holds it, so it is never called. */
  voidHeld(id: number, reason: string): TicketView | null {
    const { store, board } = this.p;
    const now = this.p.clock.now();
    const voided = store.db
      .transaction(() => {
        if (!store.voidHeld(id, reason, now)) return false;
        const row = store.get(id)!;
        store.journal(now, 'ticket-voided', { ticket: row.number, reason });
        return true;
      })
      .immediate();
    if (!voided) return null;
    const row = store.get(id)!;
    this.p.log.warn(
      { ticket: row.number, reason },
      `ticket ${row.number} voided: its print failed (${reason}), so nobody holds it and it will never be called`,
    );
    board.publishQueue();
    return board.view(row, false);
  }

  /** Tickets still held from before a restart: their print never finished, so nobody can be sure to hold them. */
  voidInterruptedPrints(): void {
    for (const row of this.p.store.held()) this.voidHeld(row.id, 'PRINT_INTERRUPTED');
  }
}
