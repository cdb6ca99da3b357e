/**
 * The survey loop in Chromium, three people on three screens: Claire marks François's visit done
 * from his pop; François opens the survey link from the e-mail on his phone, taps 3 and explains;
 * Claire's callback list shows him with his words and his pop shows the score; Gaëtan's NPS moves.
 * Real parts: the HubSpot stand-in (the customer file), an SMTP server on loopback, the console and
 * the public surface over HTTP. The calendar is injected (a Tuesday morning in Paris).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';
import type { SmtpInbox } from '../support/smtp-inbox';
import { SURVEY_HOST, startSurveyLoop, type SurveyLoop } from '../support/survey-loop';
import { ARTIFACTS, launchChromium } from '../support/web-mode';
import { axeViolations } from '../support/axe';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PUBLISHED = SURVEY_HOST;
const BASE = Date.parse('2026-11-24T09:00:00Z');

let loop: SurveyLoop;
let hs: HubSpotStandIn;
let inbox: SmtpInbox;
let accueil: Accueil;
let host: WebHost;
let browser: Browser;
let claire: Page;
let meetingId: string;

async function dispatch<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.value as T;
}

beforeAll(async () => {
  loop = await startSurveyLoop(BASE, { simulation: { ringMs: 300, talkMs: 60_000 } });
  ({ hs, inbox, accueil, meetingId } = loop);
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

describe('satisfaction, as the three of them live it', () => {
  let link: string;

  it('Claire marks the visit done from the pop; the survey e-mail leaves', async () => {
    await dispatch('demo.simulateCall', { number: FIXTURE_CONTACT.e164, outcome: 'answered' });
    const pop = claire.locator('[data-testid="pop"]');
    await pop.waitFor({ timeout: 15_000 });
    await expect(pop.locator('[data-testid="latest-answer"]').count()).resolves.toBe(0);
    const visit = pop.locator('[data-testid="intervention-item"]', { hasText: 'Entretien chaudière' });
    await visit.locator('[data-testid="intervention-complete"]').click();
    await visit.locator('.intervention-terminee').waitFor({ timeout: 10_000 });
    const mail = await inbox.next(30_000);
    expect(mail.to).toContain('francois.lefevre@example.test');
    // HubSpot hears it too (the next poll then keeps the visit done instead of undoing the click).
    const deadline = Date.now() + 20_000;
    while (hs.state.live('meetings', meetingId)!.properties['hs_meeting_outcome'] !== 'COMPLETED') {
      if (Date.now() > deadline) throw new Error('the meeting outcome never reached HubSpot');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    link = new RegExp(`https://${PUBLISHED.replace(/\./g, '\\.')}(/avis/\\S+\\?note=3)\\b`).exec(mail.text)![1]!;
  });

  it('François taps 3 on his phone and says why, without a mouse or a desk', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-FR' });
    const page = await phone.newPage();
    await page.goto(`${loop.surface.url}${link}`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Merci !');
    await expect(page.locator('strong').first().innerText()).resolves.toBe('3/10');
    // Accessible as the console is: no serious or critical axe violation on the answer page.
    expect(await axeViolations(page)).toEqual([]);
    // The eleven scores fit the phone's width: nothing to scroll sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.locator('#commentaire').fill('Le technicien est arrivé avec deux heures de retard');
    await page.locator('input[name="rappel"][value="oui"]').check();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'survey-phone.png'), fullPage: true });
    await page.locator('button[type="submit"]').tap();
    await page.locator('h1', { hasText: 'Merci pour votre réponse' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await expect(page.locator('blockquote').innerText()).resolves.toBe('Le technicien est arrivé avec deux heures de retard');
    await phone.close();
  });

  it('Claire’s callback list shows him with his words, and his pop shows the score', async () => {
    const latest = claire.locator('[data-testid="pop"] [data-testid="latest-answer"]');
    await latest.waitFor({ timeout: 20_000 });
    // The score arrives first, the comment a moment later: the pop follows both.
    await expect.poll(() => latest.innerText(), { timeout: 15_000 }).toMatch(/^Dernier avis : 3\/10, .+ — « Le technicien est arrivé avec deux heures de retard » — souhaite être rappelé$/);
    await claire.keyboard.press('Alt+r');
    const row = claire.locator('[data-testid="callback-row"]', { hasText: 'Lefèvre' });
    await row.waitFor({ timeout: 10_000 });
    await expect(row.locator('[data-testid="callback-reason"]').innerText()).resolves.toBe(
      'Avis 3/10 sur « Entretien chaudière » — « Le technicien est arrivé avec deux heures de retard » (souhaite être rappelé)',
    );
    await claire.screenshot({ path: path.join(ARTIFACTS, 'survey-callback.png') });
  });

  it('Gaëtan’s NPS moves with the answer', async () => {
    await dispatch('supervision.updateSettings', { role: 'supervisor', extensions: [], queueNumber: '', wrapUpSeconds: 30 });
    await claire.locator('[data-testid="supervision-link"]').click();
    const nps = claire.locator('[data-testid="satisfaction-nps"]');
    await nps.waitFor({ timeout: 10_000 });
    await expect(nps.getAttribute('data-nps')).resolves.toBe('-100');
    await expect(claire.locator('[data-testid="satisfaction-answers"]').innerText()).resolves.toContain('1 sur 1 enquêtes');
    await claire.screenshot({ path: path.join(ARTIFACTS, 'survey-supervisor.png') });
  });
});
