/**
 * Risque de départ end to end, on the demo workspace served as IT serves it: the supervisor's list
 * (Alt+Q) says how the scores were made and ranks the slipping customer first with its reasons; her
 * record and her call's pop say « Risque de départ : élevé — entretien en retard de 13 mois ».
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { blockingAxeViolations } from '../support/axe';
import { launchChromium, serve, type ServedProduct } from '../support/web-mode';

let product: ServedProduct;
let browser: Browser;
let page: Page;
const slipping = DEMO_FIXTURES.slippingCustomer;
const ROOT = path.resolve(import.meta.dirname, '../..');

beforeAll(async () => {
  product = await serve({ env: { ACCUEIL_ROLE: 'supervisor' } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(product.url);
  await page.locator('[data-testid="workspace-badge"]').waitFor({ timeout: 20_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

describe('risque de départ, as Gaëtan and Claire see it', () => {
  it('lists the slipping customer first, says the demo is scored by the rules, and opens her record', async () => {
    // The shortcut is Gaëtan's: it works once the console knows his role (its top-bar button shows then).
    await page.locator('[data-testid="churn-link"]').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Alt+q');
    const table = page.locator('[data-testid="churn-table"]');
    await table.waitFor({ timeout: 15_000 });
    await expect(page.locator('[data-testid="churn-method"]').getAttribute('data-method')).resolves.toBe('rules');
    const first = table.locator('tbody tr').first();
    await expect(first.innerText()).resolves.toContain(slipping.name);
    await expect(first.innerText()).resolves.toMatch(/entretien en retard de 13 mois · aucun contact depuis 2\d mois/);
    expect(await blockingAxeViolations(page)).toEqual([]);
    await first.getByRole('button', { name: slipping.name }).click();
    const line = page.locator('[data-testid="churn-line"]');
    await line.waitFor({ timeout: 10_000 });
    await expect(line.innerText()).resolves.toBe('Risque de départ : élevé — entretien en retard de 13 mois');
  });

  it('says it on the pop when she calls', async () => {
    const rang = spawnSync(process.execPath, [path.join(ROOT, 'bin/accueil.mjs'), 'simulate-call', slipping.dial, '--data-dir', product.dataDir], { encoding: 'utf8', timeout: 30_000 });
    expect(rang.status).toBe(0);
    const pop = page.locator('[data-testid="pop"]');
    await pop.waitFor({ timeout: 10_000 });
    await expect(pop.innerText()).resolves.toContain(slipping.name);
    await expect(pop.locator('[data-testid="churn-line"]').innerText()).resolves.toBe('Risque de départ : élevé — entretien en retard de 13 mois');
  });
});
