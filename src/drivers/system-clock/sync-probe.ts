/**
 * Is the system clock synchronised? A Raspberry Pi has no battery-backed
 * clock: after a power cut it boots with the time it last saved, and an
 * office without internet may run on yesterday's date until someone notices.
 *
 * The kernel's own flag decides (adjtimex: STA_UNSYNC, cleared by whichever
 * NTP client disciplines the clock — systemd-timesyncd, chrony, ntpd; the
 * test `timedatectl` uses), read through the station's addon. Under the
 * hardened unit (ProtectClock=yes forbids adjtimex even for reading) and
 * without the addon, systemd-timesyncd's flag file answers instead:
 * /run/systemd/timesync/synchronized exists once it has synchronised.
 */
import { existsSync } from 'node:fs';
import { loadNative, type NativeLoad } from '../../native/load.js';

export interface ClockSyncReading {
  /** null: nothing here can tell (no addon, adjtimex forbidden, no timesyncd). */
  synchronized: boolean | null;
  source: 'adjtimex' | 'timesyncd' | 'none';
  detail: string;
}

export type ClockSyncProbe = () => ClockSyncReading;

interface ClockAddon {
  clockSync?: () => { synchronized: boolean; state: number; maxErrorUs: number };
}

export function systemClockSyncProbe(native: NativeLoad = loadNative(), runDir = '/run/systemd/timesync'): ClockSyncProbe {
  return () => {
    const addon = native.addon as ClockAddon | null;
    let why = native.addon ? '' : `addon ${native.reason}`;
    if (addon?.clockSync) {
      try {
        const r = addon.clockSync();
        return { synchronized: r.synchronized, source: 'adjtimex', detail: r.synchronized ? 'kernel: synchronised' : 'kernel: STA_UNSYNC' };
      } catch (e) {
        why = `adjtimex ${(e as NodeJS.ErrnoException).code ?? 'failed'}`;
      }
    }
    if (existsSync(runDir)) {
      const synced = existsSync(`${runDir}/synchronized`);
      return { synchronized: synced, source: 'timesyncd', detail: synced ? 'timesyncd: synchronised' : 'timesyncd: not yet synchronised' };
    }
    return { synchronized: null, source: 'none', detail: `cannot tell (${why || 'no adjtimex'}; no systemd-timesyncd)` };
  };
}
