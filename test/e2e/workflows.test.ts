/**
 * Automations end to end, as Claire lives them: a devis sent to François in HubSpot enters the
 * relance rule (her Automatisations screen and his pop say so); the deal moves to « gagné » in
 * HubSpot: the relances stop, the chantier to plan lands in her callback list and the
 * acknowledgement e-mail reaches the SMTP server. Real parts: the HubSpot stand-in, an SMTP server
 * on loopback, the company server, the console in Chromium. The calendar is injected (a Tuesday
 * morning in Paris).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';
import type { SmtpInbox } from '../support/smtp-inbox';
import { startSurveyLoop, type SurveyLoop } from '../support/survey-loop';
import { ARTIFACTS, launchChromium } from '../support/web-mode';
import { axeViolations } from '../support/axe';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Tuesday 24 November 2026, 10:00 in Paris. */
const BASE = Date.parse('2026-11-24T09:00:00Z');

let loop: SurveyLoop;
let hs: HubSpotStandIn;
let inbox: SmtpInbox;
let accueil: Accueil;
let host: WebHost;
let browser: Browser;
let claire: Page;
let dealId: string;

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

beforeAll(async () => {
  loop = await startSurveyLoop(BASE, { simulation: { ringMs: 300, talkMs: 60_000 } });
  ({ hs, inbox, accueil } = loop);
  const deal = hs.state.create('deals', { dealname: 'Remplacement chaudière', amount: '6500', dealstage: 'contractsent', pipeline: 'default' });
  dealId = deal.id;
  hs.state.associate('deals', deal.id, 'contacts', loop.contactHubspotId);
  await until(() => accueil.lookup(FIXTURE_CONTACT.e164).card?.openQuotes.some((q) => q.title === 'Remplacement chaudière') ?? false, 'the devis in the cache');
  host = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir: path.join(ROOT, 'out/renderer') });
  browser = await launchChromium();
  claire = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await claire.goto(host.url);
  await claire.locator('[data-testid="home"]').waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await loop?.stop();
});

describe('automations, as Claire lives them', () => {
  it('the devis sent in HubSpot enters the relance rule: her screen and his pop say what comes next', async () => {
    await claire.keyboard.press('Alt+a');
    const rule = claire.locator('[data-testid="workflow-rule-relance-devis"]');
    await rule.waitFor({ timeout: 10_000 });
    await expect(claire.locator('[data-testid="workflows-state"]').innerText()).resolves.toBe('En marche');
    await claire.locator('[data-testid="workflows-tab-upcoming"]').click();
    const upcoming = claire.locator('[data-testid="workflows-table-upcoming"] tbody tr');
    await upcoming.first().waitFor({ timeout: 10_000 });
    await expect(upcoming.allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/Relance J\+7 \(e-mail\)[\s\S]*François Lefèvre[\s\S]*Remplacement chaudière/)]));
    const violations = await axeViolations(claire);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await claire.screenshot({ path: path.join(ARTIFACTS, 'workflows-screen.png'), fullPage: true });
    await claire.keyboard.press('Escape');

    const answer = await accueil.dispatch('demo.simulateCall', { number: FIXTURE_CONTACT.e164, outcome: 'missed' }, { access: 'agent' });
    expect(answer.ok).toBe(true);
    const line = claire.locator('[data-testid="pop"] [data-testid="workflow-line"]');
    await line.waitFor({ timeout: 15_000 });
    // « dans 7 jours » on the server's calendar; the browser reads it against its own clock.
    await expect(line.innerText()).resolves.toMatch(/^Relance J\+7 \(e-mail\) prévue /);
  });

  it('the deal won in HubSpot: relances stop, the chantier is on her list, the customer gets the acknowledgement', async () => {
    // What the e-mail signs with (Paramètres › E-mail): without it the step would wait in « À vérifier ».
    const saved = await accueil.dispatch(
      'mail.updateSettings',
      { host: '127.0.0.1', port: inbox.port, security: 'none', user: '', fromAddress: 'accueil@chauffage-martin.test', fromName: 'Claire', companyName: 'Chauffage Martin', companyPhone: '04 78 12 34 56', reviewUrl: '' },
      { access: 'admin' },
    );
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    hs.state.update('deals', dealId, { dealstage: 'closedwon' });
    const mail = await inbox.next(40_000);
    expect(mail.to).toContain('francois.lefevre@example.test');
    expect(mail.subject).toMatch(/^Merci pour votre confiance — devis HS-\d+$/);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('Nous avons bien reçu votre devis signé');

    await claire.keyboard.press('Alt+r');
    const row = claire.locator('[data-testid="callback-row"]', { hasText: 'Lefèvre' });
    await row.waitFor({ timeout: 15_000 });
    await expect(row.locator('[data-testid="callback-reason"]').innerText()).resolves.toMatch(/^Chantier à planifier : Devis HS-\d+ — Remplacement chaudière accepté — proposer une date au client$/);
    await claire.keyboard.press('Escape');

    await claire.keyboard.press('Alt+a');
    await claire.locator('[data-testid="workflows-tab-history"]').click();
    const history = claire.locator('[data-testid="workflows-table-history"] tbody tr');
    await history.first().waitFor({ timeout: 10_000 });
    const rows = await history.allInnerTexts();
    expect(rows.some((r) => /Accusé de réception[\s\S]*faite — Envoyé à francois\.lefevre@example\.test/.test(r))).toBe(true);
    expect(rows.some((r) => /Relance J\+7[\s\S]*ignorée — Sortie de la règle : le devis a été accepté/.test(r))).toBe(true);
    await claire.screenshot({ path: path.join(ARTIFACTS, 'workflows-history.png'), fullPage: true });
    // One acknowledgement, however often the loop wakes.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(inbox.received.filter((m) => m.subject.startsWith('Merci pour votre confiance'))).toHaveLength(1);
  });
});
