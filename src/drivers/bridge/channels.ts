/**
 * What each companion-board input means to the station: which pin, analog or
 * digital, and how a 10-bit reading becomes volts, percent or present/absent.
 */
import type { BridgeChannelConfig } from '../../config/schema.js';
import { DeviceError } from '../../shared/errors.js';

/** The Nano's ADC: 10 bits over AVCC. */
export const ADC_FULL_SCALE = 1023;
export const ADC_REFERENCE_V = 5;
/** Firmata pin number of A0 on an ATmega328P board. */
export const FIRST_ANALOG_PIN = 14;

export interface BridgeChannel {
  name: string;
  kind: 'analog' | 'digital';
  /** Firmata pin number (A0 = 14). */
  pin: number;
  /** Analog channel (A0 = 0); -1 for digital channels. */
  analogChannel: number;
  unit: string;
  /** Raw 0-1023 (analog) or 0/1 (digital) to the station's value. */
  convert(raw: number): number | boolean;
}

/** What the board measures when the config names no channels (see firmware-bridge/README.md). */
export const defaultChannels: BridgeChannelConfig[] = [
  { name: 'gensetBatteryV', pin: 'A0', kind: 'analog', divider: 3, unit: 'V' }, // 0-15 V through a 2:1 divider
  { name: 'fuelPercent', pin: 'A1', kind: 'analog', scale: [0, 100], unit: '%' }, // sender 0-5 V
  { name: 'acPresent', pin: 2, kind: 'digital' }, // opto output, high while mains/genset AC is present
];

function parsePin(pin: string | number): { pin: number; analogChannel: number } {
  if (typeof pin === 'number') return { pin, analogChannel: -1 };
  const analog = /^A([0-7])$/i.exec(pin.trim());
  if (analog) {
    const ch = Number(analog[1]);
    return { pin: FIRST_ANALOG_PIN + ch, analogChannel: ch };
  }
  if (/^\d+$/.test(pin.trim())) return { pin: Number(pin), analogChannel: -1 };
  throw new DeviceError('BRIDGE_CONFIG', `bridge channel pin "${pin}" is not A0-A7 or a digital pin number`);
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function resolveChannel(cfg: BridgeChannelConfig): BridgeChannel {
  const { pin, analogChannel } = parsePin(cfg.pin);
  const kind = cfg.kind ?? (analogChannel >= 0 ? 'analog' : 'digital');
  if (kind === 'digital') {
    if (pin < 2 || pin > 19)
      throw new DeviceError('BRIDGE_CONFIG', `bridge channel ${cfg.name}: digital pin ${pin} must be 2-19 (D0/D1 carry the link)`);
    return { name: cfg.name, kind, pin, analogChannel: -1, unit: cfg.unit ?? '', convert: (raw) => raw !== 0 };
  }
  if (analogChannel < 0) throw new DeviceError('BRIDGE_CONFIG', `bridge channel ${cfg.name}: analog channels need a pin A0-A7`);
  const divider = cfg.divider ?? 1;
  const scale = cfg.scale;
  const convert = (raw: number): number => {
    const pinV = (raw / ADC_FULL_SCALE) * ADC_REFERENCE_V;
    if (scale) return round(scale[0]! + ((scale[1]! - scale[0]!) * pinV) / ADC_REFERENCE_V, 1);
    return round(pinV * divider, 2);
  };
  return { name: cfg.name, kind, pin, analogChannel, unit: cfg.unit ?? (scale ? '' : 'V'), convert };
}

/** The configured channels, or the defaults; names must be unique. */
export function resolveChannels(cfgs: BridgeChannelConfig[] | undefined): BridgeChannel[] {
  const list = (cfgs && cfgs.length > 0 ? cfgs : defaultChannels).map(resolveChannel);
  const names = new Set<string>();
  for (const c of list) {
    if (names.has(c.name)) throw new DeviceError('BRIDGE_CONFIG', `bridge channel name ${c.name} is used twice`);
    names.add(c.name);
  }
  return list;
}
