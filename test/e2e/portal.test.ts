/**
 * The customer portal in Chromium on a phone (390 × 844, touch): François asks for his link, opens
 * it from the e-mail the SMTP server received, sees his next visit, reads the report of the last
 * one, downloads his boiler certificate, asks the assistant « quand passe le technicien ? » (his
 * visit, cited) and then something it cannot answer (handed over: the callback appears on Claire's
 * console, open beside), books a visit in a window offered and opens its move page, accepts his quote (name typed, « Bon pour accord » ticked), sends a request,
 * and signs out.
 * axe-core on every page he meets: no serious or critical violation, one banner and one main;
 * nothing to scroll sideways. Real parts: the HubSpot stand-in, an SMTP server on loopback, the
 * product and its public surface over HTTP; the calendar is injected (a Tuesday morning in Paris).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { createMemoryLogger } from '../../electron/services/log';
import { blockingAxeViolations } from '../support/axe';
import { pdf } from '../support/document-fixtures';
import { FIXTURE_CONTACT } from '../support/hubspot-standin';
import { PEOPLE, PORTAL_HOST, QUOTE_TITLE, startPortalLoop, type PortalLoop } from '../support/portal-loop';
import { ARTIFACTS, launchChromium } from '../support/web-mode';

const BASE = Date.parse('2026-11-24T09:00:00Z');

let loop: PortalLoop;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
/** Claire's console, beside: the assistant's handover lands on her callback list. */
let host: WebHost;
let claire: Page;
/** François's boiler certificate, added to his record by the office. */
const CERTIFICATE = pdf('Attestation d’entretien annuel — chaudière gaz — 2026');

/** Accessible and fitting the phone's width, with a screenshot for the record. */
async function checkPage(name: string): Promise<void> {
  expect(await blockingAxeViolations(page), name).toEqual([]);
  expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), `${name}: no sideways scroll`).toBe(true);
  await page.screenshot({ path: path.join(ARTIFACTS, `portal-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  loop = await startPortalLoop(BASE);
  browser = await launchChromium();
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-FR' });
  page = await phone.newPage();
  const francois = loop.accueil.lookup(FIXTURE_CONTACT.e164).card!.contact!;
  loop.accueil.port('documents').add({ bytes: CERTIFICATE, name: 'Attestation d’entretien 2026.pdf', type: 'attestation_entretien', links: { contactId: francois.id }, addedBy: { kind: 'console', name: 'Claire' } });
  // One technician, so the portal offers windows.
  const saved = await loop.accueil.dispatch(
    'booking.saveTechnician',
    { name: 'Karim Bensaïd', email: 'karim.bensaid@chauffage-martin.test', skills: ['chaudiere_gaz', 'plomberie'], hours: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '08:00', end: '17:30' })), startAddress: 'Zone d’activités, 35510 Cesson-Sévigné' },
    { access: 'supervisor', account: { id: 'u-gaetan', login: 'gaetan', name: 'Gaëtan', sipUser: null } },
  );
  if (!saved.ok) throw new Error(saved.error.message);
  host = await startWebHost({ dispatch: loop.accueil.dispatch, events: loop.accueil.events, logger: createMemoryLogger(), staticDir: path.resolve(import.meta.dirname, '../../out/renderer') });
  claire = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await claire.goto(host.url);
  await claire.locator('[data-testid="home"]').waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await phone?.close();
  await browser?.close();
  await host?.close();
  await loop?.stop();
});

describe('François on his phone', () => {
  it('asks for a link and opens it from the e-mail', async () => {
    await page.goto(`${loop.surface.url}/portail/`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Votre espace client');
    await checkPage('connexion');
    await page.locator('#email').fill(PEOPLE.francois);
    await page.locator('button[type="submit"]').tap();
    await page.locator('h1', { hasText: 'Vérifiez votre messagerie' }).waitFor();
    await checkPage('lien-envoye');
    const mail = await loop.inbox.next(30_000);
    expect(mail.to).toContain(PEOPLE.francois);
    const link = new RegExp(`https://${PORTAL_HOST.replace(/\./g, '\\.')}(/portail/entrer/\\S+)`).exec(mail.text)![1]!;
    await page.goto(`${loop.surface.url}${link}`);
    await checkPage('entrer');
    await page.locator('button', { hasText: 'Ouvrir mon espace client' }).tap();
    await page.locator('h1', { hasText: 'Bonjour François' }).waitFor();
  });

  it('sees his next visit first, and the report of the last one', async () => {
    const next = page.locator('[data-testid="next-visit"]');
    await expect(next.innerText()).resolves.toContain('Entretien chaudière');
    await expect(next.innerText()).resolves.toContain('mardi 1 décembre 2026 à 10 h');
    await checkPage('accueil');
    await page.locator('a', { hasText: 'Dépannage fuite' }).tap();
    await page.locator('h1', { hasText: 'Dépannage fuite' }).waitFor();
    await expect(page.locator('.report').innerText()).resolves.toContain('Joint du circulateur remplacé');
    await checkPage('intervention');
    await page.locator('a', { hasText: '← Retour' }).tap();
  });

  it('downloads his boiler certificate, as the file the office filed', async () => {
    const line = page.locator('#documents ~ ul a, section[aria-labelledby="documents"] a', { hasText: 'Attestation d’entretien 2026.pdf' });
    const [download] = await Promise.all([page.waitForEvent('download'), line.tap()]);
    expect(download.suggestedFilename()).toBe('Attestation d’entretien 2026.pdf');
    expect(fs.readFileSync((await download.path())!).equals(CERTIFICATE)).toBe(true);
  });

  it('asks the assistant when the technician comes, and gets his visit, cited', async () => {
    await page.locator('nav a', { hasText: 'Assistant' }).tap();
    await page.locator('h1', { hasText: 'Assistant' }).waitFor();
    await checkPage('assistant');
    await page.getByLabel('Posez votre question à l’assistant').fill('quand passe le technicien ?');
    await page.getByRole('button', { name: 'Envoyer' }).tap();
    const answer = page.locator('ol.conversation li').last();
    await answer.waitFor();
    await expect(answer.innerText()).resolves.toContain('Votre prochaine intervention (entretien chaudière) est prévue le mardi 1 décembre à 10 h (Karim Benali).');
    await checkPage('assistant-reponse');
    await answer.locator('a', { hasText: 'Entretien chaudière du mardi 1 décembre' }).tap();
    await page.locator('h1', { hasText: 'Entretien chaudière' }).waitFor();
    await page.goBack();
  });

  it('asks what it cannot answer and is handed to Claire, whose console shows the callback', async () => {
    await page.getByLabel('Une autre question ?').fill('vous vendez des piscines gonflables ?');
    await page.getByRole('button', { name: 'Envoyer' }).tap();
    await page.getByRole('heading', { name: 'Parler à une personne' }).waitFor();
    await expect(page.getByLabel('Le numéro où vous rappeler').inputValue()).resolves.toBe(FIXTURE_CONTACT.phone);
    await checkPage('assistant-relais');
    await page.getByRole('button', { name: 'Être rappelé' }).tap();
    await page.getByText('Votre demande de rappel est transmise').waitFor();
    await claire.locator('[data-testid="callbacks-open"]').click();
    const row = claire.locator('[data-testid="callbacks"] [data-testid="callback-row"]', { hasText: 'piscines gonflables' });
    await row.waitFor({ timeout: 10_000 });
    await expect(row.getAttribute('data-number')).resolves.toBe(FIXTURE_CONTACT.e164);
    await expect(row.innerText()).resolves.toContain('François Lefèvre');
    await page.locator('nav a', { hasText: 'Accueil' }).tap();
    await page.locator('h1', { hasText: 'Bonjour François' }).waitFor();
  });

  it('books a visit in a window offered, then opens its move page', async () => {
    await page.locator('nav a', { hasText: 'Prendre rendez-vous' }).tap();
    await page.locator('h1', { hasText: 'Prendre rendez-vous' }).waitFor();
    await page.locator('#type').selectOption('entretien-chaudiere-gaz');
    await page.getByLabel('Adresse de l’intervention').fill('12 rue Saint-Éloi, 35000 Rennes');
    await checkPage('rendez-vous');
    await page.getByRole('button', { name: 'Voir les créneaux' }).tap();
    await page.locator('legend', { hasText: 'Choisissez un créneau' }).waitFor();
    await checkPage('creneaux');
    const windows = page.locator('input[name="creneau"]');
    expect(await windows.count()).toBeGreaterThanOrEqual(3);
    const label = await page.locator('label[for="creneau-2"]').innerText();
    await page.locator('#creneau-2').check();
    await page.getByRole('button', { name: 'Réserver ce créneau' }).tap();
    await page.locator('[role="status"]', { hasText: 'C’est réservé' }).waitFor();
    await checkPage('reserve');
    const mail = await loop.inbox.next(30_000);
    expect(mail.subject).toMatch(/^Rendez-vous confirmé/);
    await page.getByRole('link', { name: 'Déplacer ou annuler ce rendez-vous' }).tap();
    await page.locator('h2', { hasText: 'Déplacer' }).waitFor();
    expect(await page.locator('main').innerText()).toContain(`Prévu le ${label}`);
    await checkPage('deplacer');
    await page.locator('nav a', { hasText: 'Accueil' }).tap();
    await page.locator('h1', { hasText: 'Bonjour François' }).waitFor();
  });

  it('accepts his quote: name, « Bon pour accord », and the evidence shows', async () => {
    await page.locator('a', { hasText: QUOTE_TITLE }).tap();
    await page.locator('h2', { hasText: 'Accepter ce devis' }).waitFor();
    await checkPage('devis');
    // Without the box ticked: refused, said next to the box.
    await page.locator('#nom').fill('François Lefèvre');
    await page.locator('button', { hasText: 'Accepter le devis' }).tap();
    await page.locator('#accord-error').waitFor();
    await checkPage('devis-erreur');
    await page.locator('input[name="accord"]').check();
    await page.locator('button', { hasText: 'Accepter le devis' }).tap();
    await page.locator('[role="status"]', { hasText: 'votre accord est enregistré' }).waitFor();
    await expect(page.locator('[data-testid="quote-status"]').innerText()).resolves.toBe('Accepté');
    await expect(page.locator('[data-testid="acceptance"]').innerText()).resolves.toMatch(/^« Bon pour accord » donné le mardi 24 novembre 2026 à 10 h( \d\d)? par François Lefèvre\.$/);
    await checkPage('devis-accepte');
    const deadline = Date.now() + 20_000;
    while (loop.hs.state.live('deals', loop.dealId)!.properties['dealstage'] !== 'closedwon') {
      if (Date.now() > deadline) throw new Error('the deal stage never reached HubSpot');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('sends a request and writes to the office; then signs out', async () => {
    await page.locator('nav a', { hasText: 'Faire une demande' }).tap();
    await page.locator('h1', { hasText: 'Faire une demande' }).waitFor();
    await checkPage('demande');
    await page.locator('#texte').fill('Ma chaudière fuit depuis ce matin');
    await page.locator('button', { hasText: 'Envoyer ma demande' }).tap();
    await page.locator('[role="status"]', { hasText: 'votre demande est bien arrivée' }).waitFor();
    await checkPage('demande-envoyee');
    await page.locator('nav a', { hasText: 'Nous écrire' }).tap();
    await page.locator('h1', { hasText: 'Nous écrire' }).waitFor();
    await checkPage('contact');
    await page.goto(`${loop.surface.url}/portail/devis/00000000-0000-0000-0000-000000000000`);
    await checkPage('introuvable');
    await page.locator('button', { hasText: 'Se déconnecter' }).tap();
    await page.locator('h1', { hasText: 'Votre espace client' }).waitFor();
    expect((await phone.cookies()).some((c) => c.name === 'accueil_portail')).toBe(false);
  });
});
