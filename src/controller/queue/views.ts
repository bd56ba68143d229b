import { isoLocal } from '../../shared/time.js';
import type { StepView, TicketView } from '../events.js';
import type { StepRow, TicketRow } from './ticket-store.js';

/** Turns stored rows into the CONTRACT's ticket shape (times ISO 8601 with the station's offset). */
export function ticketView(
  row: TicketRow,
  timeZone: string,
  extra: { ahead?: number; estimatedWaitMinutes?: number | null; steps?: StepRow[] } = {},
): TicketView {
  const view: TicketView = {
    id: row.id,
    number: row.number,
    service: row.service,
    priority: row.priority === 1,
    status: row.status,
    issuedAt: isoLocal(row.issued_at, timeZone),
    calls: row.calls,
  };
  if (row.called_at !== null) view.calledAt = isoLocal(row.called_at, timeZone);
  if (row.counter_id !== null) view.counter = row.counter_id;
  if (row.finished_at !== null) view.finishedAt = isoLocal(row.finished_at, timeZone);
  if (extra.ahead !== undefined) view.ahead = extra.ahead;
  if (extra.estimatedWaitMinutes !== undefined) view.estimatedWaitMinutes = extra.estimatedWaitMinutes;
  if (extra.steps) view.steps = extra.steps.map((s) => stepView(s, timeZone));
  if (row.summons) view.summons = row.summons;
  if (row.void_reason) view.voidReason = row.void_reason;
  return view;
}

/** A ticket as anyone may see it (the waiting room, GET /queue): without the summons code, which only its counter sees. */
export function publicTicketView(view: TicketView | null): TicketView | null {
  if (!view || view.summons === undefined) return view;
  const { summons: _summons, ...rest } = view;
  return rest;
}

export function stepView(s: StepRow, timeZone: string): StepView {
  return {
    step: s.step,
    service: s.service,
    startedAt: isoLocal(s.started_at, timeZone),
    endedAt: s.ended_at === null ? null : isoLocal(s.ended_at, timeZone),
    durationS: s.ended_at === null ? null : Math.round((s.ended_at - s.started_at) / 100) / 10,
  };
}

/** Ticket number as printed and called: service code, dash, three digits. */
export const formatNumber = (prefix: string, seq: number) => `${prefix}-${String(seq).padStart(3, '0')}`;
