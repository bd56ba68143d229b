/**
 * A morning at the office, in Chromium, against the real station (every
 * device simulated, real clock): residents take tickets, two counters call,
 * run SOP steps, complete (confirmed), mark a no-show and transfer; the
 * printer runs out of paper; the mains fails, the genset runs, the mains
 * returns. The simulated devices are driven through /api/v1/sim, the people's
 * pages through the browser. At each moment the pages are photographed to
 * test-output/screenshots/morning-*.png, and no page ever shows a raw error code.
 */
import t from 'tap';
import { launch, open, login, screenshot, type OpenedPage } from '../support/browser.js';
import { startRealStation } from '../support/real-station.js';

const ADMIN = 'dev-admin';
const TECH = 'dev-technician';
/** An error code as the API names them (QUEUE_EMPTY, NO_SHOW_TOO_EARLY …): never on a page. */
const RAW_CODE = /\b[A-Z]{2,}_[A-Z_]{2,}\b/;
// About a minute on an idle machine; several on a loaded one (four pages, each photographed at every moment).
t.setTimeout(480_000);

t.test('a morning: tickets, calls, steps, no-show, transfer, paper out, an outage', async (t) => {
  const s = await startRealStation(t, (c) => {
    c.power = { recordingSets: 2, gensetRatedW: 5000, ...c.power, debounceSeconds: 0 };
    c.queue = { ...(c.queue ?? {}), buttonMinIntervalMs: 0 };
  });
  const browser = await launch();
  t.teardown(() => browser.close());

  const display = await open(browser, `${s.url}/display`, 'display');
  const c1 = await open(browser, `${s.url}/counter`, 'counter');
  await login(c1.page, 'dev-counter-1', 1);
  const c2 = await open(browser, `${s.url}/counter`, 'counter');
  await login(c2.page, 'dev-counter-2', 2);
  const tech = await open(browser, `${s.url}/technician`, 'technician');
  await login(tech.page, TECH);
  const pages: Record<string, OpenedPage> = { display, counter1: c1, counter2: c2, technician: tech };

  // What the display's big panel shows, in order, and which voice calls it fetched, in order.
  await display.page.waitForSelector('#now-number');
  await display.page.evaluate(() => {
    const w = window as unknown as { panel: string[] };
    w.panel = [];
    const node = document.querySelector('#now-number')!;
    new MutationObserver(() => {
      const v = node.textContent ?? '';
      if (v && v !== '—' && w.panel.at(-1) !== v) w.panel.push(v);
    }).observe(node, { childList: true, characterData: true, subtree: true });
  });
  const voices: string[] = [];
  display.page.on('request', (r) => {
    const m = /call\.wav\?number=([A-Z]-\d{3})/.exec(r.url());
    if (m) voices.push(m[1]!);
  });

  let moment = 0;
  /** Every page photographed at this moment, and none shows a raw error code. */
  const snap = async (what: string, only?: string[]) => {
    moment++;
    for (const [name, p] of Object.entries(pages)) {
      if (only && !only.includes(name)) continue;
      await screenshot(p.page, `morning-${String(moment).padStart(2, '0')}-${what}-${name}`);
      t.notMatch(await p.page.evaluate(() => document.body.innerText), RAW_CODE, `${what}: no raw error code on ${name}`);
    }
  };
  const press = async (n: number) => s.call('POST', `/api/v1/sim/buttons/${n}/press`, ADMIN);
  const tickets = async () => (await s.call('GET', '/api/v1/tickets', ADMIN)).json.tickets as Array<{ number: string; status: string }>;
  const text = (p: OpenedPage, sel: string) => p.page.locator(sel).innerText();
  const enabled = (p: OpenedPage, sel: string) => p.page.locator(sel).isEnabled();
  const holding = (p: OpenedPage) => p.page.waitForFunction(() => document.querySelector('#number')?.textContent !== '—');
  const free = (p: OpenedPage) => p.page.waitForFunction(() => document.querySelector('#number')?.textContent === '—');
  const power = (body: object) => s.call('POST', '/api/v1/sim/power', ADMIN, body);
  /** Step 1, Enter, Enter: the ticket is done. */
  const finish = async (p: OpenedPage) => {
    await p.page.keyboard.press('1');
    await p.page.waitForSelector('.c-step.running');
    await p.page.keyboard.press('Enter');
    await p.page.waitForSelector('#confirm:not([hidden])');
    await p.page.keyboard.press('Enter');
    await free(p);
  };

  await snap('start');

  // ---- 07.30 residents take their numbers ------------------------------------------------------
  for (const n of [0, 0, 0, 2, 1, 0]) {
    const r = await press(n);
    t.equal(r.json?.outcome?.kind, 'issued', `button ${n} gives a number`, { status: r.status, body: r.json });
  }
  await display.page.waitForFunction(() => document.querySelector('[data-service="A"] .d-service-count')?.textContent === '5');
  t.match(await text(display, '.d-service[data-service="A"]'), /perkiraan ± \d+ menit|kurang dari 5 menit/, 'a wait estimate per service');
  t.match(await text(display, '.d-service[data-service="A"]'), /Berikutnya: A-004 · A-001 · A-002/, 'the next numbers, priority first');
  await snap('tickets-issued', ['display']);

  // ---- counter 1: call, a step, complete (confirmed) ---------------------------------------------
  t.equal(await enabled(c1, '#complete'), false, 'nothing to complete yet');
  await c1.page.keyboard.press('F1');
  await c1.page.waitForFunction(() => document.querySelector('#number')?.textContent === 'A-004');
  t.equal(await enabled(c1, '#complete'), false, 'Selesai is disabled before any SOP step');
  t.match(await text(c1, '#hint'), /Pilih langkah SOP/, 'and the hint says why, in Indonesian');
  await c1.page.keyboard.press('1');
  await c1.page.waitForSelector('.c-step.running');
  await c1.page.keyboard.press('Enter');
  await c1.page.waitForSelector('#confirm:not([hidden])');
  t.match(await text(c1, '#confirm'), /Selesaikan nomor A-004\?/);
  await snap('complete-confirm', ['counter1']);
  await c1.page.keyboard.press('Escape');
  await c1.page.waitForSelector('#confirm', { state: 'hidden' });
  t.equal(await text(c1, '#number'), 'A-004', 'Esc keeps the ticket');
  await c1.page.keyboard.press('Enter');
  await c1.page.waitForSelector('#confirm:not([hidden])');
  await c1.page.keyboard.press('Enter');
  await free(c1);

  // ---- two counters call at once: the panel and the voice keep one order ------------------------
  await Promise.all([c1.page.keyboard.press('F1'), c2.page.keyboard.press('F1')]);
  await Promise.all([holding(c1), holding(c2)]);
  const called = [await text(c1, '#number'), await text(c2, '#number')];
  await display.page.waitForFunction((ns) => ns.every((n) => (window as unknown as { panel: string[] }).panel.includes(n)), called, {
    timeout: 30_000,
  });
  const panel = await display.page.evaluate(() => (window as unknown as { panel: string[] }).panel);
  const order = (xs: string[]) => xs.filter((x, i) => called.includes(x) && xs.indexOf(x) === i);
  if (voices.length)
    t.same(order(voices).slice(0, order(panel).length), order(panel).slice(0, order(voices).length), 'panel order = voice order');
  t.equal(order(panel).length, 2, `the panel showed ${order(panel).join(', ')}, one after the other`);
  await snap('two-calls', ['display']);

  // ---- counter 2: three calls, then no-show (confirmed); the display drops it --------------------
  const absent = called[1]!;
  t.equal(await enabled(c2, '#noshow'), false, 'no-show waits for the last call');
  for (let i = 0; i < 2; i++) {
    await c2.page.keyboard.press('F2');
    await c2.page.waitForFunction((n) => (document.querySelector('#called')?.textContent ?? '').includes(`${n}×`), i + 2);
  }
  t.equal(await enabled(c2, '#recall'), false, 'no fourth call');
  await c2.page.keyboard.press('F4');
  await c2.page.waitForSelector('#confirm:not([hidden])');
  t.match(await text(c2, '#confirm'), new RegExp(`Tandai nomor ${absent} tidak hadir\\?`));
  await c2.page.keyboard.press('Enter');
  await free(c2);
  await display.page.waitForFunction((n) => !(document.querySelector('#history')?.textContent ?? '').includes(n), absent);
  t.notMatch(await text(display, '#now-number'), new RegExp(absent), 'the no-show left the big panel');
  t.notMatch(await text(display, '#counters'), new RegExp(absent), 'and the counter rows');
  await snap('after-noshow', ['display', 'counter2']);

  // ---- counter 1 transfers to B: the ticket goes to counter 2, not back ---------------------------
  const moved = called[0]!;
  await c1.page.keyboard.press('1');
  await c1.page.waitForSelector('.c-step.running');
  await c1.page.keyboard.press('F6');
  await c1.page.waitForSelector('#transfer-dialog[open]');
  t.equal(await c1.page.locator('#transfer-dialog select').count(), 0, 'the dialog has no list that Enter would open');
  await snap('transfer-dialog', ['counter1']);
  await c1.page.keyboard.press('Enter');
  await free(c1);
  t.match(
    (await tickets()).find((x) => x.number === moved),
    { status: 'waiting' },
    `${moved} waits for service B`,
  );
  await c1.page.keyboard.press('F1');
  await holding(c1);
  t.not(await text(c1, '#number'), moved, `counter 1 calls the next ticket, not ${moved} it just transferred`);
  await c2.page.keyboard.press('F1');
  await holding(c2);
  t.equal(await text(c2, '#number'), moved, `counter 2 gets ${moved}`);
  await snap('after-transfer', ['counter1', 'counter2']);

  // ---- 08.30 the printer runs out of paper -------------------------------------------------------
  const printer = ((await s.call('GET', '/api/v1/sim/devices', ADMIN)).json.devices as Array<{ id: string }>).find((d) =>
    d.id.includes('printer'),
  )!;
  const before = (await tickets()).length;
  await s.call('POST', `/api/v1/sim/devices/${printer.id}/fault`, ADMIN, { fault: 'paper-out' });
  await tech.page.waitForSelector('.t-alert[data-kind="printer-cannot-print"]', { timeout: 10_000 });
  await display.page.waitForSelector('.d-banner.printer');
  t.match(await text(display, '.d-banner.printer'), /Mesin tiket tidak dapat mencetak \(kertas habis\)/);
  await tech.page.waitForSelector(`#devices tr[data-device="${printer.id}"] .badge.fault`);
  t.match(
    await text(tech, `#devices tr[data-device="${printer.id}"]`),
    /Printer tiket[\s\S]*Kertas habis: pasang gulungan kertas baru[\s\S]*rincian teknis: paper end/,
    "the technician reads the printer's state in Indonesian, the driver's detail below it",
  );
  const refused = await press(0);
  t.match(refused.json.outcome, { kind: 'refused', reason: 'printer' }, 'the button gives no number');
  t.equal((await tickets()).length, before, 'no phantom ticket');
  await snap('paper-out', ['display', 'technician']);
  await s.call('POST', `/api/v1/sim/devices/${printer.id}/fault`, ADMIN, { fault: 'none' });
  await tech.page.waitForSelector('.t-alert[data-kind="printer-cannot-print"]', { state: 'detached', timeout: 10_000 });
  await display.page.waitForSelector('.d-banner.printer', { state: 'detached' });
  t.pass('paper loaded: the alert and the banner go');

  await finish(c1);

  // ---- 09.00 the mains fails; no genset at first -------------------------------------------------
  // Counter 1 is free and pauses at once; counter 2 still serves its ticket: it finishes it, then pauses.
  await power({ mains: false, genset: false });
  await c2.page.waitForSelector('#state[data-state="pausing"]', { timeout: 15_000 });
  t.match(
    await text(c2, '#state'),
    /Listrik padam: selesaikan nomor ini, lalu loket berhenti sementara/,
    'a counter holding a ticket is told to finish it, then it pauses',
  );
  t.equal(await text(c2, '#number'), moved, 'and it keeps its ticket');
  t.equal(await enabled(c2, '#call'), false, 'F1 stays disabled while it holds the ticket');
  t.equal(await enabled(c2, '#transfer'), true, 'the ticket can still be transferred');
  await c1.page.waitForSelector('#state[data-state="power"]', { timeout: 15_000 });
  t.match(await text(c1, '#state'), /ISTIRAHAT[\s\S]*listrik PLN padam/i, 'the counter page says why it is paused');
  t.equal(await enabled(c1, '#call'), false, 'F1 is disabled');
  t.match(await text(c1, '#hint'), /loket istirahat karena listrik padam/);
  await c1.page.keyboard.press('F1');
  t.equal(await text(c1, '#number'), '—', 'and pressing it calls nobody');
  await display.page.waitForSelector('.d-banner.power');
  const banner = await text(display, '.d-banner.power');
  t.match(banner, /Nomor antrean Anda tetap berlaku/, 'the banner promises what holds');
  t.notMatch(banner, /stasiun|baterai/i, 'and speaks of no "station on battery"');
  await tech.page.waitForSelector('#outage:not([hidden])');
  t.match(await text(tech, '#outage'), /Listrik PLN padam sejak \d\d\.\d\d/, 'the technician sees since when');
  await tech.page.waitForSelector('#power-events li[data-kind="outage-start"]');
  await snap('outage');
  await finish(c2);
  await c2.page.waitForSelector('#state[data-state="power"]', { timeout: 15_000 });
  t.equal(await enabled(c2, '#call'), false, 'its ticket done, counter 2 pauses for the outage too');
  await snap('outage-after-ticket', ['counter2']);

  // The genset starts: the counters open again.
  await power({ genset: true });
  await c1.page.waitForSelector('#state[data-state="open"]', { timeout: 15_000 });
  t.pass('on genset power the counters open again');
  t.match(await text(tech, '[data-figure="battery"]'), /\d+,\d V/, 'genset battery voltage');
  t.match(await text(tech, '[data-figure="fuel"]'), /\d+ %/, 'genset fuel');
  await snap('genset', ['display', 'technician', 'counter1']);

  // The mains returns, the genset stops.
  await power({ mains: true });
  await tech.page.waitForSelector('#power-events li[data-kind="outage-end"]', { timeout: 15_000 });
  await power({ genset: false });
  await tech.page.waitForSelector('#outage', { state: 'hidden' });
  t.match(
    await text(tech, '#power-events li[data-kind="outage-end"]'),
    /menyala kembali — padam \d+ (detik|menit)/,
    'the outage with its duration',
  );
  t.match(await text(tech, '#chart'), /PLN[\s\S]*genset[\s\S]*baterai[\s\S]*Daya pasokan/, 'the chart has its legend');

  // The officer takes a break and comes back: Istirahat, then Buka, then F1 works.
  await c1.page.keyboard.press('F10');
  await c1.page.waitForSelector('#state[data-state="paused"]');
  t.equal(await enabled(c1, '#call'), false);
  // The stream may show the pause before the page has its own answer; Buka is offered once it has.
  await c1.page.waitForSelector('#open:not([disabled])');
  await c1.page.keyboard.press('F9');
  await c1.page.waitForSelector('#state[data-state="open"]');
  await c1.page.waitForFunction(() => !(document.querySelector('#call') as HTMLButtonElement).disabled);
  await c1.page.keyboard.press('F1');
  await holding(c1);
  t.pass('Buka after power returns: F1 calls again');
  const lastCalled = await text(c1, '#number');
  // The waiting room's panel follows its voice calls one by one, and catches up with the last call.
  await display.page.waitForFunction((n) => document.querySelector('#now-number')?.textContent === n, lastCalled, { timeout: 90_000 });
  t.pass(`the display's panel shows ${lastCalled}, the last call`);

  // ---- the technician's daily table: live, with the SOP step means -------------------------------
  await tech.page.waitForSelector('.t-steps[data-service="A"] table');
  t.match(await text(tech, '.t-steps[data-service="A"]'), /Verifikasi[^\n]*\s+\d+\s+\d+:\d\d/, 'step means per step');
  const doneBefore = await text(tech, '.t-table.services tbody');
  await finish(c1);
  await tech.page.waitForFunction(
    (before) => (document.querySelector('.t-table.services tbody') as HTMLElement | null)?.innerText !== before,
    doneBefore,
    { timeout: 15_000 },
  );
  t.pass('the daily table follows a completion without a reload');

  // A waiting-room screen switched on now, with no ticket held at any counter, shows the last call at once.
  const late = await open(browser, `${s.url}/display`, 'display');
  await late.page.waitForFunction((n) => document.querySelector('#now-number')?.textContent === n, lastCalled);
  t.match(await text(late, '#now-counter'), /Loket 1/, 'a screen opened after the calls shows the last one on its panel');
  t.notMatch(await text(late, '#history'), /Belum ada panggilan/, 'and the recent calls, not "no calls yet"');
  await late.page.waitForSelector('#info:not([hidden])');
  const [lang, info] = [(await late.page.locator('#lang').boundingBox())!, (await late.page.locator('#info').boundingBox())!];
  t.ok(lang.y + lang.height <= info.y || lang.x + lang.width <= info.x, 'the language button stays off the information panel');
  await screenshot(late.page, 'morning-display-opened-late');
  t.same(late.errors, [], 'no script error on the late display');
  await late.page.close();
  t.ok(await tech.page.locator('#report-date').isVisible(), 'with a date picker');
  // At 1366×768 the daily table is seen without scrolling, and the chart's key has room above "Kejadian listrik".
  await tech.page.evaluate(() => window.scrollTo(0, 0));
  const daily = (await tech.page.locator('.t-table.services').boundingBox())!;
  t.ok(daily.y + daily.height <= 768, `the daily table ends at ${Math.round(daily.y + daily.height)} px, above the fold`);
  const legend = (await tech.page.locator('.t-legend').boundingBox())!;
  const eventsTitle = (await tech.page.locator('[data-t="tech.powerEvents"]').boundingBox())!;
  t.ok(eventsTitle.y - (legend.y + legend.height) >= 12, 'the chart key stands apart from the power events');
  await snap('end-of-morning');

  // ---- an error the station answers reads as a sentence, never the code ----------------------------
  // Counter 2 takes the last waiting ticket; counter 1's own request to call is answered QUEUE_EMPTY,
  // and the page's error path (the shared table, the toast) turns it into a sentence.
  t.equal((await s.call('POST', '/api/v1/counters/2/call', ADMIN)).status, 200);
  await c1.page.evaluate(async () => {
    const common = '/pages/common.js';
    const m = await import(common);
    const { token } = JSON.parse(sessionStorage.getItem('ktp-counter') ?? '{}');
    await m
      .api('/api/v1/counters/1/call', { token, method: 'POST', body: {} })
      .catch((err: unknown) => m.toast(m.errorMessage(err), 'error'));
  });
  await c1.page.waitForSelector('.toast.error');
  t.equal(await text(c1, '.toast.error'), 'Tidak ada nomor antrean yang menunggu untuk loket ini.', 'QUEUE_EMPTY reads as a sentence');
  await snap('error-sentence', ['counter1']);

  for (const [name, p] of Object.entries(pages)) t.same(p.errors, [], `no script error on ${name}`);
});
