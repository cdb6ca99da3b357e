/**
 * The technicians' app in Chromium on a phone (390 × 844, touch), from the company server's public
 * surface: Karim signs his phone in and his day loads; the network is cut (the app reloads from its
 * service worker and IndexedDB); on site he starts, ticks the checklist, adds a part, writes his
 * report, takes two photos, has François sign, stops and taps « Terminé » — all offline, the sync
 * state saying what waits. The network returns: the office sees each action once, François's report
 * e-mail reaches the SMTP server with the PDF (two photos and the signature inside), the survey is
 * planned. axe-core on every screen he meets; nothing scrolls sideways. Real parts:
 * test/support/technician-loop.ts (HubSpot stand-in, SMTP, the product on an injected clock).
 */
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { blockingAxeViolations } from '../support/axe';
import { FRANCOIS_EMAIL, startTechnicianLoop, TECH_PASSWORD, type TechnicianLoop } from '../support/technician-loop';
import { tinyPng } from '../support/tiny-png';
import { ARTIFACTS, launchChromium } from '../support/web-mode';

let loop: TechnicianLoop;
let browser: Browser;
let phone: BrowserContext;
let page: Page;

async function checkPage(name: string): Promise<void> {
  expect(await blockingAxeViolations(page), name).toEqual([]);
  expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), `${name}: no sideways scroll`).toBe(true);
  await page.screenshot({ path: path.join(ARTIFACTS, `technicien-${name}.png`), fullPage: true });
}

const actionsOf = (id: string) => loop.read<{ kind: string }>('SELECT kind FROM technician_actions WHERE intervention_id = ? ORDER BY applied_at, client_id', id).map((r) => r.kind);

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  loop = await startTechnicianLoop();
  browser = await launchChromium();
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-FR' });
  page = await phone.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
}, 120_000);

afterAll(async () => {
  await phone?.close();
  await browser?.close();
  await loop?.stop();
});

describe('Karim’s day on his phone', () => {
  it('signs his phone in and sees today’s and tomorrow’s visits in route order', async () => {
    await page.goto(`${loop.surface.url}/technicien/`);
    await page.locator('h1', { hasText: 'Connexion du téléphone' }).waitFor();
    await checkPage('connexion');
    await page.locator('#tech-login').fill('karim');
    await page.locator('#tech-password').fill('pas-le-bon');
    await page.locator('button[type="submit"]').tap();
    await page.locator('[role="alert"]', { hasText: 'Identifiant ou mot de passe incorrect.' }).waitFor();
    await page.locator('#tech-password').fill(TECH_PASSWORD);
    await page.locator('button[type="submit"]').tap();
    await page.locator('h1', { hasText: 'Bonjour Karim Bensaïd' }).waitFor();
    const cards = page.locator('[data-testid="job-card"]');
    await expect.poll(() => cards.count()).toBe(3);
    expect(await cards.nth(0).innerText()).toContain('08:00 – 12:00');
    expect(await cards.nth(0).innerText()).toContain('Entretien chaudière gaz');
    expect(await cards.nth(0).innerText()).toContain('François Lefèvre');
    expect(await cards.nth(1).innerText()).toContain('13:00 – 17:00');
    expect(await page.locator('section', { hasText: 'Demain' }).locator('[data-testid="job-card"]').count()).toBe(1);
    await checkPage('tournee');
    // The service worker took the page: the app and the day are kept for offline.
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 20_000 }).toBe(true);
  });

  it('opens François’s visit: call, « j’arrive » by SMS, directions', async () => {
    await page.locator('[data-testid="job-card"]').first().tap();
    await page.locator('h1', { hasText: 'Entretien chaudière gaz' }).waitFor();
    expect(await page.locator('a', { hasText: 'Appeler' }).getAttribute('href')).toBe('tel:+33612345678');
    expect(await page.locator('a', { hasText: 'SMS « J’arrive »' }).getAttribute('href')).toMatch(/^sms:\+33612345678\?body=Bonjour%2C%20c%E2%80%99est%20Karim%20Bens/);
    expect(await page.locator('a', { hasText: 'Itinéraire' }).getAttribute('href')).toMatch(/^https:\/\/www\.google\.com\/maps\/search\/\?api=1&query=12%20rue%20Saint-/);
    expect(await page.locator('a', { hasText: 'Ouvrir dans l’application de cartes' }).getAttribute('href')).toMatch(/^geo:48\.\d+,-1\.\d+\?q=/);
    await checkPage('intervention');
  });

  it('completes the report offline: two photos, the signature, « Terminé », and the queue says what waits', async () => {
    const id = loop.visits.service;
    await phone.setOffline(true);
    // Reopened without network: the app from the service worker, the day from the phone.
    await page.reload();
    await page.locator('h1', { hasText: 'Entretien chaudière gaz' }).waitFor();

    await page.locator('button', { hasText: 'Commencer' }).tap();
    await page.locator('.tech-badge', { hasText: 'En cours' }).waitFor();
    await page.locator('label', { hasText: 'Mesure du monoxyde de carbone (CO)' }).tap();
    await page.locator('label', { hasText: 'Contrôle des organes de sécurité' }).tap();
    await page.locator('#part-label').fill('Joint de brûleur');
    await page.locator('button', { hasText: 'Ajouter la pièce' }).tap();
    await page.locator('[data-testid="parts"]', { hasText: '1 × Joint de brûleur' }).waitFor();
    await page.locator('#report').fill('Brûleur nettoyé, CO mesuré à 12 ppm, joint remplacé.');
    await page.locator('button', { hasText: 'Enregistrer le compte rendu' }).tap();
    await page.locator('#photo-input').setInputFiles([
      { name: 'chaudiere.png', mimeType: 'image/png', buffer: Buffer.from(tinyPng(640, 480)) },
      { name: 'plaque.png', mimeType: 'image/png', buffer: Buffer.from(tinyPng(480, 640)) },
    ]);
    await page.locator('[data-testid="photo-count"]', { hasText: '2 photos' }).waitFor();
    await expect.poll(() => page.locator('.tech-photos img').count()).toBe(2);

    await page.locator('[data-testid="signature-pad"]').scrollIntoViewIfNeeded();
    const pad = (await page.locator('[data-testid="signature-pad"]').boundingBox())!;
    await page.mouse.move(pad.x + 30, pad.y + 120);
    await page.mouse.down();
    for (const [dx, dy] of [[80, 60], [140, 130], [210, 50], [300, 110]] as const) await page.mouse.move(pad.x + dx, pad.y + dy, { steps: 5 });
    await page.mouse.up();
    await checkPage('hors-ligne');
    await page.locator('button', { hasText: 'Valider la signature' }).tap();
    await page.locator('[role="status"]', { hasText: 'Signature enregistrée.' }).waitFor();
    await page.locator('button', { hasText: 'Arrêter' }).tap();
    await page.locator('button', { hasText: 'Terminé' }).tap();
    await page.locator('[role="status"]', { hasText: 'le rapport part dès que le réseau revient' }).waitFor();

    // start, 2 checks, part, report, 2 photos, signature, stop, done.
    const sync = page.locator('[data-testid="sync-state"]');
    await expect.poll(() => sync.innerText()).toMatch(/^Hors ligne · 10 actions en attente/);
    expect(actionsOf(id)).toEqual([]);
    await checkPage('termine-hors-ligne');
    // Still kept after the app is closed and reopened offline.
    await page.reload();
    await page.locator('h1', { hasText: 'Entretien chaudière gaz' }).waitFor();
    await expect.poll(() => sync.innerText()).toMatch(/10 actions en attente/);
    // Signing out now would lose them: refused, said on screen.
    await page.locator('button', { hasText: 'Se déconnecter' }).tap();
    await page.locator('[role="alert"]', { hasText: 'retrouvez du réseau avant de vous déconnecter' }).waitFor();
    expect(await page.locator('h1', { hasText: 'Entretien chaudière gaz' }).isVisible()).toBe(true);
  });

  it('syncs when the network returns: the office sees it once, François gets his report, the survey is planned', async () => {
    const id = loop.visits.service;
    await phone.setOffline(false);
    const sync = page.locator('[data-testid="sync-state"]');
    await expect.poll(() => sync.innerText(), { timeout: 40_000 }).toMatch(/^Synchronisé/);
    await page.locator('[role="status"]', { hasText: 'rapport envoyé' }).waitFor();
    await checkPage('synchronise');

    const kinds = actionsOf(id);
    expect(kinds.sort()).toEqual(['done', 'edit', 'edit', 'edit', 'edit', 'edit', 'edit', 'photo', 'photo', 'signature']);
    const visit = loop.read<{ status: string; report: string }>('SELECT status, report FROM interventions WHERE id = ?', id)[0]!;
    expect(visit).toEqual({ status: 'terminee', report: 'Brûleur nettoyé, CO mesuré à 12 ppm, joint remplacé.' });
    const sheet = loop.read<{ checklist: string; parts: string; started_at: string; stopped_at: string }>('SELECT checklist, parts, started_at, stopped_at FROM technician_sheets WHERE intervention_id = ?', id)[0]!;
    expect(JSON.parse(sheet.parts)).toEqual([{ label: 'Joint de brûleur', quantity: 1 }]);
    expect((JSON.parse(sheet.checklist) as Array<{ done: boolean }>).filter((l) => l.done)).toHaveLength(2);
    expect(sheet.started_at < sheet.stopped_at).toBe(true);
    const documents = loop.read<{ type: string; mime: string }>('SELECT type, mime FROM documents WHERE intervention_id = ? ORDER BY name', id);
    expect(documents).toEqual([
      { type: 'photo', mime: 'image/jpeg' },
      { type: 'photo', mime: 'image/jpeg' },
      { type: 'attestation_entretien', mime: 'application/pdf' },
      { type: 'photo', mime: 'image/png' },
    ]);

    const mail = await loop.mailWith(/^Rapport d’intervention — Entretien chaudière gaz$/);
    expect(mail.envelopeTo).toEqual([FRANCOIS_EMAIL]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.attachments.map((a) => [a.contentType, a.filename])).toEqual([['application/pdf', `rapport-intervention-${id}.pdf`]]);
    const pdf = await PDFDocument.load(parsed.attachments[0]!.content);
    const images = pdf.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    // The canvas's PNG has an alpha channel, embedded as the signature's soft mask: not a picture of its own.
    const masks = new Set(images.map(([, o]) => String((o as PDFRawStream).dict.get(PDFName.of('SMask')) ?? '')).filter(Boolean));
    expect(images.filter(([ref]) => !masks.has(String(ref)))).toHaveLength(3);

    loop.accueil.port('surveys').plan();
    expect(loop.read<{ state: string; email: string }>("SELECT state, email FROM surveys WHERE source_kind = 'intervention' AND source_id = ?", id)).toEqual([{ state: 'planned', email: FRANCOIS_EMAIL }]);

    // Reopened online: nothing is sent again.
    await page.reload();
    await page.locator('h1', { hasText: 'Entretien chaudière gaz' }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(actionsOf(id)).toHaveLength(10);
    expect(loop.inbox.received.filter((m) => m.subject.startsWith('Rapport d’intervention'))).toHaveLength(1);
  });

  it('signs out: the phone’s session ends on the server, and the phone keeps nothing of the round', async () => {
    await page.locator('button', { hasText: 'Se déconnecter' }).tap();
    await page.locator('h1', { hasText: 'Connexion du téléphone' }).waitFor();
    expect((await phone.cookies()).some((c) => c.name === 'accueil_technicien')).toBe(false);
    expect(loop.read<{ revoked_reason: string }>('SELECT revoked_reason FROM technician_devices WHERE revoked_at IS NOT NULL')).toEqual([{ revoked_reason: 'logout' }]);
    await phone.setOffline(true);
    await page.reload();
    await page.locator('h1', { hasText: 'Connexion du téléphone' }).waitFor();
    expect(await page.locator('[data-testid="job-card"]').count()).toBe(0);
    await phone.setOffline(false);
  });
});
