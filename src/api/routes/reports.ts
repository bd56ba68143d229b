import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { RouteOpts } from '../deps.js';
import { DateQuery, bearer, errors } from '../schemas.js';
import { DailyReportSchema, MonthlyReportSchema } from '../schemas-reports.js';
import { StationError } from '../../shared/errors.js';
import { dailyReport, type ReportDeps } from '../../controller/reports/daily.js';
import { monthlyReport } from '../../controller/reports/monthly.js';
import { dailyReportCsv, monthlyReportCsv } from '../../controller/reports/csv.js';

const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')]));
const Locale = Type.Optional(
  Type.Union([Type.Literal('en'), Type.Literal('id')], {
    description: 'CSV for an Indonesian spreadsheet: id = semicolons, decimal comma, UTF-8 BOM',
  }),
);

const DailyQuery = Type.Object(
  { date: Type.Optional(DateQuery), format: Format, locale: Locale, token: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

const MonthlyQuery = Type.Object(
  {
    month: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM (default: this month)' })),
    format: Format,
    locale: Locale,
    token: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

function isCalendarDay(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

const csv = (reply: FastifyReply, filename: string, body: string) =>
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .serializer((x: unknown) => x as string)
    .send(body);

/** The day's and the month's figures (technician, admin); `&format=csv` for a spreadsheet. */
export async function reportRoutes(app: FastifyInstance, { deps }: RouteOpts) {
  const reportDeps = (): ReportDeps => ({
    config: deps.config,
    queue: deps.queue,
    power: deps.power ?? null,
    faults: deps.faults ?? null,
    survey: deps.survey ?? null,
  });

  app.get<{ Querystring: Static<typeof DailyQuery> }>(
    '/reports/daily',
    {
      schema: {
        summary:
          "A local day's figures: per service waits, service and step times against targets, hours, counters, coverage; &format=csv for CSV (technician, admin)",
        security: bearer,
        tags: ['reports'],
        querystring: DailyQuery,
        response: { 200: DailyReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const date = req.query.date ?? deps.queue.today();
      if (!isCalendarDay(date)) throw new StationError('VALIDATION_ERROR', `date ${date} is not a calendar day`, 400);
      const report = dailyReport(reportDeps(), date);
      if (req.query.format === 'csv')
        return csv(reply, `ktp-${deps.config.station.id}-${date}.csv`, dailyReportCsv(report, req.query.locale ?? 'en'));
      return report;
    },
  );

  app.get<{ Querystring: Static<typeof MonthlyQuery> }>(
    '/reports/monthly',
    {
      schema: {
        summary: "A month's figures per day and for the month, coverage and the capacity plan; &format=csv for CSV (technician, admin)",
        security: bearer,
        tags: ['reports'],
        querystring: MonthlyQuery,
        response: { 200: MonthlyReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const month = req.query.month ?? deps.queue.today().slice(0, 7);
      const report = monthlyReport(reportDeps(), month);
      if (req.query.format === 'csv')
        return csv(reply, `ktp-${deps.config.station.id}-${month}.csv`, monthlyReportCsv(report, req.query.locale ?? 'en'));
      return report;
    },
  );
}
