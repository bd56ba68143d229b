/**
 * What the station offers residents beyond the queue: the running text and
 * information panel, the ISHOMA notice, "is my card ready?" at the door, and
 * the satisfaction survey at the exit. Built once by the composition root.
 */
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/log.js';
import type { ResolvedConfig } from '../../config/load.js';
import type { Db } from '../store/database.js';
import type { EventBus } from '../event-bus.js';
import type { EntranceScanner } from '../ports.js';
import type { QueueService } from '../queue/queue-service.js';
import type { TicketDispenser } from '../ticket-dispenser.js';
import { residentPhrases, type Phrase } from '../voice/phrases.js';
import { AnnouncementBoard } from './announcements.js';
import { InformationBoard, IshomaNotice } from './notices.js';
import { CardReadyList } from './card-ready/card-list.js';
import { EntranceDesk, pickupServiceOf } from './card-ready/entrance-desk.js';
import { SurveyBook } from './survey/survey-book.js';
import { surveySource, type SurveyFigures } from './survey/figures.js';

export interface Residents {
  announcements: AnnouncementBoard;
  ishoma: IshomaNotice;
  information: InformationBoard;
  cards: CardReadyList;
  desk: EntranceDesk;
  survey: SurveyBook;
  /** The reports' `survey` block for the instants [from, to). */
  surveyFigures: { figures(from: number, to: number): SurveyFigures };
  /** The fixed sentences the entrance answers with (the voice route says only these). */
  phrases: Phrase[];
  /** Code of the card pickup service, or null. */
  pickup: string | null;
  timeZone: string;
  start(): void;
  stop(): void;
}

export interface ResidentDeps {
  db: Db;
  config: ResolvedConfig;
  queue: QueueService;
  dispenser: TicketDispenser;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  /** The scanner at the entrance, when configured. */
  entrance?: EntranceScanner | null;
}

export function createResidents(d: ResidentDeps): Residents {
  const tz = d.config.station.timezone;
  const pickup = pickupServiceOf(d.config.services);
  const phrases = residentPhrases(pickup);
  const cards = new CardReadyList(d.db, d.clock, tz, d.log.child({ ns: 'residents.cards' }));
  const desk = new EntranceDesk({
    queue: d.queue,
    dispenser: d.dispenser,
    cards,
    bus: d.bus,
    clock: d.clock,
    log: d.log.child({ ns: 'residents.entrance' }),
    timeZone: tz,
    phrases,
    pickup,
  });
  if (d.entrance) desk.watch(d.entrance);
  const announcements = new AnnouncementBoard(d.db, d.clock, tz, d.bus, d.log.child({ ns: 'residents.announcements' }));
  const ishoma = new IshomaNotice(d.db, d.clock, tz, d.bus, d.log.child({ ns: 'residents.ishoma' }));
  return {
    announcements,
    ishoma,
    information: new InformationBoard(d.db, d.clock, tz, d.bus, d.log.child({ ns: 'residents.information' })),
    cards,
    desk,
    survey: new SurveyBook(d.db, d.queue, d.clock, tz, d.log.child({ ns: 'residents.survey' })),
    surveyFigures: surveySource(d.db),
    phrases,
    pickup,
    timeZone: tz,
    start() {
      announcements.start();
      ishoma.start();
    },
    stop() {
      announcements.stop();
      ishoma.stop();
      desk.stop();
    },
  };
}
