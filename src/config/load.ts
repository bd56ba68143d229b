import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { StationConfigSchema, type StationConfig, type CardReaderConfig, type ScannerConfig } from './schema.js';
import { validateAgainst, type ConfigProblem } from './validate.js';
import { fleetConfigProblems } from './fleet.js';

export type { ConfigProblem } from './validate.js';

/** The config with every default filled in and one-or-many lists made lists. */
export interface ResolvedConfig extends StationConfig {
  station: StationConfig['station'] & { timezone: string };
  http: { host: string; port: number; limits?: NonNullable<StationConfig['http']>['limits'] };
  dataDir: string;
  queue: { maxCalls: number; buttonMinIntervalMs: number; buttonDebounceMs: number };
  power: { recordingSets: number; gensetRatedW: number; pauseRecordingOnOutage: boolean; debounceSeconds: number };
  alerts: {
    supplyMinV: number;
    gensetBatteryMinV: number;
    fuelMinPercent: number;
    gensetMaxRunMinutes: number;
    deviceOfflineMinutes: number;
    storageMinFreeMB: number;
  };
  cardReaders: CardReaderConfig[];
  scanners: ScannerConfig[];
}

export class ConfigError extends Error {
  constructor(
    readonly problems: ConfigProblem[],
    readonly file?: string,
  ) {
    super(`${file ?? 'config'}: ${problems.length} problem(s)\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and parses a YAML file; YAML syntax errors come back as problems with line numbers. */
export function readConfigFile(file: string): { value: unknown; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { value: undefined, problems: [{ path: '(file)', message: `cannot read ${file}: ${(e as Error).message}` }] };
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      value: undefined,
      problems: doc.errors.map((e) => ({ path: `(yaml line ${e.linePos?.[0]?.line ?? '?'})`, message: e.message.split('\n')[0]! })),
    };
  }
  return { value: doc.toJS(), problems: [] };
}

/** Every problem in a config value: schema first, then how its parts refer to each other. */
export function checkConfig(value: unknown): ConfigProblem[] {
  const problems = validateAgainst(StationConfigSchema, value);
  if (problems.length > 0) return problems;
  return crossCheck(value as StationConfig);
}

function crossCheck(c: StationConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const codes = new Set<string>();
  c.services.forEach((s, i) => {
    if (codes.has(s.code)) out.push({ path: `services[${i}].code`, message: `duplicate service code ${s.code}` });
    codes.add(s.code);
  });
  const counterIds = new Set<number>();
  c.counters.forEach((k, i) => {
    if (counterIds.has(k.id)) out.push({ path: `counters[${i}].id`, message: `duplicate counter id ${k.id}` });
    counterIds.add(k.id);
    k.services.forEach((code, j) => {
      if (!codes.has(code)) out.push({ path: `counters[${i}].services[${j}]`, message: `unknown service ${code}` });
    });
  });
  const seenTokens = new Set<string>();
  c.auth.tokens.forEach((t, i) => {
    const key = 'token' in t ? t.token : t.sha256;
    if (seenTokens.has(key)) out.push({ path: `auth.tokens[${i}]`, message: 'duplicate token' });
    seenTokens.add(key);
    if (t.role === 'counter' && t.counter === undefined)
      out.push({ path: `auth.tokens[${i}].counter`, message: 'required for role counter' });
    if (t.counter !== undefined && !counterIds.has(t.counter))
      out.push({ path: `auth.tokens[${i}].counter`, message: `unknown counter ${t.counter}` });
  });
  const d = c.devices ?? {};
  const checkCounter = (path: string, counter: number) => {
    if (!counterIds.has(counter)) out.push({ path, message: `unknown counter ${counter}` });
  };
  asList(d.cardReader).forEach((r, i) =>
    checkCounter(Array.isArray(d.cardReader) ? `devices.cardReader[${i}].counter` : 'devices.cardReader.counter', r.counter),
  );
  asList(d.scanner).forEach((r, i) =>
    checkCounter(Array.isArray(d.scanner) ? `devices.scanner[${i}].counter` : 'devices.scanner.counter', r.counter),
  );
  (d.displays ?? []).forEach((x, i) => checkCounter(`devices.displays[${i}].counter`, x.counter));
  (d.buttons ?? []).forEach((b, i) => {
    if (!codes.has(b.service)) out.push({ path: `devices.buttons[${i}].service`, message: `unknown service ${b.service}` });
  });
  out.push(...reportChecks(c));
  out.push(...fleetConfigProblems(c.fleet?.mqtt, c.station.id));
  const zone = c.station.timezone;
  if (zone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
    } catch {
      out.push({ path: 'station.timezone', message: `unknown time zone ${zone}` });
    }
  }
  return out;
}

/** Targets name the service's own steps; coverage is a real day and counts some recording service. */
function reportChecks(c: StationConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  c.services.forEach((s, i) => {
    for (const step of Object.keys(s.targets?.stepSeconds ?? {})) {
      if (!s.steps.includes(step))
        out.push({
          path: `services[${i}].targets.stepSeconds.${step}`,
          message: `"${step}" is not a step of service ${s.code} (steps: ${s.steps.join(', ')})`,
        });
    }
  });
  const cov = c.coverage;
  if (cov) {
    if (cov.recordedBefore > cov.obliged)
      out.push({
        path: 'coverage.recordedBefore',
        message: `must not exceed coverage.obliged (${cov.recordedBefore} > ${cov.obliged})`,
      });
    const [y, m, d] = cov.since.split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
      out.push({ path: 'coverage.since', message: `${cov.since} is not a calendar day` });
    if (!c.services.some((s) => s.recording))
      out.push({
        path: 'coverage',
        message: 'no service has recording: true, so nothing would count as recorded — mark the recording service (e.g. A)',
      });
  }
  return out;
}

const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Fills defaults. `baseDir` resolves a relative dataDir (the config file's folder, or the working directory). */
export function resolveConfig(c: StationConfig, baseDir = process.cwd()): ResolvedConfig {
  const dataDir = c.dataDir ?? './data';
  return {
    ...c,
    station: { ...c.station, timezone: c.station.timezone ?? 'Asia/Jakarta' },
    http: { ...c.http, host: c.http?.host ?? '127.0.0.1', port: c.http?.port ?? 8080 },
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(baseDir, dataDir),
    queue: {
      maxCalls: c.queue?.maxCalls ?? 3,
      buttonMinIntervalMs: c.queue?.buttonMinIntervalMs ?? 3000,
      buttonDebounceMs: c.queue?.buttonDebounceMs ?? 30,
    },
    power: {
      recordingSets: c.power?.recordingSets ?? 1,
      gensetRatedW: c.power?.gensetRatedW ?? 0,
      pauseRecordingOnOutage: c.power?.pauseRecordingOnOutage ?? true,
      debounceSeconds: c.power?.debounceSeconds ?? 5,
    },
    alerts: {
      supplyMinV: c.alerts?.supplyMinV ?? 11.5,
      gensetBatteryMinV: c.alerts?.gensetBatteryMinV ?? 11.8,
      fuelMinPercent: c.alerts?.fuelMinPercent ?? 20,
      gensetMaxRunMinutes: c.alerts?.gensetMaxRunMinutes ?? 240,
      deviceOfflineMinutes: c.alerts?.deviceOfflineMinutes ?? 5,
      storageMinFreeMB: c.alerts?.storageMinFreeMB ?? 200,
    },
    cardReaders: asList(c.devices?.cardReader),
    scanners: asList(c.devices?.scanner),
  };
}

/** Loads, checks and resolves a config file; throws ConfigError listing every problem. */
export function loadConfigFile(file: string): ResolvedConfig {
  const { value, problems } = readConfigFile(file);
  if (problems.length > 0) throw new ConfigError(problems, file);
  const all = checkConfig(value);
  if (all.length > 0) throw new ConfigError(all, file);
  // A relative dataDir is taken from where the station is started (CONTRACT: ./data).
  return resolveConfig(value as StationConfig);
}
