/**
 * "Is my card ready?" at the door. A resident scans the summons /
 * registration code at the entrance scanner; the desk looks it up in the
 * card-ready list and answers on the waiting-room screen and by voice, in
 * Indonesian, without the code or any name (a `card-check` event).
 *
 * A ready card gets its pickup ticket (service B) there and then: issued and
 * printed with the code stored on it. That is how a pickup ticket knows its
 * card — no guessing which later button press belongs to which scan — and the
 * counter that calls the ticket is told the card is ready (a `card-ready`
 * hint on its own stream), with the code to check against the letter. A
 * second scan the same day while that ticket waits gives the same ticket,
 * never a second one. When the pickup ticket is done the card counts as
 * collected.
 */
import type { Clock } from '../../../shared/clock.js';
import type { Logger } from '../../../shared/log.js';
import { isStationError } from '../../../shared/errors.js';
import { isoLocal } from '../../../shared/time.js';
import type { ServiceConfig } from '../../../config/schema.js';
import type { EventBus, StationEvent } from '../../event-bus.js';
import type { CallView, CardCheckView, ScanEvent, TicketView } from '../../events.js';
import type { Scan } from '../../ports.js';
import type { QueueService } from '../../queue/queue-service.js';
import type { TicketDispenser } from '../../ticket-dispenser.js';
import { findPhrase, type Phrase, type PhraseName } from '../../voice/phrases.js';
import type { CardReadyList } from './card-list.js';
import { codeProblem, normaliseCode } from './parse-list.js';

/** The service whose tickets hand printed cards over: the first with a `handover` step. */
export function pickupServiceOf(services: readonly Pick<ServiceConfig, 'code' | 'steps'>[]): string | null {
  return services.find((s) => s.steps.includes('handover'))?.code ?? null;
}

/** The same code read twice this quickly is one scan (scanners repeat a read). */
const REPEAT_MS = 3_000;

interface TicketRef {
  id: number;
  number: string;
  service: string;
  status: string;
  summons: string | null;
}

export interface EntranceDeskDeps {
  queue: QueueService;
  dispenser: TicketDispenser;
  cards: CardReadyList;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  timeZone: string;
  phrases: readonly Phrase[];
  /** Code of the card pickup service, or null when the station has none. */
  pickup: string | null;
}

export class EntranceDesk {
  private readonly q;
  private readonly off: Array<() => void> = [];
  private last: { code: string; at: number } | null = null;

  constructor(private readonly d: EntranceDeskDeps) {
    const db = d.queue.store.db;
    this.q = {
      byNumber: db.prepare<[string, string], TicketRef>(
        'SELECT id, number, service, status, summons FROM tickets WHERE day = ? AND number = ?',
      ),
      openPickup: db.prepare<[string, string, string], TicketRef>(
        `SELECT id, number, service, status, summons FROM tickets
          WHERE day = ? AND summons = ? AND service = ? AND status IN ('waiting','called','serving') ORDER BY id DESC LIMIT 1`,
      ),
    };
    this.off.push(d.bus.subscribe((e) => this.onEvent(e)));
  }

  /** Answers every scan of this scanner. */
  watch(scanner: { onScan(listener: (scan: Scan) => void): () => void }): void {
    this.off.push(scanner.onScan((scan) => this.scanned(scan)));
  }

  stop(): void {
    for (const f of this.off.splice(0)) f();
  }

  /** One scan at the door: looked up, answered on the screen and by voice. Null for a repeated read. */
  scanned(scan: Scan): CardCheckView | null {
    const now = this.d.clock.now();
    const code = normaliseCode(scan.code);
    if (this.last && this.last.code === code && now - this.last.at < REPEAT_MS) return null;
    this.last = { code, at: now };
    const answer = this.answer(scan.kind === 'nik' ? null : code);
    // The log says what was answered, never the code (it names a person's letter).
    this.d.log.info({ result: answer.result, ticket: answer.ticket }, 'entrance scan answered');
    this.d.bus.publish('card-check', answer);
    return answer;
  }

  private answer(code: string | null): CardCheckView {
    if (code === null || codeProblem(code)) return this.view('scan-again', 'card-scan-again', null);
    const card = this.d.cards.lookup(code);
    if (card.collectedAt) return this.view('collected', 'card-collected', null);
    if (!card.ready) return this.view('not-ready', 'card-not-ready', null);
    if (!this.d.pickup) return this.view('ready', 'card-ready', null);
    const waiting = this.q.openPickup.get(this.d.queue.today(), card.code, this.d.pickup);
    if (waiting) return this.view('ready', 'card-ready', waiting.number);
    try {
      const ticket = this.d.dispenser.issue(this.d.pickup, false, 'entrance-scanner', card.code);
      return this.view('ready', 'card-ready', ticket.number);
    } catch (err) {
      if (isStationError(err) && err.code === 'QUOTA_EXHAUSTED') return this.view('ready-no-quota', 'card-ready-no-quota', null);
      // The card is ready all the same; the resident takes a number at the button.
      this.d.log.warn({ err: (err as Error).message }, 'entrance scan: card ready but no pickup ticket could be issued');
      return this.view('ready', 'card-ready', null);
    }
  }

  private view(result: CardCheckView['result'], name: PhraseName, ticket: string | null): CardCheckView {
    const phrase = findPhrase(this.d.phrases, name)!;
    return {
      result,
      ticket,
      phrase: name,
      text: phrase.id.text,
      textEn: phrase.en.text,
      at: isoLocal(this.d.clock.now(), this.d.timeZone),
    };
  }

  // ---- the counter's side ---------------------------------------------------

  private onEvent(e: StationEvent): void {
    if (!this.d.pickup) return;
    if (e.name === 'called' || e.name === 'recalled') {
      const call = e.data as CallView;
      if (call.service !== this.d.pickup) return;
      const ticket = this.q.byNumber.get(this.d.queue.today(), call.number);
      if (ticket?.summons) this.hint(call.counter, ticket, 'call');
    } else if (e.name === 'scan' && e.scope.kind === 'counter') {
      // The counter's own scanner read the letter of the ticket it serves.
      const scan = e.data as ScanEvent;
      if (!scan.ticket) return;
      const ticket = this.q.byNumber.get(this.d.queue.today(), scan.ticket);
      if (ticket && ticket.service === this.d.pickup) this.hint(scan.counter, { ...ticket, summons: scan.code }, 'scan');
    } else if (e.name === 'ticket') {
      const t = e.data as TicketView;
      if (t.status === 'done' && t.service === this.d.pickup && t.summons) this.d.cards.markCollected(t.summons, t.id);
    }
  }

  private hint(counter: number, ticket: TicketRef, via: 'call' | 'scan'): void {
    const card = this.d.cards.lookup(ticket.summons!);
    this.d.bus.publish(
      'card-ready',
      {
        counter,
        ticket: ticket.number,
        code: card.code,
        ready: card.ready,
        readySince: card.readySince ?? null,
        collectedAt: card.collectedAt ?? null,
        via,
        at: isoLocal(this.d.clock.now(), this.d.timeZone),
      },
      { kind: 'counter', counter },
    );
  }
}
