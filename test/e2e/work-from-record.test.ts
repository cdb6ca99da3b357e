/**
 * Claire's day beyond the pop (issue 11 §1): a customer e-mails or walks in, no call rings. From
 * his record, with the keyboard: Alt+N writes a note, Alt+T opens a ticket for him; « Copier » on a
 * suggested template copies the text merged for him, never `{{contact.prenom}}`; template
 * categories read as words. On the demo workspace of `accueil serve`, in Chromium; what was
 * written is checked in the product's own database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { ARTIFACTS, launchChromium, serve, type ServedProduct } from '../support/web-mode';
import { blockingAxeViolations } from '../support/axe';

let product: ServedProduct;
let browser: Browser;
let context: BrowserContext;
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
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(product.url).origin });
  page = await context.newPage();
  await page.goto(product.url);
  await page.locator('[data-testid="workspace-badge"]').waitFor({ timeout: 20_000 });
  // His record, found by name as Claire would (no call).
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

describe('work from a record, no call', () => {
  it('Alt+N writes a note on his record, saved with Ctrl+Enter and shown in his history', async () => {
    await page.locator('[data-testid="record-view"] h1').focus();
    await page.keyboard.press('Alt+n');
    expect(await page.evaluate('document.activeElement?.id')).toBe('record-note');
    await page.keyboard.type('Passé au bureau : demande un devis pour un adoucisseur');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="record-work"] [role="status"]').waitFor();
    await expect
      .poll(() => onDisk<{ n: number }>(`SELECT count(*) AS n FROM notes WHERE contact_id = ? AND body = ? AND call_id IS NULL`, contactId, 'Passé au bureau : demande un devis pour un adoucisseur')[0]!.n)
      .toBe(1);
    const entry = page.locator('[data-testid="record-history"] [data-testid="history-item"]', { hasText: 'adoucisseur' });
    await entry.waitFor({ timeout: 10_000 });
    // Exactly when, beside « à l'instant ».
    await expect(entry.locator('.history-exact').innerText()).resolves.toMatch(/ · \d{1,2} \S+ 20\d\d \d\d:\d\d$/);
  });

  it('Alt+T opens a ticket form for him; the ticket is created for him and shown', async () => {
    await page.locator('[data-testid="record-view"] h1').focus();
    await page.keyboard.press('Alt+t');
    const form = page.locator('[data-testid="record-work"] [data-testid="ticket-form"]');
    await form.waitFor();
    await expect(form.innerText()).resolves.toContain(DEMO_FIXTURES.mobileContact.name);
    await page.keyboard.type('Devis adoucisseur (passage au bureau)');
    await form.locator('[data-testid="ticket-submit"]').click();
    await page.locator('[data-testid="ticket-view"]').waitFor({ timeout: 10_000 });
    expect(onDisk<{ contact_id: string }>(`SELECT contact_id FROM tickets WHERE subject = 'Devis adoucisseur (passage au bureau)'`)).toEqual([{ contact_id: contactId }]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="ticket-view"]').waitFor({ state: 'detached' });
    // From his history, the ticket opens again, with its reference, date and author.
    await page.locator('[data-testid="history-ticket"]', { hasText: 'Devis adoucisseur (passage au bureau)' }).click();
    await expect(page.locator('[data-testid="ticket-view-opened"]').innerText()).resolves.toMatch(/^T-[0-9A-Z]{8} · ouvert le .+ 20\d\d/);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="ticket-view"]').waitFor({ state: 'detached' });
  });

  it('« Copier » on a suggested template copies the text merged for him, and categories read as words', async () => {
    const templates = page.locator('[data-testid="record-templates"]');
    const first = templates.locator('[data-testid="template-item"]').first();
    await page.screenshot({ path: path.join(ARTIFACTS, 'work-from-record-before-copy.png') });
    await first.locator('summary').click();
    const tag = await first.locator('.tag').innerText();
    expect(tag).not.toMatch(/_/);
    await first.getByRole('button', { name: /Copier/ }).click();
    await first.getByRole('button', { name: /Copié/ }).waitFor();
    const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(copied).not.toContain('{{');
    expect(copied).not.toContain('}}');
    expect(copied).toContain(DEMO_FIXTURES.mobileContact.name.split(' ')[0]!);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'work-from-record.png') });
  });

  it('« Retour » and Esc after following a link inside a record show the record before it, in order', async () => {
    const contact = page.locator(`[data-testid="record-view"][data-id="${contactId}"]`);
    await contact.waitFor();
    // François's record → the syndic's record (search) → a colleague there (a link inside the record).
    await page.keyboard.press('Control+k');
    await page.locator('[data-testid="search-input"]').pressSequentially(DEMO_FIXTURES.switchboardCompany.name, { delay: 10 });
    await page.locator('#search-results[aria-busy="false"]').waitFor({ state: 'attached', timeout: 10_000 });
    await page.locator('[data-testid="search-result"]', { hasText: DEMO_FIXTURES.switchboardCompany.name }).first().click();
    const company = page.locator(`[data-testid="record-view"][data-id="${DEMO_FIXTURES.switchboardCompany.companyId}"]`);
    await company.waitFor({ timeout: 10_000 });
    await company.locator('[data-testid="record-colleagues"] button').first().click();
    const colleague = page.locator('[data-testid="record-view"][data-type="contact"]');
    await colleague.waitFor({ timeout: 10_000 });
    expect(await colleague.getAttribute('data-id')).not.toBe(contactId);
    await page.locator('[data-testid="record-view"] h1').focus();
    await page.keyboard.press('Escape');
    await company.waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: /Retour/ }).first().click();
    await contact.waitFor({ timeout: 10_000 });
    await expect(contact.locator('[data-testid="record-contact-name"]').innerText()).resolves.toContain(DEMO_FIXTURES.mobileContact.name);
  });

  it('« Fiche » on his visit shows what the technician wrote on site; the office corrects it, and never over a newer phone edit', async () => {
    const contact = page.locator(`[data-testid="record-view"][data-id="${contactId}"]`);
    await contact.waitFor({ timeout: 10_000 });
    const item = contact.locator('[data-testid="intervention-item"]').first();
    const visitId = (await item.getAttribute('data-id'))!;
    // What Karim's phone wrote on site (the phone's path is the technicians' app e2e).
    const writeAsPhone = (report: string, at: string) => {
      const db = new Database(path.join(product.dataDir, 'accueil.db'));
      try {
        db.prepare(
          `INSERT INTO technician_sheets (intervention_id, report, checklist, parts, started_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 'phone')
           ON CONFLICT (intervention_id) DO UPDATE SET report = excluded.report, updated_at = excluded.updated_at, updated_by = 'phone'`,
        ).run(visitId, report, JSON.stringify([{ label: 'Mesure du CO', done: true }]), JSON.stringify([{ label: 'Joint de brûleur', quantity: 1 }]), '2026-03-10T08:05:00.000Z', at);
      } finally {
        db.close();
      }
    };
    writeAsPhone('Brûleur nettoyé, CO à 12 ppm.', '2026-03-10T09:00:00.000Z');

    await item.locator('[data-testid="field-sheet-open"]').click();
    const dialog = page.locator('[data-testid="field-sheet"]');
    await dialog.waitFor({ timeout: 10_000 });
    const report = dialog.locator('[data-testid="field-sheet-report"]');
    await expect.poll(() => report.inputValue(), { timeout: 10_000 }).toBe('Brûleur nettoyé, CO à 12 ppm.');
    expect(await dialog.locator('[data-testid="field-sheet-meta"]').innerText()).toMatch(/^Dernière modification depuis le téléphone/);
    expect(await dialog.innerText()).toContain('Mesure du CO');
    expect(await dialog.locator('[data-testid="field-sheet-part"] input').first().inputValue()).toBe('Joint de brûleur');
    expect(await blockingAxeViolations(page)).toEqual([]);

    await report.fill('Brûleur nettoyé, CO à 12 ppm. Vase d’expansion regonflé à 1 bar.');
    await dialog.locator('[data-testid="field-sheet-add-part"]').click();
    await dialog.locator('[data-testid="field-sheet-part"]').nth(1).locator('input').first().fill('Purgeur automatique');
    await dialog.locator('[data-testid="field-sheet-save"]').click();
    await dialog.locator('[data-testid="field-sheet-saved"]').waitFor({ timeout: 10_000 });
    const stored = onDisk<{ report: string; parts: string; updated_by: string }>('SELECT report, parts, updated_by FROM technician_sheets WHERE intervention_id = ?', visitId)[0]!;
    expect(stored).toEqual({ report: 'Brûleur nettoyé, CO à 12 ppm. Vase d’expansion regonflé à 1 bar.', parts: JSON.stringify([{ label: 'Joint de brûleur', quantity: 1 }, { label: 'Purgeur automatique', quantity: 1 }]), updated_by: 'office' });

    // The phone writes again meanwhile: the office's next save is refused, its text kept on screen.
    writeAsPhone('Brûleur nettoyé. RAS.', '2099-01-01T00:00:00.000Z');
    await report.fill('Une correction sur une version dépassée');
    await dialog.locator('[data-testid="field-sheet-save"]').click();
    await dialog.locator('[data-testid="field-sheet-error"]', { hasText: 'La fiche a changé entre-temps' }).waitFor({ timeout: 10_000 });
    expect(await report.inputValue()).toBe('Une correction sur une version dépassée');
    expect(onDisk<{ report: string }>('SELECT report FROM technician_sheets WHERE intervention_id = ?', visitId)[0]!.report).toBe('Brûleur nettoyé. RAS.');
    await dialog.locator('[data-testid="field-sheet-reload"]').click();
    await expect.poll(() => report.inputValue(), { timeout: 10_000 }).toBe('Brûleur nettoyé. RAS.');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
