/**
 * What the screens make of the station's events and data, against the real
 * station with simulated devices: outage and quota banners on the display,
 * the technician's 24-hour power chart, a fault reported at a counter reaching
 * the technician, and an alert appearing and going on the technician console.
 */
import t from 'tap';
import { launch, open, login, screenshot } from '../support/browser.js';
import { api, pressButton, startTestStation, tempDataDir } from '../support/station.js';

t.test('display banners: power outage on genset, quota exhausted', async (t) => {
  const { url, close } = await startTestStation(tempDataDir(t), {
    edit: (c) => {
      c.power = { ...c.power!, debounceSeconds: 0 };
      c.services[0]!.dailyQuota = 1;
    },
  });
  t.teardown(close);
  const browser = await launch();
  t.teardown(() => browser.close());
  const { page, errors } = await open(browser, `${url}/display`, 'display');
  await page.waitForSelector('[data-service="A"]');
  t.equal(await page.locator('.d-banner').count(), 0, 'no banner in normal times');

  await api(url, 'dev-admin', 'POST', '/sim/power', { mains: false, genset: true });
  await page.waitForSelector('.d-banner.power');
  t.match(await page.textContent('.d-banner.power'), /genset/);

  await pressButton(url, 0);
  await page.waitForSelector('.d-banner.quota');
  t.equal(await page.textContent('.d-banner.quota'), 'Kuota hari ini habis: Perekaman e-KTP. Silakan datang kembali besok.');
  t.match(await page.textContent('.d-service[data-service="A"]'), /Kuota habis/);
  await screenshot(page, 'display-outage-quota');

  await api(url, 'dev-admin', 'POST', '/sim/power', { mains: true, genset: false });
  await page.waitForSelector('.d-banner.power', { state: 'detached' });
  t.pass('the outage banner goes when mains returns');
  t.same(errors, []);
});

t.test('technician: chart says "belum ada data" without history, draws it with; a counter fault reaches the console', async (t) => {
  const { url, station, close } = await startTestStation(tempDataDir(t));
  t.teardown(close);
  const browser = await launch();
  t.teardown(() => browser.close());

  const tech = await open(browser, `${url}/technician`, 'technician');
  await login(tech.page, 'dev-technician');
  await tech.page.waitForSelector('#chart .empty');
  t.equal(await tech.page.textContent('#chart .empty'), 'belum ada data');

  // A day of history as the station keeps it on disk: half-hourly samples, an outage on the genset in the middle.
  const now = Date.now();
  for (let i = 0; i < 48; i++) {
    const genset = i >= 20 && i < 26;
    station.power.store.putSample({
      at: now - (47 - i) * 30 * 60_000,
      resolution: 'minute',
      source: genset ? 'genset' : 'mains',
      mains: !genset,
      genset,
      busVoltage: 12.1,
      currentA: 1.2,
      powerW: 2000 + 1500 * Math.sin(i / 6) ** 2,
      gensetBatteryV: null,
      fuelPercent: null,
    });
  }

  const counter = await open(browser, `${url}/counter`, 'counter');
  await login(counter.page, 'dev-counter-2', 2);
  await counter.page.keyboard.press('F8');
  await counter.page.waitForSelector('#fault-dialog[open]');
  await counter.page.check('#fault-device input[value=fingerprint]');
  await counter.page.fill('#fault-dialog textarea', 'sidik jari tidak terbaca sejak pagi');
  await counter.page.click('#fault-dialog button[value=ok]');
  await counter.page.waitForSelector('.toast');
  t.match(await counter.page.textContent('.toast'), /Laporan #1 terkirim/);
  const listed = (await api(url, 'dev-technician', 'GET', '/faults')) as { faults: Array<{ device: string; resolvedAt: string | null }> };
  t.equal(listed.faults[0]?.device, 'fingerprint (Loket 2)', 'the fault names the device and the counter');

  await tech.page.reload();
  await tech.page.waitForSelector('#chart .power-line');
  t.ok((await tech.page.locator('#chart .band.genset').count()) > 0, 'genset hours are shaded');
  await tech.page.waitForSelector('[data-fault="1"]');
  t.match(await tech.page.textContent('[data-fault="1"]'), /sidik jari tidak terbaca/);
  await screenshot(tech.page, 'technician-chart-fault');
  // The repair is noted on the console (a note is required); the console drops the fault once it is fixed.
  t.equal(await tech.page.locator('[data-fault="1"] button').isEnabled(), false, 'resolving waits for a repair note');
  await tech.page.fill('[data-fault="1"] input[name=resolution]', 'pemindai sidik jari diganti');
  await tech.page.click('[data-fault="1"] button');
  await tech.page.waitForSelector('#faults .muted');
  t.equal(await tech.page.textContent('#faults'), 'Tidak ada kerusakan terbuka', 'a repaired fault is not listed');
  t.same([...tech.errors, ...counter.errors], []);
});

t.test(
  'technician: an alert raised at the station appears live with its time and advice, is fetched on connect, and goes when cleared',
  async (t) => {
    const { url, close } = await startTestStation(tempDataDir(t));
    t.teardown(close);
    const browser = await launch();
    t.teardown(() => browser.close());
    const { page, errors } = await open(browser, `${url}/technician`, 'technician');
    await login(page, 'dev-technician');
    await page.waitForSelector('#alerts');
    t.equal(await page.textContent('#alerts'), 'Tidak ada peringatan');

    // The simulated INA219 reads a sagging 12 V supply; the station raises a critical alert.
    await api(url, 'dev-admin', 'POST', '/sim/power', { busVoltage: 10.5 });
    await page.waitForSelector('[data-alert].critical');
    const what = /^Tegangan pasokan rendah · sejak \d{2}\.\d{2}$/;
    t.match(await page.textContent('[data-alert] .what'), what, 'a new alert arrives live');
    t.match(await page.textContent('[data-alert] .message'), /tegangan catu papan 10\.5 V .*periksa pengisi daya/);
    await screenshot(page, 'technician-alerts');

    await page.reload();
    await page.waitForSelector('[data-alert].critical');
    t.match(await page.textContent('[data-alert] .what'), what, 'an alert already active is fetched on connect');

    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('[data-alert] .message')?.textContent?.startsWith('board supply at'));
    t.match(await page.textContent('[data-alert] .what'), /^Supply undervoltage · since \d{2}:\d{2}/);
    t.equal(await page.textContent('.t-alerts h2'), 'Alerts');
    await page.click('#lang');

    await api(url, 'dev-admin', 'POST', '/sim/power', { busVoltage: 12.2 });
    await page.waitForSelector('[data-alert]', { state: 'detached' });
    t.equal(await page.textContent('#alerts'), 'Tidak ada peringatan', 'a cleared alert goes');
    t.same(errors, []);
  },
);
