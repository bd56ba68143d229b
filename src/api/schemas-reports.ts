/**
 * JSON schemas of the daily and monthly reports (controller/reports/types.ts
 * in schema form): the OpenAPI document shows them, and the serializer sends
 * exactly these fields. tests/reports check that no figure is lost on the way.
 */
import { Type } from '@sinclair/typebox';
import { SurveyBlock } from './routes/residents/schemas.js';

const Num = Type.Union([Type.Number(), Type.Null()]);
const Int = Type.Integer();
const IntOrNull = Type.Union([Type.Integer(), Type.Null()]);
const Str = Type.String();
const StrOrNull = Type.Union([Type.String(), Type.Null()]);

const Summary = Type.Object(
  { mean: Num, median: Num, p90: Num, max: Num },
  { description: 'seconds to 0.1: mean, median, nearest-rank 90th percentile, maximum' },
);

const StepFigure = Type.Object({
  step: Str,
  count: Int,
  meanS: Num,
  p90S: Num,
  targetS: Num,
  overTarget: IntOrNull,
  medianS: Num,
  maxS: Num,
});

const ServiceFigures = Type.Object({
  code: Str,
  issued: Int,
  priorityIssued: Int,
  refusedAtQuota: Int,
  done: Int,
  noShow: Int,
  transferredOut: Int,
  waitingAtClose: Int,
  waitS: Summary,
  serviceS: Summary,
  waitAboveTarget: IntOrNull,
  steps: Type.Array(StepFigure),
  name: Str,
  recording: Type.Boolean(),
  transferredIn: Int,
  targetWaitMinutes: Num,
  waitBuckets: Type.Array(Type.Object({ label: Str, fromMin: Type.Number(), toMin: Num, tickets: Int })),
  walkS: Summary,
  documentClock: Type.Union([
    Type.Null(),
    Type.Object(
      { tickets: Int, meanS: Num, medianS: Num, p90S: Num, maxS: Num, withinHour: Int, withinHourPct: Num },
      { description: 'Permendagri 19/2018: end of verify to done; share within one hour' },
    ),
  ]),
  outliers: Type.Array(
    Type.Object({
      day: Str,
      number: Str,
      figure: Type.Union([Type.Literal('wait'), Type.Literal('service'), Type.Literal('step'), Type.Literal('walk')]),
      step: StrOrNull,
      valueS: Type.Number(),
      meanS: Type.Number(),
      z: Type.Number(),
    }),
  ),
  waiting: Int,
  meanWaitMin: Num,
  meanServiceMin: Num,
});

const HourFigures = Type.Object({ hour: Int, issued: Int, called: Int, done: Int, meanWaitS: Num, maxWaitS: Num });

const CounterFigures = Type.Object({
  id: Int,
  servingS: Type.Number(),
  pausedS: Type.Number(),
  done: Int,
  name: Str,
  noShow: Int,
  startedAt: StrOrNull,
  endedAt: StrOrNull,
  openS: Type.Number(),
  closedS: Type.Number(),
  idleS: Type.Number(),
  utilisationPct: Num,
});

const Coverage = Type.Union([
  Type.Null(),
  Type.Object({
    obliged: Int,
    recorded: Int,
    remaining: Int,
    recordedToday: Int,
    perDay: Num,
    daysToCover: IntOrNull,
    recordedBefore: Int,
    since: Str,
    recordedSince: Int,
    recordedPct: Type.Number(),
    daysInMean: Int,
  }),
]);

const Capacity = Type.Union([
  Type.Null(),
  Type.Object({
    recordingSets: Int,
    perDay: Num,
    perSetPerDay: Num,
    daysToCover: IntOrNull,
    withOneMoreSet: Type.Object({
      recordingSets: Int,
      perDay: Num,
      daysToCover: IntOrNull,
      daysSaved: IntOrNull,
      requiredW: Type.Number(),
      gensetRatedW: Type.Number(),
      gensetEnough: Type.Boolean(),
      gensetShortW: Type.Number(),
    }),
  }),
]);

const Power = Type.Union([
  Type.Null(),
  Type.Object({
    minutes: Type.Object({ mains: Type.Number(), genset: Type.Number(), battery: Type.Number(), unknown: Type.Number() }),
    outages: Int,
    outageMinutes: Type.Number(),
    gensetRuns: Int,
    gensetMinutes: Type.Number(),
    meanGensetDelayS: Num,
    lostMinutes: Type.Number(),
    ticketsIssuedDuringOutages: Int,
    list: Type.Array(Type.Object({ startedAt: Str, endedAt: StrOrNull, minutes: Type.Number(), gensetDelayS: Num, ticketsIssued: Int })),
  }),
]);

const Faults = Type.Union([
  Type.Null(),
  Type.Object({
    opened: Int,
    resolved: Int,
    meanRepairMin: Num,
    openAtEndOfDay: Int,
    list: Type.Array(
      Type.Object({
        id: Int,
        device: Str,
        counter: IntOrNull,
        reportedAt: Str,
        resolvedAt: StrOrNull,
        repairMinutes: Num,
      }),
    ),
  }),
]);

const Survey = Type.Union([Type.Null(), SurveyBlock]);

const Totals = Type.Object({ issued: Int, done: Int, noShow: Int, refusedAtQuota: Int, waitingAtClose: Int });

const RangeFigures = {
  services: Type.Array(ServiceFigures),
  hours: Type.Array(HourFigures),
  counters: Type.Array(CounterFigures),
  totals: Totals,
  power: Power,
  faults: Faults,
  alerts: Type.Union([Type.Null(), Type.Record(Type.String(), Type.Integer())]),
};

export const DailyReportSchema = Type.Object({
  date: Str,
  ...RangeFigures,
  coverage: Coverage,
  stationId: Str,
  generatedAt: Str,
  capacity: Capacity,
  survey: Survey,
});

const DayService = Type.Object({
  code: Str,
  issued: Int,
  done: Int,
  noShow: Int,
  refusedAtQuota: Int,
  waitS: Summary,
  serviceS: Summary,
  waitAboveTarget: IntOrNull,
});

export const MonthlyReportSchema = Type.Object({
  month: Str,
  stationId: Str,
  generatedAt: Str,
  from: Str,
  to: Str,
  days: Type.Array(
    Type.Object({
      date: Str,
      issued: Int,
      done: Int,
      noShow: Int,
      refusedAtQuota: Int,
      recorded: Int,
      waitS: Summary,
      serviceS: Summary,
      waitAboveTarget: Int,
      powerLostMinutes: Type.Number(),
      faultsOpened: Int,
      services: Type.Array(DayService),
    }),
  ),
  figures: Type.Object(RangeFigures),
  coverage: Coverage,
  capacity: Capacity,
  coverageByDay: Type.Array(Type.Object({ date: Str, recorded: Int, cumulative: Int })),
  survey: Survey,
});
