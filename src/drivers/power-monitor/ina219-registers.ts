/**
 * INA219 registers and conversions (pure). Registers are 16-bit big-endian on
 * the wire; an SMBus word read puts the first byte in the LOW half, so every
 * word crosses swap16 on its way in and out.
 */
export const REG_CONFIG = 0x00;
/** Shunt voltage: signed, 10 µV per bit. */
export const REG_SHUNT = 0x01;
/** Bus voltage: bits 15..3 in 4 mV, bit 1 CNVR (conversion ready), bit 0 OVF (math overflow). */
export const REG_BUS = 0x02;
/** Power: unsigned, 20 × Current_LSB watts per bit. */
export const REG_POWER = 0x03;
/** Current: signed, Current_LSB amperes per bit. */
export const REG_CURRENT = 0x04;
/** Calibration: bits 15..1 (bit 0 always reads 0). */
export const REG_CALIBRATION = 0x05;

/** Config bit 15: reset every register to its power-on value. */
export const CONFIG_RESET = 0x8000;
/**
 * 32 V bus range (BRNG=1), ±320 mV shunt range (PGA ÷8), 12-bit bus and shunt
 * ADC, shunt and bus continuous: 0x2000 | 0x1800 | 0x0180 | 0x0018 | 0x0007.
 */
export const CONFIG_32V_320MV_12BIT = 0x399f;

export const BUS_CNVR = 0x0002;
export const BUS_OVF = 0x0001;

export const swap16 = (w: number): number => ((w & 0xff) << 8) | ((w >> 8) & 0xff);
export const toSigned16 = (w: number): number => (w & 0x8000 ? w - 0x10000 : w);

export interface Calibration {
  /** Amperes per bit of the current register. */
  currentLsb: number;
  /** Watts per bit of the power register (20 × currentLsb). */
  powerLsb: number;
  /** Value written to the calibration register. */
  cal: number;
}

/** Full-scale shunt voltage of the ±320 mV range. */
export const SHUNT_FULL_SCALE_V = 0.32;

/** The next value ≥ x in the series 1, 2, 2.5, 5 × 10ⁿ. */
export function convenientCeil(x: number): number {
  const decade = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const v = Number((m * decade).toPrecision(6));
    if (v >= x * (1 - 1e-12)) return v;
  }
  return 10 * decade;
}

/**
 * Current_LSB = maxA / 32768 rounded up to a convenient value;
 * Cal = trunc(0.04096 / (Current_LSB × Rshunt)). Without maxA, the shunt's
 * full scale (0.32 V / Rshunt) is the maximum.
 */
export function calibrate(shuntOhms: number, maxCurrentA = SHUNT_FULL_SCALE_V / shuntOhms): Calibration {
  let currentLsb = convenientCeil(maxCurrentA / 32768);
  // The register holds 15 bits (bit 0 unused): a very small maxA needs a coarser LSB.
  while (Math.trunc(0.04096 / (currentLsb * shuntOhms)) > 0xfffe) currentLsb = convenientCeil(currentLsb * 1.000001);
  const cal = Math.trunc(0.04096 / (currentLsb * shuntOhms)) & 0xfffe;
  return { currentLsb, powerLsb: 20 * currentLsb, cal };
}

export interface BusVoltage {
  volts: number;
  conversionReady: boolean;
  overflow: boolean;
}

export const decodeBusVoltage = (reg: number): BusVoltage => ({
  volts: (reg >> 3) * 0.004,
  conversionReady: (reg & BUS_CNVR) !== 0,
  overflow: (reg & BUS_OVF) !== 0,
});

/** Shunt voltage in millivolts (signed, 10 µV per bit). */
export const decodeShuntMillivolts = (reg: number): number => toSigned16(reg) / 100;
export const decodeCurrent = (reg: number, cal: Calibration): number => toSigned16(reg) * cal.currentLsb;
export const decodePower = (reg: number, cal: Calibration): number => reg * cal.powerLsb;

/** Bus voltage register for a voltage (the simulator's side). */
export function encodeBusVoltage(volts: number, flags = 0): number {
  const raw = Math.max(0, Math.min(0x1fff, Math.round(volts / 0.004)));
  return (raw << 3) | (flags & 0x03);
}

/** Rounds away binary noise: 12.0040000001 → 12.004. */
export const tidy = (x: number, digits = 6): number => Number(x.toFixed(digits));
