/**
 * The VM tier's guest suite: `node dist/hil/tests/hil/guest/suite.js [group…]`
 * inside scripts/hil/run.sh. Prints one KTP-HIL-CHECK line per check and exits
 * non-zero when any failed.
 */
import { runGroups, type Group } from './harness.js';

const groups: Record<string, () => Promise<{ default: Group }>> = {
  'i2c-raw': () => import('./i2c-raw.js'),
  'gpio-raw': () => import('./gpio-raw.js'),
  'serial-raw': () => import('./serial-raw.js'),
  'i2c-drivers': () => import('./i2c-drivers.js'),
  'gpio-drivers': () => import('./gpio-drivers.js'),
  'serial-drivers': () => import('./serial-drivers.js'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in groups));
if (unknown.length > 0) {
  console.error(`unknown group(s): ${unknown.join(', ')}; known: ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
const loaded: Group[] = [];
for (const name of wanted.length > 0 ? wanted : Object.keys(groups)) loaded.push((await groups[name]!()).default);
const failures = await runGroups(loaded);
console.log(`KTP-HIL-DONE ${JSON.stringify({ failures })}`);
// A driver left a timer or handle behind must not keep the VM up until the hard timeout.
process.exit(failures > 0 ? 1 : 0);
