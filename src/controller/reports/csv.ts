/** The daily report as CSV, one figure per row (section, item, metric, value): opens in any spreadsheet. */
import type { DailyReport } from './daily.js';

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function dailyReportCsv(r: DailyReport): string {
  const rows: unknown[][] = [['date', 'section', 'item', 'metric', 'value']];
  const add = (section: string, item: string, metric: string, value: unknown) => rows.push([r.date, section, item, metric, value]);
  for (const s of r.services) {
    add('tickets', s.code, 'issued', s.issued);
    add('tickets', s.code, 'done', s.done);
    add('tickets', s.code, 'no_show', s.noShow);
    add('tickets', s.code, 'waiting', s.waiting);
    add('tickets', s.code, 'mean_wait_min', s.meanWaitMin);
    add('tickets', s.code, 'mean_service_min', s.meanServiceMin);
    for (const st of s.steps) {
      add('steps', `${s.code}/${st.step}`, 'count', st.count);
      add('steps', `${s.code}/${st.step}`, 'mean_s', st.meanS);
    }
  }
  add('tickets', 'all', 'issued', r.totals.issued);
  add('tickets', 'all', 'done', r.totals.done);
  add('tickets', 'all', 'no_show', r.totals.noShow);
  if (r.power) {
    for (const [source, min] of Object.entries(r.power.minutes)) add('power', source, 'minutes', min);
    add('power', 'outages', 'count', r.power.outages);
    add('power', 'outages', 'minutes', r.power.outageMinutes);
    add('power', 'genset', 'runs', r.power.gensetRuns);
    add('power', 'genset', 'minutes', r.power.gensetMinutes);
    add('power', 'genset', 'mean_delay_s', r.power.meanGensetDelayS);
  }
  if (r.faults) {
    add('faults', 'all', 'opened', r.faults.opened);
    add('faults', 'all', 'resolved', r.faults.resolved);
    add('faults', 'all', 'mean_repair_min', r.faults.meanRepairMin);
    add('faults', 'all', 'open_at_end_of_day', r.faults.openAtEndOfDay);
    for (const f of r.faults.list)
      add('faults', `#${f.id} ${f.device}${f.counter ? ` (counter ${f.counter})` : ''}`, 'repair_min', f.repairMinutes);
  }
  if (r.alerts) for (const [kind, n] of Object.entries(r.alerts)) add('alerts', kind, 'raised', n);
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
