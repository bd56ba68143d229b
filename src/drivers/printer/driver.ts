/**
 * The ticket printer driver: ESC/POS over a serial line. Asks the printer's
 * real status (DLE EOT 1..4) before every ticket and while idle; a ticket is
 * only written to a printer that can print it, otherwise print() rejects with
 * a DeviceError naming the fault so the caller keeps the ticket.
 */
import type { PrintJob, TicketPrinter } from '../../controller/ports.js';
import type { TimerHandle } from '../../shared/clock.js';
import { DeviceError } from '../../shared/errors.js';
import type { DriverContext } from '../context.js';
import { SerialDevice } from '../serial-device.js';
import { OperationQueue } from '../../shared/operation-queue.js';
import type { ReconnectingPort } from '../transport/serial/reconnecting-port.js';
import { encodeTicket, type TicketLayout } from './escpos.js';
import { assess, decodeStatus, isStatusByte, statusRequest, type PrinterAssessment, type StatusQueryN } from './status.js';

interface PendingAnswer {
  resolve: (byte: number) => void;
}

export class EscPosPrinter extends SerialDevice implements TicketPrinter {
  readonly kind = 'printer' as const;
  private readonly log;
  private waiting: PendingAnswer | null = null;
  /** One operation on the line at a time: a status answer is then always the one asked for. */
  private readonly queue = new OperationQueue();
  private poll: TimerHandle | null = null;

  constructor(
    id: string,
    line: ReconnectingPort,
    ctx: DriverContext,
    private readonly layout: TicketLayout & { baudRate: number },
  ) {
    super(id, 'printer', line, ctx);
    this.log = ctx.log.child({ ns: 'drivers.printer' });
  }

  override async start(): Promise<void> {
    this.poll ??= this.ctx.clock.setInterval(() => {
      if (this.line.isOpen()) void this.checkStatus().catch(() => undefined);
    }, this.ctx.timeouts.printerStatusPollMs);
    await super.start();
  }

  protected received(bytes: Buffer): void {
    this.answer(bytes);
  }

  protected lineOpen(): void {
    void this.checkStatus().catch(() => undefined);
  }

  protected override lineDown(detail: string): void {
    this.status.set('offline', detail, 'PRINTER_OFFLINE');
  }

  protected override halted(): void {
    this.poll?.cancel();
    this.poll = null;
  }

  /** Asks the printer how it is and updates the device status. */
  checkStatus(): Promise<PrinterAssessment> {
    return this.queue.run(() => this.readStatus());
  }

  /**
   * Prints one ticket. Rejects with `details.printed: false` when the printer
   * could not take it (nothing reached the paper), and with the printer's
   * fault when the paper ran out or the cover opened while it was printed.
   */
  print(job: PrintJob): Promise<void> {
    return this.queue.run(async () => {
      const before = await this.readStatus().catch((err: unknown) => {
        throw err instanceof DeviceError ? new DeviceError(err.code, err.message, { printed: false }) : err;
      });
      if (before.fault) throw new DeviceError(before.fault, before.detail, { printed: false });
      const bytes = encodeTicket(job, this.layout);
      // Time for the bytes at the configured baud rate, three times over, plus one status wait.
      const ms = Math.ceil((bytes.length * 10 * 1000 * 3) / this.layout.baudRate) + this.ctx.timeouts.printerStatusMs;
      await this.within(
        this.line.write(bytes),
        ms,
        `ticket write did not finish within ${ms} ms — printer stopped reading (paper jam? flow control?)`,
      );
      // Real-time status is answered at once, so this sees a roll that ran out or a cover opened during the ticket.
      const after = await this.readStatus();
      if (after.fault) throw new DeviceError(after.fault, `ticket ${job.number} may be incomplete: ${after.detail}`);
      this.log.info({ number: job.number, bytes: bytes.length }, 'ticket printed');
    });
  }

  private async readStatus(): Promise<PrinterAssessment> {
    if (!this.line.isOpen()) {
      throw new DeviceError('PRINTER_OFFLINE', this.status.get().detail);
    }
    const answers = {} as Record<StatusQueryN, number>;
    for (const n of [1, 2, 3, 4] as const) {
      const byte = await this.ask(n);
      if (!isStatusByte(byte)) {
        const detail = `printer status garbled — check the baud rate (${this.layout.baudRate}) and the cable`;
        this.log.debug({ byte: byte.toString(16).padStart(2, '0'), n }, 'status answer with wrong fixed bits');
        this.status.set('fault', detail, 'PRINTER_GARBLED');
        throw new DeviceError('PRINTER_GARBLED', detail);
      }
      answers[n] = byte;
    }
    this.line.healthy();
    const a = assess(decodeStatus(answers));
    this.status.set(a.status, a.detail, a.fault ?? (a.status === 'degraded' ? 'PAPER_NEAR_END' : undefined));
    return a;
  }

  private async ask(n: StatusQueryN): Promise<number> {
    const answer = new Promise<number>((resolve) => (this.waiting = { resolve }));
    const ms = this.ctx.timeouts.printerStatusMs;
    const detail = `printer status timeout: no answer to DLE EOT ${n} within ${ms} ms — is the printer switched on and set to ${this.layout.baudRate} baud?`;
    try {
      return await this.within(
        Promise.all([this.line.write(statusRequest(n)), answer]).then(([, b]) => b),
        ms,
        detail,
      );
    } finally {
      this.waiting = null;
    }
  }

  private answer(bytes: Buffer): void {
    const w = this.waiting;
    if (!w || bytes.length === 0) return; // unasked bytes (late answers, noise) are dropped
    this.waiting = null;
    w.resolve(bytes[0]!);
  }

  /** Waits for p with a named timeout; a printer that stops answering has its line reopened. */
  private within<T>(p: Promise<T>, ms: number, detail: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.ctx.clock.setTimeout(() => {
        this.log.warn({ ms }, detail);
        this.line.drop(detail);
        reject(new DeviceError('PRINTER_TIMEOUT', detail));
      }, ms);
      p.then(
        (v) => {
          timer.cancel();
          resolve(v);
        },
        (e: unknown) => {
          timer.cancel();
          reject(e instanceof DeviceError && e.code === 'LINE_CLOSED' ? new DeviceError('PRINTER_OFFLINE', e.message) : e);
        },
      );
    });
  }
}
