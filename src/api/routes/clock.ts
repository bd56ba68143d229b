/**
 * The station's clock for technicians: is it synchronised, what day is
 * numbering on; confirm the date shown, or set the time (../../controller/clock).
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { bearer, errors } from '../schemas.js';

const ClockView = Type.Object({
  now: Type.String(),
  synchronized: Type.Union([Type.Boolean(), Type.Null()]),
  source: Type.String(),
  detail: Type.String(),
  confirmedAt: Type.Union([Type.String(), Type.Null()]),
  offsetMs: Type.Number(),
  numberingDay: Type.String(),
  numberingHeld: Type.Boolean(),
});
const Confirm = Type.Object(
  { date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the date the technician sees: YYYY-MM-DD' }) },
  { additionalProperties: false },
);
const SetTime = Type.Object(
  { now: Type.String({ minLength: 16, maxLength: 40, description: 'ISO 8601 with its offset: 2026-11-30T08:00:00+07:00' }) },
  { additionalProperties: false },
);

/** Technician and admin routes, guarded by their role group's hook; none on a station that does not watch its clock. */
export async function clockRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const clockWatch = deps.clockWatch;
  if (!clockWatch) return;
  app.get(
    '/clock',
    {
      schema: {
        summary: "The station's clock: synchronised?, numbering day (technician, admin)",
        security: bearer,
        response: { 200: ClockView, ...errors(401, 403) },
      },
    },
    async () => clockWatch.view(),
  );
  app.post<{ Body: Static<typeof Confirm> }>(
    '/clock/confirm',
    {
      schema: {
        summary: 'Confirm the date the station shows (technician, admin); 409 CLOCK_MISMATCH if it is another',
        security: bearer,
        body: Confirm,
        response: { 200: ClockView, ...errors(400, 401, 403, 409) },
      },
    },
    async (req) => clockWatch.confirm(req.body.date),
  );
  app.post<{ Body: Static<typeof SetTime> }>(
    '/clock',
    {
      schema: {
        summary: "Set the station's time when the board's clock is wrong and no NTP is reachable (technician, admin)",
        security: bearer,
        body: SetTime,
        response: { 200: ClockView, ...errors(400, 401, 403) },
      },
    },
    async (req) => clockWatch.set(req.body.now),
  );
}
