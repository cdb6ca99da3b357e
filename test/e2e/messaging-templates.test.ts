/**
 * SMS and WhatsApp templates end to end, as Claire lives them: she writes an SMS template in the
 * library — the counter says, as she types, what the customer will be billed (« François » has a
 * « ç »: 70 characters per SMS) —, then answers François from his conversation by inserting it; the
 * SMS gateway gets it once. She binds Meta's approved « technicien_en_route » to merge fields in the
 * editor. On WhatsApp she picks the approved template « rappel_rdv », merged from
 * his record by the service; the Cloud API stand-in gets it once and the console shows « distribué ».
 * Real parts: the HubSpot, WhatsApp Cloud API and OVHcloud SMS stand-ins over HTTP, the company server
 * and its public surface, the console in Chromium; the calendar is injected (a Tuesday in Paris).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { FIXTURE_CONTACT } from '../support/hubspot-standin';
import { messagingEnv, startSurveyLoop, type SurveyLoop } from '../support/survey-loop';
import { startWhatsAppStandIn, type WhatsAppStandIn } from '../support/whatsapp-standin';
import { startOvhSmsStandIn, type OvhSmsStandIn } from '../support/ovh-sms-standin';
import { ARTIFACTS, launchChromium } from '../support/web-mode';
import { axeViolations } from '../support/axe';
import { jpeg } from '../support/document-fixtures';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASE = Date.parse('2026-11-24T09:00:00Z');

let loop: SurveyLoop;
let accueil: Accueil;
let wa: WhatsAppStandIn;
let ovh: OvhSmsStandIn;
let host: WebHost;
let browser: Browser;
let claire: Page;

beforeAll(async () => {
  const started = Date.now();
  wa = await startWhatsAppStandIn({ now: () => BASE + (Date.now() - started) });
  ovh = await startOvhSmsStandIn();
  loop = await startSurveyLoop(BASE, {}, messagingEnv(wa, ovh));
  accueil = loop.accueil;
  wa.subscribe(`${loop.surface.url}/webhooks/whatsapp`);
  // IT bound Meta's approved « rappel_rdv » to the merge fields that fill it.
  const bound = await accueil.dispatch(
    'templates.save',
    {
      name: 'Rappel de rendez-vous (WhatsApp)',
      category: 'confirmation_rdv',
      subject: '',
      body: 'Bonjour, nous vous rappelons votre rendez-vous du {{intervention.date}} à {{intervention.heure}}. Répondez à ce message pour toute question.',
      channel: 'whatsapp',
      whatsapp: { name: 'rappel_rdv', language: 'fr' },
    },
    { access: 'agent' },
  );
  expect(bound.ok).toBe(true);
  host = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir: path.join(ROOT, 'out/renderer') });
  browser = await launchChromium();
  claire = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await claire.goto(host.url);
  await claire.locator('[data-testid="home"]').waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await loop?.stop();
  await wa?.stop();
  await ovh?.stop();
});

describe('SMS and WhatsApp templates, as Claire lives them', () => {
  it('writes an SMS template: the counter shows, as she types, the SMS the customer will be billed', async () => {
    await claire.locator('[data-testid="templates-link"]').click();
    const library = claire.locator('[data-testid="template-library"]');
    // The shipped SMS templates are in the library, marked SMS.
    await expect(library.locator('[data-testid="library-item"][data-template-id="sms-technicien-en-route"] [data-testid="library-channel"]').innerText()).resolves.toBe('SMS');
    await library.locator('[data-testid="template-new"]').click();
    const editor = claire.locator('[data-testid="template-editor"]');
    await editor.locator('[data-testid="template-channel"]').selectOption('sms');
    await expect(editor.locator('[data-testid="template-subject"]').count()).resolves.toBe(0);
    await editor.locator('[data-testid="template-name"]').fill('SMS : Karim arrive');
    await editor.locator('[data-testid="template-category"]').fill('retard_technicien');
    const counter = editor.locator('[data-testid="template-sms-count"]');
    await editor.locator('[data-testid="template-body"]').fill('Bonjour, votre technicien Karim arrive vers 14 h. Durand Chauffage 02 99 00 11 22');
    await expect(counter.innerText()).resolves.toMatch(/^81 caractères · 1 SMS · encore 79 avant le suivant/);
    // With the contact's first name (example « François »), one « ç » makes it 70 characters per SMS.
    await editor.locator('[data-testid="template-body"]').fill('Bonjour {{contact.prenom}}, votre technicien Karim arrive vers 14 h. Durand Chauffage 02 99 00 11 22');
    await expect(counter.innerText()).resolves.toMatch(/^90 caractères · 2 SMS de 70 caractères \(à cause de : ç\) · encore 44/);
    await expect(counter.getAttribute('data-encoding')).resolves.toBe('UCS-2');
    await editor.locator('[data-testid="template-save"]').click();
    await library.locator('[data-testid="library-item"]', { hasText: 'SMS : Karim arrive' }).waitFor({ timeout: 10_000 });
    await library.locator('[data-testid="library-close"]').click();
  });

  it('binds an approved WhatsApp template to merge fields in the editor: a parameter left as {{1}} is refused', async () => {
    await claire.locator('[data-testid="templates-link"]').click();
    const library = claire.locator('[data-testid="template-library"]');
    await library.locator('[data-testid="template-new"]').click();
    const editor = claire.locator('[data-testid="template-editor"]');
    await editor.locator('[data-testid="template-channel"]').selectOption('whatsapp');
    await editor.locator('[data-testid="template-name"]').fill('Technicien en route (WhatsApp)');
    await editor.locator('[data-testid="template-category"]').fill('retard_technicien');
    // The account's templates, read from the Cloud API: picking one starts from Meta's text.
    await editor.locator('[data-testid="template-approved"]').selectOption({ label: 'technicien_en_route (fr) — APPROVED' });
    await expect(editor.locator('[data-testid="template-body"]').inputValue()).resolves.toBe('Bonjour {{1}}, {{2}} est en route et arrive vers {{3}}.');
    await editor.locator('[data-testid="template-save"]').click();
    await expect(editor.locator('[data-testid="template-error"]').innerText()).resolves.toBe('Remplacez {{1}} par le champ qui le remplit (menu « Insérer un champ »).');
    await editor.locator('[data-testid="template-body"]').fill('Bonjour {{contact.prenom}}, {{intervention.technicien}} est en route et arrive vers {{intervention.heure}}.');
    await editor.locator('[data-testid="template-save"]').click();
    await library.locator('[data-testid="library-item"]', { hasText: 'Technicien en route (WhatsApp)' }).waitFor({ timeout: 10_000 });
    await library.locator('[data-testid="library-close"]').click();
  });

  it('answers François by SMS with the template inserted in the reply: the gateway gets it once', async () => {
    const { status } = await wa.customerWrites(FIXTURE_CONTACT.e164.replace(/^\+/, ''), 'Bonjour, le technicien arrive quand ?', { name: 'François' });
    expect(status).toBe(200);
    await claire.locator('[data-testid="inbox-badge"]').waitFor({ timeout: 10_000 });
    await claire.locator('[data-testid="inbox-button"]').click();
    await claire.locator('[data-testid="inbox-item"] button.link').click();
    const conversation = claire.locator('[data-testid="record-view"] [data-testid="conversation"]');
    await conversation.waitFor({ timeout: 10_000 });
    await conversation.locator('[data-testid="conversation-channel"]').selectOption('sms');
    await conversation.locator('[data-testid="conversation-template"]').selectOption({ label: 'SMS : Karim arrive' });
    const text = 'Bonjour François, votre technicien Karim arrive vers 14 h. Durand Chauffage 02 99 00 11 22';
    await expect.poll(() => conversation.locator('[data-testid="conversation-text"]').inputValue()).toBe(text);
    await expect(conversation.locator('[data-testid="conversation-count"]').innerText()).resolves.toMatch(/^90 caractères · 2 SMS de 70 caractères \(à cause de : ç\) · encore 44/);
    await conversation.locator('[data-testid="conversation-send"]').dblclick();
    await conversation.locator('[data-testid="conversation-message"][data-status="sent"]').waitFor({ timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ovh.jobs.map((j) => [j.receivers, j.message, j.noStopClause])).toEqual([[[FIXTURE_CONTACT.e164], text, true]]);
  });

  it('answers on WhatsApp with the approved template, filled from his record: sent once, shown « distribué »', async () => {
    const conversation = claire.locator('[data-testid="record-view"] [data-testid="conversation"]');
    await conversation.locator('[data-testid="conversation-channel"]').selectOption('whatsapp');
    const approved = conversation.locator('[data-testid="conversation-approved"]');
    // A template Meta has not approved is listed, not offered.
    await expect(approved.locator('option', { hasText: 'promo_entretien' }).isDisabled()).resolves.toBe(true);
    await approved.selectOption({ label: 'Rappel de rendez-vous (WhatsApp) (fr)' });
    const preview = conversation.locator('[data-testid="conversation-approved-preview"]');
    await expect(preview.locator('.conversation-body').innerText()).resolves.toBe('Bonjour, nous vous rappelons votre rendez-vous du mardi 24 novembre 2026 à 9 h. Répondez à ce message pour toute question.');
    await conversation.locator('[data-testid="conversation-send"]').dblclick();
    const delivered = conversation.locator('[data-testid="conversation-message"][data-status="delivered"]', { hasText: 'nous vous rappelons' });
    await delivered.waitFor({ timeout: 15_000 });
    await expect(delivered.locator('[data-testid="conversation-status"]').innerText()).resolves.toBe('distribué');
    expect(wa.sent.filter((m) => m.type === 'template').map((m) => (m.body as { template: { name: string } }).template.name)).toEqual(['rappel_rdv']);
    const violations = await axeViolations(claire);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await claire.screenshot({ path: path.join(ARTIFACTS, 'messaging-templates.png'), fullPage: true });
  });

  it('a photo François sends shows in the conversation and opens from there: it is one of his documents', async () => {
    const conversation = claire.locator('[data-testid="record-view"] [data-testid="conversation"]');
    const photo = jpeg(3_000);
    await wa.customerSendsMedia(FIXTURE_CONTACT.e164.replace(/^\+/, ''), { type: 'image', bytes: photo, mime: 'image/jpeg', caption: 'La chaudière' });
    const kept = conversation.locator('[data-testid="conversation-media"][data-state="kept"]');
    await kept.waitFor({ timeout: 15_000 });
    await expect(kept.innerText()).resolves.toContain('Ouvrir la photo');
    const [download] = await Promise.all([claire.waitForEvent('download'), kept.locator('button.link').click()]);
    expect(download.suggestedFilename()).toBe('WhatsApp Photo 2026-11-24.jpg');
    const saved = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(saved).equals(photo)).toBe(true);
  });
});
