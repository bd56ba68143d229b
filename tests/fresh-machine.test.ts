/**
 * The fresh-machine tier: the README on a machine that has only Node, npm and
 * the build tools (a debootstrap'd Debian bookworm chroot, Node from the npm
 * registry), amd64, Node 22 and 24: git clone, npm install, npm start,
 * /api/v1/health, a printed ticket. The board installer on arm64 is
 * tests/fresh-board.test.ts.
 * Root is needed (chroots); rootfs, Node tarballs, npm cache and ccache are cached
 * under ~/.cache/ktp-station/fresh (scripts/fresh/). KTP_FRESH=skip skips it on a
 * developer's machine, and says so.
 */
import t from 'tap';
import { checkFreshRun, freshLines, freshSkip, runFresh } from './helpers/fresh-run.js';

t.setTimeout(3600_000); // a first run builds the root file system and compiles better-sqlite3

for (const node of ['22', '24'] as const) {
  t.test(`fresh amd64 bookworm, Node ${node}: the README's commands`, { skip: freshSkip }, async (t) => {
    const ran = await runFresh('amd64', node, 'readme');
    const { result } = checkFreshRun(t, ran);
    t.match(result?.node, new RegExp(`^${node}\\.`), `Node ${node}`);
    t.match(freshLines(ran.out, 'FRESH-HEALTH ')[0], /"status":"(ok|degraded|fault)"/, '/api/v1/health answered');
    t.match(
      freshLines(ran.out, 'FRESH-TICKET ')[0],
      /^A-\d{3} issued and printed$/,
      'a ticket was issued and printed by the simulated printer',
    );
  });
}
