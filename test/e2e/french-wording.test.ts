/**
 * The console's French as someone who writes French for customers would have it (issue 11 §4):
 * counts in the singular and the plural (« 1 champ à remplir », never « champ(s) »), the typographic
 * apostrophe, a heading said once. On the demo workspace of `accueil serve`, in Chromium.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { launchChromium, serve, type ServedProduct } from '../support/web-mode';

let product: ServedProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await serve();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(product.url);
  await page.locator('[data-testid="workspace-badge"]').waitFor({ timeout: 20_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

describe('French wording', () => {
  it('counts the fields left to fill in the singular and the plural', async () => {
    await page.locator('[data-testid="templates-link"]').click();
    await page.locator('[data-testid="template-library"] [data-testid="library-item"][data-template-id="tpl-relance-facture"] [data-testid="library-use"]').click();
    const composer = page.locator('[data-testid="composer"]');
    const missing = composer.locator('[data-testid="composer-missing"]');
    await missing.waitFor({ timeout: 10_000 });
    const title = missing.locator('p').first();
    await expect(title.innerText()).resolves.toMatch(/^\s*\d+ champs à remplir : l’e-mail ne peut pas partir ainsi\.$/);
    // Fill every box but the last: one field left, said in the singular.
    const boxes = missing.locator('input.missing-value');
    const count = await boxes.count();
    expect(count).toBeGreaterThan(2);
    for (let i = 0; i < count - 1; i++) await boxes.nth(i).fill(`valeur ${i}`);
    await expect.poll(() => title.innerText(), { timeout: 10_000 }).toMatch(/^\s*1 champ à remplir : /);
    expect(await missing.innerText()).not.toContain('(s)');
    await composer.locator('[data-testid="composer-close"]').click();
    await composer.waitFor({ state: 'detached' });
  });

  it('says « Fiche entreprise » once on a company’s record', async () => {
    await page.locator('[data-testid="search-input"]').fill(DEMO_FIXTURES.switchboardCompany.name);
    await page.locator('[data-testid="search-result"]', { hasText: DEMO_FIXTURES.switchboardCompany.name }).first().click();
    const record = page.locator(`[data-testid="record-view"][data-id="${DEMO_FIXTURES.switchboardCompany.companyId}"]`);
    await record.locator('[data-testid="record-company-name"]').waitFor({ timeout: 10_000 });
    // textContent: the view's kicker is set in capitals by its style.
    const text = (await record.textContent()) ?? '';
    expect(text.match(/Fiche entreprise/g)).toHaveLength(1);
    // The company's people, with a French apostrophe.
    expect(text).toContain('Contacts de l’entreprise');
  });
});
