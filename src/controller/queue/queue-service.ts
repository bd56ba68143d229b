import type { Clock } from '../../shared/clock.js';
import { StationError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { EventBus } from '../event-bus.js';
import type { CallView, CounterState, PrinterReadiness, QueueView, TicketView } from '../events.js';
import type { Db } from '../store/database.js';
import { CounterStates, POWER_PAUSE_REASON } from './counters.js';
import { TicketStore, type TicketRow } from './ticket-store.js';
import { formatNumber, publicTicketView, ticketView } from './views.js';
import { estimateWaitMinutes } from './wait-estimate.js';
import { QueueDay } from './queue-day.js';

/** How many of the next waiting numbers per service the waiting room is shown. */
const NEXT_NUMBERS_SHOWN = 3;

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

/** Hooks other parts of the station give the queue (power supervision marks counters degraded). */
export interface QueueHooks {
  counterDegraded?: (counter: number) => boolean;
  /** Whether the ticket buttons' printer can print (shown on the screens). */
  printer?: () => PrinterReadiness | null;
}

/**
 * The queue: numbering, quotas, calling, SOP steps. Every change is one
 * SQLite transaction that has committed before anything is returned, printed
 * or published.
 */
export class QueueService {
  readonly store: TicketStore;
  readonly counters: CounterStates;
  /** Numbering never goes back to an earlier day when the clock jumps (./queue-day.ts). */
  readonly queueDay: QueueDay;
  private readonly tz: string;

  constructor(
    db: Db,
    private readonly config: ResolvedConfig,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly hooks: QueueHooks = {},
  ) {
    this.store = new TicketStore(db);
    this.tz = config.station.timezone;
    this.queueDay = new QueueDay(this.store.latestDay(), this.tz, log);
    this.counters = new CounterStates(
      db,
      config.counters.map((c) => c.id),
      clock.now(),
    );
    this.voidInterruptedPrints();
  }

  today(): string {
    return this.queueDay.at(this.clock.now());
  }

  /** The station's time (the injected clock), for figures that run to now. */
  now(): number {
    return this.clock.now();
  }

  // ---- issuing ----------------------------------------------------------

  issue(req: IssueRequest): TicketView {
    const service = this.service(req.service);
    const now = this.clock.now();
    const day = this.queueDay.at(now);
    const priority = req.priority ? 1 : 0;
    const id = this.store.db
      .transaction(() => {
        const seq = this.store.nextSeq(day, service.code);
        if (seq > service.dailyQuota) return null;
        return this.store.insert({
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
      this.store.journalLater(now, 'quota-exhausted', { service: service.code, source: req.source });
      throw new StationError(
        'QUOTA_EXHAUSTED',
        `Kuota hari ini habis: service ${service.code} has issued all ${service.dailyQuota} numbers for ${day}`,
        409,
        { service: service.code, quota: service.dailyQuota },
      );
    }
    const row = this.store.get(id)!;
    this.queueDay.numbered(day);
    if (this.issuedToday?.day === day) this.issuedToday.counts.set(row.prefix, row.seq);
    if (!req.hold) this.bumpWaiting(row, +1);
    const view = this.view(row, true);
    this.log.info(
      { ticket: view.number, service: service.code, priority: view.priority, source: req.source },
      req.hold ? 'ticket issued, printing' : 'ticket issued',
    );
    this.publishQueue();
    return view;
  }

  /** A held ticket was printed: it joins the queue. */
  release(id: number): TicketView | null {
    if (!this.store.db.transaction(() => this.store.release(id)).immediate()) return null;
    const row = this.store.get(id)!;
    this.bumpWaiting(row, +1);
    this.publishQueue();
    return this.view(row, false);
  }

  /** A held ticket whose print failed: nobody holds it, so it is never called. */
  voidHeld(id: number, reason: string): TicketView | null {
    const now = this.clock.now();
    const voided = this.store.db
      .transaction(() => {
        if (!this.store.voidHeld(id, reason, now)) return false;
        const row = this.store.get(id)!;
        this.store.journal(now, 'ticket-voided', { ticket: row.number, reason });
        return true;
      })
      .immediate();
    if (!voided) return null;
    const row = this.store.get(id)!;
    this.log.warn(
      { ticket: row.number, reason },
      `ticket ${row.number} voided: its print failed (${reason}), so nobody holds it and it will never be called`,
    );
    this.publishQueue();
    return this.view(row, false);
  }

  /** Tickets still held from before a restart: their print never finished, so nobody can be sure to hold them. */
  private voidInterruptedPrints(): void {
    for (const row of this.store.held()) this.voidHeld(row.id, 'PRINT_INTERRUPTED');
  }

  // ---- counter actions --------------------------------------------------

  call(counterId: number): TicketView {
    const counter = this.counter(counterId);
    const state = this.counters.state(counterId);
    if (state !== 'open') throw new StationError('COUNTER_NOT_OPEN', `${counter.name} is ${state}; open it before calling`, 409);
    const now = this.clock.now();
    const row = this.store.db
      .transaction(() => {
        const current = this.store.currentOf(counterId);
        if (current)
          throw new StationError(
            'COUNTER_BUSY',
            `${counter.name} is still serving ${current.number}: complete, mark no-show or transfer it first`,
            409,
            { ticket: current.number },
          );
        const next = this.store.nextFor(this.today(), counter.services, counterId, this.servedElsewhere(counterId));
        if (!next) throw new StationError('QUEUE_EMPTY', `no waiting tickets for ${counter.services.join(', ')}`, 409);
        this.store.markCalled(next.id, counterId, now);
        return this.store.get(next.id)!;
      })
      .immediate();
    this.bumpWaiting(row, -1);
    this.announce('called', row);
    return this.afterCounterChange(row);
  }

  recall(counterId: number): TicketView {
    const counter = this.counter(counterId);
    const current = this.requireCurrent(counterId);
    if (current.status !== 'called')
      throw new StationError('TICKET_BEING_SERVED', `${current.number} is already being served at ${counter.name}`, 409);
    const max = this.config.queue.maxCalls;
    if (current.calls >= max)
      throw new StationError(
        'RECALL_LIMIT',
        `${current.number} has been called ${current.calls} times (limit ${max}); mark it no-show`,
        409,
        { calls: current.calls },
      );
    this.store.db.transaction(() => this.store.markRecalled(current.id, this.clock.now())).immediate();
    const row = this.store.get(current.id)!;
    this.announce('recalled', row);
    return this.afterCounterChange(row);
  }

  startStep(counterId: number, step: string): TicketView {
    this.counter(counterId);
    const current = this.requireCurrent(counterId);
    const service = this.service(current.service);
    if (!service.steps.includes(step))
      throw new StationError('UNKNOWN_STEP', `step "${step}" is not part of ${service.name} (steps: ${service.steps.join(', ')})`, 400);
    const now = this.clock.now();
    this.store.db
      .transaction(() => {
        const open = this.store.openStep(current.id);
        if (open?.step === step) return;
        if (open) this.store.endStep(open.id, now);
        this.store.startStep(current.id, counterId, step, current.service, now);
        if (current.status !== 'serving') this.store.setStatus(current.id, 'serving', null);
      })
      .immediate();
    return this.afterCounterChange(this.store.get(current.id)!);
  }

  complete(counterId: number): TicketView {
    this.counter(counterId);
    const current = this.requireCurrent(counterId);
    this.requireStepRecorded(current);
    const now = this.clock.now();
    this.store.db
      .transaction(() => {
        const open = this.store.openStep(current.id);
        if (open) this.store.endStep(open.id, now);
        this.store.setStatus(current.id, 'done', now);
      })
      .immediate();
    this.serviceTimes.clear();
    return this.afterCounterChange(this.store.get(current.id)!);
  }

  noShow(counterId: number): TicketView {
    this.counter(counterId);
    const current = this.requireCurrent(counterId);
    if (current.status === 'serving')
      throw new StationError('TICKET_BEING_SERVED', `${current.number} is being served; complete or transfer it instead`, 409);
    const max = this.config.queue.maxCalls;
    if (current.calls < max)
      throw new StationError(
        'NO_SHOW_TOO_EARLY',
        `${current.number} has been called ${current.calls} of ${max} times; recall it before marking no-show`,
        409,
        { calls: current.calls },
      );
    this.store.db.transaction(() => this.store.setStatus(current.id, 'no_show', this.clock.now())).immediate();
    const view = this.afterCounterChange(this.store.get(current.id)!);
    this.bus.publish('absent', {
      number: current.number,
      counter: counterId,
      at: view.finishedAt ?? new Date(this.clock.now()).toISOString(),
    });
    return view;
  }

  transfer(counterId: number, serviceCode: string): TicketView {
    this.counter(counterId);
    const service = this.service(serviceCode);
    const current = this.requireCurrent(counterId);
    if (current.service === service.code) throw new StationError('SAME_SERVICE', `${current.number} is already in ${service.name}`, 409);
    const now = this.clock.now();
    this.store.db
      .transaction(() => {
        const open = this.store.openStep(current.id);
        if (open) this.store.endStep(open.id, now);
        this.store.transfer(current.id, service.code, now, counterId);
        this.store.journal(now, 'transfer', { ticket: current.number, from: current.service, to: service.code, counter: counterId });
      })
      .immediate();
    const row = this.store.get(current.id)!;
    this.bumpWaiting(row, +1);
    // The counter's stream learns where its ticket went; the ticket itself is waiting again.
    this.bus.publish('ticket', { ...this.view(row, true), counter: counterId }, { kind: 'counter', counter: counterId });
    this.publishQueue();
    return this.view(row, true);
  }

  setCounterState(counterId: number, state: CounterState, reason: string | null = null): CounterState {
    const counter = this.counter(counterId);
    if (state === 'closed' && this.store.currentOf(counterId))
      throw new StationError('COUNTER_BUSY', `${counter.name} is still serving a ticket; finish it before closing`, 409);
    this.counters.set(counterId, state, this.clock.now(), reason);
    this.log.info({ counter: counterId, state, reason }, 'counter state changed');
    this.publishQueue();
    return state;
  }

  attachSummons(counterId: number, code: string): TicketView | null {
    const current = this.store.currentOf(counterId);
    if (!current) return null;
    this.store.db.transaction(() => this.store.setSummons(current.id, code)).immediate();
    return this.afterCounterChange(this.store.get(current.id)!);
  }

  // ---- reading ----------------------------------------------------------

  current(counterId: number): TicketView | null {
    const row = this.store.currentOf(counterId);
    return row ? this.view(row, false) : null;
  }

  ticketsOfDay(day: string): TicketView[] {
    const steps = new Map<number, ReturnType<TicketStore['steps']>>();
    for (const s of this.store.stepsOfDay(day)) {
      const list = steps.get(s.ticket_id) ?? [];
      list.push(s);
      steps.set(s.ticket_id, list);
    }
    return this.store.ofDay(day).map((r) => ticketView(r, this.tz, { steps: steps.get(r.id) ?? [] }));
  }

  queueView(): QueueView {
    const day = this.today();
    const waiting = this.waitingCounts(day);
    const issued = this.issuedCounts(day);
    // Counter states and degradation read once per snapshot, not once per service.
    const counters = this.counterSnapshot();
    const next = this.store.nextNumbers(day, NEXT_NUMBERS_SHOWN);
    return {
      date: day,
      services: this.config.services.map((s) => {
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
      printer: this.hooks.printer?.() ?? null,
    };
  }

  publishQueue(): void {
    this.bus.publish('queue', this.queueView());
  }

  // ---- internals --------------------------------------------------------

  /**
   * Numbers issued today per service code. Only issue() adds tickets, so the
   * counts are kept in memory after the first read of the day (a snapshot is
   * published on every change; re-counting the day's tickets each time grows
   * with the day).
   */
  private issuedToday: { day: string; counts: Map<string, number> } | null = null;
  /** Recent service times per day and service; a completion changes them. */
  private readonly serviceTimes = new Map<string, number[]>();

  /** Waiting tickets today per service, kept like the issued counts: issue, call and transfer move them. */
  private waitingToday: { day: string; counts: Map<string, number> } | null = null;

  private waitingCounts(day: string): Map<string, number> {
    if (this.waitingToday?.day !== day) this.waitingToday = { day, counts: this.store.waitingByService(day) };
    return this.waitingToday.counts;
  }

  private bumpWaiting(row: TicketRow, delta: number): void {
    if (this.waitingToday?.day !== row.day) return;
    const counts = this.waitingToday.counts;
    counts.set(row.service, Math.max(0, (counts.get(row.service) ?? 0) + delta));
  }

  private issuedCounts(day: string): Map<string, number> {
    if (this.issuedToday?.day !== day) this.issuedToday = { day, counts: this.store.issuedByPrefix(day) };
    return this.issuedToday.counts;
  }

  private recentServiceMs(day: string, service: string): number[] {
    const key = `${day}|${service}`;
    let times = this.serviceTimes.get(key);
    if (!times) {
      times = this.store.recentServiceMs(day, service);
      if (this.serviceTimes.size > 256) this.serviceTimes.clear();
      this.serviceTimes.set(key, times);
    }
    return times;
  }

  private view(row: TicketRow, withWait: boolean): TicketView {
    const extra: Parameters<typeof ticketView>[2] = { steps: this.store.steps(row.id) };
    if (row.status === 'waiting') {
      extra.ahead = this.store.ahead(row);
      if (withWait) extra.estimatedWaitMinutes = this.estimate(row.service, extra.ahead);
    }
    return ticketView(row, this.tz, extra);
  }

  private counterSnapshot() {
    return this.config.counters.map((cfg) => ({
      cfg,
      state: this.counters.state(cfg.id),
      reason: this.counters.reason(cfg.id),
      degraded: this.hooks.counterDegraded?.(cfg.id) ?? false,
    }));
  }

  /**
   * Services of this counter that another open counter also serves: a ticket
   * this counter transferred into one of them goes to the others, not back here.
   */
  private servedElsewhere(counterId: number): string[] {
    const me = this.counter(counterId);
    const others = this.config.counters.filter((c) => c.id !== counterId && this.counters.state(c.id) === 'open');
    return me.services.filter((s) => others.some((c) => c.services.includes(s)));
  }

  /** A service with SOP steps is measured: its ticket cannot be done without a step at this visit. */
  private requireStepRecorded(current: TicketRow): void {
    const service = this.service(current.service);
    if (service.steps.length === 0) return;
    if (this.store.stepsSince(current.id, current.queued_at) > 0) return;
    throw new StationError(
      'NO_STEP_RECORDED',
      `${current.number} has no SOP step recorded for ${service.name}; start the step being done (${service.steps.join(', ')}) before completing`,
      409,
      { ticket: current.number, steps: service.steps },
    );
  }

  private estimate(service: string, ahead: number, day = this.today(), counters = this.counterSnapshot()): number | null {
    const cfg = this.service(service);
    const serving = counters.filter((c) => c.cfg.services.includes(service) && c.state === 'open');
    return estimateWaitMinutes({
      ahead,
      recentServiceMs: this.recentServiceMs(day, service),
      expectedMinutes: cfg.expectedMinutes ?? 10,
      counters: serving.map((c) => ({ degraded: c.degraded })),
    });
  }

  private afterCounterChange(row: TicketRow): TicketView {
    const view = this.view(row, false);
    if (row.counter_id !== null)
      this.bus.publish('ticket', { ...view, counter: row.counter_id }, { kind: 'counter', counter: row.counter_id });
    this.publishQueue();
    return view;
  }

  private announce(kind: 'called' | 'recalled', row: TicketRow): void {
    const counter = this.counter(row.counter_id!);
    const call: CallView = {
      number: row.number,
      service: row.service,
      serviceName: this.service(row.service).name,
      counter: counter.id,
      counterName: counter.name,
      priority: row.priority === 1,
      calls: row.calls,
      at: ticketView(row, this.tz).calledAt!,
    };
    this.log.info({ ticket: row.number, counter: counter.id, calls: row.calls }, kind === 'called' ? 'ticket called' : 'ticket recalled');
    this.bus.publish(kind, call);
  }

  private requireCurrent(counterId: number): TicketRow {
    const row = this.store.currentOf(counterId);
    if (!row) throw new StationError('NO_CURRENT_TICKET', `${this.counter(counterId).name} has no ticket called; call one first`, 409);
    return row;
  }

  service(code: string) {
    const s = this.config.services.find((x) => x.code === code);
    if (!s)
      throw new StationError(
        'UNKNOWN_SERVICE',
        `unknown service "${code}" (services: ${this.config.services.map((x) => x.code).join(', ')})`,
        400,
      );
    return s;
  }

  counter(id: number) {
    const c = this.config.counters.find((x) => x.id === id);
    if (!c) throw new StationError('COUNTER_NOT_FOUND', `no counter ${id}`, 404);
    return c;
  }
}
