/**
 * Unpaid invoices in Chromium: Sage's accounts and échéancier imported (golden files, their real
 * code pages), then a call from the syndic's switchboard pops « Impayés : 2 factures, 3 450,00 €, la
 * plus ancienne échue depuis 47 jours », so does a call from one of its people, and the record lists
 * the open items. The calendar is injected (18 April 2024, Paris).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { MemorySecrets } from '../support/memory-secrets';
import { launchChromium } from '../support/web-mode';
import { axeViolations } from '../support/axe';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GOLDEN = path.join(ROOT, 'test/fixtures/sage');
const NOW = new Date('2024-04-18T08:00:00Z');
const syndic = DEMO_FIXTURES.switchboardCompany;

let dataDir: string;
let accueil: Accueil;
let host: WebHost;
let browser: Browser;
let claire: Page;

const text = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-sage-e2e-'));
  accueil = await createAccueil({ dataDir, mode: 'web', version: 'test', logger: createMemoryLogger(), secrets: new MemorySecrets(), env: {}, demoContacts: 40, clock: () => NOW, simulation: { ringMs: 300, talkMs: 60_000 } });
  const sage = accueil.port('sage');
  // The syndic's SIRET, as HubSpot has it: Sage's 0041 carries the same.
  sage.repo.setCompanyColumn(syndic.companyId, 'siret', '732 829 320 00017');
  expect(sage.importFile(path.join(GOLDEN, 'clients-sage100-ibm850.txt'), { encoding: 'ibm850' }).accounts.linked).toBeGreaterThanOrEqual(1);
  expect(sage.importFile(path.join(GOLDEN, 'echeances-windows1252.txt'), { source: 'echeances' }).openItems.added).toBe(5);
  host = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir: path.join(ROOT, 'out/renderer') });
  browser = await launchChromium();
  claire = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await claire.goto(host.url);
  await claire.locator('[data-testid="home"]').waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await accueil?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function ring(number: string) {
  const envelope = await accueil.dispatch('demo.simulateCall', { number, outcome: 'answered' }, { access: 'agent' });
  if (!envelope.ok) throw new Error(envelope.error.message);
}

describe('unpaid invoices on the pop', () => {
  it('shows the syndic’s unpaid invoices when its switchboard calls', async () => {
    await ring(syndic.dial);
    const pop = claire.locator('[data-testid="pop"]');
    await pop.waitFor({ timeout: 15_000 });
    const line = pop.locator('[data-testid="sage-unpaid"]');
    await line.waitFor({ timeout: 10_000 });
    expect(text(await line.textContent())).toBe('Impayés : 2 factures, 3 450,00 €, la plus ancienne échue depuis 47 jours');
    expect(await axeViolations(claire)).toEqual([]);
  });

  it('shows them on the card of one of its people, and lists the open items in the record', async () => {
    await ring(syndic.directLine.dial);
    const pop = claire.locator('[data-testid="pop"]', { hasText: 'Mamadou' });
    await pop.waitFor({ timeout: 15_000 });
    expect(text(await pop.locator('[data-testid="sage-unpaid"]').textContent({ timeout: 10_000 }))).toBe('Impayés : 2 factures, 3 450,00 €, la plus ancienne échue depuis 47 jours');
    await pop.locator('[data-testid="pop-open-record"]').click();
    const record = claire.locator('[data-testid="record-view"]');
    await record.waitFor({ timeout: 10_000 });
    const items = record.locator('[data-testid="record-sage-open-items"] tbody tr');
    await items.first().waitFor({ timeout: 10_000 });
    expect((await items.allTextContents()).map(text)).toEqual(['FA2024-01072 mars 20241 200,00 €échue depuis 47 jours', 'FA2024-013116 mars 20242 250,00 €échue depuis 33 jours']);
    expect(await axeViolations(claire)).toEqual([]);
  });

  it('lets Claire decide a doubtful match in Paramètres: the same mobile as François Lefèvre, another first name', async () => {
    await claire.locator('[data-testid="settings-link"]').click();
    const section = claire.locator('[data-testid="sage-reviews"]');
    await section.waitFor({ timeout: 10_000 });
    const review = section.locator('[data-testid="sage-review"][data-code="C0200"]');
    await review.waitFor({ timeout: 10_000 });
    expect(text(await review.textContent())).toContain('même téléphone, nom différent');
    expect(text(await review.textContent())).toContain('François Lefèvre');
    expect(await axeViolations(claire)).toEqual([]);
    await review.locator('[data-testid="sage-review-create"]').click();
    await review.waitFor({ state: 'detached', timeout: 10_000 });
    const created = accueil.port('sage').repo.account('C0200')!;
    expect(created.match_rule).toBe('created');
    expect(created.company_id).not.toBeNull();
  });
});
