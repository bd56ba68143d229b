import t from 'tap';
import { gradeOf, ikmOf } from '../../src/controller/residents/survey/ikm.js';
import { waitBand } from '../../src/controller/residents/survey/figures.js';

t.test('IKM of three respondents, worked by hand', async (t) => {
  const r = ikmOf([
    [4, 4, 3, 4, 3, 4, 4, 3, 3], // sum 32
    [3, 3, 2, 4, 3, 3, 4, 2, 3], // sum 27
    [4, 3, 3, 4, 4, 4, 4, 3, 2], // sum 31
  ]);
  t.equal(r.responses, 3);
  // U1 = (4+3+4)/3 = 3.667 … U9 = (3+3+2)/3 = 2.667
  t.same(r.nrr, [3.667, 3.333, 2.667, 4, 3.333, 3.667, 4, 2.667, 2.667]);
  // Σ NRR = 90 / 3 = 30; each weighs 1/9: IKM = 30 / 9 = 3.3333; × 25 = 83.33
  t.equal(r.ikm, 83.33);
  t.equal(r.grade, 'B', '76.61 ≤ 83.33 ≤ 88.30 is B (baik)');
});

t.test('all answers 4 reach the top of the conversion table exactly; all 1 the bottom', async (t) => {
  t.same(ikmOf([Array(9).fill(4)]).ikm, 100, 'weight 1/9, not the rounded 0.11 (which would give 99.00)');
  t.same(ikmOf([Array(9).fill(1)]).ikm, 25);
  t.equal(ikmOf([Array(9).fill(1)]).grade, 'D');
});

t.test('grade boundaries of PermenPAN-RB 14/2017', async (t) => {
  t.equal(gradeOf(100), 'A');
  t.equal(gradeOf(88.31), 'A');
  t.equal(gradeOf(88.3), 'B');
  t.equal(gradeOf(76.61), 'B');
  t.equal(gradeOf(76.6), 'C');
  t.equal(gradeOf(65), 'C');
  t.equal(gradeOf(64.99), 'D');
  t.equal(gradeOf(25), 'D');
});

t.test('no responses: nine nulls, no index, no grade', async (t) => {
  t.same(ikmOf([]), { responses: 0, nrr: Array(9).fill(null), ikm: null, grade: null });
});

t.test('wait bands: under 30, 30 to 60 (both ends), over 60, never called', async (t) => {
  const min = 60_000;
  t.equal(waitBand(0), 'under30');
  t.equal(waitBand(29.99 * min), 'under30');
  t.equal(waitBand(30 * min), '30to60');
  t.equal(waitBand(60 * min), '30to60');
  t.equal(waitBand(60 * min + 1000), 'over60');
  t.equal(waitBand(null), 'notCalled');
});
