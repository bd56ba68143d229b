import type { Clock } from '../shared/clock.js';
import { isStationError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import { isoLocal } from '../shared/time.js';
import type { ResolvedConfig } from '../config/load.js';
import type { EventBus } from './event-bus.js';
import type { PrinterReadiness, TicketView } from './events.js';
import type { TicketPrinter, PrintJob } from './ports.js';
import type { QueueService } from './queue/queue-service.js';
import { storageOf } from './store/storage-health.js';
import { printerProblemText, printerReadiness } from './printer-readiness.js';

export interface ButtonBinding {
  index: number;
  service: string;
  priority: boolean;
}

export type RefusalReason = 'quota-exhausted' | 'printer' | 'storage' | 'error';

export type PressOutcome =
  | { kind: 'issued'; ticket: TicketView }
  | { kind: 'ignored'; reason: 'too-soon' }
  | { kind: 'refused'; reason: RefusalReason; message: string; problem?: string };

/** How the presses of the ticket buttons ended since start (for /metrics). */
export interface PressCounts {
  issued: number;
  ignored: number;
  refused: Record<RefusalReason, number>;
}

type OutcomeListener = (button: number, outcome: PressOutcome) => void;

/**
 * Issues tickets for the ticket buttons and the kiosk API, and prints them.
 *
 * A ticket nobody holds is never in the queue: while the printer cannot print
 * a button issues nothing (the press is logged, counted and announced), and a
 * button's ticket is held out of the queue until its print has finished; a
 * print that fails voids it. A kiosk shows the number on its own screen, so
 * its ticket joins the queue at once and a failed print only announces it.
 */
export class TicketDispenser {
  private readonly lastAccepted = new Map<number, number>();
  private printing: Promise<void> = Promise.resolve();
  private readonly outcomeListeners = new Set<OutcomeListener>();
  private readonly counts: PressCounts = { issued: 0, ignored: 0, refused: { 'quota-exhausted': 0, printer: 0, storage: 0, error: 0 } };

  constructor(
    private readonly config: ResolvedConfig,
    private readonly queue: QueueService,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly printer: TicketPrinter | null,
  ) {}

  /** Kiosk or admin: issue and print; errors (unknown service, quota) are thrown to the caller. */
  issue(service: string, priority: boolean, source: string, summons?: string): TicketView {
    try {
      const ticket = this.queue.issue({ service, priority, source, ...(summons ? { summons } : {}) });
      this.print(ticket, { held: false });
      return ticket;
    } catch (err) {
      if (isStationError(err) && err.code === 'QUOTA_EXHAUSTED') this.announceQuota(service);
      throw err;
    }
  }

  /**
   * A debounced press of a ticket button. A second press within the minimum
   * interval is ignored. The answer is the press's first outcome; a held
   * ticket's final one (printed, or voided) goes to onOutcome listeners.
   */
  press(button: ButtonBinding): PressOutcome {
    const now = this.clock.now();
    const last = this.lastAccepted.get(button.index);
    if (last !== undefined && now - last < this.config.queue.buttonMinIntervalMs) {
      this.log.debug({ button: button.index }, 'button press ignored: too soon after the last ticket');
      return this.settle(button.index, { kind: 'ignored', reason: 'too-soon' });
    }
    const readiness = this.readiness();
    if (readiness && !readiness.ready) return this.refuseForPrinter(button, readiness.problem ?? 'PRINTER_ERROR', null);
    this.lastAccepted.set(button.index, now);
    let ticket: TicketView;
    try {
      ticket = this.queue.issue({
        service: button.service,
        priority: button.priority,
        source: `button-${button.index}`,
        hold: !!this.printer,
      });
    } catch (err) {
      if (isStationError(err) && err.code === 'QUOTA_EXHAUSTED') {
        this.announceQuota(button.service);
        this.log.warn(
          { button: button.index, service: button.service },
          `button ${button.index} pressed but the quota of service ${button.service} is exhausted; no ticket issued`,
        );
        return this.settle(button.index, { kind: 'refused', reason: 'quota-exhausted', message: 'Kuota hari ini habis' });
      }
      const storage = storageOf(this.queue.store.db)?.failed(err, `a ticket from button ${button.index}`);
      if (storage) {
        this.log.warn(
          { button: button.index, service: button.service },
          `button ${button.index} pressed but no ticket: ${storage.message}`,
        );
        return this.settle(button.index, { kind: 'refused', reason: 'storage', message: storage.message });
      }
      this.log.error({ err, button: button.index }, 'button press could not issue a ticket');
      return this.settle(button.index, { kind: 'refused', reason: 'error', message: (err as Error).message });
    }
    const outcome: PressOutcome = { kind: 'issued', ticket };
    if (this.printer) this.print(ticket, { held: true, button });
    else this.settle(button.index, outcome);
    return outcome;
  }

  /** Whether the ticket buttons can issue now; null when the station has no printer. */
  readiness(): PrinterReadiness | null {
    return this.printer ? printerReadiness(this.printer.state()) : null;
  }

  /** Every final outcome of a button press (the sim console shows it beside the button). */
  onOutcome(listener: OutcomeListener): () => void {
    this.outcomeListeners.add(listener);
    return () => this.outcomeListeners.delete(listener);
  }

  pressCounts(): PressCounts {
    return { ...this.counts, refused: { ...this.counts.refused } };
  }

  /** Resolves when every print queued so far has finished (or failed). */
  async idle(): Promise<void> {
    await this.printing;
  }

  // ---- internals --------------------------------------------------------

  private settle(button: number, outcome: PressOutcome): PressOutcome {
    if (outcome.kind === 'issued') this.counts.issued++;
    else if (outcome.kind === 'ignored') this.counts.ignored++;
    else this.counts.refused[outcome.reason]++;
    for (const l of this.outcomeListeners) l(button, outcome);
    return outcome;
  }

  /** The printer cannot print: no number for this press (or the held one voided), and the screens say why. */
  private refuseForPrinter(button: ButtonBinding, problem: string, voided: TicketView | null): PressOutcome {
    const why = printerProblemText(problem);
    this.log.info(
      { button: button.index, service: button.service, problem, voided: voided?.number },
      `button ${button.index} pressed while the printer cannot print (${why.en}): no ticket issued`,
    );
    this.queue.store.journalLater(this.clock.now(), 'button-refused', {
      button: button.index,
      service: button.service,
      problem,
      ...(voided ? { voided: voided.number } : {}),
    });
    const message = `Mesin tiket tidak dapat mencetak (${why.id}). Nomor antrean tidak diberikan — silakan lapor ke petugas.`;
    this.bus.publish('notice', {
      kind: 'ticket-refused',
      button: button.index,
      service: button.service,
      problem,
      at: isoLocal(this.clock.now(), this.config.station.timezone),
      message,
      messageEn: `The ticket machine cannot print (${why.en}). No queue number was given — please tell an officer.`,
    });
    return this.settle(button.index, { kind: 'refused', reason: 'printer', message, problem });
  }

  private print(ticket: TicketView, how: { held: boolean; button?: ButtonBinding }): void {
    if (!this.printer) return;
    const printer = this.printer;
    const job = this.job(ticket);
    this.printing = this.printing.then(async () => {
      try {
        await printer.print(job);
        if (how.held) {
          this.queue.release(ticket.id);
          this.settle(how.button!.index, { kind: 'issued', ticket });
        }
      } catch (err) {
        const code = isStationError(err) ? err.code : 'PRINT_FAILED';
        if (how.held) this.printFailedHeld(ticket, code, how.button!, err);
        else this.printFailedKept(ticket, code);
      }
    });
    // The print queue must outlive any one failure: a throw in the handling above ends up in the log, not as an unhandled rejection.
    this.printing = this.printing.catch((err: unknown) =>
      this.log.error({ err, ticket: ticket.number }, `ticket ${ticket.number}: handling of a print failed`),
    );
  }

  /** A button's ticket did not print: nobody holds it, so it is voided and never called. */
  private printFailedHeld(ticket: TicketView, code: string, button: ButtonBinding, err: unknown): void {
    const voided = this.queue.voidHeld(ticket.id, code);
    // Nothing reached the paper: for the resident this is a refused press.
    const beforePaper = (err as { details?: { printed?: boolean } }).details?.printed === false;
    if (beforePaper) {
      this.refuseForPrinter(button, code, voided);
      return;
    }
    const why = printerProblemText(code);
    this.bus.publish('notice', {
      kind: 'ticket-voided',
      number: ticket.number,
      service: ticket.service,
      problem: code,
      at: isoLocal(this.clock.now(), this.config.station.timezone),
      message: `Tiket ${ticket.number} gagal dicetak (${why.id}) dan dibatalkan; nomor itu tidak akan dipanggil. Silakan ambil nomor lagi setelah mesin tiket siap.`,
      messageEn: `Ticket ${ticket.number} failed to print (${why.en}) and was cancelled; that number will not be called. Please take a new number once the ticket machine is ready.`,
    });
    this.settle(button.index, { kind: 'refused', reason: 'printer', message: why.id, problem: code });
  }

  /** A kiosk's ticket did not print: its number is on the kiosk's screen, so it stays in the queue. */
  private printFailedKept(ticket: TicketView, code: string): void {
    this.log.warn(
      { ticket: ticket.number, code },
      `ticket ${ticket.number} was issued but not printed (${code}): it stays in the queue and on the screens; check the printer`,
    );
    this.queue.store.journalLater(this.clock.now(), 'print-failed', { ticket: ticket.number, code });
    this.bus.publish('notice', {
      kind: 'printer-fault',
      service: ticket.service,
      at: isoLocal(this.clock.now(), this.config.station.timezone),
      message: `Tiket ${ticket.number} tidak tercetak. Nomor Anda tetap berlaku; silakan lapor ke petugas.`,
      messageEn: `Ticket ${ticket.number} was not printed. Your number is still valid; please tell an officer.`,
    });
  }

  private job(ticket: TicketView): PrintJob {
    const service = this.queue.service(ticket.service);
    return {
      stationName: this.config.station.name,
      regency: this.config.station.regency,
      serviceCode: service.code,
      serviceName: service.name,
      number: ticket.number,
      priority: ticket.priority,
      issuedAt: Date.parse(ticket.issuedAt),
      timeZone: this.config.station.timezone,
      ahead: ticket.ahead ?? 0,
      estimatedWaitMinutes: ticket.estimatedWaitMinutes ?? null,
    };
  }

  private announceQuota(service: string): void {
    const s = this.queue.service(service);
    this.bus.publish('notice', {
      kind: 'quota-exhausted',
      service,
      at: isoLocal(this.clock.now(), this.config.station.timezone),
      message: `Kuota hari ini habis untuk ${s.name}. Silakan datang kembali besok.`,
      messageEn: `Today's quota for ${s.name} is used up. Please come back tomorrow.`,
    });
  }
}
