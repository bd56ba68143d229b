/**
 * What the waiting room and the counters read from the queue: ticket views
 * with their place and wait estimate, the queue snapshot (waiting, issued,
 * quota, next numbers, counter states) and its publication on every change.
 * Counts of the day are kept in memory after their first read; issuing,
 * calling, transferring and completing tell the board what moved.
 */
import type { EventBus } from '../event-bus.js';
import type { PrinterReadiness, QueueView, TicketView } from '../events.js';
import type { ResolvedConfig } from '../../config/load.js';
import { POWER_PAUSE_REASON, type CounterStates } from './counters.js';
import type { TicketRow, TicketStore } from './ticket-store.js';
import { publicTicketView, ticketView } from './views.js';
import { estimateWaitMinutes } from './wait-estimate.js';
import { findService } from './catalog.js';

/** How many of the next waiting numbers per service the waiting room is shown. */
const NEXT_NUMBERS_SHOWN = 3;

/** Hooks other parts of the station give the queue (power supervision marks counters degraded). */
export interface QueueHooks {
  counterDegraded?: (counter: number) => boolean;
  /** Whether the ticket buttons' printer can print (shown on the screens). */
  printer?: () => PrinterReadiness | null;
}

export interface QueueBoardParts {
  store: TicketStore;
  config: ResolvedConfig;
  counters: CounterStates;
  bus: EventBus;
  hooks: QueueHooks;
  /** The numbering day now. */
  today(): string;
}

export class QueueBoard {
  private readonly tz: string;
  /**
   * Numbers issued today per service code. Only issuing adds tickets, so the
   * counts are kept in memory after the first read of the day (a snapshot is
   * published on every change; re-counting the day's tickets each time grows
   * with the day).
   */
  private issuedToday: { day: string; counts: Map<string, number> } | null = null;
  /** Waiting tickets today per service, kept like the issued counts: issue, call and transfer move them. */
  private waitingToday: { day: string; counts: Map<string, number> } | null = null;
  /** Recent service times per day and service; a completion changes them. */
  private readonly serviceTimes = new Map<string, number[]>();

  constructor(private readonly p: QueueBoardParts) {
    this.tz = p.config.station.timezone;
  }

  // ---- what moved -------------------------------------------------------

  /** A ticket was numbered: the day's issued count of its prefix is its number. */
  numbered(row: TicketRow): void {
    if (this.issuedToday?.day === row.day) this.issuedToday.counts.set(row.prefix, row.seq);
  }

  /** A ticket joined (+1) or left (-1) its service's waiting line. */
  bumpWaiting(row: TicketRow, delta: number): void {
    if (this.waitingToday?.day !== row.day) return;
    const counts = this.waitingToday.counts;
    counts.set(row.service, Math.max(0, (counts.get(row.service) ?? 0) + delta));
  }

  /** A ticket was completed: the measured service times are read again. */
  serviceTimesChanged(): void {
    this.serviceTimes.clear();
  }

  // ---- reading ----------------------------------------------------------

  /** A ticket as the CONTRACT shows it; a waiting one with its place (and, asked for, its wait estimate). */
  view(row: TicketRow, withWait: boolean): TicketView {
    const extra: Parameters<typeof ticketView>[2] = { steps: this.p.store.steps(row.id) };
    if (row.status === 'waiting') {
      extra.ahead = this.p.store.ahead(row);
      if (withWait) extra.estimatedWaitMinutes = this.estimate(row.service, extra.ahead);
    }
    return ticketView(row, this.tz, extra);
  }

  current(counterId: number): TicketView | null {
    const row = this.p.store.currentOf(counterId);
    return row ? this.view(row, false) : null;
  }

  ticketsOfDay(day: string): TicketView[] {
    const steps = new Map<number, ReturnType<TicketStore['steps']>>();
    for (const s of this.p.store.stepsOfDay(day)) {
      const list = steps.get(s.ticket_id) ?? [];
      list.push(s);
      steps.set(s.ticket_id, list);
    }
    return this.p.store.ofDay(day).map((r) => ticketView(r, this.tz, { steps: steps.get(r.id) ?? [] }));
  }

  queueView(): QueueView {
    const day = this.p.today();
    const waiting = this.waitingCounts(day);
    const issued = this.issuedCounts(day);
    // Counter states and degradation read once per snapshot, not once per service.
    const counters = this.counterSnapshot();
    const next = this.p.store.nextNumbers(day, NEXT_NUMBERS_SHOWN);
    return {
      date: day,
      services: this.p.config.services.map((s) => {
        const n = issued.get(s.code) ?? 0;
        return {
          code: s.code,
          name: s.name,
          waiting: waiting.get(s.code) ?? 0,
          issued: n,
          quota: s.dailyQuota,
          remaining: Math.max(0, s.dailyQuota - n),
          exhausted: n >= s.dailyQuota,
          estimatedWaitMinutes: this.estimate(s.code, waiting.get(s.code) ?? 0, day, counters),
          next: next.get(s.code) ?? [],
        };
      }),
      counters: counters.map(({ cfg: c, state, reason, degraded }) => ({
        id: c.id,
        name: c.name,
        state,
        reason,
        pausedBy: state === 'open' ? null : reason === POWER_PAUSE_REASON ? ('power' as const) : ('officer' as const),
        degraded,
        current: publicTicketView(this.current(c.id)),
      })),
      printer: this.p.hooks.printer?.() ?? null,
    };
  }

  publishQueue(): void {
    this.p.bus.publish('queue', this.queueView());
  }

  // ---- internals --------------------------------------------------------

  private waitingCounts(day: string): Map<string, number> {
    if (this.waitingToday?.day !== day) this.waitingToday = { day, counts: this.p.store.waitingByService(day) };
    return this.waitingToday.counts;
  }

  private issuedCounts(day: string): Map<string, number> {
    if (this.issuedToday?.day !== day) this.issuedToday = { day, counts: this.p.store.issuedByPrefix(day) };
    return this.issuedToday.counts;
  }

  private recentServiceMs(day: string, service: string): number[] {
    const key = `${day}|${service}`;
    let times = this.serviceTimes.get(key);
    if (!times) {
      times = this.p.store.recentServiceMs(day, service);
      if (this.serviceTimes.size > 256) this.serviceTimes.clear();
      this.serviceTimes.set(key, times);
    }
    return times;
  }

  private counterSnapshot() {
    return this.p.config.counters.map((cfg) => ({
      cfg,
      state: this.p.counters.state(cfg.id),
      reason: this.p.counters.reason(cfg.id),
      degraded: this.p.hooks.counterDegraded?.(cfg.id) ?? false,
    }));
  }

  private estimate(service: string, ahead: number, day = this.p.today(), counters = this.counterSnapshot()): number | null {
    const cfg = findService(this.p.config, service);
    const serving = counters.filter((c) => c.cfg.services.includes(service) && c.state === 'open');
    return estimateWaitMinutes({
      ahead,
      recentServiceMs: this.recentServiceMs(day, service),
      expectedMinutes: cfg.expectedMinutes ?? 10,
      counters: serving.map((c) => ({ degraded: c.degraded })),
    });
  }
}
