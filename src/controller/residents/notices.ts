/**
 * Two things the office switches or edits for the waiting room, kept on disk
 * in the `notices` table as JSON:
 * - ISHOMA (istirahat, sholat, makan): the prayer / meal break notice, on or
 *   off, with the time service resumes; it switches itself off at that time.
 * - the information panel: requirements for recording, opening hours and the
 *   mobile recording schedule ("jadwal perekaman keliling").
 * Each change is an `ishoma` or `information` event for the screens.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import { StationError } from '../../shared/errors.js';
import { isoLocal, localDate } from '../../shared/time.js';
import type { Db } from '../store/database.js';
import type { EventBus } from '../event-bus.js';
import type { InformationView, IshomaView } from '../events.js';
import { charCount, type Problem } from './announcements.js';
import { isCalendarDay, parseStationTime } from './station-time.js';

const MAX_TIMER_MS = 6 * 3600_000;

class NoticeStore {
  private readonly get;
  private readonly put;
  constructor(db: Db) {
    this.get = db.prepare<[string], { value: string }>('SELECT value FROM notices WHERE key = ?');
    this.put = db.prepare(
      'INSERT INTO notices (key, value, changed_at) VALUES (@key, @value, @at) ON CONFLICT(key) DO UPDATE SET value = @value, changed_at = @at',
    );
  }
  read<T>(key: string): T | null {
    const row = this.get.get(key);
    if (!row) return null;
    try {
      return JSON.parse(row.value) as T;
    } catch {
      return null;
    }
  }
  write(key: string, value: unknown, at: number): void {
    this.put.run({ key, value: JSON.stringify(value), at });
  }
}

const invalid = (problems: Problem[]) =>
  new StationError('VALIDATION_ERROR', problems.map((p) => `${p.path}: ${p.message}`).join('; '), 400, { problems });

// ---- ISHOMA ---------------------------------------------------------------

interface IshomaStored {
  on: boolean;
  sinceMs: number | null;
  untilMs: number | null;
  message: string | null;
}

export interface IshomaInput {
  on: boolean;
  /** When service resumes (a date-time; without offset: station time). */
  until?: string | null;
  /** A line of its own instead of the standard text, at most 140 characters. */
  message?: string | null;
}

export class IshomaNotice {
  private readonly store: NoticeStore;
  private state: IshomaStored;
  private timer: TimerHandle | null = null;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {
    this.store = new NoticeStore(db);
    this.state = this.store.read<IshomaStored>('ishoma') ?? { on: false, sinceMs: null, untilMs: null, message: null };
  }

  view(): IshomaView {
    const s = this.state;
    return {
      on: s.on,
      since: s.on && s.sinceMs !== null ? isoLocal(s.sinceMs, this.timeZone) : null,
      until: s.on && s.untilMs !== null ? isoLocal(s.untilMs, this.timeZone) : null,
      message: s.on ? s.message : null,
    };
  }

  set(input: IshomaInput): IshomaView {
    const now = this.clock.now();
    const problems: Problem[] = [];
    let untilMs: number | null = null;
    if (input.until !== undefined && input.until !== null && input.until !== '') {
      untilMs = parseStationTime(input.until, this.timeZone);
      if (untilMs === null) problems.push({ path: 'until', message: `"${input.until}" is not a date-time (2026-12-01T13:00)` });
      else if (input.on && untilMs <= now) problems.push({ path: 'until', message: 'is already past' });
    }
    const message = input.message?.replace(/\s+/g, ' ').trim() || null;
    if (message && charCount(message) > 140)
      problems.push({ path: 'message', message: `is ${charCount(message)} characters; at most 140` });
    if (problems.length) throw invalid(problems);
    this.state = input.on
      ? { on: true, sinceMs: this.state.on ? this.state.sinceMs : now, untilMs, message }
      : { on: false, sinceMs: null, untilMs: null, message: null };
    this.store.write('ishoma', this.state, now);
    this.log.info({ on: this.state.on, until: untilMs === null ? null : isoLocal(untilMs, this.timeZone) }, 'ISHOMA notice switched');
    this.publish();
    return this.view();
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private publish(): void {
    this.bus.publish('ishoma', this.view());
    this.schedule();
  }

  /** The notice goes off by itself when service resumes. */
  private schedule(): void {
    this.timer?.cancel();
    this.timer = null;
    const until = this.state.on ? this.state.untilMs : null;
    if (until === null) return;
    const wait = until - this.clock.now();
    if (wait <= 0) {
      this.state = { on: false, sinceMs: null, untilMs: null, message: null };
      this.store.write('ishoma', this.state, this.clock.now());
      this.log.info('ISHOMA over: the notice is off');
      this.bus.publish('ishoma', this.view());
      return;
    }
    this.timer = this.clock.setTimeout(() => this.schedule(), Math.min(wait, MAX_TIMER_MS));
  }
}

// ---- information panel ----------------------------------------------------

export interface MobileRecordingDay {
  /** YYYY-MM-DD */
  date: string;
  /** Village and place: "Desa Kodon-Kodon, balai desa". */
  place: string;
  /** "09.00–14.00" */
  hours?: string;
}

export interface InformationInput {
  requirements: string[];
  hours: string[];
  mobileRecording: MobileRecordingDay[];
}

/** What a new station shows until the office edits it (the SOP's requirements, common office hours). */
export const DEFAULT_INFORMATION: InformationInput = {
  requirements: [
    'Berusia 17 tahun, sudah kawin, atau pernah kawin',
    'Membawa fotokopi Kartu Keluarga (KK)',
    'Membawa surat panggilan atau surat pengantar dari desa',
  ],
  hours: ['Senin–Kamis 08.00–15.00 WIB', 'Jumat 08.00–11.30 WIB', 'ISHOMA 12.00–13.00 WIB'],
  mobileRecording: [],
};

const LIMITS = { requirements: [12, 140], hours: [8, 80] } as const;

export function checkInformation(input: InformationInput): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['requirements', 'hours'] as const) {
    const [most, chars] = LIMITS[key];
    const list = input[key];
    if (list.length > most) problems.push({ path: key, message: `at most ${most} lines` });
    list.forEach((line, i) => {
      const text = line.trim();
      if (!text) problems.push({ path: `${key}[${i}]`, message: 'is empty' });
      else if (charCount(text) > chars)
        problems.push({ path: `${key}[${i}]`, message: `is ${charCount(text)} characters; at most ${chars}` });
    });
  }
  if (input.mobileRecording.length > 60) problems.push({ path: 'mobileRecording', message: 'at most 60 days' });
  input.mobileRecording.forEach((d, i) => {
    if (!isCalendarDay(d.date)) problems.push({ path: `mobileRecording[${i}].date`, message: `"${d.date}" is not a day (YYYY-MM-DD)` });
    if (!d.place?.trim()) problems.push({ path: `mobileRecording[${i}].place`, message: 'is empty' });
    else if (charCount(d.place.trim()) > 80) problems.push({ path: `mobileRecording[${i}].place`, message: 'at most 80 characters' });
    if (d.hours !== undefined && charCount(d.hours.trim()) > 40)
      problems.push({ path: `mobileRecording[${i}].hours`, message: 'at most 40 characters' });
  });
  return problems;
}

export class InformationBoard {
  private readonly store: NoticeStore;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {
    this.store = new NoticeStore(db);
  }

  /** The panel as it shows today: mobile recording days from today on, in date order. */
  view(): InformationView {
    const info = this.store.read<InformationInput>('information') ?? DEFAULT_INFORMATION;
    const today = localDate(this.clock.now(), this.timeZone);
    return {
      requirements: [...info.requirements],
      hours: [...info.hours],
      mobileRecording: info.mobileRecording
        .filter((d) => d.date >= today)
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((d) => ({ date: d.date, place: d.place, ...(d.hours ? { hours: d.hours } : {}) })),
    };
  }

  replace(input: InformationInput): InformationView {
    const problems = checkInformation(input);
    if (problems.length) throw invalid(problems);
    const clean: InformationInput = {
      requirements: input.requirements.map((s) => s.replace(/\s+/g, ' ').trim()),
      hours: input.hours.map((s) => s.replace(/\s+/g, ' ').trim()),
      mobileRecording: input.mobileRecording.map((d) => ({
        date: d.date,
        place: d.place.replace(/\s+/g, ' ').trim(),
        ...(d.hours?.trim() ? { hours: d.hours.trim() } : {}),
      })),
    };
    this.store.write('information', clean, this.clock.now());
    this.log.info({ requirements: clean.requirements.length, mobileDays: clean.mobileRecording.length }, 'information panel edited');
    const view = this.view();
    this.bus.publish('information', view);
    return view;
  }
}
