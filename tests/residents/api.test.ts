/**
 * The residents' routes on a whole station (every device simulated, a stopped
 * clock): running text with from/until, ISHOMA, the card-ready import and
 * lookup, the entrance scanner's answer, the counter's hint, the survey and
 * its block in the day's report.
 */
import t from 'tap';
import { residentsStation, auth, TOKENS, until } from './helpers/station.js';
import type { CardCheckView, CardReadyHint } from '../../src/controller/events.js';

const adminJson = { 'content-type': 'application/json', ...auth(TOKENS.admin) };

/** The rejected lines as line and English reason (each also carries its Indonesian `whyId`). */
const english = (r: Array<{ line: number; why: string; whyId: string }>) => r.map(({ line, why }) => ({ line, why }));

t.test('running text: admin replaces it, anyone reads what shows now; from/until move it in and out', async (t) => {
  const { s, clock, next } = await residentsStation(t);
  const get = async () => (await s.app.inject({ method: 'GET', url: '/api/v1/announcements' })).json();
  t.same(await get(), { items: [] });

  const items = [
    { text: 'Perekaman e-KTP gratis, tidak dipungut biaya.' },
    { text: 'Perekaman keliling di Desa Kodon-Kodon hari Senin.', from: '2026-11-28T09:00', until: '2026-11-28T10:00:00+07:00' },
  ];
  for (const [token, status] of [
    [null, 401],
    [TOKENS.kiosk, 403],
    [TOKENS.technician, 403],
  ] as const) {
    const res = await s.app.inject({ method: 'PUT', url: '/api/v1/announcements', headers: token ? auth(token) : {}, payload: { items } });
    t.equal(res.statusCode, status, `${token ?? 'no token'}: ${status}`);
  }
  const changed = next('announcements');
  const put = await s.app.inject({ method: 'PUT', url: '/api/v1/announcements', headers: adminJson, payload: { items } });
  t.equal(put.statusCode, 200);
  t.same(
    put.json().items.map((i: { text: string }) => i.text),
    ['Perekaman e-KTP gratis, tidak dipungut biaya.'],
    'the one from 09.00 does not show at 08.00',
  );
  t.equal((await changed).data.items.length, 1, 'the screens are told');

  const all = (await s.app.inject({ method: 'GET', url: '/api/v1/announcements?all=true', headers: auth(TOKENS.admin) })).json();
  t.same(
    all.items.map((i: { from?: string; until?: string; showing: boolean }) => [i.from ?? null, i.until ?? null, i.showing]),
    [
      [null, null, true],
      ['2026-11-28T09:00:00.000+07:00', '2026-11-28T10:00:00.000+07:00', false],
    ],
    'times read in station time come back with the offset',
  );
  t.equal((await s.app.inject({ method: 'GET', url: '/api/v1/announcements?all=true' })).statusCode, 401);

  const at9 = next('announcements');
  clock.advance(3600_000);
  t.equal((await at9).data.items.length, 2, 'at 09.00 the screens get the second item without anyone asking');
  t.equal((await get()).items.length, 2);
  const at10 = next('announcements');
  clock.advance(3600_000);
  t.equal((await at10).data.items.length, 1, 'and at 10.00 it is gone');

  const long = 'x'.repeat(281);
  const bad = await s.app.inject({
    method: 'PUT',
    url: '/api/v1/announcements',
    headers: adminJson,
    payload: { items: [{ text: 'ok' }, { text: long }, { text: 'b', from: '2026-11-28T12:00', until: '2026-11-28T11:00' }] },
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().error.message, /items\[1\]\.text: is 281 characters; at most 280/);
  t.match(bad.json().error.message, /items\[2\]\.until: must be after from/);
  t.equal((await get()).items.length, 1, 'a refused list changes nothing');
  const exactly = await s.app.inject({
    method: 'PUT',
    url: '/api/v1/announcements',
    headers: adminJson,
    payload: { items: [{ text: '😀'.repeat(280) }] },
  });
  t.equal(exactly.statusCode, 200, '280 characters are counted as a reader counts them (an emoji is one)');
});

t.test('ISHOMA: the admin switches it on until 13.00; it goes off by itself', async (t) => {
  const { s, clock, next } = await residentsStation(t, undefined, '2026-11-28T12:00:00+07:00');
  const on = next('ishoma');
  const res = await s.app.inject({
    method: 'PUT',
    url: '/api/v1/ishoma',
    headers: adminJson,
    payload: { on: true, until: '2026-11-28T13:00' },
  });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { on: true, since: '2026-11-28T12:00:00.000+07:00', until: '2026-11-28T13:00:00.000+07:00', message: null });
  t.equal((await on).data.on, true);
  t.equal(
    (await s.app.inject({ method: 'PUT', url: '/api/v1/ishoma', headers: auth(TOKENS.kiosk), payload: { on: false } })).statusCode,
    403,
  );
  const past = await s.app.inject({
    method: 'PUT',
    url: '/api/v1/ishoma',
    headers: adminJson,
    payload: { on: true, until: '2026-11-28T11:00' },
  });
  t.equal(past.statusCode, 400, 'a resume time already past is refused');
  const off = next('ishoma');
  clock.advance(3600_000);
  t.same((await off).data.on, false);
  t.same((await s.app.inject({ method: 'GET', url: '/api/v1/ishoma' })).json().on, false);
});

t.test('information panel: defaults, edited by the admin, past mobile recording days dropped', async (t) => {
  const { s } = await residentsStation(t);
  const first = (await s.app.inject({ method: 'GET', url: '/api/v1/information' })).json();
  t.match(first.requirements.join(' '), /Kartu Keluarga/);
  const res = await s.app.inject({
    method: 'PUT',
    url: '/api/v1/information',
    headers: adminJson,
    payload: {
      requirements: ['Fotokopi KK'],
      hours: ['Senin–Jumat 08.00–15.00 WIB'],
      mobileRecording: [
        { date: '2026-12-01', place: 'Desa Kodon-Kodon, balai desa', hours: '09.00–14.00' },
        { date: '2026-11-27', place: 'Desa Merek' },
        { date: '2026-11-30', place: 'Desa Situnggaling' },
      ],
    },
  });
  t.equal(res.statusCode, 200);
  t.same(
    res.json().mobileRecording.map((d: { date: string }) => d.date),
    ['2026-11-30', '2026-12-01'],
    'from today on, in date order',
  );
  const bad = await s.app.inject({
    method: 'PUT',
    url: '/api/v1/information',
    headers: adminJson,
    payload: { requirements: [], hours: [], mobileRecording: [{ date: '2026-13-01', place: 'x' }] },
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().error.message, /mobileRecording\[0\]\.date/);
});

const LIST = [
  'code,readySince',
  'SP-120601-20261110-0042,2026-11-20',
  'SP-120601-20261110-0043,2026-11-30',
  'REG-7788,2026-11-25T10:00:00+07:00',
].join('\r\n');

t.test('card-ready import: CSV or JSON, line numbers, nothing imported half-way; lookup by role', async (t) => {
  const { s } = await residentsStation(t);
  const post = (payload: string, type = 'text/csv', token: string = TOKENS.admin) =>
    s.app.inject({ method: 'POST', url: '/api/v1/cards/ready', headers: { 'content-type': type, ...auth(token) }, payload });
  const lookup = (code: string, token: string = TOKENS.kiosk) =>
    s.app.inject({ method: 'GET', url: `/api/v1/cards/ready/${encodeURIComponent(code)}`, headers: auth(token) });

  const bad = await post(`${LIST}\r\nSP-120601-20261110-0099;2026-11-20\r\n`);
  t.equal(bad.statusCode, 200);
  t.same(bad.json().imported, 0);
  t.same(english(bad.json().rejected), [{ line: 5, why: 'expected 2 fields, found 1' }]);
  t.same((await lookup('SP-120601-20261110-0042')).json(), { code: 'SP-120601-20261110-0042', ready: false }, 'nothing was imported');

  t.equal((await post(LIST, 'text/csv', TOKENS.kiosk)).statusCode, 403, 'only the admin imports');
  const good = await post(LIST);
  t.same([good.json().imported, good.json().rejected], [3, []]);
  t.same(good.json().list, { waiting: 2, notYet: 1, collected: 0 });

  t.same((await lookup('sp/120601/20261110/0042')).json(), { code: 'SP-120601-20261110-0042', ready: true, readySince: '2026-11-20' });
  t.same((await lookup('SP-120601-20261110-0043', TOKENS.counter1)).json().ready, false, 'ready only from the 30th');
  t.equal((await lookup('REG-7788', TOKENS.admin)).json().ready, true);
  t.equal((await lookup('REG-7788', TOKENS.technician)).statusCode, 403);
  t.equal((await lookup('REG-7788', '')).statusCode, 401);

  const viaJson = await post(
    JSON.stringify({
      cards: [
        { code: 'REG-1', readySince: '2026-11-20' },
        { code: 'REG-2', readySince: 'kemarin' },
      ],
    }),
    'application/json',
  );
  t.same(english(viaJson.json().rejected), [{ line: 2, why: 'readySince "kemarin" is not a date (YYYY-MM-DD) or a date-time' }]);
  const noHeader = await post('SP-1,2026-11-20\n');
  t.equal(noHeader.statusCode, 400);
  t.equal(noHeader.json().error.code, 'BAD_LIST');

  const big = 'code,readySince\r\n' + Array.from({ length: 3000 }, (_, i) => `REG-${String(i).padStart(5, '0')},2026-11-20`).join('\r\n');
  t.ok(big.length > 16 * 1024, 'a list larger than the usual request limit');
  t.equal((await post(big)).json().imported, 3000);
});

t.test('entrance scanner: a ready card is answered and gets its pickup ticket; the counter that calls it is told', async (t) => {
  const { s, clock, next, events } = await residentsStation(t);
  await s.app.inject({
    method: 'POST',
    url: '/api/v1/cards/ready',
    headers: { 'content-type': 'text/csv', ...auth(TOKENS.admin) },
    payload: LIST,
  });
  const scan = async (code: string) => {
    const answer = next('card-check');
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sim/scan', headers: adminJson, payload: { code, kiosk: true } });
    t.equal(res.statusCode, 200);
    const e = await answer;
    t.same(e.scope, { kind: 'public' });
    // The pickup ticket prints on the station's clock: let it finish before time moves on.
    await s.dispenser.idle();
    clock.advance(5_000);
    return e.data as CardCheckView;
  };

  const ready = await scan('SP-120601-20261110-0042');
  t.same([ready.result, ready.ticket, ready.phrase], ['ready', 'B-001', 'card-ready']);
  t.equal(ready.text, 'Kartu e-KTP Anda sudah jadi, silakan ambil nomor antrean B.');
  t.notOk(JSON.stringify(ready).includes('0042'), 'the public answer never carries the code');
  const ticket = s.queue.ticketsOfDay(s.queue.today()).find((x) => x.number === 'B-001')!;
  t.equal(ticket.summons, 'SP-120601-20261110-0042', 'the pickup ticket carries the code');
  await until(() => s.simulators.printer!.tickets().length === 1, 'the pickup ticket printed');
  t.match(s.simulators.printer!.tickets()[0]!.text, /B-001/);

  const again = await scan('SP-120601-20261110-0042');
  t.same([again.result, again.ticket], ['ready', 'B-001'], 'scanning again gives the same ticket, not a second one');
  t.equal(s.queue.ticketsOfDay(s.queue.today()).length, 1);

  t.same((await scan('SP-120601-20261110-0043')).result, 'not-ready', 'on the list but ready only from the 30th');
  const notListed = await scan('SP-120601-20261110-0777');
  t.same([notListed.result, notListed.text], ['not-ready', 'Mohon maaf, kartu e-KTP Anda belum jadi. Silakan kembali lain hari.']);
  t.same((await scan('1206015001900001')).result, 'scan-again', 'a NIK is not looked up');

  // Another resident gets an A ticket; the pickup ticket is called at counter 2.
  await s.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: { 'content-type': 'application/json', ...auth(TOKENS.kiosk) },
    payload: { service: 'A' },
  });
  const hint = next('card-ready');
  const call1 = await s.app.inject({ method: 'POST', url: '/api/v1/counters/1/call', headers: auth(TOKENS.counter1) });
  t.equal(call1.json().ticket.number, 'B-001', 'B-001 was issued first');
  const h = await hint;
  t.same(h.scope, { kind: 'counter', counter: 1 }, "only that counter's stream");
  const data = h.data as CardReadyHint;
  t.same([data.ticket, data.code, data.ready, data.readySince, data.via], ['B-001', 'SP-120601-20261110-0042', true, '2026-11-20', 'call']);
  const c2 = await s.app.inject({ method: 'POST', url: '/api/v1/counters/2/call', headers: auth(TOKENS.counter2) });
  t.equal(c2.json().ticket.number, 'A-001');
  t.equal(events.filter((e) => e.name === 'card-ready').length, 1, 'an A ticket brings no hint');

  await s.app.inject({ method: 'POST', url: '/api/v1/counters/1/steps', headers: adminJson, payload: { step: 'verify' } });
  await s.app.inject({ method: 'POST', url: '/api/v1/counters/1/steps', headers: adminJson, payload: { step: 'handover' } });
  await s.app.inject({ method: 'POST', url: '/api/v1/counters/1/complete', headers: auth(TOKENS.counter1) });
  const after = await s.app.inject({ method: 'GET', url: '/api/v1/cards/ready/SP-120601-20261110-0042', headers: auth(TOKENS.kiosk) });
  t.same([after.json().ready, typeof after.json().collectedAt], [false, 'string'], 'handed over: collected');
  t.same((await scan('SP-120601-20261110-0042')).result, 'collected');
});

t.test('entrance scanner: pickup quota exhausted, and the public stream never carries the hint', async (t) => {
  const { s, next } = await residentsStation(t, (c) => {
    c.services[1]!.dailyQuota = 1;
  });
  await s.app.inject({
    method: 'POST',
    url: '/api/v1/cards/ready',
    headers: { 'content-type': 'text/csv', ...auth(TOKENS.admin) },
    payload: LIST,
  });
  await s.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: { 'content-type': 'application/json', ...auth(TOKENS.kiosk) },
    payload: { service: 'B' },
  });
  const answer = next('card-check');
  await s.app.inject({ method: 'POST', url: '/api/v1/sim/scan', headers: adminJson, payload: { code: 'REG-7788', kiosk: true } });
  const e = (await answer).data as CardCheckView;
  t.same([e.result, e.ticket, e.phrase], ['ready-no-quota', null, 'card-ready-no-quota']);
  const both = await s.app.inject({
    method: 'POST',
    url: '/api/v1/sim/scan',
    headers: adminJson,
    payload: { code: 'X', kiosk: true, counter: 1 },
  });
  t.equal(both.statusCode, 400);
});

t.test('the voice says only the fixed phrases', async (t) => {
  const { s } = await residentsStation(t);
  const res = await s.app.inject({ method: 'GET', url: '/api/v1/voice/phrase.wav?name=card-ready&lang=id' });
  if (res.statusCode === 503) t.equal(res.json().error.code, 'VOICE_UNAVAILABLE');
  else {
    t.equal(res.statusCode, 200);
    t.equal(res.headers['content-type'], 'audio/wav');
    t.equal(res.rawPayload.subarray(0, 4).toString('latin1'), 'RIFF', 'a WAV from espeak-ng');
    t.equal(decodeURIComponent(String(res.headers['x-spoken-text'])), 'Kartu e-KTP Anda sudah jadi, silakan ambil nomor antrean be.');
  }
  const other = await s.app.inject({ method: 'GET', url: '/api/v1/voice/phrase.wav?name=anything-you-like' });
  t.equal(other.statusCode, 404);
});

t.test('survey: 201 once per ticket, 409 after, 404 unknown; the report shows NRR, IKM, grade and IKM by wait', async (t) => {
  const { s, clock } = await residentsStation(t);
  const issue = async (service: string) =>
    (
      await s.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { 'content-type': 'application/json', ...auth(TOKENS.kiosk) },
        payload: { service },
      })
    ).json().ticket.number as string;
  const serve = async (counter: 1 | 2, minutesWaited: number) => {
    clock.advance(minutesWaited * 60_000);
    const token = counter === 1 ? TOKENS.counter1 : TOKENS.counter2;
    const n = (await s.app.inject({ method: 'POST', url: `/api/v1/counters/${counter}/call`, headers: auth(token) })).json().ticket.number;
    await s.app.inject({
      method: 'POST',
      url: `/api/v1/counters/${counter}/steps`,
      headers: { 'content-type': 'application/json', ...auth(token) },
      payload: { step: 'verify' },
    });
    await s.app.inject({ method: 'POST', url: `/api/v1/counters/${counter}/complete`, headers: auth(token) });
    return n;
  };
  const a1 = await issue('A');
  const a2 = await issue('A');
  const a3 = await issue('A');
  await serve(1, 10); // A-001 waited 10 minutes
  await serve(1, 35); // A-002 waited 45 minutes
  await serve(1, 30); // A-003 waited 75 minutes
  const survey = (ticket: string, answers: number[], token: string = TOKENS.kiosk, comment?: string) =>
    s.app.inject({
      method: 'POST',
      url: '/api/v1/survey',
      headers: { 'content-type': 'application/json', ...auth(token) },
      payload: { ticket, answers, ...(comment ? { comment } : {}) },
    });

  const first = await survey(
    a1,
    [4, 4, 3, 4, 3, 4, 4, 3, 3],
    TOKENS.kiosk,
    'Pelayanan cepat. NIK saya 1206015001900001, HP 0812-3456-7890',
  );
  t.equal(first.statusCode, 201);
  t.same(first.json().survey.ticket, 'A-001');
  t.equal((await survey(a1, [1, 1, 1, 1, 1, 1, 1, 1, 1])).statusCode, 409, 'a second answer for the same ticket is refused');
  t.equal((await survey(a1, [1, 1, 1, 1, 1, 1, 1, 1, 1])).json().error.code, 'SURVEY_ANSWERED');
  t.equal((await survey('A-099', Array(9).fill(4))).statusCode, 404);
  t.equal((await survey(a2, Array(8).fill(4))).statusCode, 400, 'eight answers');
  t.equal((await survey(a2, [5, 4, 4, 4, 4, 4, 4, 4, 4])).statusCode, 400, 'a 5');
  t.equal((await survey(a2, Array(9).fill(4), TOKENS.admin)).statusCode, 403, 'the tablet holds the kiosk token');
  t.equal((await survey(a2, [3, 3, 2, 4, 3, 3, 4, 2, 3])).statusCode, 201);
  t.equal((await survey(a3, [4, 3, 3, 4, 4, 4, 4, 3, 2])).statusCode, 201);

  const status = await s.app.inject({ method: 'GET', url: `/api/v1/survey/tickets/${a2}`, headers: auth(TOKENS.kiosk) });
  t.same(status.json(), { ticket: 'A-002', status: 'done', answered: true });

  const report = (await s.app.inject({ method: 'GET', url: '/api/v1/reports/daily', headers: auth(TOKENS.technician) })).json();
  // By hand: answer sums 32 + 27 + 31 = 90 over 3 respondents: Σ NRR = 30, IKM = 30 / 9 × 25 = 83.33 (B).
  t.equal(report.survey.responses, 3);
  t.same(report.survey.nrr, [3.667, 3.333, 2.667, 4, 3.333, 3.667, 4, 2.667, 2.667]);
  t.equal(report.survey.ikm, 83.33);
  t.equal(report.survey.grade, 'B');
  // One respondent per band: 32/9×25 = 88.89 (A), 27/9×25 = 75.00 (C), 31/9×25 = 86.11 (B).
  t.same(
    report.survey.byWait.map((b: { wait: string; responses: number; ikm: number | null; grade: string | null }) => [
      b.wait,
      b.responses,
      b.ikm,
      b.grade,
    ]),
    [
      ['under30', 1, 88.89, 'A'],
      ['30to60', 1, 75, 'C'],
      ['over60', 1, 86.11, 'B'],
      ['notCalled', 0, null, null],
    ],
  );
  t.same(
    report.survey.comments,
    ['Pelayanan cepat. NIK saya [angka disamarkan], HP [angka disamarkan]'],
    'no NIK or phone number is stored',
  );
  const stored = JSON.stringify(s.db.prepare('SELECT * FROM surveys').all());
  t.notOk(stored.includes('1206015001900001'), 'not in the database either');

  const csv = (await s.app.inject({ method: 'GET', url: '/api/v1/reports/daily?format=csv', headers: auth(TOKENS.technician) })).body;
  t.match(csv, /survey,skm,ikm,83\.33/);
  t.match(csv, /survey,wait_30to60,ikm,75/);

  const month = (
    await s.app.inject({ method: 'GET', url: '/api/v1/reports/monthly?month=2026-11', headers: auth(TOKENS.technician) })
  ).json();
  t.same([month.survey.responses, month.survey.ikm, month.survey.grade], [3, 83.33, 'B'], 'the monthly report carries the same block');
});
