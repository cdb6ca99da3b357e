/**
 * The search box as Claire types into it (issue 11), on the demo workspace of `accueil serve`, in
 * Chromium: part of a number, a quote number, a word of a devis or ticket title; more than 12
 * results said and reached with the keyboard; numbers shown in one format on the record.
 *
 * What must be found is read from the product's own database (never from today's date: the demo's
 * quote numbers carry the year they were generated in).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { ARTIFACTS, launchChromium, serve, type ServedProduct } from '../support/web-mode';

let product: ServedProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await serve();
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

function onDisk<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(product.dataDir, 'accueil.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The names of the contacts and companies selected by `where`, a condition on `c` (contacts) or `co` (companies). */
function ownerLabels(contactsWhere: string, companiesWhere: string, ...params: unknown[]): string[] {
  const rows = onDisk<{ label: string }>(
    `SELECT trim(c.first_name || ' ' || c.last_name) AS label FROM contacts c WHERE ${contactsWhere}
     UNION ALL SELECT co.name FROM companies co WHERE ${companiesWhere}`,
    ...params,
  );
  return rows.map((r) => r.label).sort();
}

const input = () => page.locator('[data-testid="search-input"]');
const options = () => page.locator('#search-results [role="option"]');

/** Types `text` into an empty search box, key by key, and waits for the answer to it. */
async function typeSearch(text: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await input().fill('');
  await input().pressSequentially(text, { delay: 15 });
  await expect.poll(() => input().inputValue()).toBe(text);
  // Busy from the last key until the answer to the whole text is shown (earlier answers stay meanwhile).
  await page.locator('#search-results[aria-busy="false"]').waitFor({ state: 'attached', timeout: 10_000 });
}

async function resultLabels(): Promise<string[]> {
  return page.locator('[data-testid="search-result"] .result-label').allInnerTexts();
}

describe('search, as Claire types', () => {
  it('finds a number from its middle (« 56 78 »), and only numbers holding those digits', async () => {
    await typeSearch('56 78');
    const expected = ownerLabels(
      `EXISTS (SELECT 1 FROM phones p WHERE p.contact_id = c.id AND p.search_digits LIKE '%5678%')`,
      `EXISTS (SELECT 1 FROM phones p WHERE p.company_id = co.id AND p.search_digits LIKE '%5678%')`,
    );
    expect(expected).toContain(DEMO_FIXTURES.mobileContact.name);
    expect((await resultLabels()).sort()).toEqual(expected);
  });

  it('treats « 12 34 56 » as part of a number: the records holding it, and no record to create for « 123456 »', async () => {
    await typeSearch('12 34 56');
    const labels = await resultLabels();
    expect(labels).toEqual(expect.arrayContaining([DEMO_FIXTURES.mobileContact.name, DEMO_FIXTURES.switchboardCompany.name]));
    await expect(page.locator('#search-results').innerText()).resolves.not.toMatch(/Numéro inconnu/);

    // Six digits that no number holds: still the middle of a number, not one to create a record for.
    const nowhere = ['13 57 91', '97 53 19', '24 68 02', '86 42 08'].find(
      (fragment) => onDisk(`SELECT 1 FROM phones WHERE search_digits LIKE ?`, `%${fragment.replace(/ /g, '')}%`).length === 0,
    )!;
    await typeSearch(nowhere);
    expect(await options().count()).toBe(0);
    await expect(page.locator('.search-popover').innerText()).resolves.toBe(`Aucun résultat pour « ${nowhere} »`);
  });

  it('finds the customer of a devis from its number, and Enter opens the record', async () => {
    const [quote] = onDisk<{ number: string }>(`SELECT number FROM quotes WHERE contact_id = ? ORDER BY created_at LIMIT 1`, DEMO_FIXTURES.mobileContact.contactId);
    expect(quote?.number).toMatch(/^DV-\d{4}-\d{5}$/);
    await typeSearch(quote!.number);
    expect(await resultLabels()).toEqual([DEMO_FIXTURES.mobileContact.name]);
    await page.keyboard.press('Enter');
    const record = page.locator(`[data-testid="record-view"][data-id="${DEMO_FIXTURES.mobileContact.contactId}"]`);
    await record.waitFor({ timeout: 10_000 });
    // Every number of the record in national format, whole (once the card has arrived).
    await record.locator('[data-testid="phone-number"]').first().waitFor({ timeout: 10_000 });
    const shown = await record.locator('[data-testid="phone-number"]').allInnerTexts();
    expect(shown).toContain('06 12 34 56 78');
    for (const number of shown) expect(number).toMatch(/^(0\d( \d\d){4}|\+\d[\d ]+)$/);
  });

  it('finds every devis or ticket about a « chaudière », says there are more than 12, and reaches the rest with the keyboard', async () => {
    const about = (owner: 'contact_id' | 'company_id', alias: string) =>
      `EXISTS (SELECT 1 FROM quotes q WHERE q.${owner} = ${alias}.id AND q.title LIKE '%haudi%') OR EXISTS (SELECT 1 FROM tickets t WHERE t.${owner} = ${alias}.id AND t.subject LIKE '%haudi%')`;
    const expected = ownerLabels(about('contact_id', 'c'), about('company_id', 'co'));
    // The demo holds enough of them for the test to mean something.
    expect(expected.length).toBeGreaterThan(12);

    await typeSearch('chaudière');
    const first = await resultLabels();
    expect(first).toHaveLength(12);
    for (const label of first) expect(expected).toContain(label);
    await expect(page.locator('[data-testid="search-count"]').innerText()).resolves.toBe(`12 premiers résultats sur ${expected.length}`);
    const more = page.locator('[data-testid="search-more"]');
    await expect(more.innerText()).resolves.toBe(`Afficher les ${expected.length - 12} résultats suivants`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'search-more.png') });

    // Up from the first result wraps to the last entry: « Afficher les … suivants ».
    await page.keyboard.press('ArrowUp');
    await expect(input().getAttribute('aria-activedescendant')).resolves.toBe(await more.getAttribute('id'));
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="search-result"]').nth(expected.length - 1).waitFor({ timeout: 10_000 });
    const all = await resultLabels();
    expect([...all].sort()).toEqual(expected);
    expect(await more.count()).toBe(0);
    expect(await page.locator('[data-testid="search-count"]').count()).toBe(0);
    // Focus never left the box, and the first record loaded is the active one: Enter opens it.
    expect(await page.evaluate('document.activeElement?.id')).toBe('search-input');
    await expect(page.locator('#search-opt-12').getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    const identity = page.locator('[data-testid="record-view"] .identity');
    await identity.waitFor({ timeout: 10_000 });
    await expect(identity.innerText()).resolves.toContain(all[12]!);
  });

  it('shows on the record, in national format and whole, a number the CRM holds as +33 (0)…, 0033… or with dots', async () => {
    const typedOddly = onDisk<{ contact_id: string; raw: string; e164: string }>(
      `SELECT p.contact_id, p.raw, p.e164 FROM phones p WHERE p.contact_id IS NOT NULL AND p.e164 LIKE '+33%'
         AND (p.raw LIKE '+33 (0)%' OR p.raw LIKE '0033%' OR p.raw LIKE '__.__.__.__.__')
         AND (SELECT count(*) FROM phones o WHERE o.e164 = p.e164) = 1
       ORDER BY p.id LIMIT 3`,
    );
    expect(typedOddly.length).toBeGreaterThan(0);
    for (const phone of typedOddly) {
      const national = `0${phone.e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
      await typeSearch(national);
      await page.keyboard.press('Enter');
      const record = page.locator(`[data-testid="record-view"][data-id="${phone.contact_id}"]`);
      await record.waitFor({ timeout: 10_000 });
      const shown = record.locator('[data-testid="phone-number"]', { hasText: national });
      await expect(shown.innerText(), phone.raw).resolves.toBe(national);
      // Whole: the number's box lies inside the record, so no part of it is out of sight.
      const [box, within] = await Promise.all([shown.boundingBox(), record.boundingBox()]);
      expect(box!.x + box!.width).toBeLessThanOrEqual(within!.x + within!.width);
    }
  });
});
