/**
 * The screens together, in chromium: a ticket issued from the sim console
 * appears on the waiting-room display, the counter calls it, and the display
 * shows the call within a second, with the chime and the voice call.
 */
import t from 'tap';
import { launch, open, login, screenshot } from '../support/browser.js';
import { startTestStation, tempDataDir } from '../support/station.js';

t.test('issue from the sim console, call from the counter, see it on the display', async (t) => {
  const station = await startTestStation(tempDataDir(t));
  t.teardown(() => station.close());
  const browser = await launch();
  t.teardown(() => browser.close());

  const display = await open(browser, `${station.url}/display`, 'display');
  await display.page.waitForSelector('[data-service="A"] .d-service-count');
  t.equal(await display.page.textContent('[data-service="A"] .d-service-count'), '0', 'nobody waiting yet');

  const sim = await open(browser, `${station.url}/sim`, 'sim');
  await login(sim.page, 'dev-admin');
  await sim.page.click('[data-button="0"]');
  await sim.page.waitForSelector('.s-paper[data-ticket="A-001"]', { timeout: 10_000 });
  t.pass('the printed ticket A-001 is shown as paper on the sim console');

  await display.page.waitForFunction(() => document.querySelector('[data-service="A"] .d-service-count')?.textContent === '1', null, {
    timeout: 5000,
  });
  t.pass('the display counts one waiting for service A');

  const counter = await open(browser, `${station.url}/counter`, 'counter');
  // The work area shows once the page has read the queue, so F1 the moment it shows is never ignored for want of data.
  let letQueueThrough!: () => void;
  const queueHeld = new Promise<void>((r) => (letQueueThrough = r));
  await counter.page.route('**/api/v1/queue', async (route) => {
    await queueHeld;
    await route.continue();
  });
  await counter.page.selectOption('#login-counter', '1');
  await counter.page.fill('#login input[name=token]', 'dev-counter-1');
  await counter.page.click('#login button[type=submit]');
  await counter.page.waitForSelector('#logout:not([hidden])');
  t.ok(await counter.page.locator('#work').isHidden(), 'logged in, the queue not read yet: no work area');
  letQueueThrough();
  await counter.page.waitForSelector('#work:not([hidden])');
  await counter.page.unroute('**/api/v1/queue');
  const voice = display.page.waitForResponse((r) => r.url().includes('/api/v1/voice/call.wav'), { timeout: 10_000 });
  const pressedAt = Date.now();
  await counter.page.keyboard.press('F1');
  await display.page.waitForFunction(() => document.querySelector('#now-number')?.textContent === 'A-001', null, { timeout: 1000 });
  const shownAfter = Date.now() - pressedAt;
  t.pass(`the display shows A-001 ${shownAfter} ms after F1 at the counter`);
  t.equal(await display.page.textContent('#now-counter'), 'Loket 1');
  t.equal(await display.page.textContent('[data-counter="1"] .d-counter-number'), 'A-001', 'counter 1 row shows its number');
  t.match(await display.page.textContent('#history'), /A-001/, 'the call is in the recent calls');
  t.equal(await counter.page.textContent('#number'), 'A-001', 'the counter shows the ticket it called');

  const wav = await voice;
  t.equal(wav.status(), 200, 'the display fetched the voice call after the chime');
  t.match(wav.headers()['content-type'], /audio\/wav/);
  t.match(wav.url(), /number=A-001&counter=1/);

  // SOP steps: key 1 starts the first step, its timer runs.
  await counter.page.keyboard.press('1');
  await counter.page.waitForSelector('.c-step.running[data-step="verify"]');
  await counter.page.keyboard.press('2');
  await counter.page.waitForSelector('.c-step.running[data-step="photo"]');
  await counter.page.waitForSelector('.c-step.done[data-step="verify"]');
  t.pass('steps 1 and 2 started from the keyboard; step 1 ended when step 2 began');
  await counter.page.waitForFunction(() => /^0:0[1-9]$/.test(document.querySelector('.c-step.running .timer')?.textContent ?? ''), null, {
    timeout: 5000,
  });
  t.pass('the running step shows its timer');

  await screenshot(display.page, 'display-called');
  await screenshot(counter.page, 'counter-serving');
  await screenshot(sim.page, 'sim-console');

  const tech = await open(browser, `${station.url}/technician`, 'technician');
  await login(tech.page, 'dev-technician');
  await tech.page.waitForSelector('#devices tr');
  t.ok((await tech.page.locator('#devices tr').count()) >= 1, 'the technician sees the devices');
  await tech.page.waitForSelector('#chart > *');
  await screenshot(tech.page, 'technician-console');

  // English on every page.
  await display.page.click('#lang');
  t.match(await display.page.textContent('.d-subtitle'), /Electronic ID Card/);
  t.match(await display.page.textContent('#date'), /^(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), \d+ \w+ \d{4}$/);
  await screenshot(display.page, 'display-english');
  await counter.page.click('#lang');
  t.match(await counter.page.textContent('#complete'), /Complete/);
  await display.page.click('#lang');
  t.match(await display.page.textContent('#date'), /^(Minggu|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu), \d+ \w+ \d{4}$/);
  t.match(await display.page.textContent('#time'), /^\d{2}\.\d{2} WIB$/);

  // Enter asks, Enter again completes the ticket at the counter; the counter is free again.
  await counter.page.keyboard.press('Enter');
  await counter.page.waitForSelector('#confirm:not([hidden])');
  await counter.page.keyboard.press('Enter');
  await counter.page.waitForFunction(() => document.querySelector('#number')?.textContent === '—');
  t.pass('Enter completes the ticket');

  for (const p of [display, sim, counter, tech]) t.same(p.errors, [], 'no script errors');
});
