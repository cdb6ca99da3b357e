/**
 * SMS and WhatsApp end to end, as Claire lives them: François writes on WhatsApp « Bonjour, le
 * technicien arrive quand ? » → her console shows it in « À traiter » with a notification, on his
 * record → she answers → the stand-in receives it once → the delivery status shows « distribué ».
 * Then he texts STOP by SMS: a marketing SMS is not sent and the console says why. Real parts: the
 * HubSpot, WhatsApp Cloud API and OVHcloud SMS stand-ins over HTTP, the company server and its public
 * surface, the console in Chromium. The calendar is injected (a Tuesday morning in Paris).
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
  host = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir: path.join(ROOT, 'out/renderer') });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.grantPermissions(['notifications'], { origin: host.url.replace(/\/[^/]*$/, '').replace(/(\/\/[^/]+).*/, '$1') });
  claire = await context.newPage();
  await claire.addInitScript(() => {
    // Notifications shown are recorded (headless Chromium draws none).
    const shown: Array<{ title: string; body: string }> = [];
    (globalThis as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class Recorded {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string, options: { body?: string } = {}) {
        shown.push({ title, body: options.body ?? '' });
      }
    }
    (globalThis as unknown as { Notification: unknown }).Notification = Recorded;
  });
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

describe('SMS and WhatsApp, as Claire lives them', () => {
  it('François writes on WhatsApp: « À traiter » counts it, a notification says who, his record shows it', async () => {
    const { status } = await wa.customerWrites(FIXTURE_CONTACT.e164.replace(/^\+/, ''), 'Bonjour, le technicien arrive quand ?', { name: 'François' });
    expect(status).toBe(200);
    await claire.locator('[data-testid="inbox-badge"]').waitFor({ timeout: 10_000 });
    await expect(claire.locator('[data-testid="inbox-badge"]').innerText()).resolves.toBe('1');
    const shown = await claire.evaluate(() => (globalThis as unknown as { shownNotifications: Array<{ title: string; body: string }> }).shownNotifications);
    expect(shown).toEqual([{ title: 'WhatsApp — François Lefèvre', body: 'Bonjour, le technicien arrive quand ?' }]);
    await claire.locator('[data-testid="inbox-button"]').click();
    const item = claire.locator('[data-testid="inbox-item"]');
    await expect(item.innerText()).resolves.toContain('François Lefèvre');
    await item.locator('button.link').click();
    const conversation = claire.locator('[data-testid="record-view"] [data-testid="conversation"]');
    await conversation.waitFor({ timeout: 10_000 });
    await expect(conversation.locator('[data-testid="conversation-message"]').first().innerText()).resolves.toContain('Bonjour, le technicien arrive quand ?');
    // One timeline: the full history has it too, worded in the console's language.
    await expect(claire.locator('[data-testid="record-history"] [data-testid="history-item"][data-kind="whatsapp"]').first().innerText()).resolves.toContain('WhatsApp reçu');
    // Read on screen: the inbox forgets it.
    await claire.locator('[data-testid="inbox-badge"]').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('she answers on WhatsApp; the stand-in gets it once and the console shows « distribué »', async () => {
    const conversation = claire.locator('[data-testid="record-view"] [data-testid="conversation"]');
    await conversation.locator('[data-testid="conversation-channel"]').selectOption('whatsapp');
    // An e-mail template is a starting text, merged for him with the same fields.
    await conversation.locator('[data-testid="conversation-template"]').selectOption({ label: 'Retard du technicien' });
    await expect.poll(() => conversation.locator('[data-testid="conversation-text"]').inputValue()).toMatch(/^Bonjour François Lefèvre,/);
    await conversation.locator('[data-testid="conversation-text"]').fill('Bonjour François, Karim arrive vers 14 h.');
    await conversation.locator('[data-testid="conversation-send"]').dblclick();
    const status = conversation.locator('[data-testid="conversation-message"][data-status="delivered"]');
    await status.waitFor({ timeout: 15_000 });
    await expect(status.locator('[data-testid="conversation-status"]').innerText()).resolves.toBe('distribué');
    expect(wa.sent.filter((m) => m.type === 'text')).toHaveLength(1);
    const violations = await axeViolations(claire);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await claire.screenshot({ path: path.join(ARTIFACTS, 'messaging-conversation.png'), fullPage: true });
  });

  it('the SMS composer counts what the customer will be billed, and switches to 70 characters for one « œ »', async () => {
    const conversation = claire.locator('[data-testid="record-view"] [data-testid="conversation"]');
    await conversation.locator('[data-testid="conversation-channel"]').selectOption('sms');
    await conversation.locator('[data-testid="conversation-text"]').fill('é'.repeat(160));
    await expect(conversation.locator('[data-testid="conversation-count"]').innerText()).resolves.toMatch(/^160 caractères · 1 SMS · encore 0 avant le suivant/);
    await conversation.locator('[data-testid="conversation-text"]').fill('Votre cœur de chaudière est changé');
    await expect(conversation.locator('[data-testid="conversation-count"]').innerText()).resolves.toMatch(/^34 caractères · 1 SMS de 70 caractères \(à cause de : œ\) · encore 36/);
  });

  it('Claire sets « Canal préféré : SMS » under the conversation, and the company server keeps it', async () => {
    const conversation = claire.locator('[data-testid="record-view"] [data-testid="conversation"]');
    const preferred = conversation.locator('[data-testid="preferred-channel"]');
    await expect(conversation.locator('[data-testid="preferred-channel-line"]').innerText()).resolves.toContain('Canal préféré');
    await expect(preferred.inputValue()).resolves.toBe('email');
    await preferred.selectOption('sms');
    const contactId = accueil.lookup(FIXTURE_CONTACT.e164).card!.contact!.id;
    const stored = async () => {
      const envelope = await accueil.dispatch('messaging.consents', { contactId }, { access: 'agent' });
      return envelope.ok ? (envelope.value as { preferredChannel: string }).preferredChannel : null;
    };
    for (let i = 0; i < 100 && (await stored()) !== 'sms'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await stored()).toBe('sms');
    await expect(preferred.inputValue()).resolves.toBe('sms');
    const violations = await axeViolations(claire);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('after a STOP by SMS, a marketing message is not sent and the console says why', async () => {
    const conversation = claire.locator('[data-testid="record-view"] [data-testid="conversation"]');
    // Before: Claire records the consent he gives on the phone; SMS marketing is then allowed.
    await conversation.locator('[data-testid="consent-channel"]').selectOption('sms');
    await conversation.locator('[data-testid="consent-grant"]').click();
    await conversation.locator('[data-testid="consent-sms"][data-allowed="true"]').waitFor({ timeout: 10_000 });
    await expect(conversation.locator('[data-testid="consent-sms"]').innerText()).resolves.toContain('au téléphone');
    ovh.customerTexts(FIXTURE_CONTACT.e164, 'STOP');
    await conversation.locator('[data-testid="conversation-stop"]').waitFor({ timeout: 20_000 });
    await conversation.locator('[data-testid="conversation-channel"]').selectOption('sms');
    await conversation.locator('[data-testid="conversation-purpose"]').selectOption('marketing');
    await conversation.locator('[data-testid="conversation-text"]').fill('Entretien de printemps : -10 % en avril');
    await conversation.locator('[data-testid="conversation-send"]').click();
    const blocked = conversation.locator('[data-testid="conversation-message"][data-status="blocked"]');
    await blocked.waitFor({ timeout: 10_000 });
    await expect(blocked.innerText()).resolves.toContain('Non envoyé : le client a répondu STOP');
    expect(ovh.jobs).toHaveLength(0);
    // One ledger: the STOP closes marketing on every channel, the consent given before notwithstanding.
    await conversation.locator('[data-testid="consent-sms"][data-allowed="false"]').waitFor({ timeout: 10_000 });
    await expect(conversation.locator('[data-testid="consent-email"]').getAttribute('data-allowed')).resolves.toBe('false');
  });
});
