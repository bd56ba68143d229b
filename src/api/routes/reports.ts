import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { allow } from '../auth.js';
import type { RouteOpts } from '../deps.js';
import { DateQuery, bearer, errors } from '../schemas.js';
import { StationError } from '../../shared/errors.js';
import { dailyReport } from '../../controller/reports/daily.js';
import { dailyReportCsv } from '../../controller/reports/csv.js';

const Query = Type.Object(
  {
    date: Type.Optional(DateQuery),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    token: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const Num = Type.Union([Type.Number(), Type.Null()]);
const Report = Type.Object({
  date: Type.String(),
  services: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      issued: Type.Integer(),
      done: Type.Integer(),
      noShow: Type.Integer(),
      waiting: Type.Integer(),
      meanWaitMin: Num,
      meanServiceMin: Num,
      steps: Type.Array(Type.Object({ step: Type.String(), count: Type.Integer(), meanS: Num })),
    }),
  ),
  totals: Type.Object({ issued: Type.Integer(), done: Type.Integer(), noShow: Type.Integer() }),
  power: Type.Union([
    Type.Null(),
    Type.Object({
      minutes: Type.Object({ mains: Type.Number(), genset: Type.Number(), battery: Type.Number(), unknown: Type.Number() }),
      outages: Type.Integer(),
      outageMinutes: Type.Number(),
      gensetRuns: Type.Integer(),
      gensetMinutes: Type.Number(),
      meanGensetDelayS: Num,
    }),
  ]),
  faults: Type.Union([
    Type.Null(),
    Type.Object({
      opened: Type.Integer(),
      resolved: Type.Integer(),
      meanRepairMin: Num,
      openAtEndOfDay: Type.Integer(),
      list: Type.Array(
        Type.Object({
          id: Type.Integer(),
          device: Type.String(),
          counter: Type.Union([Type.Integer(), Type.Null()]),
          reportedAt: Type.String(),
          resolvedAt: Type.Union([Type.String(), Type.Null()]),
          repairMinutes: Num,
        }),
      ),
    }),
  ]),
  alerts: Type.Union([Type.Null(), Type.Record(Type.String(), Type.Integer())]),
});

/** The day's figures (technician, admin); `&format=csv` for a spreadsheet. */
export async function reportRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  app.get<{ Querystring: Static<typeof Query> }>(
    '/api/v1/reports/daily',
    {
      onRequest: allow('technician', 'admin'),
      schema: {
        summary: "A local day's tickets, waits, SOP step durations, power minutes and faults; &format=csv for CSV (technician, admin)",
        security: bearer,
        tags: ['reports'],
        querystring: Query,
        response: { 200: Report, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const date = req.query.date ?? deps.queue.today();
      if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
        throw new StationError('VALIDATION_ERROR', `date ${date} is not a calendar day`, 400);
      const report = dailyReport({ config: deps.config, queue: deps.queue, power: deps.power ?? null, faults: deps.faults ?? null }, date);
      if (req.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="ktp-${deps.config.station.id}-${date}.csv"`)
          .serializer((x: unknown) => x as string)
          .send(dailyReportCsv(report));
      }
      return report;
    },
  );
}
