import t from 'tap';
import { callText, callSpeechText, spokenTicketNumber, angka, numberWord } from '../../src/controller/voice/call-text.js';

t.test('the field example reads digit by digit and names the counter in words', async (t) => {
  t.equal(callText({ number: 'A-007', counter: 2 }), 'Nomor antrean A nol nol tujuh, silakan menuju loket dua.');
});

t.test('several numbers and counters', async (t) => {
  const cases: Array<[string, number, string]> = [
    ['B-120', 1, 'Nomor antrean B satu dua nol, silakan menuju loket satu.'],
    ['A-999', 11, 'Nomor antrean A sembilan sembilan sembilan, silakan menuju loket sebelas.'],
    ['C-050', 10, 'Nomor antrean C nol lima nol, silakan menuju loket sepuluh.'],
    ['A-001', 21, 'Nomor antrean A nol nol satu, silakan menuju loket dua puluh satu.'],
    ['D-304', 15, 'Nomor antrean D tiga nol empat, silakan menuju loket lima belas.'],
  ];
  for (const [number, counter, expected] of cases) t.equal(callText({ number, counter }), expected, `${number} → loket ${counter}`);
});

t.test('priority and recall variants', async (t) => {
  t.equal(callText({ number: 'A-003', counter: 1, priority: true }), 'Nomor antrean prioritas A nol nol tiga, silakan menuju loket satu.');
  t.equal(
    callText({ number: 'B-010', counter: 2, recall: true }),
    'Panggilan ulang, nomor antrean B nol satu nol, silakan menuju loket dua.',
  );
});

t.test('English variant', async (t) => {
  t.equal(callText({ number: 'A-007', counter: 2 }, 'en'), 'Number A zero zero seven, please go to counter two.');
  t.equal(
    callText({ number: 'B-042', counter: 12, priority: true }, 'en'),
    'Priority number B zero four two, please go to counter twelve.',
  );
  t.equal(
    callText({ number: 'B-042', counter: 23, recall: true }, 'en'),
    'Calling again, number B zero four two, please go to counter twenty-three.',
  );
});

t.test('the synthesiser gets the letter as its Indonesian name', async (t) => {
  t.equal(spokenTicketNumber('B-007'), 'be nol nol tujuh');
  t.equal(spokenTicketNumber('X-100'), 'eks satu nol nol');
  t.equal(callSpeechText({ number: 'B-007', counter: 2 }), 'Nomor antrean be nol nol tujuh, silakan menuju loket dua.');
  t.equal(
    callSpeechText({ number: 'A-007', counter: 3, priority: true }),
    'Nomor antrean prioritas a nol nol tujuh, silakan menuju loket tiga.',
  );
});

t.test('number words', async (t) => {
  t.same([0, 9, 10, 11, 12, 19, 20, 40, 99, 100, 101, 115, 250].map(angka), [
    'nol',
    'sembilan',
    'sepuluh',
    'sebelas',
    'dua belas',
    'sembilan belas',
    'dua puluh',
    'empat puluh',
    'sembilan puluh sembilan',
    'seratus',
    'seratus satu',
    'seratus lima belas',
    'dua ratus lima puluh',
  ]);
  t.same([13, 30, 45, 100].map(numberWord), ['thirteen', 'thirty', 'forty-five', 'one hundred']);
});

t.test('bad input is refused, not spoken', async (t) => {
  t.throws(() => callText({ number: 'A7', counter: 1 }), RangeError);
  t.throws(() => callText({ number: 'a-007', counter: 1 }), RangeError);
  t.throws(() => callText({ number: 'A-007', counter: 0 }), RangeError);
  t.throws(() => callText({ number: 'A-007', counter: 1.5 }), RangeError);
});
