/**
 * The console's layout from 1024 to 1920 px wide, measured in Chromium as Claire's screen shows it
 * (issue 11 §4): the composer stays compact when fields are missing, the recent-calls column grows
 * with the window and is one Tab stop walked with the arrows. On the demo workspace of
 * `accueil serve`, no line configured (none is needed to look). Screenshots go to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, serve, type ServedProduct } from '../support/web-mode';

/** Screens a customer-service desk has, smallest laptop to full HD. */
const SCREENS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1600, height: 900 },
  { width: 1920, height: 1080 },
] as const;

let product: ServedProduct;
let browser: Browser;
let page: Page;

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} is not displayed`);
  return found;
}

beforeAll(async () => {
  product = await serve();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: SCREENS[0] });
  await page.goto(product.url);
  await page.locator('[data-testid="workspace-badge"]').waitFor({ timeout: 20_000 });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

describe('composer with missing fields', () => {
  it('keeps its fields together, the missing values in one group and the text box on screen, at 1024–1920 px', async () => {
    await page.setViewportSize(SCREENS[0]);
    await page.locator('[data-testid="templates-link"]').click();
    const library = page.locator('[data-testid="template-library"]');
    // No record open: every contact field is missing, plus the invoice's and the signature's.
    await library.locator('[data-testid="library-item"][data-template-id="tpl-relance-facture"] [data-testid="library-use"]').click();
    const composer = page.locator('[data-testid="composer"]');
    const missing = composer.locator('[data-testid="composer-missing"]');
    await missing.waitFor({ timeout: 10_000 });
    const rows = missing.locator('[data-testid="missing-field"]');
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    await expect(missing.locator('p').first().innerText()).resolves.toMatch(/^\s*\d+ champs à remplir : /);

    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      const to = await box(composer.locator('[data-testid="composer-to"]'));
      const subject = await box(composer.locator('[data-testid="composer-subject"]'));
      const text = await box(composer.locator('[data-testid="composer-body"]'));
      // One label's height between fields, not the 300 px of a column stretched to the preview's height.
      expect(subject.y - (to.y + to.height), `${screen.width} px: recipient → subject`).toBeLessThan(48);
      expect(text.y - (subject.y + subject.height), `${screen.width} px: subject → text`).toBeLessThan(64);
      // The text box is on screen without scrolling, most of it readable.
      expect(text.y + 200, `${screen.width} px: text box`).toBeLessThanOrEqual(screen.height);

      // The missing values: one row each, one under the other, each box wide enough to type in.
      let previousBottom: number | null = null;
      for (let i = 0; i < (await rows.count()); i++) {
        const row = await box(rows.nth(i));
        if (previousBottom !== null) expect(row.y - previousBottom, `${screen.width} px: row ${i}`).toBeLessThan(12);
        previousBottom = row.y + row.height;
        expect(row.height, `${screen.width} px: row ${i} height`).toBeLessThan(60);
        const input = rows.nth(i).locator('input');
        if ((await input.count()) > 0) expect((await box(input)).width, `${screen.width} px: box ${i}`).toBeGreaterThanOrEqual(120);
      }
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      expect(width, `${screen.width} px: no sideways scroll`).toBeLessThanOrEqual(screen.width);
      if (screen.width === 1024) await page.screenshot({ path: path.join(ARTIFACTS, 'layout-composer-1024.png') });
    }
    await page.keyboard.press('Escape');
    await composer.waitFor({ state: 'detached' });
  });
});
