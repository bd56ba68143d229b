/** JSON schemas shared by routes: what the OpenAPI document shows and what Fastify validates. */
import { Type, type TSchema } from '@sinclair/typebox';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({ code: Type.String(), message: Type.String() }),
  },
  { $id: 'Error' },
);

export const Step = Type.Object({
  step: Type.String(),
  service: Type.String({ description: 'the service the ticket had when the step ran' }),
  startedAt: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  durationS: Type.Union([Type.Number(), Type.Null()]),
});

export const Ticket = Type.Object({
  id: Type.Integer(),
  number: Type.String({ pattern: '^[A-Z]-[0-9]{3}$', examples: ['A-007'] }),
  service: Type.String(),
  priority: Type.Boolean(),
  status: Type.Union(
    ['waiting', 'called', 'serving', 'done', 'no_show', 'printing', 'void'].map((s) => Type.Literal(s)),
    {
      description: 'printing: a button ticket not yet in the queue; void: its print failed, never called',
    },
  ),
  issuedAt: Type.String({ format: 'date-time' }),
  calledAt: Type.Optional(Type.String()),
  counter: Type.Optional(Type.Integer()),
  ahead: Type.Optional(Type.Integer()),
  calls: Type.Optional(Type.Integer()),
  estimatedWaitMinutes: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  finishedAt: Type.Optional(Type.String()),
  steps: Type.Optional(Type.Array(Step)),
  summons: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  voidReason: Type.Optional(Type.String()),
});

export const TicketReply = Type.Object({ ticket: Ticket });

/** A body that must be absent or `{}`. */
export const NoBody = Type.Object({}, { additionalProperties: false });

export const CounterParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,3}$' }) }, { additionalProperties: false });

export const DateQuery = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'local day YYYY-MM-DD (a calendar day: 2024-02-30 is refused)',
});

/** Standard error responses for a route's schema. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]));
}

export const bearer = [{ bearer: [] as string[] }];
