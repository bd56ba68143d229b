import type { Clock } from '../shared/clock.js';
import { isStationError } from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import { isoLocal } from '../shared/time.js';
import type { ResolvedConfig } from '../config/load.js';
import type { EventBus } from './event-bus.js';
import type { TicketView } from './events.js';
import type { TicketPrinter, PrintJob } from './ports.js';
import type { QueueService } from './queue/queue-service.js';
import { storageOf } from './store/storage-health.js';

export interface ButtonBinding {
  index: number;
  service: string;
  priority: boolean;
}

export type PressOutcome =
  | { kind: 'issued'; ticket: TicketView }
  | { kind: 'ignored'; reason: 'too-soon' }
  | { kind: 'refused'; reason: 'quota-exhausted' | 'storage' | 'error'; message: string };

/**
 * Issues tickets for the ticket buttons and the kiosk API, and prints them.
 * The ticket is committed before printing starts; a printer fault never loses
 * the number (it is on the screens and in the database) and is announced.
 */
export class TicketDispenser {
  private readonly lastAccepted = new Map<number, number>();
  private printing: Promise<void> = Promise.resolve();
  private pendingPrints = 0;

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
      this.print(ticket);
      return ticket;
    } catch (err) {
      if (isStationError(err) && err.code === 'QUOTA_EXHAUSTED') this.announceQuota(service);
      throw err;
    }
  }

  /** A debounced press of a ticket button. A second press within the minimum interval is ignored. */
  press(button: ButtonBinding): PressOutcome {
    const now = this.clock.now();
    const last = this.lastAccepted.get(button.index);
    if (last !== undefined && now - last < this.config.queue.buttonMinIntervalMs) {
      this.log.debug({ button: button.index }, 'button press ignored: too soon after the last ticket');
      return { kind: 'ignored', reason: 'too-soon' };
    }
    this.lastAccepted.set(button.index, now);
    try {
      return { kind: 'issued', ticket: this.issue(button.service, button.priority, `button-${button.index}`) };
    } catch (err) {
      if (isStationError(err) && err.code === 'QUOTA_EXHAUSTED') {
        this.log.warn(
          { button: button.index, service: button.service },
          `button ${button.index} pressed but the quota of service ${button.service} is exhausted; no ticket issued`,
        );
        return { kind: 'refused', reason: 'quota-exhausted', message: 'Kuota hari ini habis' };
      }
      const storage = storageOf(this.queue.store.db)?.failed(err, `a ticket from button ${button.index}`);
      if (storage) {
        this.log.warn(
          { button: button.index, service: button.service },
          `button ${button.index} pressed but no ticket: ${storage.message}`,
        );
        return { kind: 'refused', reason: 'storage', message: storage.message };
      }
      this.log.error({ err, button: button.index }, 'button press could not issue a ticket');
      return { kind: 'refused', reason: 'error', message: (err as Error).message };
    }
  }

  /** Resolves when every print queued so far has finished (or failed). */
  async idle(): Promise<void> {
    await this.printing;
  }

  queuedPrints(): number {
    return this.pendingPrints;
  }

  private print(ticket: TicketView): void {
    if (!this.printer) return;
    const printer = this.printer;
    const service = this.queue.service(ticket.service);
    const job: PrintJob = {
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
    this.pendingPrints++;
    this.printing = this.printing.then(async () => {
      try {
        await printer.print(job);
      } catch (err) {
        const code = isStationError(err) ? err.code : 'PRINT_FAILED';
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
      } finally {
        this.pendingPrints--;
      }
    });
    // The print queue must outlive any one failure: a throw in the handling above ends up in the log, not as an unhandled rejection.
    this.printing = this.printing.catch((err: unknown) =>
      this.log.error({ err, ticket: ticket.number }, `ticket ${ticket.number}: handling of a print failed`),
    );
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
