/**
 * The report page in Debian's Chromium, at A4: the hand-built day's figures,
 * its three charts, the language switch, and the printed form (A4 PDF, the
 * page's controls hidden). Screenshots go to test-output/screenshots/.
 */
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { queueFixture } from '../support/station-fixture.js';
import { TOKENS } from '../support/api-fixture.js';
import { launch, SCREENSHOTS } from '../support/browser.js';
import { buildApp } from '../../src/api/app.js';
import { DeviceRegistry } from '../../src/controller/device-registry.js';
import { TicketDispenser } from '../../src/controller/ticket-dispenser.js';
import { pagesPlugin } from '../../src/api/pages/index.js';
import { pagesOptions } from '../../src/api/pages/options.js';
import { silentLogger } from '../../src/shared/log.js';
import { buildDay, handBuiltConfig } from './hand-built-day.js';

/** A4 at 96 CSS pixels per inch. */
const A4 = { width: 794, height: 1123 };

t.test('the report page renders the day on A4, in Indonesian and in English, and prints', async (t) => {
  const f = queueFixture(t, handBuiltConfig);
  buildDay(f.queue, f.clock, f.db);
  const log = silentLogger();
  const devices = new DeviceRegistry(f.bus, log);
  const dispenser = new TicketDispenser(f.config, f.queue, f.bus, f.clock, log, null);
  const app = await buildApp(
    { config: f.config, queue: f.queue, dispenser, bus: f.bus, devices, simulators: null, health: () => 'ok', sseHeartbeatMs: 60_000 },
    log,
  );
  await app.register(pagesPlugin, pagesOptions(f.config, { log }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());

  const browser = await launch();
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: A4 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/report?date=2026-12-01`);
  await page.fill('#login input[name=token]', TOKENS.technician);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('body[data-ready=true]');

  t.equal(await page.textContent('.r-head h1'), 'Laporan Harian Layanan KTP Elektronik');
  t.equal(await page.textContent('.r-date'), 'Selasa, 1 Desember 2026');
  t.match(await page.textContent('.r-office'), 'Kecamatan Merek · Kabupaten Karo');
  const services = await page.$$eval('table.services tbody tr', (rows) =>
    rows.map((r) => Array.from(r.children).map((c) => c.textContent)),
  );
  // A: 6 issued, 1 priority, 3 done, 1 no-show, 1 transferred; waits 3990 / 2070 / 10800 / 10800 s.
  t.same(services[0]!.slice(0, 10), ['A Perekaman e-KTP', '6', '1', '3', '1', '1', '1:06:30', '34:30', '3:00:00', '3:00:00']);
  t.equal(services[0]![10], '2', 'two waits over the 30-minute target');
  t.equal(await page.locator('.waits-by-hour .bar').count(), 3, 'a bar for each hour with a called ticket (07, 08, 10)');
  t.equal(await page.locator('.steps .bar').count(), 7, 'five A steps and two B steps');
  // Means over target: A photo 70 > 60, signature 36.7 > 30, biometrics 100 > 90; B verify 75 > 60, handover 67.5 > 60.
  t.equal(await page.locator('.steps .bar.over').count(), 5, 'steps whose mean is over their target stand out');
  t.equal(await page.locator('.steps .target').count(), 7);
  t.equal(await page.locator('.coverage .recorded').count(), 1, 'the coverage line');
  t.equal(await page.locator('.coverage .projection').count(), 1, 'and the pace carried forward');
  t.match(
    await page.textContent('.r-plan'),
    /3 set merekam ±4,0 orang\/hari: tuntas dalam 23 hari kerja \(12 hari lebih cepat\)\. Daya yang dibutuhkan 4\.200 W/,
  );
  const counters = await page.$$eval('table.counters tbody tr', (rows) =>
    rows.map((r) => Array.from(r.children).map((c) => c.textContent)),
  );
  t.same(counters[0], ['Loket 1', '08.00–13.11', '4:11:30', '19:30', '1:00:00', '3:52:00', '7,8 %', '3', '1']);
  const width = await page.$eval('#sheet', (el) => el.getBoundingClientRect().width);
  t.ok(Math.abs(width - A4.width) < 2, `the sheet is 210 mm wide on screen (${width} px)`);

  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'report-a4.png'), fullPage: true });

  // Printed: controls gone, A4 pages.
  await page.emulateMedia({ media: 'print' });
  t.equal(await page.locator('.topbar').isVisible(), false, 'the controls are not printed');
  await page.screenshot({ path: join(SCREENSHOTS, 'report-a4-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  mkdirSync(join(SCREENSHOTS, '..'), { recursive: true });
  writeFileSync(join(SCREENSHOTS, '..', 'report-a4.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  t.ok(pages >= 2 && pages <= 4, `the day fits on ${pages} A4 pages`);
  await page.emulateMedia({ media: 'screen' });

  await page.click('#lang');
  t.equal(await page.textContent('.r-head h1'), 'Daily Report, Electronic ID Card (e-KTP) Service');
  t.equal(await page.textContent('.r-date'), 'Tuesday, 1 December 2026');
  t.match(await page.textContent('.r-plan'), /3 sets record about 4\.0 people a day/);
  t.same(errors, [], 'no script errors');
});
