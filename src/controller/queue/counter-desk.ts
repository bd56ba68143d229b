/**
 * What a counter does with its ticket: call the next one, recall it, record
 * SOP steps, complete it, mark it no-show, transfer it to another service;
 * and the counter's own state (open, paused, closed). Each change is one
 * SQLite transaction, committed before it is announced.
 */
import type { Clock } from '../../shared/clock.js';
import { StationError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { EventBus } from '../event-bus.js';
import type { CallView, CounterState, TicketView } from '../events.js';
import type { CounterStates } from './counters.js';
import type { TicketRow, TicketStore } from './ticket-store.js';
import type { QueueBoard } from './queue-board.js';
import { ticketView } from './views.js';
import { findCounter, findService } from './catalog.js';

export interface CounterDeskParts {
  store: TicketStore;
  config: ResolvedConfig;
  clock: Clock;
  counters: CounterStates;
  board: QueueBoard;
  bus: EventBus;
  log: Logger;
  /** The numbering day now. */
  today(): string;
}

export class CounterDesk {
  private readonly tz: string;

  constructor(private readonly p: CounterDeskParts) {
    this.tz = p.config.station.timezone;
  }

  call(counterId: number): TicketView {
    const { store } = this.p;
    const counter = this.counter(counterId);
    const state = this.p.counters.state(counterId);
    if (state !== 'open') throw new StationError('COUNTER_NOT_OPEN', `${counter.name} is ${state}; open it before calling`, 409);
    const now = this.p.clock.now();
    const row = store.db
      .transaction(() => {
        const current = store.currentOf(counterId);
        if (current)
          throw new StationError(
            'COUNTER_BUSY',
            `${counter.name} is still serving ${current.number}: complete, mark no-show or transfer it first`,
            409,
            { ticket: current.number },
          );
        const next = store.nextFor(this.p.today(), counter.services, counterId, this.servedElsewhere(counterId));
        if (!next) throw new StationError('QUEUE_EMPTY', `no waiting tickets for ${counter.services.join(', ')}`, 409);
        store.markCalled(next.id, counterId, now);
        return store.get(next.id)!;
      })
      .immediate();
    this.p.board.bumpWaiting(row, -1);
    this.announce('called', row);
    return this.afterCounterChange(row);
  }

  recall(counterId: number): TicketView {
    const { store } = this.p;
    const counter = this.counter(counterId);
    const current = this.requireCurrent(counterId);
    if (current.status !== 'called')
      throw new StationError('TICKET_BEING_SERVED', `${current.number} is already being served at ${counter.name}`, 409);
    const max = this.p.config.queue.maxCalls;
    if (current.calls >= max)
      throw new StationError(
        'RECALL_LIMIT',
        `${current.number} has been called ${current.calls} times (limit ${max}); mark it no-show`,
        409,
        { calls: current.calls },
      );
    store.db.transaction(() => store.markRecalled(current.id, this.p.clock.now())).immediate();
    const row = store.get(current.id)!;
    this.announce('recalled', row);
    return this.afterCounterChange(row);
  }

  startStep(counterId: number, step: string): TicketView {
    const { store } = this.p;
    this.counter(counterId);
    const current = this.requireCurrent(counterId);
    const service = findService(this.p.config, current.service);
    if (!service.steps.includes(step))
      throw new StationError('UNKNOWN_STEP', `step "${step}" is not part of ${service.name} (steps: ${service.steps.join(', ')})`, 400);
    const now = this.p.clock.now();
    store.db
      .transaction(() => {
        const open = store.openStep(current.id);
        if (open?.step === step) return;
        if (open) store.endStep(open.id, now);
        store.startStep(current.id, counterId, step, current.service, now);
        if (current.status !== 'serving') store.setStatus(current.id, 'serving', null);
      })
      .immediate();
    return this.afterCounterChange(store.get(current.id)!);
  }

  complete(counterId: number): TicketView {
    const { store } = this.p;
    this.counter(counterId);
    const current = this.requireCurrent(counterId);
    this.requireStepRecorded(current);
    const now = this.p.clock.now();
    store.db
      .transaction(() => {
        const open = store.openStep(current.id);
        if (open) store.endStep(open.id, now);
        store.setStatus(current.id, 'done', now);
      })
      .immediate();
    this.p.board.serviceTimesChanged();
    return this.afterCounterChange(store.get(current.id)!);
  }

  noShow(counterId: number): TicketView {
    const { store } = this.p;
    this.counter(counterId);
    const current = this.requireCurrent(counterId);
    if (current.status === 'serving')
      throw new StationError('TICKET_BEING_SERVED', `${current.number} is being served; complete or transfer it instead`, 409);
    const max = this.p.config.queue.maxCalls;
    if (current.calls < max)
      throw new StationError(
        'NO_SHOW_TOO_EARLY',
        `${current.number} has been called ${current.calls} of ${max} times; recall it before marking no-show`,
        409,
        { calls: current.calls },
      );
    store.db.transaction(() => store.setStatus(current.id, 'no_show', this.p.clock.now())).immediate();
    const view = this.afterCounterChange(store.get(current.id)!);
    this.p.bus.publish('absent', {
      number: current.number,
      counter: counterId,
      at: view.finishedAt ?? new Date(this.p.clock.now()).toISOString(),
    });
    return view;
  }

  transfer(counterId: number, serviceCode: string): TicketView {
    const { store, board } = this.p;
    this.counter(counterId);
    const service = findService(this.p.config, serviceCode);
    const current = this.requireCurrent(counterId);
    if (current.service === service.code) throw new StationError('SAME_SERVICE', `${current.number} is already in ${service.name}`, 409);
    const now = this.p.clock.now();
    store.db
      .transaction(() => {
        const open = store.openStep(current.id);
        if (open) store.endStep(open.id, now);
        store.transfer(current.id, service.code, now, counterId);
        store.journal(now, 'transfer', { ticket: current.number, from: current.service, to: service.code, counter: counterId });
      })
      .immediate();
    const row = store.get(current.id)!;
    board.bumpWaiting(row, +1);
    // The counter's stream learns where its ticket went; the ticket itself is waiting again.
    this.p.bus.publish('ticket', { ...board.view(row, true), counter: counterId }, { kind: 'counter', counter: counterId });
    board.publishQueue();
    return board.view(row, true);
  }

  setCounterState(counterId: number, state: CounterState, reason: string | null = null): CounterState {
    const counter = this.counter(counterId);
    if (state === 'closed' && this.p.store.currentOf(counterId))
      throw new StationError('COUNTER_BUSY', `${counter.name} is still serving a ticket; finish it before closing`, 409);
    this.p.counters.set(counterId, state, this.p.clock.now(), reason);
    this.p.log.info({ counter: counterId, state, reason }, 'counter state changed');
    this.p.board.publishQueue();
    return state;
  }

  attachSummons(counterId: number, code: string): TicketView | null {
    const { store } = this.p;
    const current = store.currentOf(counterId);
    if (!current) return null;
    store.db.transaction(() => store.setSummons(current.id, code)).immediate();
    return this.afterCounterChange(store.get(current.id)!);
  }

  // ---- internals --------------------------------------------------------

  private counter(id: number) {
    return findCounter(this.p.config, id);
  }

  /**
   * Services of this counter that another open counter also serves: a ticket
   * this counter transferred into one of them goes to the others, not back here.
   */
  private servedElsewhere(counterId: number): string[] {
    const me = this.counter(counterId);
    const others = this.p.config.counters.filter((c) => c.id !== counterId && this.p.counters.state(c.id) === 'open');
    return me.services.filter((s) => others.some((c) => c.services.includes(s)));
  }

  /** A service with SOP steps is measured: its ticket cannot be done without a step at this visit. */
  private requireStepRecorded(current: TicketRow): void {
    const service = findService(this.p.config, current.service);
    if (service.steps.length === 0) return;
    if (this.p.store.stepsSince(current.id, current.queued_at) > 0) return;
    throw new StationError(
      'NO_STEP_RECORDED',
      `${current.number} has no SOP step recorded for ${service.name}; start the step being done (${service.steps.join(', ')}) before completing`,
      409,
      { ticket: current.number, steps: service.steps },
    );
  }

  private requireCurrent(counterId: number): TicketRow {
    const row = this.p.store.currentOf(counterId);
    if (!row) throw new StationError('NO_CURRENT_TICKET', `${this.counter(counterId).name} has no ticket called; call one first`, 409);
    return row;
  }

  private afterCounterChange(row: TicketRow): TicketView {
    const view = this.p.board.view(row, false);
    if (row.counter_id !== null)
      this.p.bus.publish('ticket', { ...view, counter: row.counter_id }, { kind: 'counter', counter: row.counter_id });
    this.p.board.publishQueue();
    return view;
  }

  private announce(kind: 'called' | 'recalled', row: TicketRow): void {
    const counter = this.counter(row.counter_id!);
    const call: CallView = {
      number: row.number,
      service: row.service,
      serviceName: findService(this.p.config, row.service).name,
      counter: counter.id,
      counterName: counter.name,
      priority: row.priority === 1,
      calls: row.calls,
      at: ticketView(row, this.tz).calledAt!,
    };
    this.p.log.info({ ticket: row.number, counter: counter.id, calls: row.calls }, kind === 'called' ? 'ticket called' : 'ticket recalled');
    this.p.bus.publish(kind, call);
  }
}
