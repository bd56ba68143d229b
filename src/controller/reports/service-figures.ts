/**
 * Per-service figures of a set of tickets (CONTRACT v2 definitions):
 * a ticket's wait runs from issue to its last call, its service from its
 * last call to done, a step from its start to the start of the next step or
 * to done (or to the transfer that ended it); a step counts under the service
 * the ticket had when the step ran.
 */
import type { ServiceConfig } from '../../config/schema.js';
import type { ReportStep, ReportTicket, Transfer } from './report-store.js';
import { mean, nearestRank, median, max, seconds1, summary, zScores, round1, round2 } from './stats.js';
import type { DocumentClock, Outlier, ServiceFigures, StepFigure, WaitBucket } from './types.js';

const MIN = 60_000;
export const WAIT_BUCKETS: Array<[string, number, number | null]> = [
  ['0–5', 0, 5],
  ['5–20', 5, 20],
  ['20–60', 20, 60],
  ['60+', 60, null],
];
/** Permendagri 19/2018 Pasal 3(2): documents within 1 hour once requirements are complete. */
export const DOCUMENT_HOUR_MS = 3_600_000;
export const OUTLIER_Z = 3;
/** The step that completes the requirements; the document clock runs from its end. */
export const VERIFY_STEP = 'verify';

export interface ServiceInputs {
  tickets: ReportTicket[];
  steps: ReportStep[];
  transfers: Transfer[];
  refusals: Array<{ service: string }>;
}

export const waitMs = (t: ReportTicket): number | null => (t.called_at === null ? null : t.called_at - t.issued_at);
export const serviceMs = (t: ReportTicket): number | null =>
  t.status === 'done' && t.called_at !== null && t.finished_at !== null ? t.finished_at - t.called_at : null;
export const stepMs = (s: ReportStep): number | null => (s.ended_at === null ? null : s.ended_at - s.started_at);

const present = <T>(x: T | null): x is T => x !== null;

/** Steps per ticket, in the order they ran. */
export function stepsByTicket(steps: ReportStep[]): Map<number, ReportStep[]> {
  const out = new Map<number, ReportStep[]>();
  for (const s of steps) {
    const list = out.get(s.ticket_id);
    if (list) list.push(s);
    else out.set(s.ticket_id, [s]);
  }
  return out;
}

/** The first step started at or after the ticket's last call: the resident has reached the counter. */
export function walkMs(t: ReportTicket, own: ReportStep[] | undefined): number | null {
  if (t.called_at === null || !own) return null;
  const first = own.find((s) => s.started_at >= t.called_at!);
  return first ? first.started_at - t.called_at : null;
}

/** End of the last `verify` under the service the ticket was done in, to done. */
export function documentMs(t: ReportTicket, own: ReportStep[] | undefined): number | null {
  if (t.status !== 'done' || t.finished_at === null || !own) return null;
  const verify = own.filter((s) => s.step === VERIFY_STEP && s.service === t.service && s.ended_at !== null).at(-1);
  return verify ? t.finished_at - verify.ended_at! : null;
}

export function serviceFigures(cfg: ServiceConfig, x: ServiceInputs, byTicket: Map<number, ReportStep[]>): ServiceFigures {
  const mine = x.tickets.filter((t) => t.service === cfg.code);
  const numbered = x.tickets.filter((t) => t.prefix === cfg.code);
  const waited = mine.filter((t) => t.called_at !== null);
  const waits = waited.map((t) => waitMs(t)!);
  const served = mine.filter((t) => serviceMs(t) !== null);
  const services = served.map((t) => serviceMs(t)!);
  const targetWait = cfg.targets?.waitMinutes ?? null;
  const walked = mine.map((t) => ({ t, ms: walkMs(t, byTicket.get(t.id)) })).filter((w) => w.ms !== null);
  const clocked = mine.map((t) => documentMs(t, byTicket.get(t.id))).filter(present);
  const steps = stepFigures(cfg, x.steps);
  const number = new Map(x.tickets.map((t) => [t.id, t]));
  const outliers: Outlier[] = [
    ...flag('wait', null, waited, waits),
    ...flag('service', null, served, services),
    ...flag(
      'walk',
      null,
      walked.map((w) => w.t),
      walked.map((w) => w.ms!),
    ),
    ...steps.flatMap((f) => {
      const rows = x.steps.filter((s) => s.service === cfg.code && s.step === f.step && s.ended_at !== null && number.has(s.ticket_id));
      return flag(
        'step',
        f.step,
        rows.map((s) => number.get(s.ticket_id)!),
        rows.map((s) => stepMs(s)!),
      );
    }),
  ];
  return {
    code: cfg.code,
    issued: numbered.length,
    priorityIssued: numbered.filter((t) => t.priority === 1).length,
    refusedAtQuota: x.refusals.filter((r) => r.service === cfg.code).length,
    done: mine.filter((t) => t.status === 'done').length,
    noShow: mine.filter((t) => t.status === 'no_show').length,
    transferredOut: x.transfers.filter((tr) => tr.from === cfg.code).length,
    waitingAtClose: mine.filter((t) => t.status === 'waiting').length,
    waitS: summary(waits),
    serviceS: summary(services),
    waitAboveTarget: targetWait === null ? null : waits.filter((ms) => ms > targetWait * MIN).length,
    steps,
    name: cfg.name,
    recording: cfg.recording ?? false,
    transferredIn: x.transfers.filter((tr) => tr.to === cfg.code).length,
    targetWaitMinutes: targetWait,
    waitBuckets: buckets(waits),
    walkS: summary(walked.map((w) => w.ms!)),
    documentClock: cfg.steps.includes(VERIFY_STEP) ? documentClock(clocked) : null,
    outliers,
    waiting: mine.filter((t) => t.status === 'waiting').length,
    meanWaitMin: minutes1(mean(waits)),
    meanServiceMin: minutes1(mean(services)),
  };
}

const minutes1 = (ms: number | null) => (ms === null ? null : round1(ms / MIN));

/** Each configured step, then any other step that ran under the service (a step since removed from the config). */
function stepFigures(cfg: ServiceConfig, steps: ReportStep[]): StepFigure[] {
  const under = steps.filter((s) => s.service === cfg.code);
  const names = [...cfg.steps, ...new Set(under.map((s) => s.step).filter((n) => !cfg.steps.includes(n)))];
  return names.map((step) => {
    const ms = under
      .filter((s) => s.step === step)
      .map(stepMs)
      .filter(present);
    const target = cfg.targets?.stepSeconds?.[step] ?? null;
    return {
      step,
      count: ms.length,
      meanS: seconds1(mean(ms)),
      p90S: seconds1(nearestRank(ms, 90)),
      targetS: target,
      overTarget: target === null ? null : ms.filter((x) => x > target * 1000).length,
      medianS: seconds1(median(ms)),
      maxS: seconds1(max(ms)),
    };
  });
}

function buckets(waits: number[]): WaitBucket[] {
  return WAIT_BUCKETS.map(([label, fromMin, toMin]) => ({
    label,
    fromMin,
    toMin,
    tickets: waits.filter((ms) => ms >= fromMin * MIN && (toMin === null || ms < toMin * MIN)).length,
  }));
}

function documentClock(ms: number[]): DocumentClock {
  const within = ms.filter((x) => x <= DOCUMENT_HOUR_MS).length;
  return {
    tickets: ms.length,
    meanS: seconds1(mean(ms)),
    medianS: seconds1(median(ms)),
    p90S: seconds1(nearestRank(ms, 90)),
    maxS: seconds1(max(ms)),
    withinHour: within,
    withinHourPct: ms.length === 0 ? null : round1((100 * within) / ms.length),
  };
}

function flag(figure: Outlier['figure'], step: string | null, tickets: ReportTicket[], ms: number[]): Outlier[] {
  const z = zScores(ms);
  const m = mean(ms) ?? 0;
  const out: Outlier[] = [];
  z.forEach((score, i) => {
    if (score === null || Math.abs(score) < OUTLIER_Z) return;
    out.push({
      day: tickets[i]!.day,
      number: tickets[i]!.number,
      figure,
      step,
      valueS: seconds1(ms[i]!)!,
      meanS: seconds1(m)!,
      z: round2(score),
    });
  });
  return out;
}
