import { Type } from '@sinclair/typebox';
import { Ticket } from './schemas.js';

export const QueueView = Type.Object({
  date: Type.String(),
  services: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      waiting: Type.Integer(),
      issued: Type.Integer(),
      quota: Type.Integer(),
      remaining: Type.Integer(),
      exhausted: Type.Boolean(),
      estimatedWaitMinutes: Type.Union([Type.Number(), Type.Null()]),
      next: Type.Optional(Type.Array(Type.String(), { description: 'the next waiting numbers in call order (a few)' })),
    }),
  ),
  counters: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      state: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]),
      reason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      pausedBy: Type.Optional(Type.Union([Type.Literal('power'), Type.Literal('officer'), Type.Null()])),
      degraded: Type.Boolean(),
      current: Type.Union([Ticket, Type.Null()]),
    }),
  ),
  printer: Type.Optional(
    Type.Union([Type.Object({ ready: Type.Boolean(), problem: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  ),
});
