/**
 * The board tier: the Pi's CPU and OS family — a Debian bookworm arm64 root
 * file system with systemd, run under qemu-user-static — and on it
 * scripts/install-board.sh as a technician runs it (Node 24 arm64 from the npm
 * registry, npm ci compiling better-sqlite3, serialport and the station's addon
 * for aarch64), then: the files with their owners and modes, tokens stored only
 * as SHA-256, systemd-analyze verify, the installed station (user ktp, the site
 * config) answering /api/v1/health and issuing a ticket, a second run that
 * changes nothing, --uninstall that keeps the config and the database.
 * What it leaves out, for the time budget: Node 22 on arm64 (amd64 covers it),
 * the README's npm start on arm64 (amd64 covers it), systemd as PID 1 (the unit
 * is verified and rated in tests/systemd/, the notify protocol there too).
 * Cached under ~/.cache/ktp-station/fresh: the board rootfs, Node, npm and ccache.
 * In the default run (README, "Fresh-machine tier"): about 13 min with warm caches at load 10,
 * 50 min the first time (better-sqlite3 compiled under emulation). KTP_FRESH=skip (every chroot
 * tier) or KTP_FRESH_ARM64=0 (this one) skips it on a developer's machine, and tap says so.
 */
import t from 'tap';
import { checkFreshRun, freshLines, freshSkip, runFresh } from './helpers/fresh-run.js';

t.setTimeout(4 * 3600_000); // a first run builds the rootfs and compiles everything under emulation

const arm64Skip = process.env.KTP_FRESH_ARM64 === '0' ? 'KTP_FRESH_ARM64=0' : freshSkip;

t.test('arm64 bookworm with systemd, Node 24: scripts/install-board.sh', { skip: arm64Skip }, async (t) => {
  const ran = await runFresh('arm64', '24', 'installer');
  const { result, diagnostics } = checkFreshRun(t, ran);
  t.equal(result?.arch, 'arm64', 'on arm64');
  t.match(result?.node, /^24\./, 'Node 24');
  t.match(freshLines(ran.out, 'FRESH-CHECK ').join('\n'), /station addon built \(aarch64\)/, 'native code built for aarch64');
  t.match(ran.out, /prepare: production install \(no TypeScript\)/, 'production dependencies only: bundled from the sources');
  t.match(freshLines(ran.out, 'FRESH-HEALTH ')[0], /"status":"(ok|degraded|fault)"/, 'the installed station answered /api/v1/health');
  t.match(freshLines(ran.out, 'FRESH-TICKET ')[0], /^A-\d{3} issued$/, 'and issued a ticket');
  const checks = freshLines(ran.out, 'FRESH-CHECK ');
  for (const c of checks) t.pass(c);
  t.ok(checks.length >= 12, 'every installer check reported', diagnostics);
});
