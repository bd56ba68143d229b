import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { bearer, errors } from '../schemas.js';
import { StationError } from '../../shared/errors.js';
import { isoLocal } from '../../shared/time.js';

/** A week at most per request: a day is 86,400,000 ms. */
const MAX_ADVANCE_MS = 7 * 86_400_000;
const AdvanceBody = Type.Object(
  { advanceMs: Type.Integer({ minimum: 0, maximum: MAX_ADVANCE_MS, description: 'milliseconds to move the clock forward' }) },
  { additionalProperties: false },
);
const Now = Type.Object({ now: Type.String({ description: 'the station clock, ISO 8601 with offset' }) });

/** CONTRACT v2: the simulated clock of a `--sim-clock` station (admin); 404 on a station with a real clock. */
export async function simClockRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const clock = () => {
    if (!deps.simClock)
      throw new StationError('NOT_SIMULATED', 'this station runs on the real clock; start it with --sim-clock to move time by hand', 404);
    return deps.simClock;
  };
  const now = () => ({ now: isoLocal(clock().now(), deps.config.station.timezone) });
  const schema = (summary: string, extra: Record<string, unknown> = {}) => ({
    schema: { summary, security: bearer, tags: ['sim'], response: { 200: Now, ...errors(400, 401, 403, 404) }, ...extra },
  });

  app.get('/sim/clock', schema('The simulated clock'), async () => now());

  app.post<{ Body: Static<typeof AdvanceBody> }>(
    '/sim/clock',
    schema('Move the simulated clock forward, running every timer that falls due on the way', { body: AdvanceBody }),
    async (req) => {
      await clock().advance(req.body.advanceMs);
      return now();
    },
  );
}
