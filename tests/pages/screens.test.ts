/**
 * What the screens make of the station's events and data, against the stub
 * (so any event can be played): outage and quota banners on the display, the
 * technician's 24-hour power chart, and a fault reported at a counter reaching
 * the technician, and alerts appearing and going on the technician console.
 */
import t from 'tap';
import { launch, open, login, screenshot } from './helpers/browser.js';
import { newStubState, startStub } from './helpers/stub-station.js';

t.test('display banners: power outage on genset, quota exhausted', async (t) => {
  const state = newStubState();
  const stub = await startStub({ state });
  t.teardown(() => stub.close());
  const browser = await launch();
  t.teardown(() => browser.close());
  const { page, errors } = await open(browser, `${stub.url}/display`, 'display');
  await page.waitForSelector('[data-service="A"]');
  t.equal(await page.locator('.d-banner').count(), 0, 'no banner in normal times');

  stub.emit('power', { source: 'genset', mains: false, genset: true, outage: true });
  await page.waitForSelector('.d-banner.power');
  t.match(await page.textContent('.d-banner.power'), /genset/);

  state.exhausted = ['A'];
  stub.emit('queue', stub.queueView());
  await page.waitForSelector('.d-banner.quota');
  t.equal(await page.textContent('.d-banner.quota'), 'Kuota hari ini habis: Perekaman e-KTP. Silakan datang kembali besok.');
  t.match(await page.textContent('.d-service[data-service="A"]'), /Kuota habis/);
  await screenshot(page, 'display-outage-quota');

  stub.emit('power', { source: 'mains', mains: true, genset: false, outage: false });
  await page.waitForSelector('.d-banner.power', { state: 'detached' });
  t.pass('the outage banner goes when mains returns');
  t.same(errors, []);
});

t.test('technician: chart says "belum ada data" without history, draws it with; a counter fault reaches the console', async (t) => {
  const state = newStubState();
  const stub = await startStub({ state });
  t.teardown(() => stub.close());
  const browser = await launch();
  t.teardown(() => browser.close());

  const tech = await open(browser, `${stub.url}/technician`, 'technician');
  await login(tech.page, 'dev-technician');
  await tech.page.waitForSelector('#chart .empty');
  t.equal(await tech.page.textContent('#chart .empty'), 'belum ada data');

  const now = Date.now();
  state.powerHistory = Array.from({ length: 48 }, (_, i) => ({
    at: new Date(now - (47 - i) * 30 * 60_000).toISOString(),
    powerW: 2000 + 1500 * Math.sin(i / 6) ** 2,
    source: i >= 20 && i < 26 ? 'genset' : 'mains',
  }));

  const counter = await open(browser, `${stub.url}/counter`, 'counter');
  await login(counter.page, 'dev-counter-2', 2);
  await counter.page.keyboard.press('F8');
  await counter.page.waitForSelector('#fault-dialog[open]');
  await counter.page.selectOption('#fault-device', 'fingerprint');
  await counter.page.fill('#fault-dialog textarea', 'sidik jari tidak terbaca sejak pagi');
  await counter.page.click('#fault-dialog button[value=ok]');
  await counter.page.waitForSelector('.toast');
  t.match(await counter.page.textContent('.toast'), /Laporan #1 terkirim/);
  t.equal(state.faults[0]?.device, 'fingerprint (Loket 2)', 'the fault names the device and the counter');

  await tech.page.reload();
  await tech.page.waitForSelector('#chart .power-line');
  t.ok((await tech.page.locator('#chart .band.genset').count()) > 0, 'genset hours are shaded');
  await tech.page.waitForSelector('[data-fault="1"]');
  t.match(await tech.page.textContent('[data-fault="1"]'), /sidik jari tidak terbaca/);
  await screenshot(tech.page, 'technician-chart-fault');
  await tech.page.click('[data-fault="1"] button');
  await tech.page.waitForSelector('[data-fault="1"]', { state: 'detached' });
  t.ok(state.faults[0]?.resolvedAt, 'resolved at the station');
  t.same([...tech.errors, ...counter.errors], []);
});

t.test('technician: an alert raised at the station appears with its time and advice, and goes when cleared', async (t) => {
  const state = newStubState();
  const raisedAt = new Date(Date.UTC(2026, 10, 28, 1, 5)).toISOString(); // 08.05 WIB
  state.alerts.push({
    id: 7,
    kind: 'fuel-low',
    subject: '',
    severity: 'warning',
    active: true,
    message: 'Genset fuel at 18%: refill before the next outage.',
    messageId: 'BBM genset 18%: isi sebelum pemadaman berikutnya.',
    value: 18,
    threshold: 20,
    raisedAt,
    clearedAt: null,
  });
  const stub = await startStub({ state });
  t.teardown(() => stub.close());
  const browser = await launch();
  t.teardown(() => browser.close());
  const { page, errors } = await open(browser, `${stub.url}/technician`, 'technician');
  await login(page, 'dev-technician');

  await page.waitForSelector('[data-alert="7"]');
  t.equal(
    await page.textContent('[data-alert="7"] .what'),
    'BBM genset menipis · sejak 08.05',
    'an alert already active is fetched on connect',
  );
  t.equal(await page.textContent('[data-alert="7"] .message'), 'BBM genset 18%: isi sebelum pemadaman berikutnya.');

  const undervoltage = {
    id: 8,
    kind: 'supply-undervoltage',
    subject: '',
    severity: 'critical',
    active: true,
    message: 'Supply at 10.5 V: check the charger and battery.',
    messageId: 'Pasokan 10,5 V: periksa pengisi dan aki.',
    value: 10.5,
    threshold: 11,
    raisedAt: new Date(Date.UTC(2026, 10, 28, 2, 30)).toISOString(),
    clearedAt: null,
  };
  stub.emit('alert', undervoltage);
  await page.waitForSelector('[data-alert="8"].critical');
  t.match(
    await page.textContent('[data-alert="8"]'),
    /Tegangan pasokan rendah · sejak 09\.30.*periksa pengisi dan aki/,
    'a new alert arrives live',
  );
  await screenshot(page, 'technician-alerts');

  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('[data-alert="8"] .message')?.textContent?.startsWith('Supply at'));
  t.match(await page.textContent('[data-alert="8"] .what'), /^Supply undervoltage · since 09:30/);
  t.equal(await page.textContent('.t-alerts h2'), 'Alerts');
  await page.click('#lang');

  stub.emit('alert', { ...undervoltage, active: false, clearedAt: new Date().toISOString() });
  await page.waitForSelector('[data-alert="8"]', { state: 'detached' });
  t.pass('a cleared alert goes');
  state.alerts[0]!.active = false;
  stub.emit('alert', { ...state.alerts[0], clearedAt: new Date().toISOString() });
  await page.waitForSelector('[data-alert]', { state: 'detached' });
  t.equal(await page.textContent('#alerts'), 'Tidak ada peringatan');
  t.same(errors, []);
});
