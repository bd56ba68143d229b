/**
 * The station's own addon (src/native/*.c, built by scripts/build-native.mjs at
 * `npm install`). It is optional: where it did not build, loadNative() says why
 * and each user falls back (systemd notify through systemd-notify, GPIO through
 * node-libgpiod or onoff). KTP_NATIVE=off makes the station behave as if it had
 * not built (to check the fallbacks on a machine where it did).
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface NativeAddon {
  /** One datagram to an AF_UNIX socket ('@name': abstract namespace); bytes sent. Throws with an errno `code`. */
  notify(socketPath: string, message: string | Buffer): number;
}

export type NativeLoad = { addon: NativeAddon; reason: '' } | { addon: null; reason: string };

const ADDON = 'src/native/build/ktp_native.node';

/** The checkout (or install) root: the first folder above this module that holds the addon's C source (not dist/). */
function findRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'src/native/addon.c'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

let cached: NativeLoad | null = null;

export function loadNative(): NativeLoad {
  if (cached) return cached;
  cached = tryLoad();
  return cached;
}

function tryLoad(): NativeLoad {
  if (process.env.KTP_NATIVE === 'off') return { addon: null, reason: 'switched off (KTP_NATIVE=off)' };
  const root = findRoot();
  if (!root) return { addon: null, reason: 'src/native not found beside the station' };
  const file = join(root, ADDON);
  if (!existsSync(file)) {
    let why = 'not built';
    try {
      const status = JSON.parse(readFileSync(join(root, 'src/native/build/status.json'), 'utf8')) as { reason?: string };
      if (status.reason) why = `not built: ${status.reason}`;
    } catch {
      // never attempted
    }
    return { addon: null, reason: `${why} — apt-get install build-essential, then node scripts/build-native.mjs` };
  }
  try {
    return { addon: createRequire(import.meta.url)(file) as NativeAddon, reason: '' };
  } catch (e) {
    return { addon: null, reason: `${ADDON} did not load: ${(e as Error).message.split('\n')[0]}` };
  }
}
