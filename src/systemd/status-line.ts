/**
 * The one line `systemctl status ktp-station` shows (systemd's STATUS=), in
 * Indonesian for the technician on site: "melayani; printer: kertas habis;
 * listrik: genset". Only what needs attention is named; a healthy station
 * reads just "melayani".
 */
import type { DeviceState } from '../controller/ports.js';
import type { PowerSource } from '../controller/events.js';

const NAMES: Record<DeviceState['kind'], string> = {
  printer: 'printer',
  'card-reader': 'pembaca KTP-el',
  scanner: 'pemindai',
  display: 'layar',
  button: 'tombol',
  'mains-sense': 'sensor PLN',
  'genset-sense': 'sensor genset',
  'power-monitor': 'monitor catu daya',
  bridge: 'papan genset',
};

/** The device's own condition, recognised from its detail, in the technician's words. */
const CONDITIONS: [RegExp, string][] = [
  [/^paper end/, 'kertas habis'],
  [/^paper near end/, 'kertas hampir habis'],
  [/^cover open/, 'penutup terbuka'],
  [/paper jam|autocutter/, 'kertas macet'],
  [/held down/, 'tertahan (macet?)'],
  [/no GPIO library/, 'pustaka GPIO belum terpasang'],
  [/permission denied/, 'izin akses ditolak'],
  [/no such (chip|device|file)|ENOENT|ENODEV/, 'tidak ditemukan'],
];

/** Still on its first (or a renewed) attempt: counted, not named, unless it is the only one. */
const CONNECTING = /^(not started|opening |connecting to )/;

const BY_STATUS: Record<DeviceState['status'], string> = { ok: 'normal', degraded: 'terganggu', offline: 'terputus', fault: 'rusak' };

const POWER: Partial<Record<PowerSource, string>> = { genset: 'listrik: genset', battery: 'listrik: baterai (PLN padam, genset mati)' };

/** At most this many devices are named; the rest are counted. */
const MAX_NAMED = 4;

export function deviceName(d: Pick<DeviceState, 'id' | 'kind'>): string {
  const n = /-(\d+)$/.exec(d.id)?.[1];
  const name = NAMES[d.kind] ?? d.kind;
  if (n === undefined) return name;
  // Buttons count from 0 in the config; people count from 1.
  return `${name} ${d.kind === 'button' ? Number(n) + 1 : n}`;
}

export function deviceCondition(d: Pick<DeviceState, 'status' | 'detail'>): string {
  for (const [re, text] of CONDITIONS) if (re.test(d.detail)) return text;
  return BY_STATUS[d.status];
}

export interface StatusInputs {
  phase: 'starting' | 'serving' | 'stopping';
  devices: readonly DeviceState[];
  power?: PowerSource | null;
  /** Further notes, already in Indonesian ("jam belum tersinkron"). */
  notes?: readonly string[];
}

export function statusLine(x: StatusInputs): string {
  const head = x.phase === 'starting' ? 'memulai' : x.phase === 'stopping' ? 'berhenti' : 'melayani';
  if (x.phase !== 'serving') return head;
  const notOk = x.devices.filter((d) => d.status !== 'ok');
  const connecting = notOk.filter((d) => CONNECTING.test(d.detail));
  const troubled = notOk.filter((d) => !CONNECTING.test(d.detail));
  const parts = troubled.slice(0, MAX_NAMED).map((d) => `${deviceName(d)}: ${deviceCondition(d)}`);
  if (troubled.length > MAX_NAMED) parts.push(`${troubled.length - MAX_NAMED} perangkat lain bermasalah`);
  if (connecting.length === 1) parts.push(`${deviceName(connecting[0]!)}: menyambung`);
  else if (connecting.length > 1) parts.push(`${connecting.length} perangkat menyambung`);
  const power = x.power ? POWER[x.power] : undefined;
  return [head, ...parts, ...(power ? [power] : []), ...(x.notes ?? [])].join('; ');
}
