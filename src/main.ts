#!/usr/bin/env node
/**
 * ktp-station command line:
 *   ktp-station [start] [--config FILE]   run the station (no config: every device simulated)
 *   ktp-station check-config FILE          print every problem with its path; exit 1 on any
 *   ktp-station check-devices FILE         start every configured device once and report its status
 *   ktp-station sim-device KIND --port P   serve one serial simulator (pn532, printer, scanner) on a port
 *   ktp-station simulate-day [--seed N]    a whole office day through a station on a simulated clock
 *   ktp-station regency --mqtt URL          the regency office's view of its stations, fed by the broker
 */
import { parseArgs } from 'node:util';
import { accessSync, constants as fsConstants } from 'node:fs';
import { checkConfig, loadConfigFile, readConfigFile, ConfigError, resolveConfig } from './config/load.js';
import { builtInConfig, DEV_TOKENS } from './config/defaults.js';
import { createLogger } from './shared/log.js';
import { budgetWarnings } from './controller/power/budget.js';
import type { StationConfig } from './config/schema.js';
import { storageAdvice, storageTrouble } from './controller/store/storage-errors.js';

/** A SIGTERM stop finishes within this, well inside the systemd unit's TimeoutStopSec=15. */
const STOP_DEADLINE_MS = 10_000;

const USAGE = `usage:
  ktp-station [start] [--config FILE] [--port N] [--host H] [--data-dir DIR] [--sim-clock 2026-12-01T07:30:00+07:00]
  ktp-station check-config FILE
  ktp-station check-devices FILE [--seconds N]
  ktp-station sim-device pn532|printer|scanner --port PATH [--card UID]… [--baud N]
  ktp-station simulate-day [--seed N] [--date YYYY-MM-DD] [--json]
  ktp-station regency --mqtt URL [--port N] (see ktp-station regency --help)`;

async function main(argv: string[]): Promise<number> {
  // The regency view has options of its own.
  if (argv[0] === 'regency') return (await import('./regency/command.js')).regencyCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      seconds: { type: 'string' },
      card: { type: 'string', multiple: true },
      baud: { type: 'string' },
      'sim-clock': { type: 'string' },
      seed: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const command = positionals[0] ?? 'start';
  if (command === 'check-config') return checkConfigCommand(positionals[1] ?? values.config);
  if (command === 'check-devices') {
    const { checkDevices } = await import('./check-devices.js');
    return checkDevices(positionals[1] ?? values.config, Number(values.seconds ?? 10));
  }
  if (command === 'sim-device') {
    const { simDevice } = await import('./sim-device.js');
    return simDevice({ kind: positionals[1], port: values.port, cards: values.card ?? [], baudRate: Number(values.baud ?? 115200) });
  }
  if (command === 'simulate-day') {
    const { simulateDayCommand } = await import('./simulate-day/command.js');
    return simulateDayCommand({ seed: values.seed, date: values.date, json: values.json ?? false });
  }
  if (command !== 'start') {
    console.error(`unknown command "${command}"\n${USAGE}`);
    return 2;
  }

  const log = createLogger();
  let config;
  try {
    config = values.config ? loadConfigFile(values.config) : resolveConfig(builtInConfig());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  let clock;
  let timeouts;
  if (values['sim-clock'] !== undefined) {
    const { simClockOption, SIM_CLOCK_TIMEOUTS } = await import('./sim-clock-option.js');
    timeouts = SIM_CLOCK_TIMEOUTS;
    const sim = simClockOption(config, values['sim-clock'], (err) => log.error({ err }, 'a timer failed on the simulated clock'));
    if ('error' in sim) {
      console.error(sim.error);
      return 1;
    }
    clock = sim;
    log.warn({ now: values['sim-clock'] }, 'simulated clock: time stands still until POST /api/v1/sim/clock { advanceMs } moves it');
  }
  const { startStation } = await import('./station.js');
  let station;
  try {
    station = await startStation({
      config,
      log,
      ...(clock ? { clock, timeouts } : {}),
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
      ...(values.host ? { host: values.host } : {}),
      ...(values.port ? { port: Number(values.port) } : {}),
      // A site's board watches whether its clock is synchronised; the development station does not.
      ...(values.config ? { clockSync: (await import('./drivers/system-clock/sync-probe.js')).systemClockSyncProbe() } : {}),
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.syscall === 'listen' && (e.code === 'EADDRINUSE' || e.code === 'EACCES')) {
      log.fatal(
        `cannot listen on ${config.http.host}:${values.port ?? config.http.port}: ${e.code === 'EADDRINUSE' ? 'another program uses that port (another station running?)' : 'permission denied'}; set http.port in the config or pass --port`,
      );
      return 1;
    }
    const dataDir = values['data-dir'] ?? config.dataDir;
    const unusable = dataDirProblem(err, dataDir);
    if (unusable) {
      log.fatal({ dataDir, code: e.code }, unusable);
      return 1;
    }
    throw err;
  }
  // From process start, so module loading counts too.
  const readyMs = Math.round(performance.now());
  log.info(
    { url: station.url, readyMs, dataDir: station.config.dataDir },
    `station ${config.station.name} ready at ${station.url} in ${readyMs} ms`,
  );
  if (!values.config) {
    console.log(
      [
        '',
        '  ktp-station — every device simulated (development config)',
        `  Waiting-room screen:  ${station.url}/display`,
        `  Counter terminal:     ${station.url}/counter      token ${DEV_TOKENS.counter1} (Loket 1), ${DEV_TOKENS.counter2} (Loket 2)`,
        `  Technician console:   ${station.url}/technician   token ${DEV_TOKENS.technician}`,
        `  Simulator console:    ${station.url}/sim          token ${DEV_TOKENS.admin}`,
        `  Kiosk token: ${DEV_TOKENS.kiosk}    API description: ${station.url}/openapi.json`,
        '  These tokens are for development only; a site config sets its own.',
        '',
      ].join('\n'),
    );
  }
  const systemd = process.env.NOTIFY_SOCKET
    ? await (await import('./systemd/service.js')).attachSystemd(station, log, { notes: () => station.clockWatch.notes() })
    : null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    // Within the unit's TimeoutStopSec (15 s): acknowledged work is already on disk, so a stop that hangs is cut short.
    setTimeout(() => {
      log.error(`did not stop within ${STOP_DEADLINE_MS} ms; exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    await systemd?.stopping();
    await station.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return -1; // keep running
}

/** One line for a data directory the station cannot use at start-up, or null when `err` is something else. */
function dataDirProblem(err: unknown, dataDir: string): string | null {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return `cannot use the data directory ${dataDir}: a file is in the way of it — move that file or set dataDir (or --data-dir) to a directory`;
  let trouble = storageTrouble(err);
  if (!trouble) return null;
  // SQLite says only "unable to open" when it cannot create the database: ask the directory itself why.
  if (code === 'SQLITE_CANTOPEN') trouble = writableProblem(dataDir) ?? trouble;
  return `cannot use the data directory ${dataDir} (${(err as Error).message}): ${storageAdvice(trouble, dataDir).en.replace(/; the station saves again by itself.*$/, '')}`;
}

/** Why a directory cannot be written to (read-only filesystem, permissions), or null when it can. */
function writableProblem(dir: string): 'read-only' | null {
  try {
    accessSync(dir, fsConstants.W_OK);
    return null;
  } catch (err) {
    return storageTrouble(err) === 'read-only' ? 'read-only' : null;
  }
}

function checkConfigCommand(file: string | undefined): number {
  if (!file) {
    console.error(`check-config needs a file\n${USAGE}`);
    return 2;
  }
  const { value, problems } = readConfigFile(file);
  const all = problems.length > 0 ? problems : checkConfig(value);
  if (all.length === 0) {
    // Warnings do not fail the check: the station runs, but a technician should know.
    for (const w of budgetWarnings((value as StationConfig).power)) console.log(`${w.path}: ${w.message}`);
    console.log(`${file}: ok`);
    return 0;
  }
  for (const p of all) console.log(`${p.path}: ${p.message}`);
  console.error(`${file}: ${all.length} problem(s)`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
