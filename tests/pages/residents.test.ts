/**
 * For residents, in chromium against the real station (startStation, every
 * device simulated, nothing stubbed): a survey answered on /survey is in the
 * day's report with the IKM worked out by hand and a second answer for the
 * same ticket is refused; a code scanned at the entrance scanner is answered
 * on the display and by voice (ready / not yet) and the counter that calls
 * the pickup ticket is told; the admin puts an announcement and it scrolls on
 * the display, also once the station is gone. One station and one browser
 * serve the three, in this order (the last one stops the station).
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, login, screenshot } from '../support/browser.js';
import { startStation, type RunningStation } from '../../src/station.js';
import { silentLogger } from '../../src/shared/log.js';

/** Resolves once the device reports ok (its state changes are events: no polling). */
function deviceUp(s: RunningStation, id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const device = s.devices.get(id);
    if (!device) return reject(new Error(`no device ${id}`));
    const off = s.devices.onChange((st) => {
      if (st.id === id && st.status === 'ok') done();
    });
    const done = () => {
      off();
      resolve();
    };
    if (device.state().status === 'ok') done();
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'ktp-residents-'));
const s = await startStation({ dataDir, port: 0, host: '127.0.0.1', log: silentLogger() });
const url = `http://127.0.0.1:${new URL(s.url).port}`;
const browser = await launch();
t.teardown(async () => {
  await browser.close();
  await s.close();
  rmSync(dataDir, { recursive: true, force: true });
});
await Promise.all([deviceUp(s, 'kiosk-scanner'), deviceUp(s, 'printer')]);

async function post(path: string, token: string, body?: unknown, type = 'application/json') {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Answers the nine questions on the tablet with these faces, adds a comment, sends. */
async function answerSurvey(tab: Page, ticket: string, answers: number[], comment?: string) {
  const [letter, digits] = ticket.split('-') as [string, string];
  await tab.waitForSelector('#start:not([hidden])');
  await tab.click(`[data-letter="${letter}"]`);
  for (const d of String(Number(digits))) await tab.click(`[data-digit="${d}"]`);
  await tab.click('#begin');
  await tab.waitForSelector('#question:not([hidden])');
  for (const [i, a] of answers.entries()) {
    await tab.waitForFunction((n) => document.querySelector('#progress')?.textContent === `Pertanyaan ${n} dari 9`, i + 1);
    await tab.click(`[data-answer="${a}"]`);
  }
  await tab.waitForSelector('#comment:not([hidden])');
  if (comment) await tab.fill('#comment-text', comment);
  await tab.click('#send');
  await tab.waitForSelector('#done:not([hidden])');
}

t.test('a survey answered on /survey is in the day report with the right IKM; a second answer is refused', async (t) => {
  for (let i = 0; i < 2; i++) await post('/api/v1/tickets', 'dev-kiosk', { service: 'A' });
  for (let i = 0; i < 2; i++) {
    await post('/api/v1/counters/1/call', 'dev-counter-1');
    await post('/api/v1/counters/1/steps', 'dev-counter-1', { step: 'verify' });
    await post('/api/v1/counters/1/complete', 'dev-counter-1');
  }
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' });
  t.teardown(() => tab.close());
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${url}/survey`);
  await tab.waitForSelector('#setup:not([hidden])');
  await tab.fill('#setup input[name=token]', 'dev-kiosk');
  await tab.click('#setup button[type=submit]');
  await tab.waitForSelector('#start:not([hidden])');
  t.equal(await tab.textContent('#number'), 'contoh: A-007');
  await tab.click('#lang');
  t.same(
    [await tab.textContent('#start h1'), await tab.textContent('#number')],
    ['How was our service today?', 'for example A-007'],
    'the English switch',
  );
  await tab.click('#lang');
  t.equal(await tab.textContent('#start h1'), 'Bagaimana pelayanan kami hari ini?', 'and back to Indonesian');
  await tab.click('[data-letter="A"]');
  await tab.click('[data-digit="1"]');
  t.equal(await tab.textContent('#number'), 'A-001', 'what is typed fills from the right');
  await screenshot(tab, 'survey-number');
  await tab.click('#begin');
  await tab.waitForSelector('#question:not([hidden])');
  t.equal(await tab.locator('.s-answer').count(), 4, 'four faces');
  t.equal(await tab.textContent('#element'), 'U1 · Persyaratan');
  await screenshot(tab, 'survey-question');
  await tab.click('#back');
  await tab.waitForSelector('#start:not([hidden])');

  await answerSurvey(tab, 'A-001', [4, 4, 3, 4, 3, 4, 4, 3, 3], 'Petugas ramah. NIK saya 1206015001900001');
  t.equal(await tab.textContent('#done-title'), 'Terima kasih!');
  await screenshot(tab, 'survey-thanks');
  await tab.reload();
  await answerSurvey(tab, 'A-002', [3, 3, 2, 4, 3, 3, 4, 2, 3]);

  // The same ticket again: the tablet says so before the questions, and the station refuses it.
  await tab.reload();
  await tab.waitForSelector('#start:not([hidden])');
  await tab.click('[data-letter="A"]');
  await tab.click('[data-digit="1"]');
  await tab.click('#begin');
  await tab.waitForFunction(() => document.querySelector('#start-error')?.textContent !== '');
  t.equal(await tab.textContent('#start-error'), 'Nomor A-001 sudah mengisi survei. Terima kasih!');
  t.ok(await tab.locator('#question').isHidden(), 'no questions for a ticket that has answered');
  const again = await post('/api/v1/survey', 'dev-kiosk', { ticket: 'A-001', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
  t.same([again.status, again.body.error.code], [409, 'SURVEY_ANSWERED']);

  const res = await fetch(`${url}/api/v1/reports/daily`, { headers: { authorization: 'Bearer dev-technician' } });
  const { survey } = (await res.json()) as any;
  // By hand: answers 4+4+3+4+3+4+4+3+3 = 32 and 3+3+2+4+3+3+4+2+3 = 27.
  // NRR per element: (4+3)/2 = 3.5, (4+3)/2 = 3.5, (3+2)/2 = 2.5, 4, 3, 3.5, 4, 2.5, 3 — together 29.5.
  // IKM = 29.5 × 1/9 = 3.2778; × 25 = 81.94, grade B (76.61–88.30).
  t.equal(survey.responses, 2);
  t.same(survey.nrr, [3.5, 3.5, 2.5, 4, 3, 3.5, 4, 2.5, 3]);
  t.equal(survey.ikm, 81.94);
  t.equal(survey.grade, 'B');
  t.same(
    survey.byWait.map((b: any) => [b.wait, b.responses, b.ikm]),
    [
      ['under30', 2, 81.94],
      ['30to60', 0, null],
      ['over60', 0, null],
      ['notCalled', 0, null],
    ],
    'both waited a moment: under 30 minutes',
  );
  t.same(survey.comments, ['Petugas ramah. NIK saya [angka disamarkan]'], 'a NIK typed in the comment is never stored');
  t.same(errors, []);
});

const LIST_BAD = 'code,readySince\nSP-120601-20261110-0042,2026-11-20\nSP-120601-20261110-0043,20-11-2026\n';
const LIST = 'code,readySince\nSP-120601-20261110-0042,2026-11-20\nREG-7788,2026-11-25\n';

t.test('the entrance scanner: ready or not yet on the display and by voice, never the code; the counter is told', async (t) => {
  const display = await open(browser, `${url}/display`, 'display');
  t.teardown(() => display.page.close());
  await display.page.waitForSelector('[data-service="B"]');
  /** The next phrase the display fetches for its voice: which one, and the words the station said. */
  const nextPhrase = () =>
    display.page
      .waitForResponse((r) => r.url().includes('/api/v1/voice/phrase.wav'))
      .then((r) => ({
        query: new URL(r.url()).search,
        status: r.status(),
        spoken: decodeURIComponent(r.headers()['x-spoken-text'] ?? ''),
      }));

  // The office imports the regency's list on the admin page: a wrong line first, then the fixed file.
  const admin = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
  t.teardown(() => admin.close());
  await admin.goto(`${url}/admin`);
  await login(admin, 'dev-admin');
  await admin.setInputFiles('#card-file', { name: 'kartu.csv', mimeType: 'text/csv', buffer: Buffer.from('bukan daftar kartu\n') });
  await admin.click('#card-import');
  await admin.waitForSelector('#card-result .bad');
  t.equal(
    await admin.textContent('#card-result'),
    'Daftar KTP siap ambil tidak dapat dibaca; tidak ada yang diubah. Periksa isi berkasnya.',
    'a file that is no list: said in Indonesian, no code shown',
  );
  await admin.setInputFiles('#card-file', { name: 'kartu.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST_BAD) });
  await admin.click('#card-import');
  await admin.waitForSelector('.a-rejected');
  t.match(await admin.textContent('#card-result'), /tidak ada yang diimpor/);
  t.same(
    await admin.locator('.a-rejected td').allTextContents(),
    ['3', 'readySince "20-11-2026" bukan tanggal (YYYY-MM-DD) atau tanggal dan jam'],
    'the wrong line, its number and why in Indonesian',
  );
  t.match(await admin.textContent('#card-counts'), /^0 kartu menunggu diambil/, 'nothing imported half-way');
  await admin.setInputFiles('#card-file', { name: 'kartu.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST) });
  t.equal(await admin.textContent('#card-file-name'), 'kartu.csv', "the chosen file is named in the page, not in the browser's English");
  await admin.click('#card-import');
  await admin.waitForSelector('.a-result .good');
  t.equal(await admin.textContent('.a-result .good'), '2 kartu diimpor (2 baru, 0 diperbarui)');
  t.match(await admin.textContent('#card-counts'), /^2 kartu menunggu diambil/);

  let phrase = nextPhrase();
  t.equal((await post('/api/v1/sim/scan', 'dev-admin', { code: 'SP-120601-20261110-0042', kiosk: true })).status, 200);
  await display.page.waitForSelector('#card-check[data-result="ready"]:not([hidden])');
  t.equal(await display.page.textContent('#card-check-text'), 'Kartu e-KTP Anda sudah jadi, silakan ambil nomor antrean B.');
  t.match(await display.page.textContent('#card-check'), /Nomor antrean Anda:\s*B-001/);
  t.notOk((await display.page.textContent('body'))?.includes('0042'), 'the code is nowhere on the screen');
  const ready = await phrase;
  t.equal(ready.query, '?name=card-ready&lang=id', 'the display asked for the card-ready phrase');
  t.equal(ready.status, 200, 'espeak-ng said it');
  t.equal(ready.spoken, 'Kartu e-KTP Anda sudah jadi, silakan ambil nomor antrean be.', 'the words fed to the voice (B spelt "be")');
  await screenshot(display.page, 'display-card-ready');

  phrase = nextPhrase();
  await post('/api/v1/sim/scan', 'dev-admin', { code: 'SP-120601-20261110-0999', kiosk: true });
  await display.page.waitForSelector('#card-check[data-result="not-ready"]:not([hidden])');
  t.equal(await display.page.textContent('#card-check-text'), 'Mohon maaf, kartu e-KTP Anda belum jadi. Silakan kembali lain hari.');
  t.equal(await display.page.locator('#card-check .d-cc-ticket').count(), 0, 'no ticket for a card not ready');
  const notYet = await phrase;
  t.equal(notYet.query, '?name=card-not-ready&lang=id');
  t.equal(notYet.spoken, 'Mohon maaf, kartu e-KTP Anda belum jadi. Silakan kembali lain hari.');
  await screenshot(display.page, 'display-card-not-ready');

  const counter = await open(browser, `${url}/counter`, 'counter');
  t.teardown(() => counter.page.close());
  await login(counter.page, 'dev-counter-1', 1);
  await counter.page.keyboard.press('F1');
  await counter.page.waitForSelector('#card-ready:not([hidden])');
  t.equal(await counter.page.textContent('#number'), 'B-001');
  t.match(await counter.page.textContent('#card-ready'), /Kartu e-KTP siap diambil · siap sejak Jumat, 20 November 2026/);
  t.match(
    await counter.page.textContent('#card-ready'),
    /SP-120601-20261110-0042/,
    'the officer sees the code to check against the letter',
  );
  await screenshot(counter.page, 'counter-card-ready');
  t.same([...display.errors, ...counter.errors], []);
});

/** Where the running text's line is now, in page pixels. */
const tickerX = (page: Page) => page.evaluate(() => document.querySelector('#ticker-text')!.getBoundingClientRect().left);
/** Waits until the running text has moved further left than it is now. */
async function moves(page: Page) {
  const x = await tickerX(page);
  await page.waitForFunction((x0) => document.querySelector('#ticker-text')!.getBoundingClientRect().left < x0 - 20, x);
}

t.test('an announcement put on the admin page scrolls on the display, and keeps scrolling when the station is gone', async (t) => {
  const display = await open(browser, `${url}/display`, 'display');
  await display.page.waitForSelector('[data-service="A"]');
  t.ok(await display.page.locator('#ticker').isHidden(), 'no running text while there is nothing to say');

  const admin = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
  const adminErrors: string[] = [];
  admin.on('pageerror', (e) => adminErrors.push(e.message));
  await admin.goto(`${url}/admin`);
  await login(admin, 'dev-admin');
  await admin.click('#lang');
  t.equal(await admin.textContent('[data-t="adm.ticker"]'), 'Running text', 'the admin page has the English switch too');
  await admin.click('#lang');
  await admin.click('#add-item');
  const text = 'Perekaman keliling hari Senin di Balai Desa Situnggaling, pukul 09.00–14.00 WIB. Bawa fotokopi KK.';
  await admin.fill('.a-item:last-child textarea', text);
  t.equal(await admin.textContent('.a-item:last-child .a-count'), `${[...text].length}/280`, 'the page counts the characters');
  await admin.click('#add-item');
  await admin.fill('.a-item:last-child textarea', 'Besok kantor tutup (hari libur).');
  const from = admin.locator('.a-item:last-child input.date-field >> nth=0');
  t.equal(await from.getAttribute('placeholder'), 'dd/mm/yyyy hh.mm', 'dates are written the Indonesian way, whatever the browser');
  await from.fill('31/02/2099 07.00');
  t.equal(await from.evaluate((el: HTMLInputElement) => el.validity.valid), false, 'a day that does not exist is refused');
  await from.fill('1/1/2099 7.00');
  await from.press('Tab');
  t.equal(await from.inputValue(), '01/01/2099 07.00', 'and a readable one is written out as dd/mm/yyyy hh.mm');
  await admin.click('#save-items');
  await admin.waitForSelector('.a-status.on');
  t.same(
    await admin.locator('.a-status').allTextContents(),
    ['Sedang tampil', 'Terjadwal'],
    'the admin sees which item shows now and which later',
  );

  await display.page.waitForSelector('#ticker:not([hidden])');
  t.equal(await display.page.textContent('#ticker-text'), text, 'the display runs exactly what shows now (the later one not yet)');
  await moves(display.page);
  t.pass('the line moves right to left');
  const motion = await display.page.evaluate(() => {
    const line = document.querySelector('#ticker-text') as HTMLElement;
    const anim = line.getAnimations()[0] as CSSAnimation | undefined;
    const style = getComputedStyle(line);
    const from = parseFloat(style.getPropertyValue('--ticker-from'));
    const to = parseFloat(style.getPropertyValue('--ticker-to'));
    return { name: anim?.animationName, px: from - to, seconds: parseFloat(style.animationDuration), fontPx: parseFloat(style.fontSize) };
  });
  t.equal(motion.name, 'd-ticker', 'moved by a CSS animation (the compositor, smooth on a small board)');
  const heightsPerSecond = motion.px / motion.seconds / motion.fontPx;
  t.ok(
    heightsPerSecond > 2 && heightsPerSecond < 4,
    `scrolls ${heightsPerSecond.toFixed(2)} text heights a second: about six characters, readable`,
  );
  // For the picture, move the line on (seek its animation) until it starts a little past the INFO label.
  await display.page.evaluate(() => {
    const line = document.querySelector('#ticker-text') as HTMLElement;
    const anim = line.getAnimations()[0]!;
    const track = document.querySelector('#ticker-track')!.getBoundingClientRect();
    const style = getComputedStyle(line);
    const from = parseFloat(style.getPropertyValue('--ticker-from'));
    const to = parseFloat(style.getPropertyValue('--ticker-to'));
    const ms = parseFloat(style.animationDuration) * 1000;
    anim.currentTime = ((from - track.width * 0.05) / (from - to)) * ms;
  });
  await screenshot(display.page, 'display-running-text');
  await screenshot(admin, 'admin');

  // ISHOMA: switched on the admin page; a counter on break says so on the display.
  await post('/api/v1/counters/2/state', 'dev-counter-2', { state: 'paused' });
  await admin.fill('#ishoma-until', '23:59');
  await admin.click('#ishoma-on');
  await admin.waitForSelector('#ishoma-state.on');
  await display.page.waitForSelector('#ishoma:not([hidden])');
  t.match(await display.page.textContent('#ishoma'), /^ISHOMAIstirahat, sholat, makan — pelayanan dilanjutkan pukul 23\.59 WIB$/);
  const onBreak = await display.page.evaluate(
    () => getComputedStyle(document.querySelector('[data-counter="2"] .d-counter-number')!, '::after').content,
  );
  t.equal(onBreak, '"ISHOMA"', 'counter 2, on break, shows ISHOMA');
  await screenshot(display.page, 'display-ishoma');
  await admin.click('#ishoma-off');
  await display.page.waitForSelector('#ishoma', { state: 'hidden' });

  await s.close();
  await display.page.waitForSelector('#offline:not([hidden])');
  await moves(display.page);
  t.ok(await display.page.locator('#ticker').isVisible(), 'with the station gone the running text keeps running');
  t.same([...display.errors, ...adminErrors], []);
});
