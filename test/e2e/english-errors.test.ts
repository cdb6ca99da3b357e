/**
 * End to end: a service's error reads in the interface's language. `accueil serve` on the demo
 * workspace with no phone line and an SMTP relay on loopback that is not running (connection
 * refused); Chromium tests the mail server and dials François Lefèvre, in French, then in English.
 * The services send reasons; the browser words them (the French exactly as the services say it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { freePort } from '../support/ports';
import { ARTIFACTS, launchChromium, serve, type ServedProduct } from '../support/web-mode';

let product: ServedProduct;
let browser: Browser;
let page: Page;
let closedPort: number;

beforeAll(async () => {
  // Nothing listens here: connecting is refused at once.
  closedPort = await freePort('tcp');
  product = await serve({
    env: {
      ACCUEIL_SMTP_HOST: '127.0.0.1',
      ACCUEIL_SMTP_PORT: String(closedPort),
      ACCUEIL_SMTP_SECURITY: 'none',
      ACCUEIL_SMTP_FROM: 'accueil@durand.example',
    },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(product.url);
  await page.locator('[data-testid="status-registration"]').waitFor({ timeout: 20_000 });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

/** Paramètres › E-mail › Tester la connexion: the error under the form. */
async function testMailServer(): Promise<string> {
  await page.locator('[data-testid="settings-link"]').click();
  const form = page.locator('[data-testid="settings-mail-form"]');
  await form.locator('[data-testid="mail-test"]').click();
  const text = await form.locator('[data-testid="mail-error"]').innerText({ timeout: 15_000 });
  await page.keyboard.press('Escape');
  return text;
}

/** Opens François Lefèvre's card from the search and clicks his mobile number: the dial's status line. */
async function dialFrancois(screenshot?: string): Promise<string> {
  await page.locator('[data-testid="search-input"]').fill('Lefèvre');
  await page.locator('[data-testid="search-result"]', { hasText: DEMO_FIXTURES.mobileContact.name }).first().click();
  const record = page.locator('[data-testid="record-view"]');
  await record.locator('[data-testid="phone-dial"]').first().click();
  const status = page.locator('[data-testid="dial-status"].inline-error');
  const text = await status.locator('span').first().innerText({ timeout: 10_000 });
  if (screenshot) await page.screenshot({ path: path.join(ARTIFACTS, screenshot) });
  // Its close button (« Configurer la ligne » sits beside it when the line is missing).
  await status.locator('.icon-btn').click();
  return text;
}

async function switchLanguage(locale: 'fr' | 'en'): Promise<void> {
  await page.locator('[data-testid="settings-link"]').click();
  await page.locator(`[data-testid="settings-locale-${locale}"]`).check();
  // The page's language follows the saved setting (en-GB, fr-FR).
  await page.locator(`html[lang^="${locale}-"]`).waitFor({ state: 'attached', timeout: 10_000 });
  await page.keyboard.press('Escape');
}

describe("a service's error in the interface's language", () => {
  it('reads in French as the services say it', async () => {
    expect(await testMailServer()).toBe(
      `Connexion refusée par 127.0.0.1:${closedPort} : le serveur d’envoi est arrêté ou l’adresse et le port sont faux (Paramètres › E-mail).`,
    );
    expect(await dialFrancois()).toBe('Ligne téléphonique non connectée : appel impossible. Vérifiez le voyant du standard ou les Paramètres.');
  });

  it('reads in English once the interface is in English', async () => {
    await switchLanguage('en');
    expect(await testMailServer()).toBe(`Connection refused by 127.0.0.1:${closedPort}: the mail server is stopped or the address and port are wrong (Settings › E-mail).`);
    expect(await dialFrancois('english-errors.png')).toBe('Phone line not connected: cannot call. Check the phone system indicator or the Settings.');
  });
});
