/** What the waiting-room screens say about power, in Indonesian first and English. */
import { isoLocal } from '../../shared/time.js';
import type { NoticeView, PowerSource } from '../events.js';

export function outageNotice(source: PowerSource, at: number, tz: string): NoticeView {
  const onGenset = source === 'genset';
  return {
    kind: 'power-outage',
    at: isoLocal(at, tz),
    message: onGenset
      ? 'Listrik PLN padam — layanan tetap berjalan dengan genset.'
      : 'Listrik PLN padam — perekaman berhenti sementara; nomor antrean tetap diberikan dan berlaku.',
    messageEn: onGenset
      ? 'Mains power is out — service continues on the genset.'
      : 'Mains power is out — recording is paused for now; queue numbers are still issued and stay valid.',
  };
}

export function restoredNotice(at: number, tz: string): NoticeView {
  return {
    kind: 'power-restored',
    at: isoLocal(at, tz),
    message: 'Listrik PLN sudah menyala kembali — layanan berjalan normal.',
    messageEn: 'Mains power is back — service is running normally.',
  };
}
