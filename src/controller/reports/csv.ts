/**
 * The reports as CSV, one figure per row (date, section, item, metric,
 * value): every figure of the JSON, in an order a spreadsheet reader can
 * filter by section. Nested figures get dotted metric names (`waitS.p90`).
 */
import type { DailyReport, MonthlyReport } from './types.js';
import { formatCsv, type CsvLocale } from './csv-format.js';

type Add = (section: string, item: string, metric: string, value: unknown) => void;

/** Scalars of an object as rows; nested objects become dotted metrics; arrays are left to the caller. */
function scalars(add: Add, section: string, item: string, obj: object, prefix = ''): void {
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) continue;
    if (v !== null && typeof v === 'object') scalars(add, section, item, v, `${prefix}${k}.`);
    else add(section, item, `${prefix}${k}`, v);
  }
}

function dayRows(add: Add, r: Omit<DailyReport, 'date' | 'coverage' | 'capacity' | 'stationId' | 'generatedAt' | 'survey'>): void {
  for (const s of r.services) {
    scalars(add, 'service', s.code, s);
    for (const st of s.steps) scalars(add, 'step', `${s.code}/${st.step}`, st);
    for (const b of s.waitBuckets) add('wait_bucket', `${s.code}/${b.label} min`, 'tickets', b.tickets);
    for (const o of s.outliers)
      add('outlier', `${s.code}/${o.day}/${o.number}`, o.step ? `${o.figure}:${o.step}` : o.figure, `${o.valueS} s (z ${o.z})`);
  }
  scalars(add, 'totals', 'all', r.totals);
  for (const h of r.hours) scalars(add, 'hour', String(h.hour).padStart(2, '0'), h);
  for (const c of r.counters) scalars(add, 'counter', String(c.id), c);
  if (r.power) {
    scalars(add, 'power', 'day', r.power);
    for (const o of r.power.list) scalars(add, 'outage', o.startedAt, o);
  }
  if (r.faults) {
    scalars(add, 'faults', 'all', r.faults);
    for (const f of r.faults.list) scalars(add, 'fault', `#${f.id} ${f.device}`, f);
  }
  if (r.alerts) for (const [kind, n] of Object.entries(r.alerts)) add('alerts', kind, 'raised', n);
}

export function dailyReportCsv(r: DailyReport, locale: CsvLocale = 'en'): string {
  const rows: unknown[][] = [['date', 'section', 'item', 'metric', 'value']];
  const add: Add = (section, item, metric, value) => rows.push([r.date, section, item, metric, value]);
  add('report', r.stationId, 'generatedAt', r.generatedAt);
  dayRows(add, r);
  if (r.coverage) scalars(add, 'coverage', 'area', r.coverage);
  if (r.capacity) scalars(add, 'capacity', 'plan', r.capacity);
  if (r.survey) surveyRows(add, r.survey);
  return formatCsv(rows, locale);
}

export function monthlyReportCsv(m: MonthlyReport, locale: CsvLocale = 'en'): string {
  const rows: unknown[][] = [['date', 'section', 'item', 'metric', 'value']];
  const addFor =
    (date: string): Add =>
    (section, item, metric, value) =>
      rows.push([date, section, item, metric, value]);
  addFor(m.month)('report', m.stationId, 'generatedAt', m.generatedAt);
  for (const d of m.days) {
    const add = addFor(d.date);
    scalars(add, 'day', 'all', d);
    for (const s of d.services) scalars(add, 'day_service', s.code, s);
  }
  const add = addFor(m.month);
  dayRows(add, m.figures);
  if (m.coverage) scalars(add, 'coverage', 'area', m.coverage);
  if (m.capacity) scalars(add, 'capacity', 'plan', m.capacity);
  for (const c of m.coverageByDay) addFor(c.date)('coverage_day', 'area', 'recorded', c.recorded);
  if (m.survey) surveyRows(add, m.survey);
  return formatCsv(rows, locale);
}

/** The SKM block: responses, IKM and grade, NRR per element U1…U9, the IKM by measured wait. */
function surveyRows(add: Add, s: NonNullable<DailyReport['survey']>): void {
  scalars(add, 'survey', 'skm', s);
  s.nrr.forEach((v, i) => add('survey', `U${i + 1}`, 'nrr', v));
  for (const b of s.byWait) {
    add('survey', `wait_${b.wait}`, 'responses', b.responses);
    add('survey', `wait_${b.wait}`, 'ikm', b.ikm);
    add('survey', `wait_${b.wait}`, 'grade', b.grade);
  }
}
