/**
 * The fresh-machine tier: the README on a machine that has only Node, npm and
 * the build tools (a debootstrap'd Debian bookworm chroot, Node from the npm
 * registry), and the board installer on arm64 under qemu-user-static.
 *   amd64, Node 22 and 24: git clone, npm install, npm start, /api/v1/health, a printed ticket
 *   arm64 (the Pi's CPU), Node 24: scripts/install-board.sh — files and modes, SHA-256 tokens,
 *     systemd-analyze verify, the installed station serving a ticket, idempotence, --uninstall
 * Root is needed (chroots); rootfs, Node tarballs, npm cache and ccache are cached
 * under ~/.cache/ktp-station/fresh (scripts/fresh/). KTP_FRESH=skip skips it on a
 * developer's machine, and says so.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS: { arch: 'amd64' | 'arm64'; node: '22' | '24'; mode: 'readme' | 'installer' }[] = [
  { arch: 'amd64', node: '22', mode: 'readme' },
  { arch: 'amd64', node: '24', mode: 'readme' },
];

t.setTimeout(4 * 3600_000); // a first run builds two root file systems and compiles under emulation

function run(args: string[]): Promise<{ code: number | null; out: string; seconds: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', ['scripts/fresh/run.sh', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out, seconds: (Date.now() - t0) / 1000 }));
  });
}

const lines = (out: string, prefix: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length).trim());

for (const r of RUNS) {
  t.test(
    `fresh ${r.arch} bookworm, Node ${r.node}: ${r.mode}`,
    { skip: process.env.KTP_FRESH === 'skip' ? 'KTP_FRESH=skip' : false },
    async (t) => {
      const ran = await run([r.arch, r.node, r.mode]);
      for (const s of lines(ran.out, 'FRESH-STEP ')) t.comment(s);
      t.comment(`whole run ${ran.seconds.toFixed(0)} s`);
      const diagnostics = { output: ran.out.slice(-6000) };
      t.equal(ran.code, 0, 'the run succeeded', diagnostics);
      const result = lines(ran.out, 'FRESH-RESULT ').map((l) => JSON.parse(l) as { ok: boolean; node: string })[0];
      t.ok(result?.ok, 'FRESH-RESULT ok', diagnostics);
      t.match(result?.node, new RegExp(`^${r.node}\\.`), `Node ${r.node}`);
      t.match(lines(ran.out, 'FRESH-HEALTH ')[0], /"status":"(ok|degraded|fault)"/, '/api/v1/health answered');
      t.match(lines(ran.out, 'FRESH-TICKET ')[0], /^A-\d{3} issued/, 'a ticket was issued');
      if (r.mode === 'readme') t.match(lines(ran.out, 'FRESH-TICKET ')[0], /printed$/, 'and printed by the simulated printer');
      if (r.mode === 'installer') {
        const checks = lines(ran.out, 'FRESH-CHECK ');
        for (const c of checks) t.pass(c);
        t.ok(checks.length >= 12, 'every installer check reported', diagnostics);
      }
    },
  );
}
