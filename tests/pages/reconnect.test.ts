/**
 * The display after a station restart: it says the connection is lost, comes
 * back by itself, and shows what the station holds now (never stale numbers).
 */
import t from 'tap';
import { launch, open, screenshot } from '../support/browser.js';
import { pressButton, startTestStation, tempDataDir } from '../support/station.js';

t.test('the display shows a lost stream and recovers after a restart on the same port and data', async (t) => {
  const dataDir = tempDataDir(t);
  let station = await startTestStation(dataDir);
  t.teardown(() => station.close());
  const browser = await launch();
  t.teardown(() => browser.close());

  const display = await open(browser, `${station.url}/display`, 'display');
  const count = () => display.page.textContent('[data-service="A"] .d-service-count');
  await display.page.waitForSelector('[data-service="A"] .d-service-count');
  await pressButton(station.url, 0);
  await display.page.waitForFunction(() => document.querySelector('[data-service="A"] .d-service-count')?.textContent === '1');
  t.equal(await display.page.isHidden('#offline'), true, 'connected: no warning');

  await station.close();
  await display.page.waitForSelector('#offline:not([hidden])', { timeout: 10_000 });
  t.match(await display.page.textContent('#offline'), /Koneksi terputus/);
  t.equal(await display.page.evaluate(() => document.body.classList.contains('stale')), true, 'old numbers are greyed out');
  await screenshot(display.page, 'display-disconnected');

  station = await startTestStation(dataDir, { port: station.port });
  await display.page.waitForSelector('#offline', { state: 'hidden', timeout: 15_000 });
  t.pass('reconnected by itself');
  t.equal(await count(), '1', 'the waiting count is the station’s, refetched');

  await pressButton(station.url, 0);
  await display.page.waitForFunction(() => document.querySelector('[data-service="A"] .d-service-count')?.textContent === '2', null, {
    timeout: 5000,
  });
  t.pass('the new stream carries new tickets');
  t.same(display.errors, []);
});
