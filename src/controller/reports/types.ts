/**
 * The shape of the daily and monthly reports. The CONTRACT v2 fixed fields
 * come first in each object; the rest is what an office report needs beyond
 * them. Durations are seconds rounded to 0.1 (fields ending in S), minutes
 * where the name says Min or Minutes.
 */
import type { PowerSource } from '../events.js';
import type { Summary } from './stats.js';
import type { SurveyFigures } from '../residents/survey/figures.js';

export type { Summary } from './stats.js';

export interface StepFigure {
  step: string;
  count: number;
  meanS: number | null;
  p90S: number | null;
  /** From `services[].targets.stepSeconds`; null without a target. */
  targetS: number | null;
  /** Steps that took longer than the target; null without a target. */
  overTarget: number | null;
  medianS: number | null;
  maxS: number | null;
}

export interface WaitBucket {
  label: string;
  fromMin: number;
  /** null: no upper bound. */
  toMin: number | null;
  tickets: number;
}

/** Permendagri 19/2018: from the end of `verify` (requirements complete) to done. */
export interface DocumentClock {
  tickets: number;
  meanS: number | null;
  medianS: number | null;
  p90S: number | null;
  maxS: number | null;
  withinHour: number;
  /** Share of those tickets done within one hour, in percent to 0.1. */
  withinHourPct: number | null;
}

/** A figure at least 3 standard deviations from its service's mean: shown, never dropped. */
export interface Outlier {
  day: string;
  number: string;
  figure: 'wait' | 'service' | 'step' | 'walk';
  step: string | null;
  valueS: number;
  meanS: number;
  z: number;
}

export interface ServiceFigures {
  code: string;
  issued: number;
  priorityIssued: number;
  refusedAtQuota: number;
  done: number;
  noShow: number;
  transferredOut: number;
  waitingAtClose: number;
  waitS: Summary;
  serviceS: Summary;
  waitAboveTarget: number | null;
  steps: StepFigure[];
  // ---- beyond the fixed fields
  name: string;
  recording: boolean;
  transferredIn: number;
  targetWaitMinutes: number | null;
  /** Waits of 0–5, 5–20, 20–60 and 60+ minutes (lower bound included). */
  waitBuckets: WaitBucket[];
  /** From the (last) call to the first step at the counter: the resident's walk. */
  walkS: Summary;
  documentClock: DocumentClock | null;
  outliers: Outlier[];
  /** Older names, kept for the pages that read them. */
  waiting: number;
  meanWaitMin: number | null;
  meanServiceMin: number | null;
}

export interface HourFigures {
  hour: number;
  issued: number;
  /** First calls. */
  called: number;
  done: number;
  /** Mean and longest wait of the tickets issued in that hour that were called. */
  meanWaitS: number | null;
  maxWaitS: number | null;
}

export interface CounterFigures {
  id: number;
  servingS: number;
  pausedS: number;
  done: number;
  // ---- beyond the fixed fields
  name: string;
  noShow: number;
  /** The counter's working day: its first call to the end of its last ticket (now, while it holds one). */
  startedAt: string | null;
  endedAt: string | null;
  openS: number;
  closedS: number;
  /** Open and not serving: waiting for a resident, between residents. */
  idleS: number;
  /** servingS / openS, in percent to 0.1; null when the counter was never open. */
  utilisationPct: number | null;
}

export interface CoverageFigures {
  obliged: number;
  recorded: number;
  remaining: number;
  recordedToday: number;
  perDay: number | null;
  daysToCover: number | null;
  // ---- beyond the fixed fields
  recordedBefore: number;
  since: string;
  /** Recorded since `since` up to the report's day. */
  recordedSince: number;
  recordedPct: number;
  /** How many days (at most 20) perDay is the mean of. */
  daysInMean: number;
}

export interface CapacityPlan {
  recordingSets: number;
  perDay: number | null;
  perSetPerDay: number | null;
  daysToCover: number | null;
  /** What one more recording set would change, at the same pace per set. */
  withOneMoreSet: {
    recordingSets: number;
    perDay: number | null;
    daysToCover: number | null;
    daysSaved: number | null;
    /** 3,500 W + 350 W per set beyond the first. */
    requiredW: number;
    gensetRatedW: number;
    gensetEnough: boolean;
    /** Watts the genset is short of; 0 when it is enough. */
    gensetShortW: number;
  };
}

export interface OutageFigure {
  startedAt: string;
  endedAt: string | null;
  /** Within the report's days. */
  minutes: number;
  gensetDelayS: number | null;
  ticketsIssued: number;
}

export interface PowerFigures {
  minutes: Record<PowerSource, number>;
  outages: number;
  outageMinutes: number;
  gensetRuns: number;
  gensetMinutes: number;
  meanGensetDelayS: number | null;
  /** Minutes the recording sets had no power at all (neither mains nor genset). */
  lostMinutes: number;
  ticketsIssuedDuringOutages: number;
  list: OutageFigure[];
}

export interface FaultFigures {
  opened: number;
  resolved: number;
  meanRepairMin: number | null;
  openAtEndOfDay: number;
  list: Array<{
    id: number;
    device: string;
    counter: number | null;
    reportedAt: string;
    resolvedAt: string | null;
    repairMinutes: number | null;
  }>;
}

/** CONTRACT v2 survey block (SKM, PermenPAN-RB 14/2017), built by the residents' survey (src/controller/residents/survey/figures.ts). */
export type { SurveyFigures } from '../residents/survey/figures.js';

/** Where survey figures come from; the reports ask it for the instants [from, to). */
export interface SurveySource {
  figures(from: number, to: number): SurveyFigures | null;
}

export interface DailyReport {
  date: string;
  services: ServiceFigures[];
  hours: HourFigures[];
  counters: CounterFigures[];
  coverage: CoverageFigures | null;
  // ---- beyond the fixed fields
  stationId: string;
  generatedAt: string;
  totals: { issued: number; done: number; noShow: number; refusedAtQuota: number; waitingAtClose: number };
  capacity: CapacityPlan | null;
  power: PowerFigures | null;
  faults: FaultFigures | null;
  alerts: Record<string, number> | null;
  survey: SurveyFigures | null;
}

/** One day in the monthly report. */
export interface MonthDay {
  date: string;
  issued: number;
  done: number;
  noShow: number;
  refusedAtQuota: number;
  recorded: number;
  waitS: Summary;
  serviceS: Summary;
  waitAboveTarget: number;
  powerLostMinutes: number;
  faultsOpened: number;
  services: Array<
    Pick<ServiceFigures, 'code' | 'issued' | 'done' | 'noShow' | 'refusedAtQuota' | 'waitS' | 'serviceS' | 'waitAboveTarget'>
  >;
}

export interface MonthlyReport {
  month: string;
  stationId: string;
  generatedAt: string;
  from: string;
  to: string;
  /** Days of the month with any ticket. */
  days: MonthDay[];
  /** The month as one: every figure over all its tickets (not a mean of daily means). */
  figures: Omit<DailyReport, 'date' | 'coverage' | 'capacity' | 'stationId' | 'generatedAt' | 'survey'>;
  coverage: CoverageFigures | null;
  capacity: CapacityPlan | null;
  /** Recorded people by day through the month (cumulative), for the coverage chart. */
  coverageByDay: Array<{ date: string; recorded: number; cumulative: number }>;
  survey: SurveyFigures | null;
}
