import t from 'tap';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/shared/log.js';
import { maskNik, maskNiksInText, cardTag } from '../../src/shared/privacy.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { log: createLogger({ destination, level: 'debug' }), lines };
}

t.test('a NIK never reaches the log in full, whether as a field or inside a message', async (t) => {
  const { log, lines } = capture();
  log.info({ nik: '1206015507900001', counter: 1 }, 'resident verified');
  log.child({ ns: 'drivers.scanner' }).warn('unexpected code 1206015507900001 at counter 1');
  log.info({ card: { uid: '04A1B2C3D4E5F6' } }, 'card tapped');
  log.info({ req: { headers: { authorization: 'Bearer dev-admin' } } }, 'request');
  const text = lines.join('');
  t.notMatch(text, /1206015507900001/);
  t.notMatch(text, /04A1B2C3D4E5F6/);
  t.notMatch(text, /dev-admin/);
  t.match(text, /1206\*{8}0001/);
  t.match(text, /\[redacted\]/);
});

t.test('masking keeps province/regency and the serial, and leaves other text alone', async (t) => {
  t.equal(maskNik('1206015507900001'), '1206********0001');
  t.equal(maskNik('12345'), '12345');
  t.equal(maskNiksInText('NIK 1206015507900001, ticket A-007'), 'NIK 1206********0001, ticket A-007');
  t.equal(maskNiksInText('12060155079000011'), '12060155079000011', 'a 17-digit number is not a NIK');
  t.equal(cardTag('04a1b2c3'), cardTag('04A1B2C3'), 'card tags ignore case');
  t.not(cardTag('04A1B2C3'), cardTag('04A1B2C4'));
  t.notMatch(cardTag('04A1B2C3'), /04A1B2C3/i);
});
