/**
 * Storage trouble, told apart from bugs: a full disk, a disk that went
 * read-only (an SD card that protects itself, a remount after errors) and I/O
 * errors. The one place that maps SQLite and file-system error codes to what
 * a technician and a resident are told.
 */
import { StationError } from '../../shared/errors.js';

export type StorageTrouble = 'full' | 'read-only' | 'io';

/** What kind of storage trouble an error is, or null for anything else (a bug stays a bug). */
export function storageTrouble(err: unknown): StorageTrouble | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EPERM')
    return 'read-only';
  if (
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_NOTADB' ||
    code === 'EIO'
  )
    return 'io';
  return null;
}

/** Short reason codes, as /health and the metrics carry them. */
export const TROUBLE_REASON: Record<StorageTrouble, string> = {
  full: 'storage-full',
  'read-only': 'storage-read-only',
  io: 'storage-error',
};

const SAID: Record<StorageTrouble, { id: string; en: string }> = {
  full: {
    id: 'Penyimpanan stasiun penuh: perubahan tidak dapat disimpan. Silakan hubungi teknisi.',
    en: "The station's storage is full: changes cannot be saved. Please call the technician.",
  },
  'read-only': {
    id: 'Penyimpanan stasiun hanya dapat dibaca: perubahan tidak dapat disimpan. Silakan hubungi teknisi.',
    en: "The station's storage has become read-only: changes cannot be saved. Please call the technician.",
  },
  io: {
    id: 'Penyimpanan stasiun mengalami galat baca/tulis: perubahan tidak dapat disimpan. Silakan hubungi teknisi.',
    en: "The station's storage reports read/write errors: changes cannot be saved. Please call the technician.",
  },
};

/**
 * What the API answers while storage is unusable: 503 STORAGE_UNAVAILABLE,
 * the message in Indonesian then English (one string, as every error
 * message), both also apart for screens that pick a language.
 */
export class StorageUnavailable extends StationError {
  constructor(readonly trouble: StorageTrouble) {
    const said = SAID[trouble];
    super('STORAGE_UNAVAILABLE', `${said.id} / ${said.en}`, 503, {
      reason: TROUBLE_REASON[trouble],
      messageId: said.id,
      messageEn: said.en,
    });
    this.name = 'StorageUnavailable';
  }
}

/** What a technician should do, by trouble, for the log and the alert. */
export function storageAdvice(trouble: StorageTrouble, dataDir: string): { en: string; id: string } {
  switch (trouble) {
    case 'full':
      return {
        en: `no space left for the station data in ${dataDir}: free space on that disk (old files, the voice cache) or move dataDir to a bigger one; the station saves again by itself once there is room`,
        id: `ruang penyimpanan ${dataDir} habis: kosongkan ruang pada disk itu atau pindahkan dataDir; stasiun menyimpan lagi dengan sendirinya bila ruang tersedia`,
      };
    case 'read-only':
      return {
        en: `${dataDir} cannot be written (read-only or wrong permissions): check the SD card or disk (dmesg), remount it read-write, or fix the owner of the directory; the station saves again by itself once it can`,
        id: `${dataDir} tidak dapat ditulisi (hanya-baca atau izin salah): periksa kartu SD atau disk, pasang ulang dengan mode baca-tulis; stasiun menyimpan lagi dengan sendirinya`,
      };
    case 'io':
      return {
        en: `read/write errors on ${dataDir}: the SD card or disk may be failing — check dmesg, back up ${dataDir} and replace the card`,
        id: `galat baca/tulis pada ${dataDir}: kartu SD atau disk mungkin rusak — cadangkan ${dataDir} dan ganti kartunya`,
      };
  }
}
