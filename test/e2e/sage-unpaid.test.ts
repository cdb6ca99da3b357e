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
import { encodeText } from '../../electron/services/sage/code-pages';

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

  it('imports a CSV whose columns Sage’s labels do not name, from Paramètres: mapped, tried, imported, remembered', async () => {
    // Still in Paramètres (the test before). An export from another tool, in Windows ANSI.
    const csv = ['Réf. tiers;Dénomination;CP;Localité', 'T0001;Plâtrerie Gaëlle Cœur;35000;Rennes', 'T0002;Énergies de l’Ouest;35700;Rennes', 'T0003;;35000;Rennes', ''].join('\r\n');
    const section = claire.locator('[data-testid="sage-import"]');
    await section.locator('[data-testid="sage-import-file"]').setInputFiles({ name: 'tiers-180424.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeText(csv, 'windows-1252')) });
    const step = section.locator('[data-testid="sage-import-analysis"]');
    await step.waitFor({ timeout: 10_000 });
    expect(text(await section.locator('[data-testid="sage-import-missing"]').textContent())).toBe('À associer avant d’importer : Code client (n° de compte), Raison sociale / nom.');
    expect(await section.locator('[data-testid="sage-import-run"]').isDisabled()).toBe(true);
    // The first rows, decoded in their page: the accents and the œ arrive whole.
    expect(text(await section.locator('[data-testid="sage-import-sample"] tbody tr').first().textContent())).toBe('T0001Plâtrerie Gaëlle Cœur35000Rennes');
    expect(await axeViolations(claire)).toEqual([]);

    // « CP » is a label Sage writes: already read as the postal code.
    expect(await section.locator('[data-testid="sage-import-map"][data-column="CP"]').inputValue()).toBe('postalCode');
    await section.locator('[data-testid="sage-import-map"][data-column="Réf. tiers"]').selectOption('code');
    await section.locator('[data-testid="sage-import-map"][data-column="Dénomination"]').selectOption('name');
    await section.locator('[data-testid="sage-import-map"][data-column="Localité"]').selectOption('city');
    await section.locator('[data-testid="sage-import-missing"]').waitFor({ state: 'detached', timeout: 10_000 });

    await section.locator('[data-testid="sage-import-dry-run"]').click();
    const report = section.locator('[data-testid="sage-import-report"]');
    await report.and(claire.locator('[data-dry-run="true"]')).waitFor({ timeout: 10_000 });
    expect(text(await report.locator('[data-testid="sage-import-counts"]').textContent())).toBe('Comptes : 2 lus — 2 créés, 0 rapprochés, 0 mis à jour, 0 inchangés, 0 à vérifier, 1 lignes refusées.');
    expect(text(await report.locator('[data-testid="sage-import-rejected"]').textContent())).toMatch(/^ligne 4 : /);
    expect(accueil.port('sage').repo.account('T0001')).toBeNull();

    await section.locator('[data-testid="sage-import-run"]').click();
    await report.and(claire.locator('[data-dry-run="false"]')).waitFor({ timeout: 10_000 });
    expect(text(await report.textContent())).toContain('Import terminé.');
    await step.waitFor({ state: 'detached', timeout: 10_000 });
    expect(accueil.port('sage').repo.account('T0001')).toMatchObject({ name: 'Plâtrerie Gaëlle Cœur', city: 'Rennes', postal_code: '35000' });
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'sage.json'), 'utf8'));
    expect(saved.sources.tiers).toMatchObject({ format: 'csv', encoding: 'windows-1252', mapping: { code: 'Réf. tiers', name: 'Dénomination', city: 'Localité' } });

    // The next file of the same source comes mapped: nothing to associate, nothing changes.
    await section.locator('[data-testid="sage-import-file"]').setInputFiles({ name: 'tiers-190424.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeText(csv, 'windows-1252')) });
    await step.waitFor({ timeout: 10_000 });
    expect(text(await step.textContent())).toContain('lu comme les précédents fichiers « tiers »');
    expect(await section.locator('[data-testid="sage-import-missing"]').count()).toBe(0);
    await section.locator('[data-testid="sage-import-run"]').click();
    await step.waitFor({ state: 'detached', timeout: 10_000 });
    expect(text(await report.locator('[data-testid="sage-import-counts"]').textContent())).toBe('Comptes : 2 lus — 0 créés, 0 rapprochés, 0 mis à jour, 2 inchangés, 0 à vérifier, 1 lignes refusées.');
  });
});
