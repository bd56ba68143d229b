/**
 * `ktp-station simulate-day [--seed N] [--date YYYY-MM-DD] [--json]`: starts
 * a station on a simulated clock (every device simulated, a throw-away
 * database), drives a seeded Merek day through its HTTP API and sim routes,
 * and prints the ground truth beside the station's own report. Exit 1 on any
 * difference (or when the day could not be run), 0 when every figure agrees.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../config/load.js';
import { DEV_TOKENS } from '../config/defaults.js';
import { createLogger } from '../shared/log.js';
import { SimClock } from '../shared/sim-clock.js';
import { SIM_CLOCK_TIMEOUTS } from '../sim-clock-option.js';
import { dayConfig, planDay } from './plan.js';
import { runDay, SimulationError } from './run.js';
import { groundTruth, stationFigures } from './truth.js';

export interface SimulateDayOptions {
  seed?: string | undefined;
  date?: string | undefined;
  json: boolean;
}

export interface DayOutcome {
  seed: number;
  date: string;
  tickets: number;
  compared: number;
  differences: Array<{ field: string; truth: unknown; station: unknown }>;
  rows: Array<{ field: string; truth: unknown; station: unknown }>;
  realSeconds: number;
}

/** A scratch folder in memory where there is one: the day's database is thrown away. */
function scratchDir(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, 'ktp-simulate-day-'));
}

export async function simulateDay(seed: number, date: string): Promise<DayOutcome> {
  const began = performance.now();
  const dir = scratchDir();
  const plan = planDay(seed, date);
  const raw = dayConfig(date, dir);
  const config = resolveConfig(raw);
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
  const clock = new SimClock(plan.start, (err) => log.error({ err }, 'a timer failed on the simulated clock'));
  const { startStation } = await import('../station.js');
  const station = await startStation({ config, clock, log, port: 0, host: '127.0.0.1', timeouts: SIM_CLOCK_TIMEOUTS });
  try {
    const { log: did, report } = await runDay(
      station.url,
      {
        kiosk: DEV_TOKENS.kiosk,
        admin: DEV_TOKENS.admin,
        technician: DEV_TOKENS.technician,
        counter: { 1: DEV_TOKENS.counter1, 2: DEV_TOKENS.counter2 },
      },
      plan,
    );
    const truth = groundTruth(did, plan, raw);
    const seen = stationFigures(report, truth.keys());
    const rows = [...truth.entries()].map(([field, value]) => ({ field, truth: value, station: seen.get(field) }));
    return {
      seed,
      date,
      tickets: did.filter((e) => e.kind === 'issue').length,
      compared: rows.length,
      differences: rows.filter((r) => r.truth !== r.station),
      rows,
      realSeconds: Math.round((performance.now() - began) / 100) / 10,
    };
  } finally {
    await station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const show = (v: unknown) => (v === null ? '—' : String(v));

export async function simulateDayCommand(o: SimulateDayOptions, run: typeof simulateDay = simulateDay): Promise<number> {
  const seed = o.seed === undefined ? 1 : Number(o.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    console.error(`--seed needs a whole number >= 0, got "${o.seed}"`);
    return 2;
  }
  const date = o.date ?? '2026-12-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    console.error(`--date needs YYYY-MM-DD, got "${date}"`);
    return 2;
  }
  let outcome: DayOutcome;
  try {
    outcome = await run(seed, date);
  } catch (err) {
    console.error(
      `the simulated day could not be run: ${err instanceof SimulationError ? err.message : String((err as Error)?.stack ?? err)}`,
    );
    return 1;
  }
  if (o.json) {
    console.log(JSON.stringify(outcome, null, 2));
  } else {
    console.log(`Simulated day ${date}, seed ${seed}: ${outcome.tickets} tickets, ${outcome.realSeconds} s of real time`);
    console.log(`${'figure'.padEnd(44)} ${'ground truth'.padStart(14)} ${'station'.padStart(14)}`);
    for (const r of outcome.rows)
      console.log(
        `${r.field.padEnd(44)} ${show(r.truth).padStart(14)} ${show(r.station).padStart(14)}${r.truth === r.station ? '' : '   <-- differs'}`,
      );
    console.log(
      outcome.differences.length === 0
        ? `all ${outcome.compared} figures agree`
        : `${outcome.differences.length} of ${outcome.compared} figures differ`,
    );
  }
  return outcome.differences.length === 0 ? 0 : 1;
}
