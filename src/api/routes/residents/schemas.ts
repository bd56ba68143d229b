/** JSON schemas of the residents' routes (CONTRACT v2 "For residents"). */
import { Type } from '@sinclair/typebox';

const Time = Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
  description: 'ISO 8601 date-time; without an offset it is station time',
});

export const Announcement = Type.Object({
  id: Type.Integer(),
  text: Type.String(),
  from: Type.Optional(Type.String()),
  until: Type.Optional(Type.String()),
  showing: Type.Optional(Type.Boolean()),
});

export const AnnouncementList = Type.Object({ items: Type.Array(Announcement) });

export const AnnouncementsBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          text: Type.String({ maxLength: 2000, description: 'at most 280 characters once trimmed' }),
          from: Type.Optional(Time),
          until: Type.Optional(Time),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);

export const Ishoma = Type.Object({
  on: Type.Boolean(),
  since: Type.Union([Type.String(), Type.Null()]),
  until: Type.Union([Type.String(), Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]),
});

export const IshomaBody = Type.Object(
  {
    on: Type.Boolean(),
    until: Type.Optional(Time),
    message: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

const MobileDay = Type.Object(
  {
    date: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
    place: Type.String({ maxLength: 400 }),
    hours: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const Information = Type.Object({
  requirements: Type.Array(Type.String()),
  hours: Type.Array(Type.String()),
  mobileRecording: Type.Array(Type.Object({ date: Type.String(), place: Type.String(), hours: Type.Optional(Type.String()) })),
});

export const InformationBody = Type.Object(
  {
    requirements: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
    hours: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
    mobileRecording: Type.Array(MobileDay, { maxItems: 500 }),
  },
  { additionalProperties: false },
);

export const ImportReply = Type.Object({
  imported: Type.Integer(),
  added: Type.Integer(),
  updated: Type.Integer(),
  rejected: Type.Array(
    Type.Object({ line: Type.Integer(), why: Type.String(), whyId: Type.String({ description: 'the same in Indonesian' }) }),
  ),
  list: Type.Object({ waiting: Type.Integer(), notYet: Type.Integer(), collected: Type.Integer() }),
});

export const CardLookup = Type.Object({
  code: Type.String(),
  ready: Type.Boolean(),
  readySince: Type.Optional(Type.String()),
  collectedAt: Type.Optional(Type.String()),
});

export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

export const TicketNumber = Type.String({ pattern: '^[A-Za-z]-[0-9]{3}$', description: "today's ticket number, e.g. A-007" });

export const SurveyBody = Type.Object(
  {
    ticket: TicketNumber,
    answers: Type.Array(Type.Integer({ minimum: 1, maximum: 4 }), {
      minItems: 9,
      maxItems: 9,
      description: 'the nine SKM elements U1…U9 in order, each 1 (worst) to 4 (best)',
    }),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const SurveyReceipt = Type.Object({
  survey: Type.Object({ ticket: Type.String(), date: Type.String(), answeredAt: Type.String() }),
});

export const SurveyTicketParams = Type.Object({ ticket: TicketNumber }, { additionalProperties: false });

/** The `survey` block of the daily and monthly reports. */
const Num = Type.Union([Type.Number(), Type.Null()]);
const Grade = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D'), Type.Null()]);
export const SurveyBlock = Type.Object({
  responses: Type.Integer(),
  nrr: Type.Array(Num, { minItems: 9, maxItems: 9, description: 'mean answer per element U1…U9' }),
  ikm: Num,
  grade: Grade,
  byWait: Type.Array(
    Type.Object({
      wait: Type.Union([Type.Literal('under30'), Type.Literal('30to60'), Type.Literal('over60'), Type.Literal('notCalled')]),
      fromMin: Num,
      toMin: Num,
      responses: Type.Integer(),
      ikm: Num,
      grade: Grade,
    }),
  ),
  comments: Type.Array(Type.String()),
});
