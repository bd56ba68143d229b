/**
 * Technician alerts: raised once while a condition lasts, cleared when it
 * ends. Each change is a row in `alerts` (committed first), an `alert` event
 * on the public stream and a log line that says what to do. While storage is
 * unusable (the `storage` alert itself, say) the row is kept in memory and
 * written once storage works again (store/storage-health.ts).
 */
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import { isoLocal } from '../../shared/time.js';
import type { EventBus } from '../event-bus.js';
import type { AlertKind, AlertView } from '../events.js';
import type { Db } from '../store/database.js';
import { fleetEvents } from '../fleet/events.js';
import { writeLater } from '../store/storage-health.js';

export interface AlertRaise {
  kind: AlertKind;
  subject?: string;
  severity?: 'warning' | 'critical';
  value?: number | null;
  threshold?: number | null;
  /** English: what happened and what to do. */
  message: string;
  /** Indonesian. */
  messageId: string;
}

interface AlertRow {
  id: number;
  kind: AlertKind;
  subject: string;
  severity: 'warning' | 'critical';
  raised_at: number;
  cleared_at: number | null;
  value: number | null;
  threshold: number | null;
  message: string;
  message_id: string;
  /** The id clients were shown when it was raised before it could be written (negative). */
  shown?: number;
}

export class AlertCenter {
  private readonly active = new Map<string, AlertRow>();
  /** Ids for alerts raised while storage could not take them (negative until written). */
  private nextUnsavedId = -1;
  private readonly q;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly timeZone: string,
  ) {
    this.q = {
      insert: db.prepare(`INSERT INTO alerts (kind, subject, severity, raised_at, cleared_at, value, threshold, message, message_id)
                          VALUES (@kind, @subject, @severity, @raised_at, @cleared_at, @value, @threshold, @message, @message_id)`),
      clear: db.prepare('UPDATE alerts SET cleared_at = ? WHERE id = ?'),
      open: db.prepare<[], AlertRow>('SELECT * FROM alerts WHERE cleared_at IS NULL ORDER BY id'),
      range: db.prepare<[number, number, number], AlertRow>(
        'SELECT * FROM alerts WHERE raised_at < ? AND (cleared_at IS NULL OR cleared_at >= ?) ORDER BY raised_at DESC, id DESC LIMIT ?',
      ),
    };
    // Alerts still open from before a restart stay open until their condition is seen to be over.
    for (const r of this.q.open.all()) this.active.set(key(r.kind, r.subject), r);
  }

  isActive(kind: AlertKind, subject = ''): boolean {
    return this.active.has(key(kind, subject));
  }

  raise(a: AlertRaise): AlertView | null {
    const k = key(a.kind, a.subject ?? '');
    if (this.active.has(k)) return null;
    const row: Omit<AlertRow, 'id'> = {
      kind: a.kind,
      subject: a.subject ?? '',
      severity: a.severity ?? 'warning',
      raised_at: this.clock.now(),
      cleared_at: null,
      value: a.value ?? null,
      threshold: a.threshold ?? null,
      message: a.message,
      message_id: a.messageId,
    };
    const unsaved = this.nextUnsavedId--;
    const stored: AlertRow = { ...row, id: unsaved, shown: unsaved };
    // Written now, or once storage works again: the row then gets its real id (and cleared_at if it ended meanwhile),
    // while clients keep the id they were shown.
    const savedNow = writeLater(this.db, `alert ${a.kind}`, () => {
      const { id: _id, shown: _shown, ...values } = stored;
      stored.id = this.db.transaction(() => {
        const id = Number(this.q.insert.run(values).lastInsertRowid);
        fleetEvents(this.db).alert('raised', id);
        return id;
      })();
    });
    if (savedNow) delete stored.shown;
    this.active.set(k, stored);
    const view = this.view(stored);
    this.log.warn({ alert: a.kind, subject: row.subject || undefined, value: row.value, threshold: row.threshold }, a.message);
    this.bus.publish('alert', view);
    return view;
  }

  clear(kind: AlertKind, subject = '', why = 'condition over'): AlertView | null {
    const k = key(kind, subject);
    const row = this.active.get(k);
    if (!row) return null;
    const at = this.clock.now();
    row.cleared_at = at;
    writeLater(this.db, `alert ${kind} cleared`, () => {
      if (row.id <= 0) return;
      this.db.transaction(() => {
        this.q.clear.run(at, row.id);
        fleetEvents(this.db).alert('cleared', row.id);
      })();
    });
    this.active.delete(k);
    const view = this.view(row);
    this.log.info({ alert: kind, subject: subject || undefined }, `alert ${kind}${subject ? ` (${subject})` : ''} cleared: ${why}`);
    this.bus.publish('alert', view);
    return view;
  }

  list(): AlertView[] {
    return [...this.active.values()].map((r) => this.view(r));
  }

  /** Alerts that were active at some time in [from, to), newest first. */
  history(from: number, to: number, limit = 500): AlertView[] {
    return this.q.range.all(to, from, limit).map((r) => this.view(r));
  }

  private view(r: AlertRow): AlertView {
    return {
      id: r.shown ?? r.id,
      kind: r.kind,
      subject: r.subject,
      severity: r.severity,
      active: r.cleared_at === null,
      message: r.message,
      messageId: r.message_id,
      value: r.value,
      threshold: r.threshold,
      raisedAt: isoLocal(r.raised_at, this.timeZone),
      clearedAt: r.cleared_at === null ? null : isoLocal(r.cleared_at, this.timeZone),
    };
  }
}

const key = (kind: AlertKind, subject: string) => `${kind}\u0000${subject}`;
