import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { bearer, errors } from '../schemas.js';
import { StationError } from '../../shared/errors.js';
import { isoLocal, localDate, startOfLocalDay } from '../../shared/time.js';
import type { PowerSupervisor } from '../../controller/power/supervisor.js';

const Num = Type.Union([Type.Number(), Type.Null()]);
const Bool = Type.Union([Type.Boolean(), Type.Null()]);
const Source = Type.Union(['mains', 'genset', 'battery', 'unknown'].map((s) => Type.Literal(s)));
const Minutes = Type.Object({ mains: Type.Number(), genset: Type.Number(), battery: Type.Number(), unknown: Type.Number() });

export const AlertSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  subject: Type.String(),
  severity: Type.String(),
  active: Type.Boolean(),
  message: Type.String(),
  messageId: Type.String(),
  value: Num,
  threshold: Num,
  raisedAt: Type.String(),
  clearedAt: Type.Union([Type.String(), Type.Null()]),
});

const PowerReply = Type.Object({
  source: Source,
  mains: Bool,
  genset: Bool,
  outage: Type.Boolean(),
  outageSince: Type.Union([Type.String(), Type.Null()]),
  gensetRunningSince: Type.Union([Type.String(), Type.Null()]),
  recordingPowered: Type.Boolean(),
  supply: Type.Object({ busVoltage: Num, currentA: Num, powerW: Num }),
  gensetBatteryV: Num,
  fuelPercent: Num,
  acPresent: Bool,
  budget: Type.Object({
    recordingSets: Type.Integer(),
    requiredW: Type.Number(),
    availableW: Type.Number(),
    gensetCanCarry: Type.Integer(),
    marginW: Type.Number(),
    warning: Type.Union([Type.String(), Type.Null()]),
  }),
  counters: Type.Object({ paused: Type.Array(Type.Integer()), pausing: Type.Array(Type.Integer()) }),
  today: Type.Object({ date: Type.String(), minutes: Minutes }),
  alerts: Type.Array(AlertSchema),
  at: Type.String(),
});

const Sample = Type.Object({
  at: Type.String(),
  resolution: Type.String(),
  source: Source,
  mains: Bool,
  genset: Bool,
  busVoltage: Num,
  currentA: Num,
  powerW: Num,
  gensetBatteryV: Num,
  fuelPercent: Num,
});
const PowerEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  kind: Type.String(),
  source: Type.Union([Source, Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

const Hours = Type.String({ pattern: '^[0-9]{1,5}$', description: 'hours back from now' });
const HistoryQuery = Type.Object({ hours: Type.Optional(Hours), token: Type.Optional(Type.String()) }, { additionalProperties: false });
const EventsQuery = Type.Object(
  { hours: Type.Optional(Hours), limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })), token: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
const AlertsQuery = Type.Object(
  {
    active: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    hours: Type.Optional(Hours),
    token: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const PlainQuery = Type.Object({ token: Type.Optional(Type.String()) }, { additionalProperties: false });

const MAX_HOURS = 24 * 400;

function hoursOf(q: string | undefined, dflt: number): number {
  const h = q === undefined ? dflt : Number(q);
  if (h < 1 || h > MAX_HOURS) throw new StationError('VALIDATION_ERROR', `hours must be 1..${MAX_HOURS}`, 400);
  return h;
}

/** Power state, history, events and alerts (technician, admin). */
export async function powerRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const power = (): PowerSupervisor => {
    if (!deps.power) throw new StationError('NOT_CONFIGURED', 'power supervision is not running on this station', 404);
    return deps.power;
  };
  const tz = deps.config.station.timezone;
  const now = () => power().now();
  const opts = (summary: string, querystring: unknown, reply: unknown) => ({
    schema: {
      summary,
      security: bearer,
      tags: ['power'],
      ...(querystring ? { querystring } : {}),
      response: { 200: reply, ...errors(400, 401, 403, 404) },
    },
  });

  app.get(
    '/power',
    opts('Power source, genset, supply rail, budget and active alerts (technician, admin)', PlainQuery, PowerReply),
    async () => {
      const p = power();
      const view = p.view();
      const t = p.now();
      const date = localDate(t, tz);
      return { ...view, today: { date, minutes: p.minutesBySource(startOfLocalDay(date, tz), t + 1) }, alerts: p.alerts.list() };
    },
  );

  app.get<{ Querystring: Static<typeof HistoryQuery> }>(
    '/power/history',
    opts(
      'Per-minute power samples (hourly means past 30 days) (technician, admin)',
      HistoryQuery,
      Type.Object({ from: Type.String(), to: Type.String(), samples: Type.Array(Sample) }),
    ),
    async (req) => {
      const hours = hoursOf(req.query.hours, 24);
      const to = now() + 1;
      const from = to - hours * 3_600_000;
      const samples = power()
        .store.samples(from, to)
        .map((s) => ({ ...s, at: isoLocal(s.at, tz) }));
      return { from: isoLocal(from, tz), to: isoLocal(to, tz), samples };
    },
  );

  app.get<{ Querystring: Static<typeof EventsQuery> }>(
    '/power/events',
    opts(
      'Outages, genset runs and source changes, newest first (technician, admin)',
      EventsQuery,
      Type.Object({ events: Type.Array(PowerEvent) }),
    ),
    async (req) => {
      const hours = hoursOf(req.query.hours, 24 * 7);
      const to = now() + 1;
      const events = power()
        .store.events(to - hours * 3_600_000, to, Number(req.query.limit ?? 500))
        .map((e) => ({ ...e, at: isoLocal(e.at, tz) }));
      return { events };
    },
  );

  app.get<{ Querystring: Static<typeof AlertsQuery> }>(
    '/alerts',
    opts(
      'Technician alerts: active ones, or all within the last hours (technician, admin)',
      AlertsQuery,
      Type.Object({ alerts: Type.Array(AlertSchema) }),
    ),
    async (req) => {
      const p = power();
      if (req.query.active === 'true') return { alerts: p.alerts.list() };
      const to = now() + 1;
      return { alerts: p.alerts.history(to - hoursOf(req.query.hours, 24 * 7) * 3_600_000, to) };
    },
  );
}
