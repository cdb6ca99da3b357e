/**
 * Claire adds documents to a record in the browser (web mode, `accueil serve`, Chromium): a PDF
 * dropped on the record's documents shows « 1 document » with its row; an SVG with a script chosen
 * with the file button is refused, the reason said next to its name; the pop of his call says
 * « 1 document »; a download is saved as a file
 * under its own name (never opened in the page); the company's documents (Alt+G) find it by a word
 * of its name and by its type, and open its record. What was kept is checked on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { launchChromium, serve, type ServedProduct } from '../support/web-mode';
import { pdf } from '../support/document-fixtures';

let product: ServedProduct;
let browser: Browser;
let page: Page;
const contactId = DEMO_FIXTURES.mobileContact.contactId;

function onDisk<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(product.dataDir, 'accueil.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  product = await serve();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await page.goto(product.url);
  await page.locator('[data-testid="workspace-badge"]').waitFor({ timeout: 20_000 });
  await page.keyboard.press('Control+k');
  await page.locator('[data-testid="search-input"]').pressSequentially(DEMO_FIXTURES.mobileContact.name, { delay: 10 });
  await page.locator('#search-results[aria-busy="false"]').waitFor({ state: 'attached', timeout: 10_000 });
  await page.locator(`[data-testid="search-result"]`, { hasText: DEMO_FIXTURES.mobileContact.name }).first().click();
  await page.locator(`[data-testid="record-view"][data-id="${contactId}"]`).waitFor({ timeout: 10_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

describe('documents on a record', () => {
  it('takes a PDF dropped on the record and shows « 1 document »', async () => {
    const panel = page.locator('[data-testid="record-documents"]');
    await expect.poll(() => panel.locator('[data-testid="record-document-count"]').textContent()).toBe('0 document');
    const bytes = pdf('Attestation d’entretien 2025');
    // A real drop: a DataTransfer holding a File, dispatched as the browser does for a dragged file.
    const transfer = await page.evaluateHandle(`(() => {
      const data = Uint8Array.from(atob('${bytes.toString('base64')}'), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'Attestation entretien 2025.pdf', { type: 'application/pdf' }));
      return transfer;
    })()`);
    await panel.dispatchEvent('dragenter', { dataTransfer: transfer });
    await panel.dispatchEvent('dragover', { dataTransfer: transfer });
    await panel.dispatchEvent('drop', { dataTransfer: transfer });
    await expect.poll(() => panel.locator('[data-testid="record-document-count"]').textContent(), { timeout: 10_000 }).toBe('1 document');
    const row = panel.locator('[data-testid="document-row"]');
    await expect.poll(() => row.textContent()).toContain('Attestation entretien 2025.pdf');
    expect(await row.textContent()).toContain('v1');
    const kept = onDisk<{ name: string; mime: string; contact_id: string; added_by_kind: string }>(`SELECT name, mime, contact_id, added_by_kind FROM documents`);
    expect(kept).toEqual([{ name: 'Attestation entretien 2025.pdf', mime: 'application/pdf', contact_id: contactId, added_by_kind: 'console' }]);
  });

  it('refuses an SVG with a script chosen with the file button, saying why next to its name', async () => {
    const panel = page.locator('[data-testid="record-documents"]');
    await panel.locator('[data-testid="documents-input"]').setInputFiles({
      name: 'plan.svg.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'),
    });
    const refusal = panel.locator('[data-testid="document-note"][role="alert"]');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.innerText()).toContain('plan.svg.png refusé : Les pages web et les images SVG sont refusées');
    expect(await panel.locator('[data-testid="record-document-count"]').textContent()).toBe('1 document');
    expect(onDisk<{ n: number }>(`SELECT count(*) AS n FROM documents`)[0]!.n).toBe(1);
  });

  it('says « 1 document » on the pop when the customer calls', async () => {
    await page.locator('[data-testid="simulate-call-open"]').click();
    await page.locator('[data-testid="simulate-call-panel"] [data-kind="known_customer"] [data-outcome="missed"]').click();
    const pop = page.locator('[data-testid="pop"]');
    await pop.waitFor({ timeout: 10_000 });
    await expect.poll(() => pop.locator('[data-testid="pop-document-count"]').textContent(), { timeout: 10_000 }).toBe('1 document');
    // Back to his record for the download.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await page.locator('[data-testid="search-input"]').fill('');
    await page.locator('[data-testid="search-input"]').pressSequentially(DEMO_FIXTURES.mobileContact.name, { delay: 10 });
    await page.locator('#search-results[aria-busy="false"]').waitFor({ state: 'attached', timeout: 10_000 });
    await page.locator(`[data-testid="search-result"]`, { hasText: DEMO_FIXTURES.mobileContact.name }).first().click();
    await page.locator(`[data-testid="record-view"][data-id="${contactId}"] [data-testid="document-row"]`).waitFor({ timeout: 10_000 });
  });

  it('downloads a document as a file under its name', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="document-row"] button').first().click()]);
    expect(download.suggestedFilename()).toBe('Attestation entretien 2025.pdf');
    const file = await download.path();
    expect(fs.readFileSync(file).equals(pdf('Attestation d’entretien 2025'))).toBe(true);
  });

  it('finds it among the company’s documents (Alt+G) by a word of its name, accents forgiven, and by its type', async () => {
    await page.keyboard.press('Alt+g');
    const view = page.locator('[data-testid="documents-search"]');
    await view.waitFor();
    await page.locator('[data-testid="documents-search-text"]').fill('attestation entretien');
    const rows = view.locator('[data-testid="documents-search-row"]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.first().innerText()).toContain('Attestation entretien 2025.pdf');
    await page.locator('[data-testid="documents-search-text"]').fill('');
    await page.locator('[data-testid="documents-search-type"]').selectOption('facture');
    await expect.poll(() => view.locator('[data-testid="documents-search-count"]').textContent(), { timeout: 10_000 }).toBe('Aucun document ne correspond.');
    await page.locator('[data-testid="documents-search-type"]').selectOption('');
    await page.locator('[data-testid="documents-search-text"]').fill('entretien');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await rows.first().getByRole('button', { name: 'Ouvrir la fiche' }).click();
    await page.locator(`[data-testid="record-view"][data-id="${contactId}"]`).waitFor({ timeout: 10_000 });
  });
});
