/** Debian's chromium driven by playwright-core, one fresh profile per launch. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

export const SIZES = {
  display: { width: 1920, height: 1080 },
  counter: { width: 1366, height: 768 },
  technician: { width: 1366, height: 768 },
  sim: { width: 1440, height: 900 },
} as const;

export async function launch(): Promise<Browser> {
  // playwright gives every launch a fresh temporary --user-data-dir of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  errors: string[];
}

/**
 * Opens a page at its target size, in the Indonesian locale of the office's machines, and collects
 * script errors (a test asserts there are none). Debian's chromium carries only its en-US
 * resources, so native date fields would still read mm/dd/yyyy: the pages write dates themselves.
 */
export async function open(browser: Browser, url: string, size: keyof typeof SIZES): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: SIZES[size], locale: 'id-ID' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Fills a page's token login form and waits for the work area. */
export async function login(page: Page, token: string, counter?: number): Promise<void> {
  if (counter !== undefined) await page.selectOption('#login-counter', String(counter));
  await page.fill('#login input[name=token]', token);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#work:not([hidden])');
}
