/**
 * The technician's alerts for the data disk: `storage` (critical) while
 * writes fail, `storage-low` (warning) while free space is under the
 * threshold. Raised and cleared as the storage health changes.
 */
import type { AlertCenter } from '../power/alerts.js';
import { storageAdvice } from './storage-errors.js';
import type { StorageHealth, StorageState } from './storage-health.js';

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

export function alertOnStorage(storage: StorageHealth, alerts: AlertCenter, dataDir: string): () => void {
  const apply = (s: StorageState) => {
    if (s.state === 'fault') {
      const advice = storageAdvice(s.trouble, dataDir);
      alerts.raise({
        kind: 'storage',
        severity: 'critical',
        value: s.freeBytes === null ? null : mb(s.freeBytes),
        message: `station data cannot be saved (${s.reason}): ${advice.en}`,
        messageId: `data stasiun tidak dapat disimpan (${s.reason}): ${advice.id}`,
      });
    } else {
      alerts.clear('storage', '', 'writes succeed again');
    }
    if (s.state === 'low') {
      alerts.raise({
        kind: 'storage-low',
        value: mb(s.freeBytes),
        threshold: mb(s.warnBelowBytes),
        message: `only ${mb(s.freeBytes)} MB free for the station data in ${dataDir} (warning below ${mb(s.warnBelowBytes)} MB): free space or move dataDir to a bigger disk before it is full`,
        messageId: `sisa ruang penyimpanan data stasiun hanya ${mb(s.freeBytes)} MB (batas ${mb(s.warnBelowBytes)} MB): kosongkan ruang sebelum penuh`,
      });
    } else if (s.state === 'ok') {
      alerts.clear('storage-low', '', 'free space above the threshold');
    }
  };
  apply(storage.status());
  return storage.onChange(apply);
}
