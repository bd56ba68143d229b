/**
 * The running text on the waiting-room screen: a short list of announcements
 * the office edits (requirements, opening hours, mobile recording days), each
 * shown from / until a time. Kept on disk; the screens get the list that is
 * showing now as an `announcements` event whenever it changes, including
 * when an item's time comes or goes.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import { StationError } from '../../shared/errors.js';
import { isoLocal } from '../../shared/time.js';
import type { Db } from '../store/database.js';
import type { EventBus } from '../event-bus.js';
import type { AnnouncementView } from '../events.js';
import { parseStationTime } from './station-time.js';

export const MAX_ANNOUNCEMENT_CHARS = 280;
export const MAX_ANNOUNCEMENTS = 50;
/** A timer never waits longer than this (long timeouts overflow; the clock may be set meanwhile). */
const MAX_TIMER_MS = 6 * 3600_000;

export interface AnnouncementInput {
  text: string;
  from?: string | null;
  until?: string | null;
}

interface Row {
  id: number;
  position: number;
  text: string;
  from_ms: number | null;
  until_ms: number | null;
}

export interface Problem {
  path: string;
  message: string;
}

/** Characters as a reader counts them (an emoji is one, not two UTF-16 units). */
export const charCount = (s: string) => [...s].length;

/** Checks a list the office sent; every problem with its path, none when all is well. */
export function checkAnnouncements(items: AnnouncementInput[], timeZone: string): { problems: Problem[]; parsed: Omit<Row, 'id'>[] } {
  const problems: Problem[] = [];
  const parsed: Omit<Row, 'id'>[] = [];
  if (items.length > MAX_ANNOUNCEMENTS) problems.push({ path: 'items', message: `at most ${MAX_ANNOUNCEMENTS} announcements` });
  items.forEach((item, i) => {
    const at = `items[${i}]`;
    // Line breaks become spaces: the running text is one line.
    const text = (typeof item.text === 'string' ? item.text : '').replace(/\s+/g, ' ').trim();
    if (text === '') problems.push({ path: `${at}.text`, message: 'is empty' });
    else if (charCount(text) > MAX_ANNOUNCEMENT_CHARS)
      problems.push({ path: `${at}.text`, message: `is ${charCount(text)} characters; at most ${MAX_ANNOUNCEMENT_CHARS}` });
    else if (/\p{Cc}/u.test(text)) problems.push({ path: `${at}.text`, message: 'contains control characters' });
    const time = (key: 'from' | 'until') => {
      const v = item[key];
      if (v === undefined || v === null || v === '') return null;
      const ms = parseStationTime(String(v), timeZone, true);
      if (ms === null)
        problems.push({
          path: `${at}.${key}`,
          message: `"${String(v)}" is not a date-time (2026-12-01T08:00, with or without an offset like +07:00)`,
        });
      return ms;
    };
    const from = time('from');
    const until = time('until');
    if (from !== null && until !== null && until <= from) problems.push({ path: `${at}.until`, message: 'must be after from' });
    parsed.push({ position: i, text, from_ms: from, until_ms: until });
  });
  return { problems, parsed };
}

export class AnnouncementBoard {
  private readonly q;
  private timer: TimerHandle | null = null;
  private lastSent = '';

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly bus: EventBus,
    private readonly log: Logger,
  ) {
    this.q = {
      all: db.prepare<[], Row>('SELECT id, position, text, from_ms, until_ms FROM announcements ORDER BY position, id'),
      clear: db.prepare('DELETE FROM announcements'),
      insert: db.prepare(
        'INSERT INTO announcements (position, text, from_ms, until_ms, saved_at) VALUES (@position, @text, @from_ms, @until_ms, @saved_at)',
      ),
    };
  }

  /** What the display shows now. */
  current(): AnnouncementView[] {
    const now = this.clock.now();
    return this.q.all
      .all()
      .filter((r) => isShowing(r, now))
      .map((r) => this.view(r));
  }

  /** Every stored item, with whether it shows now (the admin page). */
  all(): Array<AnnouncementView & { showing: boolean }> {
    const now = this.clock.now();
    return this.q.all.all().map((r) => ({ ...this.view(r), showing: isShowing(r, now) }));
  }

  /** Replaces the whole list in one transaction; a list with any problem changes nothing. */
  replace(items: AnnouncementInput[]): AnnouncementView[] {
    const { problems, parsed } = checkAnnouncements(items, this.timeZone);
    if (problems.length > 0)
      throw new StationError('VALIDATION_ERROR', problems.map((p) => `${p.path}: ${p.message}`).join('; '), 400, { problems });
    const savedAt = this.clock.now();
    this.db.transaction(() => {
      this.q.clear.run();
      for (const p of parsed) this.q.insert.run({ ...p, saved_at: savedAt });
    })();
    this.log.info({ items: parsed.length }, 'announcements replaced');
    this.refresh();
    return this.current();
  }

  /** Publishes the showing list if it changed and waits for the next from / until. */
  start(): void {
    this.refresh();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private refresh(): void {
    const items = this.current();
    const key = JSON.stringify(items);
    if (key !== this.lastSent) {
      this.lastSent = key;
      this.bus.publish('announcements', { items });
    }
    this.timer?.cancel();
    const now = this.clock.now();
    const next = this.q.all
      .all()
      .flatMap((r) => [r.from_ms, r.until_ms])
      .filter((t): t is number => t !== null && t > now)
      .sort((a, b) => a - b)[0];
    this.timer = next === undefined ? null : this.clock.setTimeout(() => this.refresh(), Math.min(next - now, MAX_TIMER_MS));
  }

  private view(r: Row): AnnouncementView {
    return {
      id: r.id,
      text: r.text,
      ...(r.from_ms !== null ? { from: isoLocal(r.from_ms, this.timeZone) } : {}),
      ...(r.until_ms !== null ? { until: isoLocal(r.until_ms, this.timeZone) } : {}),
    };
  }
}

const isShowing = (r: Row, now: number) => (r.from_ms === null || r.from_ms <= now) && (r.until_ms === null || now < r.until_ms);
