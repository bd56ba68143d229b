/**
 * The ticket printer cannot print (paper out, cover open, error, offline):
 * an active technician alert at once, cleared when it can print again. While
 * it lasts the ticket buttons issue nothing, so residents are turned away.
 * A printer that has not answered yet since start-up gets a grace period
 * (its port is still opening); after that, and once it has printed, there is
 * no delay.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import { printerProblemText, printerReadiness, type PrinterStatus } from '../printer-readiness.js';
import type { AlertCenter } from './alerts.js';

/** How long a printer may take to answer for the first time after start-up. */
export const PRINTER_STARTUP_GRACE_MS = 10_000;

const ACTION: Record<string, { id: string; en: string }> = {
  PAPER_OUT: { id: 'pasang gulungan kertas baru', en: 'load a new paper roll' },
  COVER_OPEN: { id: 'tutup penutup printer', en: 'close the printer cover' },
  PRINTER_OFFLINE: { id: 'periksa kabel dan daya printer', en: "check the printer's cable and power" },
  PRINTER_GARBLED: { id: 'periksa kabel dan kecepatan baud printer', en: "check the printer's cable and baud rate" },
};

export class PrinterAlerts {
  private readonly problem = new Map<string, string>();
  private readonly everReady = new Set<string>();
  private readonly grace = new Map<string, TimerHandle>();
  private readonly startedAt: number;

  constructor(
    private readonly alerts: AlertCenter,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  device(s: PrinterStatus): void {
    if (s.kind !== 'printer') return;
    const r = printerReadiness(s);
    if (r.ready) {
      this.everReady.add(s.id);
      this.cancelGrace(s.id);
      this.problem.delete(s.id);
      this.alerts.clear('printer-cannot-print', s.id, `${s.id} can print again`);
      return;
    }
    const left = this.startedAt + PRINTER_STARTUP_GRACE_MS - this.clock.now();
    if (!this.everReady.has(s.id) && left > 0) {
      this.cancelGrace(s.id);
      this.grace.set(
        s.id,
        this.clock.setTimeout(() => {
          this.grace.delete(s.id);
          this.raise(s);
        }, left),
      );
      return;
    }
    this.raise(s);
  }

  stop(): void {
    for (const id of [...this.grace.keys()]) this.cancelGrace(id);
  }

  private raise(s: PrinterStatus): void {
    const problem = printerReadiness(s).problem ?? 'PRINTER_ERROR';
    // A different problem replaces the alert (paper loaded, but the cover is still open).
    if (this.problem.get(s.id) !== problem) this.alerts.clear('printer-cannot-print', s.id, problem);
    this.problem.set(s.id, problem);
    const why = printerProblemText(problem);
    const act = ACTION[problem] ?? { id: 'matikan lalu nyalakan printer', en: 'switch the printer off and on' };
    this.alerts.raise({
      kind: 'printer-cannot-print',
      subject: s.id,
      severity: 'critical',
      message: `ticket printer cannot print (${why.en}: ${s.detail}) — the ticket buttons issue no numbers until it can: ${act.en}`,
      messageId: `printer tiket tidak dapat mencetak (${why.id}) — tombol tiket tidak memberi nomor sampai printer siap: ${act.id}`,
    });
  }

  private cancelGrace(id: string): void {
    this.grace.get(id)?.cancel();
    this.grace.delete(id);
  }
}
