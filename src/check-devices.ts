/**
 * `ktp-station check-devices FILE`: for a technician at the board. Starts
 * every device of a site config with its real driver (no HTTP, a throw-away
 * database), waits until each answers or the time is up, prints one line per
 * device with what to do, and exits 1 if any is not ok. Stop the running
 * station first (systemctl stop ktp-station): it holds the serial ports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfigFile } from './config/load.js';
import { silentLogger } from './shared/log.js';
import type { DeviceState } from './controller/ports.js';

export async function checkDevices(file: string | undefined, seconds: number): Promise<number> {
  if (!file) {
    console.error('check-devices needs a config file');
    return 2;
  }
  let config;
  try {
    config = loadConfigFile(file);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'ktp-check-devices-'));
  const { startStation } = await import('./station.js');
  const station = await startStation({ config, dataDir: scratch, listen: false, log: silentLogger() });
  const deadline = Date.now() + Math.max(1, seconds) * 1000;
  let states: DeviceState[] = station.devices.list();
  while (Date.now() < deadline && states.some((d) => d.status !== 'ok')) {
    await new Promise((r) => setTimeout(r, 200));
    states = station.devices.list();
  }
  await station.close();
  rmSync(scratch, { recursive: true, force: true });

  const width = Math.max(...states.map((d) => d.id.length), 6);
  for (const d of states) console.log(`${d.id.padEnd(width)}  ${d.status.padEnd(8)}  ${d.detail}`);
  const bad = states.filter((d) => d.status !== 'ok');
  console.log(bad.length === 0 ? `all ${states.length} devices ok` : `${bad.length} of ${states.length} devices not ok`);
  return bad.length === 0 ? 0 : 1;
}
