/**
 * The knowledge base end to end: Claire edits an article in her console (Alt+H) and sees the
 * customers' preview; a customer on a phone reads it on the public help pages, asks the assistant
 * something it cannot answer and asks to be called back; the callback appears in Claire's « À
 * rappeler » list. Every help page passes axe (no serious violation). Real parts: the services on a
 * SQLite file, the console's web host, the public surface, Chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPublicSurface, type PublicSurface } from '../../electron/host/public-channel';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { blockingAxeViolations } from '../support/axe';
import { MemorySecrets } from '../support/memory-secrets';
import { launchChromium } from '../support/web-mode';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let accueil: Accueil;
let host: WebHost;
let surface: PublicSurface;
let browser: Browser;
let claire: Page;
let customer: Page;
const clock = () => new Date('2026-11-24T09:00:00Z');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-e2e-aide-'));
  accueil = await createAccueil({ dataDir: path.join(dir, 'data'), mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, demoContacts: 20, clock });
  host = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir: path.join(ROOT, 'out/renderer') });
  surface = await startPublicSurface({
    host: '127.0.0.1',
    port: 0,
    // Reached by its loopback name, as IT would test it: plain http is then this surface.
    publicUrl: 'https://aide.example.fr',
    trustedProxies: [],
    logger: createMemoryLogger(),
    secrets: new MemorySecrets(),
    version: '0.1.0',
    now: clock,
    services: { port: (name) => accueil.port(name) },
  });
  browser = await launchChromium();
  claire = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await claire.goto(host.url);
  await claire.locator('[data-testid="home"]').waitFor({ timeout: 20_000 });
  customer = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await surface?.close();
  await host?.close();
  await accueil?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const publicUrl = (p: string) => `http://127.0.0.1:${surface.port}${p}`;

describe('the knowledge base, from Claire’s console to a customer’s phone', () => {
  it('Claire edits an article and sees it as customers will', async () => {
    await claire.keyboard.press('Alt+h');
    await claire.locator('[data-testid="knowledge"]').waitFor({ timeout: 10_000 });
    await claire.getByRole('button', { name: 'Purger ses radiateurs' }).click();
    const body = claire.locator('[data-testid="knowledge-body"]');
    await body.fill(`${await body.inputValue()}\n\n**Astuce :** gardez la clé de purge près de la chaudière.`);
    await claire.locator('[data-testid="knowledge-preview"] strong', { hasText: 'Astuce :' }).waitFor({ timeout: 10_000 });
    await claire.locator('[data-testid="knowledge-save"]').click();
    await claire.locator('[data-testid="knowledge-saved"]').waitFor({ timeout: 10_000 });
  });

  it('a customer on a phone finds it despite a typo, and every help page passes axe', async () => {
    await customer.goto(publicUrl('/aide'));
    expect(await blockingAxeViolations(customer)).toEqual([]);
    await customer.getByLabel('Rechercher dans l’aide').fill('purjer radiateur');
    await customer.getByRole('button', { name: 'Rechercher' }).click();
    expect(await blockingAxeViolations(customer)).toEqual([]);
    await customer.getByRole('link', { name: 'Purger ses radiateurs' }).first().click();
    await customer.getByText('gardez la clé de purge près de la chaudière').waitFor();
    expect(await blockingAxeViolations(customer)).toEqual([]);
    await customer.getByRole('button', { name: 'Oui' }).click();
    await customer.getByText('Merci pour votre réponse').waitFor();
  });

  it('the assistant hands a question it cannot answer to Claire, whose callback list shows it', async () => {
    await customer.goto(publicUrl('/aide'));
    await customer.getByLabel('Posez votre question à l’assistant').fill('Pouvez-vous poser une véranda en aluminium ?');
    await customer.getByRole('button', { name: 'Envoyer' }).click();
    await customer.getByRole('heading', { name: 'Parler à une personne' }).waitFor();
    expect(await blockingAxeViolations(customer)).toEqual([]);
    await customer.getByLabel('Votre numéro de téléphone').fill('06 98 76 54 32');
    await customer.getByRole('button', { name: 'Être rappelé' }).click();
    await customer.getByText('Votre demande de rappel est transmise').waitFor();

    // Her « À rappeler » list follows callbacks.changed: the customer's request is there, with the question.
    await claire.locator('[data-testid="callbacks-open"]').click();
    const row = claire.locator('[data-testid="callbacks"] [data-testid="callback-row"]', { hasText: 'véranda en aluminium' });
    await row.waitFor({ timeout: 10_000 });
    await expect(row.getAttribute('data-number')).resolves.toBe('+33698765432');
    // And her knowledge base lists it among the questions to write an article for.
    await claire.keyboard.press('Alt+h');
    await claire.locator('[data-testid="knowledge-unanswered"]', { hasText: 'véranda en aluminium' }).waitFor({ timeout: 10_000 });
  });
});
