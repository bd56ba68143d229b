/** The simulate-day command: exit codes, JSON, and the same plan for the same seed. */
import t from 'tap';
import { execFile } from 'node:child_process';
import { simulateDayCommand, type DayOutcome } from '../../src/simulate-day/command.js';
import { planDay } from '../../src/simulate-day/plan.js';
import { MAIN } from '../support/child-station.js';

t.setTimeout(600_000);

t.test('the same seed plans the same day; another seed another', async (t) => {
  t.same(planDay(4, '2026-12-02'), planDay(4, '2026-12-02'));
  t.notSame(planDay(4, '2026-12-02').arrivals, planDay(5, '2026-12-02').arrivals);
  const p = planDay(4, '2026-12-02');
  t.ok(p.gensetOnAt > p.mainsCutAt && p.mainsBackAt > p.gensetOnAt, 'the genset starts after the cut, mains returns later');
  t.ok(
    p.arrivals.some((a) => a.visit.transferToB),
    'someone is sent to pickup',
  );
});

t.test('the command exits 1 on a difference and prints both sides', async (t) => {
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try {
    const fake = async (seed: number, date: string): Promise<DayOutcome> => ({
      seed,
      date,
      tickets: 1,
      compared: 2,
      rows: [
        { field: 'services.A.done', truth: 1, station: 1 },
        { field: 'services.A.waitS.p90', truth: 600, station: 540 },
      ],
      differences: [{ field: 'services.A.waitS.p90', truth: 600, station: 540 }],
      realSeconds: 0,
    });
    t.equal(await simulateDayCommand({ json: false }, fake), 1);
    t.match(lines.join('\n'), /services\.A\.waitS\.p90\s+600\s+540\s+<-- differs/);
    t.match(lines.at(-1), '1 of 2 figures differ');
    t.equal(await simulateDayCommand({ json: false, seed: 'x' }, fake), 2, 'a bad seed is a usage error');
  } finally {
    console.log = log;
  }
});

t.test('npx ktp-station simulate-day --json exits 0', async (t) => {
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) =>
    execFile(process.execPath, [MAIN, 'simulate-day', '--seed', '3', '--json'], { maxBuffer: 8 << 20 }, (err, stdout) =>
      resolve({ code: (err as { code?: number } | null)?.code ?? 0, stdout }),
    ),
  );
  t.equal(code, 0);
  const out = JSON.parse(stdout) as DayOutcome;
  t.equal(out.seed, 3);
  t.same(out.differences, []);
});
