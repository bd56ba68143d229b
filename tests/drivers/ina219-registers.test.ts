import t from 'tap';
import fc from 'fast-check';
import {
  BUS_CNVR,
  BUS_OVF,
  CONFIG_32V_320MV_12BIT,
  calibrate,
  convenientCeil,
  decodeBusVoltage,
  decodeCurrent,
  decodePower,
  decodeShuntMillivolts,
  encodeBusVoltage,
  swap16,
} from '../../src/drivers/power-monitor/ina219-registers.js';

t.test('calibration from shunt ohms and expected maximum current', async (t) => {
  t.same(calibrate(0.1), { currentLsb: 0.0001, powerLsb: 0.002, cal: 4096 }, '0.1 Ω, full scale 3.2 A → 100 µA, Cal 4096');
  t.same(calibrate(0.01, 10), { currentLsb: 0.0005, powerLsb: 0.01, cal: 8192 }, '10 mΩ, 10 A → 500 µA, Cal 8192');
  t.same(calibrate(0.1, 0.4), { currentLsb: 0.00002, powerLsb: 0.0004, cal: 20480 }, '0.4 A → 20 µA');
  t.equal(convenientCeil(0.000061), 0.0001);
  t.equal(convenientCeil(0.000024), 0.000025);
  t.equal(convenientCeil(0.002), 0.002, 'already convenient');
  t.ok(calibrate(1, 0.001).cal <= 0xfffe, 'tiny range still fits the 15-bit register');
});

t.test('config word: 32 V, ±320 mV, 12-bit, continuous', async (t) => {
  t.equal(CONFIG_32V_320MV_12BIT, 0x399f);
  t.equal(swap16(CONFIG_32V_320MV_12BIT), 0x9f39, 'as the SMBus word the driver writes');
});

t.test('bus voltage register: 12.000 V with CNVR, read as SMBus word 0xC25D', async (t) => {
  const wire = 0xc25d; // bytes 0x5D 0xC2 on the bus, MSB first
  const reg = swap16(wire);
  t.equal(reg, 0x5dc2);
  t.same(decodeBusVoltage(reg), { volts: 12, conversionReady: true, overflow: false });
  t.same(decodeBusVoltage(0x5dc3), { volts: 12, conversionReady: true, overflow: true }, 'OVF bit');
  t.equal(encodeBusVoltage(12, BUS_CNVR), 0x5dc2);
  t.equal(encodeBusVoltage(32.76) >> 3, 8190);
});

t.test('shunt voltage is signed, 10 µV per bit: negative current through the shunt', async (t) => {
  t.equal(decodeShuntMillivolts(swap16(0x6aff)), -1.5, 'wire FF 6A = -150 → -1.50 mV');
  t.equal(decodeShuntMillivolts(0x7d00), 320, 'full scale +320 mV');
  t.equal(decodeShuntMillivolts(0x8300), -320, 'full scale -320 mV');
});

t.test('current and power registers with 100 µA calibration: 1.5 A at 12 V is 18 W', async (t) => {
  const cal = calibrate(0.1);
  t.equal(decodeCurrent(0x3a98, cal), 1.5);
  t.equal(Number(decodeCurrent(0xc568, cal).toFixed(6)), -1.5, 'negative current');
  t.equal(decodePower(9000, cal), 18);
});

t.test('register encode/decode round trips', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x1fff }), fc.boolean(), fc.boolean(), (raw, cnvr, ovf) => {
        const reg = encodeBusVoltage(raw * 0.004, (cnvr ? BUS_CNVR : 0) | (ovf ? BUS_OVF : 0));
        const back = decodeBusVoltage(reg);
        return reg >> 3 === raw && back.conversionReady === cnvr && back.overflow === ovf && Math.round(back.volts / 0.004) === raw;
      }),
    ),
  );
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(fc.integer({ min: -32000, max: 32000 }), (tensOfMicrovolts) => {
        const reg = tensOfMicrovolts & 0xffff;
        return decodeShuntMillivolts(swap16(swap16(reg))) === tensOfMicrovolts / 100;
      }),
    ),
  );
  t.doesNotThrow(() => fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), (w) => swap16(swap16(w)) === w)));
});
