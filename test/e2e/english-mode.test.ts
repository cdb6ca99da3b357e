/**
 * English mode is English everywhere a person reads the console (issue 11 §4): history lines and
 * amounts on a record, the merge fields in the composer, the notices the services send. On the demo
 * workspace of `accueil serve`, in Chromium, after switching Paramètres › Langue to English. What the
 * CRM holds (a quote's title, a note Claire typed) stays as it was written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { ARTIFACTS, launchChromium, serve, type ServedProduct } from '../support/web-mode';

/** Words of the console's French that must not show in English (CRM content aside). */
const FRENCH = /\b(Appel (entrant|sortant|manqué)|Durée|Devis DV|Technicien|Note de|E-mail (envoyé|reçu)|Sans réponse|Raccroché|Échec|Prénom|champs? à remplir|espace de démonstration)\b/;

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
  await page.locator('[data-testid="settings-link"]').click();
  await page.locator('[data-testid="settings-locale-en"]').check();
  await page.locator('html[lang^="en-"]').waitFor({ state: 'attached', timeout: 10_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

describe('the console in English', () => {
  it('says in English why the demo sends no surveys, though the settings were read in French', async () => {
    const notice = page.locator('[data-testid="satisfaction-sending"]');
    await expect(notice.innerText()).resolves.toBe('The demo workspace sends no surveys (its customers are made up): the figures shown are the demo’s.');
    await page.keyboard.press('Escape');
  });

  it('words a record’s history and amounts in English, the CRM’s own words untouched', async () => {
    await page.locator('[data-testid="search-input"]').fill('Lefèvre');
    await page.locator('[data-testid="search-result"]', { hasText: DEMO_FIXTURES.mobileContact.name }).first().click();
    const record = page.locator(`[data-testid="record-view"][data-id="${DEMO_FIXTURES.mobileContact.contactId}"]`);
    await record.locator('[data-testid="history-item"]').first().waitFor({ timeout: 10_000 });
    const lines = await record.locator('[data-testid="history-item"]').allInnerTexts();
    expect(lines.filter((line) => FRENCH.test(line))).toEqual([]);
    const history = lines.join('\n');
    expect(history).toContain('Missed call');
    expect(history).toContain('Incoming call');
    expect(history).toMatch(/Quote DV-\d{4}-\d{5} — Remplacement chaudière gaz à condensation/);
    // Amounts the English way: the quote's 4 850,00 € reads €4,850.00, in its list and in the history.
    expect(history).toContain('€4,850.00');
    await expect(record.locator('[data-testid="quote-item"]').first().innerText()).resolves.toContain('€4,850.00');
    // A note Claire typed stays as she typed it.
    expect(history).toContain('Préfère être appelé le matin avant 10 h.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'english-record.png') });
  });

  it('writes the visit offered in the composer with an English date', async () => {
    const record = page.locator(`[data-testid="record-view"][data-id="${DEMO_FIXTURES.mobileContact.contactId}"]`);
    const confirmation = record.locator('[data-testid="record-templates"] [data-testid="template-item"]').first();
    await confirmation.locator('summary').click();
    await confirmation.locator('[data-testid="template-compose"]').click();
    const composer = page.locator('[data-testid="composer"]');
    const visits = composer.locator('#composer-intervention option');
    await visits.nth(1).waitFor({ state: 'attached', timeout: 10_000 });
    const labels = (await visits.allInnerTexts()).slice(1);
    expect(labels.some((l) => /^Entretien chaudière gaz · (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? /.test(l)), labels.join(' | ')).toBe(true);
    expect(labels.filter((l) => /\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b| h \d\d/.test(l))).toEqual([]);
    await composer.locator('[data-testid="composer-close"]').click();
    await composer.waitFor({ state: 'detached' });
  });

  it('names the merge fields and their groups in English in the composer', async () => {
    await page.locator('[data-testid="templates-link"]').click();
    const library = page.locator('[data-testid="template-library"]');
    await library.locator('[data-testid="library-item"][data-template-id="tpl-relance-facture"] [data-testid="library-use"]').click();
    const composer = page.locator('[data-testid="composer"]');
    const missing = composer.locator('[data-testid="composer-missing"]');
    await missing.waitFor({ timeout: 10_000 });
    const text = await missing.innerText();
    expect(text).toMatch(/\d+ fields to fill: the e-mail cannot go out like this\./);
    expect(text).toContain('Invoice number (to type)');
    expect(text).not.toMatch(FRENCH);
    const menu = composer.locator('[data-testid="composer-insert-field"]');
    const groups = (await menu.locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label')))) as string[];
    expect(groups).toEqual(expect.arrayContaining(['Contact', 'Customer company', 'Quote', 'Invoice', 'Our company']));
    const options = await menu.locator('option').allInnerTexts();
    expect(options).toContain("Contact's first name — {{contact.prenom}}");
    expect(options.filter((o) => FRENCH.test(o) || /[éè]/.test(o.split(' — ')[0] ?? ''))).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'english-composer.png') });
  });
});
