/**
 * The station's event stream, as the API's Server-Sent Events carry it.
 * Public events (`called`, `recalled`, `queue`, `notice`, `power`, `device`, `alert`,
 * `announcements`, `ishoma`, `information`, `card-check`)
 * carry no personal data; a counter's own stream adds `ticket`, `card`, `scan`.
 */
import type { DeviceState } from './ports.js';
import type { FaultView } from './faults/fault-book.js';

/**
 * CONTRACT statuses plus two a counter never sees: `printing` (a button's
 * ticket held out of the queue until it is in the resident's hand) and `void`
 * (its print failed: nobody holds it, it is never called).
 */
export type TicketStatus = 'printing' | 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'void';

export interface StepView {
  step: string;
  /** The service the ticket had when the step ran. */
  service: string;
  startedAt: string;
  endedAt: string | null;
  /** Seconds, once ended. */
  durationS: number | null;
}

/** A ticket as the API returns it (CONTRACT: id, number, service, priority, status, issuedAt, calledAt?, counter?, ahead?). */
export interface TicketView {
  id: number;
  number: string;
  service: string;
  priority: boolean;
  status: TicketStatus;
  issuedAt: string;
  calledAt?: string;
  counter?: number;
  /** Waiting tickets of the same service that will be called before this one. */
  ahead?: number;
  calls?: number;
  estimatedWaitMinutes?: number | null;
  finishedAt?: string;
  steps?: StepView[];
  summons?: string | null;
  /** Why the ticket was voided (status `void`): the printer's fault code. */
  voidReason?: string;
}

/** A call as the waiting room sees it: no personal data. */
export interface CallView {
  number: string;
  service: string;
  serviceName: string;
  counter: number;
  counterName: string;
  priority: boolean;
  calls: number;
  at: string;
}

export type CounterState = 'open' | 'paused' | 'closed';

export interface QueueView {
  date: string;
  services: Array<{
    code: string;
    name: string;
    waiting: number;
    issued: number;
    quota: number;
    remaining: number;
    exhausted: boolean;
    estimatedWaitMinutes: number | null;
    /** The next waiting numbers in call order (a few), for the waiting room. */
    next?: string[];
  }>;
  counters: Array<{
    id: number;
    name: string;
    state: CounterState;
    /** Why a counter is paused or closed, as stored with its state (the power supervisor's own reason, or the officer's). */
    reason?: string | null;
    /** `power` while an outage keeps it paused, `officer` for a pause or close by hand. */
    pausedBy?: 'power' | 'officer' | null;
    degraded: boolean;
    current: TicketView | null;
  }>;
  /** Whether the ticket buttons can issue now (their printer can print); null without a printer. */
  printer?: PrinterReadiness | null;
}

/** The ticket printer as the waiting room and the counters need to know it. */
export interface PrinterReadiness {
  ready: boolean;
  /** Why it cannot print: PAPER_OUT, COVER_OPEN, PRINTER_ERROR, PRINTER_OFFLINE; null when ready. */
  problem: string | null;
}

export interface NoticeView {
  kind: 'quota-exhausted' | 'printer-fault' | 'ticket-refused' | 'ticket-voided' | 'power-outage' | 'power-restored';
  /** ticket-refused: the button that was pressed (config order, from 0). */
  button?: number;
  /** ticket-voided: the number that will never be called. */
  number?: string;
  /** ticket-refused, ticket-voided: the printer's fault code. */
  problem?: string;
  /** Indonesian text for residents ("Kuota hari ini habis"). */
  message: string;
  /** English, for the switch on the screens. */
  messageEn: string;
  service?: string;
  at: string;
}

export type PowerSource = 'mains' | 'genset' | 'battery' | 'unknown';

export interface PowerView {
  source: PowerSource;
  mains: boolean | null;
  genset: boolean | null;
  outage: boolean;
  /** When the current outage began (ISO), or null. */
  outageSince?: string | null;
  /** Recording sets have power (mains or genset). */
  recordingPowered?: boolean;
  supply?: { busVoltage: number | null; currentA: number | null; powerW: number | null };
  gensetBatteryV?: number | null;
  fuelPercent?: number | null;
  acPresent?: boolean | null;
  budget?: { requiredW: number; availableW: number; recordingSets: number; gensetCanCarry: number; warning: string | null };
  at?: string;
  [k: string]: unknown;
}

export type AlertKind =
  | 'supply-undervoltage'
  | 'genset-battery-low'
  | 'fuel-low'
  | 'genset-long-run'
  | 'device-offline'
  | 'fleet-backlog'
  | 'clock-unsynced'
  /** The data disk cannot be written (full, read-only, I/O errors). */
  | 'storage'
  /** Free space on the data disk under the warning threshold. */
  | 'storage-low'

  /** The ticket printer cannot print (paper out, cover open, offline): the ticket buttons issue nothing. */
  | 'printer-cannot-print';

/** A technician alert as the public stream carries it: no personal data. */
export interface AlertView {
  id: number;
  kind: AlertKind;
  /** Device id for device-offline; empty otherwise. */
  subject: string;
  severity: 'warning' | 'critical';
  active: boolean;
  /** English: what happened and what to do. */
  message: string;
  /** Indonesian. */
  messageId: string;
  value: number | null;
  threshold: number | null;
  raisedAt: string;
  clearedAt: string | null;
}

export interface CardEvent {
  counter: number;
  uid: string;
  type: 'A' | 'B';
  tag: string;
  at: string;
}
export interface ScanEvent {
  counter: number;
  code: string;
  kind: 'nik' | 'summons' | 'other';
  ticket: string | null;
  at: string;
}

/** An announcement of the running text (times ISO 8601 with offset). */
export interface AnnouncementView {
  id: number;
  text: string;
  from?: string;
  until?: string;
}

/** The prayer / meal break notice (ISHOMA: istirahat, sholat, makan). */
export interface IshomaView {
  on: boolean;
  since: string | null;
  /** When service resumes, if the office said. */
  until: string | null;
  /** The office's own line, or null for the standard text. */
  message: string | null;
}

/** The waiting room's information panel. */
export interface InformationView {
  requirements: string[];
  hours: string[];
  /** Mobile recording days ("perekaman keliling") from today on. */
  mobileRecording: Array<{ date: string; place: string; hours?: string }>;
}

/**
 * The answer to a code scanned at the entrance scanner, for the screen and
 * the voice: never the code, never a name. `ticket` is the pickup ticket the
 * scan issued (or had issued earlier today).
 */
export interface CardCheckView {
  result: 'ready' | 'ready-no-quota' | 'not-ready' | 'collected' | 'scan-again';
  ticket: string | null;
  /** Name of the fixed phrase said (GET /api/v1/voice/phrase.wav?name=…). */
  phrase: string;
  /** What is said, Indonesian and English. */
  text: string;
  textEn: string;
  at: string;
}

/** Counter stream only: the ticket called at that counter is a card pickup whose card is (or is not) ready. */
export interface CardReadyHint {
  counter: number;
  ticket: string;
  code: string;
  ready: boolean;
  readySince: string | null;
  collectedAt: string | null;
  /** What brought it: the call of the ticket, or a scan at the counter. */
  via: 'call' | 'scan';
  at: string;
}

/** Every event, by SSE event name. */
export interface StationEventMap {
  called: CallView;
  recalled: CallView;
  /** A called number marked absent (no-show): the waiting room stops showing it as called. */
  absent: { number: string; counter: number; at: string };
  queue: QueueView;
  notice: NoticeView;
  power: PowerView;
  device: DeviceState;
  /** A technician alert raised or cleared (power, genset, devices). */
  alert: AlertView;
  /** Counter stream only: a ticket of that counter changed. */
  ticket: TicketView & { counter: number };
  card: CardEvent;
  scan: ScanEvent;
  /** The running text showing now. */
  announcements: { items: AnnouncementView[] };
  ishoma: IshomaView;
  information: InformationView;
  'card-check': CardCheckView;
  /** Counter stream only. */
  'card-ready': CardReadyHint;
  /** Counter stream only: a fault that counter reported was opened or resolved (with its repair note). */
  fault: FaultView;
}

export type StationEventName = keyof StationEventMap;

export const PUBLIC_EVENTS: readonly StationEventName[] = [
  'called',
  'recalled',
  'absent',
  'queue',
  'notice',
  'power',
  'device',
  'alert',
  'announcements',
  'ishoma',
  'information',
  'card-check',
];
