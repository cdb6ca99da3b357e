/**
 * The demo workspace tells one story (issue 11 §2, §5): yesterday's missed caller, never called back,
 * is in the recent calls as missed and on the callback list as to do, and « À rappeler (n) » counts
 * the items the list shows. `accueil serve` makes the demo at its start, « yesterday » being the day
 * before that start in Paris — whatever the date the test runs on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { ARTIFACTS, launchChromium, serve, type ServedProduct } from '../support/web-mode';

const caller = DEMO_FIXTURES.missedYesterday;

let product: ServedProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await serve();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(product.url);
  await page.locator('[data-testid="workspace-badge"]').waitFor({ timeout: 20_000 });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

describe('the demo’s missed calls', () => {
  it('shows yesterday’s missed caller as missed in the recent calls, with no call back since', async () => {
    await page.locator('[data-testid="recent-only-missed"]').check();
    const missed = page.locator('[data-testid="recent-calls"] [data-testid="call-row"][data-state="missed"]', { hasText: caller.name });
    await missed.first().waitFor({ timeout: 10_000 });
    await expect(missed.first().locator('[data-testid="call-number"]').innerText()).resolves.toBe(caller.dial);
    await page.locator('[data-testid="recent-only-missed"]').uncheck();
    // Nothing after it to or from her number: her most recent call is that missed one.
    const hers = page.locator('[data-testid="recent-calls"] [data-testid="call-row"]', { hasText: caller.name });
    await expect(hers.first().getAttribute('data-state')).resolves.toBe('missed');
  });

  it('has her on the callback list, to do, and « À rappeler (n) » counts what the list shows', async () => {
    const button = page.locator('[data-testid="callbacks-open"]');
    const counted = Number(/\((\d+)\)/.exec(await button.innerText())?.[1]);
    expect(counted).toBeGreaterThanOrEqual(1);
    await button.click();
    const list = page.locator('[data-testid="callbacks"]');
    const row = list.locator(`[data-testid="callback-row"][data-number="${caller.e164}"]`);
    await row.waitFor({ timeout: 10_000 });
    await expect(row.getAttribute('data-state')).resolves.toBe('open');
    await expect(row.innerText()).resolves.toContain(caller.name);
    await expect(list.locator('[data-testid="callback-row"][data-state="open"]').count()).resolves.toBe(counted);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-callbacks.png') });
  });
});
