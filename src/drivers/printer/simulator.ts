/**
 * A simulated ESC/POS ticket printer (answers like a TM-T82): interprets the
 * bytes it receives, answers DLE EOT status requests, and keeps each ticket's
 * text (see interpreter.ts for how enlarged lines are marked) when the cut
 * arrives.
 */
import type { Clock } from '../../shared/clock.js';
import type { PrintedTicket, PrinterSimulator, SimFault } from '../../controller/sim-ports.js';
import { SerialDeviceSimulator, lineNoise } from '../transport/serial/device-simulator.js';
import { tokenize, ticketText, type EscPosToken } from './interpreter.js';
import { encodeStatus, healthyPrinter, type PrinterCondition, type StatusQueryN } from './status.js';

export type PaperLevel = 'ok' | 'near-end' | 'end';

export class EscPosPrinterSimulator extends SerialDeviceSimulator implements PrinterSimulator {
  readonly faults: readonly SimFault[] = ['offline', 'paper-out', 'cover-open', 'garbled', 'stall', 'none'];
  private fault: SimFault = 'none';
  private paper: PaperLevel = 'ok';
  private coverOpen = false;
  private pending: Buffer = Buffer.alloc(0);
  private ticketTokens: EscPosToken[] = [];
  private ticketBytes = 0;
  private printed: PrintedTicket[] = [];
  private noiseSeed = 1;
  private readonly cutListeners = new Set<(ticket: PrintedTicket) => void>();

  constructor(
    readonly deviceId: string,
    private readonly clock: Clock,
    private readonly keep = 200,
  ) {
    super();
  }

  tickets(): PrintedTicket[] {
    return this.printed.map((t) => ({ ...t }));
  }

  /** Called with each ticket as its cut arrives (`ktp-station sim-device printer` prints them). */
  onTicket(listener: (ticket: PrintedTicket) => void): () => void {
    this.cutListeners.add(listener);
    return () => this.cutListeners.delete(listener);
  }

  injectFault(fault: SimFault): void {
    if (!this.faults.includes(fault)) throw new RangeError(`${this.deviceId} cannot play fault ${fault}`);
    this.fault = fault;
    this.setLine({ plugged: fault !== 'offline', reading: fault !== 'stall' });
    if (fault !== 'none') this.discardTicket();
  }

  /** The roll as a technician would find it (not a CONTRACT fault: for demos and tests). */
  setPaper(level: PaperLevel): void {
    this.paper = level;
  }

  setCoverOpen(open: boolean): void {
    this.coverOpen = open;
  }

  condition(): PrinterCondition {
    const paper = this.fault === 'paper-out' ? 'end' : this.paper;
    return {
      ...healthyPrinter,
      paperEnd: paper === 'end',
      paperNearEnd: paper === 'near-end',
      coverOpen: this.coverOpen || this.fault === 'cover-open',
    };
  }

  protected onHostBytes(bytes: Buffer): void {
    const { tokens, spans, rest } = tokenize(Buffer.concat([this.pending, bytes]));
    this.pending = rest;
    tokens.forEach((t, i) => this.take(t, spans[i]!));
  }

  private take(t: EscPosToken, span: number): void {
    if (t.kind === 'status-request') {
      this.answerStatus(t.n);
      return;
    }
    this.ticketBytes += span;
    const c = this.condition();
    const canPrint = this.fault !== 'garbled' && !c.paperEnd && !c.coverOpen;
    if (t.kind === 'cut') {
      if (canPrint && this.ticketTokens.length > 0) {
        const ticket = { at: this.clock.now(), text: ticketText(this.ticketTokens), bytes: this.ticketBytes };
        this.printed.push(ticket);
        if (this.printed.length > this.keep) this.printed.shift();
        for (const l of this.cutListeners) l({ ...ticket });
      }
      this.discardTicket();
      return;
    }
    if (canPrint) this.ticketTokens.push(t);
  }

  private answerStatus(n: number): void {
    if (this.fault === 'garbled') {
      this.toHost(lineNoise(1 + (this.noiseSeed % 3), this.noiseSeed++));
      return;
    }
    if (n < 1 || n > 4) return;
    this.toHost(Buffer.from([encodeStatus(n as StatusQueryN, this.condition())]));
  }

  private discardTicket(): void {
    this.ticketTokens = [];
    this.ticketBytes = 0;
  }
}
