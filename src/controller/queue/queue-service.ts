import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { EventBus } from '../event-bus.js';
import type { CounterState, QueueView, TicketView } from '../events.js';
import type { Db } from '../store/database.js';
import { CounterStates } from './counters.js';
import { TicketStore } from './ticket-store.js';
import { QueueDay } from './queue-day.js';
import { QueueBoard, type QueueHooks } from './queue-board.js';
import { TicketIssuer, type IssueRequest } from './issuing.js';
import { CounterDesk } from './counter-desk.js';
import { findCounter, findService, type CounterConfig, type ServiceConfig } from './catalog.js';

export type { IssueRequest } from './issuing.js';
export type { QueueHooks } from './queue-board.js';

/**
 * The queue: numbering, quotas, calling, SOP steps. Every change is one
 * SQLite transaction that has committed before anything is returned, printed
 * or published.
 *
 * The one face the rest of the station uses, over three parts: issuing
 * (./issuing.ts: numbering, quota, held prints), the counters' actions
 * (./counter-desk.ts: call, recall, steps, complete, no-show, transfer,
 * counter state) and what screens read (./queue-board.ts: ticket and queue
 * views, wait estimates, the published snapshot).
 */
export class QueueService {
  readonly store: TicketStore;
  readonly counters: CounterStates;
  /** Numbering never goes back to an earlier day when the clock jumps (./queue-day.ts). */
  readonly queueDay: QueueDay;
  private readonly board: QueueBoard;
  private readonly issuer: TicketIssuer;
  private readonly desk: CounterDesk;

  constructor(
    db: Db,
    private readonly config: ResolvedConfig,
    private readonly clock: Clock,
    bus: EventBus,
    log: Logger,
    hooks: QueueHooks = {},
  ) {
    const store = (this.store = new TicketStore(db));
    const queueDay = (this.queueDay = new QueueDay(store.latestDay(), config.station.timezone, log));
    const counters = (this.counters = new CounterStates(
      db,
      config.counters.map((c) => c.id),
      clock.now(),
    ));
    const today = () => this.today();
    const board = (this.board = new QueueBoard({ store, config, counters, bus, hooks, today }));
    this.issuer = new TicketIssuer({ store, config, clock, queueDay, board, log });
    this.desk = new CounterDesk({ store, config, clock, counters, board, bus, log, today });
    this.issuer.voidInterruptedPrints();
  }

  today(): string {
    return this.queueDay.at(this.clock.now());
  }

  /** The station's time (the injected clock), for figures that run to now. */
  now(): number {
    return this.clock.now();
  }

  // ---- issuing (./issuing.ts) ---------------------------------------------

  issue(req: IssueRequest): TicketView {
    return this.issuer.issue(req);
  }

  /** A held ticket was printed: it joins the queue. */
  release(id: number): TicketView | null {
    return this.issuer.release(id);
  }

  /** A held ticket whose print failed: nobody holds it, so it is never called. */
  voidHeld(id: number, reason: string): TicketView | null {
    return this.issuer.voidHeld(id, reason);
  }

  // ---- counter actions (./counter-desk.ts) --------------------------------

  call(counterId: number): TicketView {
    return this.desk.call(counterId);
  }

  recall(counterId: number): TicketView {
    return this.desk.recall(counterId);
  }

  startStep(counterId: number, step: string): TicketView {
    return this.desk.startStep(counterId, step);
  }

  complete(counterId: number): TicketView {
    return this.desk.complete(counterId);
  }

  noShow(counterId: number): TicketView {
    return this.desk.noShow(counterId);
  }

  transfer(counterId: number, serviceCode: string): TicketView {
    return this.desk.transfer(counterId, serviceCode);
  }

  setCounterState(counterId: number, state: CounterState, reason: string | null = null): CounterState {
    return this.desk.setCounterState(counterId, state, reason);
  }

  attachSummons(counterId: number, code: string): TicketView | null {
    return this.desk.attachSummons(counterId, code);
  }

  // ---- reading (./queue-board.ts) -----------------------------------------

  current(counterId: number): TicketView | null {
    return this.board.current(counterId);
  }

  ticketsOfDay(day: string): TicketView[] {
    return this.board.ticketsOfDay(day);
  }

  queueView(): QueueView {
    return this.board.queueView();
  }

  publishQueue(): void {
    this.board.publishQueue();
  }

  // ---- configuration (./catalog.ts) ---------------------------------------

  service(code: string): ServiceConfig {
    return findService(this.config, code);
  }

  counter(id: number): CounterConfig {
    return findCounter(this.config, id);
  }
}
