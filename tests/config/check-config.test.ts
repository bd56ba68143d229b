import t from 'tap';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkConfig, readConfigFile, loadConfigFile } from '../../src/config/load.js';
import { MAIN } from '../support/child-station.js';

const run = promisify(execFile);
const file = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const EXAMPLE = file('../../systemd/station.example.yaml');
const BROKEN = file('../fixtures/broken-station.yaml');

t.test('the CONTRACT example config is valid and resolves', async (t) => {
  const { value, problems } = readConfigFile(EXAMPLE);
  t.same(problems, []);
  t.same(checkConfig(value), []);
  const c = loadConfigFile(EXAMPLE);
  t.equal(c.devices!.displays![0]!.driver === 'ht16k33' && c.devices!.displays![0]!.address, 0x70, 'hex addresses are read as numbers');
  t.equal(c.cardReaders.length, 1, 'a single card reader becomes a list');
  t.equal(c.queue.maxCalls, 3);
});

t.test('every problem is reported with its path', async (t) => {
  const { value } = readConfigFile(BROKEN);
  const problems = checkConfig(value).map((p) => `${p.path}: ${p.message}`);
  const expect = [
    /^http\.port: must be <= 65535/,
    /^auth\.tokens\[1\]\.role: /,
    /^devices\.printer\.port: required$/,
    /^devices\.cardReader\.driver: unknown driver "pn999"/,
    /^devices\.displays\[0\]\.colour: unknown key/,
  ];
  for (const re of expect)
    t.ok(
      problems.some((p) => re.test(p)),
      `reports ${re}`,
    );
});

t.test('cross-references are checked once the shapes are right', async (t) => {
  const { value } = readConfigFile(EXAMPLE);
  const v = value as any;
  v.counters[0].services = ['A', 'C'];
  v.auth.tokens[1] = { token: 'c1-secret-x', role: 'counter' };
  v.station.timezone = 'Asia/Jakart';
  const problems = checkConfig(v).map((p) => `${p.path}: ${p.message}`);
  t.ok(problems.includes('counters[0].services[1]: unknown service C'));
  t.ok(problems.includes('auth.tokens[1].counter: required for role counter'));
  t.ok(problems.includes('station.timezone: unknown time zone Asia/Jakart'));
});

t.test('ktp-station check-config prints problems and exits 1, or ok and 0', async (t) => {
  const good = await run(process.execPath, [MAIN, 'check-config', EXAMPLE]);
  t.match(good.stdout, /ok/);
  const bad = await run(process.execPath, [MAIN, 'check-config', BROKEN]).then(
    () => null,
    (e) => e,
  );
  t.equal(bad?.code, 1);
  t.match(bad?.stdout, /devices\.printer\.port: required/);
  const yaml = await run(process.execPath, [MAIN, 'check-config', file('../fixtures/not-yaml.txt')]).then(
    () => null,
    (e) => e,
  );
  t.equal(yaml?.code, 1);
});

t.test('npm start -- --config refuses a broken config with its problems', async (t) => {
  const bad = await run(process.execPath, [MAIN, '--config', BROKEN]).then(
    () => null,
    (e) => e,
  );
  t.equal(bad?.code, 1);
  t.match(bad?.stderr, /devices\.printer\.port: required/);
});

t.test('a genset too small for the recording sets is a warning, not an error', async (t) => {
  const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'ktp-cfg-'));
  const small = join(dir, 'small-genset.yaml');
  writeFileSync(
    small,
    readFileSync(EXAMPLE, 'utf8').replace(
      'power:    { recordingSets: 2, gensetRatedW: 5000 }',
      'power:    { recordingSets: 3, gensetRatedW: 3000 }',
    ),
  );
  const res = await run(process.execPath, [MAIN, 'check-config', small]);
  t.match(res.stdout, /power\.gensetRatedW: warning: .*4200/);
  t.match(res.stdout, /ok/);
});

t.test('report targets, recording and coverage (CONTRACT v2) are checked with their paths', async (t) => {
  const ok = loadConfigFile(EXAMPLE);
  t.equal(ok.services[0]!.recording, true);
  t.same(ok.services[0]!.targets, { waitMinutes: 60, stepSeconds: { verify: 120, photo: 60, signature: 30, biometrics: 90, stamp: 30 } });
  t.same(ok.coverage, { obliged: 13993, recordedBefore: 8560, since: '2026-12-01' }, 'a bare YAML date stays a day, not a timestamp');

  const { value } = readConfigFile(EXAMPLE);
  const v = value as any;
  v.services[0].targets = { waitMinutes: -5, stepSeconds: { verify: 0, Photo: 60, iris: 40 }, slaHours: 1 };
  v.services[1].recording = 'yes';
  v.coverage = { obliged: 100, recordedBefore: 10, since: '2026-12-01', extra: 1 };
  let problems = checkConfig(v).map((p) => `${p.path}: ${p.message}`);
  const expect = [
    /^services\[0\]\.targets\.waitMinutes: must be > 0, got -5$/,
    /^services\[0\]\.targets\.stepSeconds\.verify: must be > 0, got 0$/,
    /^services\[0\]\.targets\.stepSeconds\.Photo: "Photo" is not a valid name/,
    /^services\[0\]\.targets\.slaHours: unknown key \(allowed: waitMinutes, stepSeconds\)$/,
    /^services\[1\]\.recording: must be true or false/,
    /^coverage\.extra: unknown key/,
  ];
  for (const re of expect)
    t.ok(
      problems.some((p) => re.test(p)),
      `reports ${re}`,
    );

  // Shapes right, meaning wrong: a step the service does not have, more recorded than obliged, no such day.
  const w = readConfigFile(EXAMPLE).value as any;
  w.services[0].targets.stepSeconds.iris = 40;
  w.coverage = { obliged: 100, recordedBefore: 150, since: '2026-02-30' };
  problems = checkConfig(w).map((p) => `${p.path}: ${p.message}`);
  t.ok(
    problems.includes(
      'services[0].targets.stepSeconds.iris: "iris" is not a step of service A (steps: verify, photo, signature, biometrics, stamp)',
    ),
  );
  t.ok(problems.includes('coverage.recordedBefore: must not exceed coverage.obliged (150 > 100)'));
  t.ok(problems.includes('coverage.since: 2026-02-30 is not a calendar day'));

  const n = readConfigFile(EXAMPLE).value as any;
  delete n.services[0].recording;
  t.match(
    checkConfig(n).map((p) => `${p.path}: ${p.message}`),
    [/^coverage: no service has recording: true/],
    'coverage with nothing that counts as recorded is refused',
  );
});
