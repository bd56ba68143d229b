/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by
 * function and by source area (station code, node_modules package, node
 * internals), so one can see what a ticket costs.
 *   node dist/scripts/bench/profile-summary.js FILE.cpuprofile [TOP]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary FILE.cpuprofile [TOP]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));

function area(url: string): string {
  if (!url) return '(native/vm)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/dist\/(src\/[^/]+(?:\/[^/]+)?)/.exec(url);
  return own ? own[1]!.replace(/\.js$/, '') : url;
}

const fn = new Map<string, number>();
const areas = new Map<string, number>();
let total = 0,
  idle = 0;
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  total += us;
  const name = n.callFrame.functionName || '(anonymous)';
  if (name === '(idle)') {
    idle += us;
    continue;
  }
  const key = `${name}  ${n.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const a = area(n.callFrame.url);
  areas.set(a, (areas.get(a) ?? 0) + us);
}
const busy = total - idle;
const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
console.log(`profile ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (idle ${(idle / 1e6).toFixed(1)} s)`);
console.log('\nself time by area (ms, % of busy)');
for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 20)) console.log(`${ms(us)} ${pct(us)}  ${a}`);
console.log(`\ntop ${top} functions by self time`);
for (const [k, us] of [...fn].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${ms(us)} ${pct(us)}  ${k}`);
