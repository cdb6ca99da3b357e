/**
 * The planning board in Chromium (web mode), on the demo workspace (its technicians, no e-mail sent)
 * and an injected clock: Tuesday 1 December 2026, 9:00 in Paris. Four visits are booked for Thursday
 * as Claire would from the pop — crossed: Karim (Cesson-Sévigné) has Saint-Malo and Dinard, Kévin
 * (Saint-Malo) has Rennes and Cesson. Gaëtan opens the board with Alt+P, drags a visit to Kévin, moves
 * another with the keyboard, forces one onto Julien (who lacks the skill: the conflict is shown on the
 * card and in the list), then optimises Thursday and accepts: the board shows the new routes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { launchChromium } from '../support/web-mode';
import { axeViolations } from '../support/axe';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASE = Date.parse('2026-12-01T08:00:00Z');
const THURSDAY = '2026-12-03';

let dir: string;
let accueil: Accueil;
let host: WebHost;
let browser: Browser;
let page: Page;

async function call<T>(name: string, input: unknown): Promise<T> {
  const envelope = await accueil.dispatch(name, input, { access: 'agent' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

const cell = (technician: string, day = THURSDAY) => page.locator(`[data-testid="planning-cell"][data-technician="${technician}"][data-day="${day}"]`);
const card = (text: string) => page.locator('[data-testid="planning-card"]', { hasText: text });

/** HTML5 drag and drop as a hand does it: press on the card, move over the cell in steps, release. */
async function drag(source: Locator, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 40), { steps: 12 });
  await page.mouse.up();
}

beforeAll(async () => {
  const started = Date.now();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-planning-e2e-'));
  accueil = await createAccueil({ dataDir: dir, mode: 'web', version: 'test', logger: createMemoryLogger(), env: {}, clock: () => new Date(BASE + (Date.now() - started)) });
  const setup = await call<{ technicians: Array<{ id: string; name: string }> }>('booking.setup', {});
  const tech = (name: string) => setup.technicians.find((t) => t.name === name)!.id;
  const customers = [
    ['Martine', 'Morvan', '+33299001101'],
    ['Yann', 'Le Goff', '+33299001102'],
    ['Anne', 'Quéré', '+33299001103'],
    ['Paul', 'Hamon', '+33299001104'],
  ] as const;
  const ids: string[] = [];
  for (const [firstName, lastName, phone] of customers) ids.push((await call<{ id: string }>('directory.createContact', { firstName, lastName, phone })).id);
  const book = (contactId: string, address: string, technician: string, windowStart: string, windowEnd: string) =>
    call('booking.book', { typeId: 'entretien-chaudiere-gaz', address, contactId, day: THURSDAY, windowStart, windowEnd, technicianId: tech(technician) });
  await book(ids[0]!, '2 rue de Dinan, 35400 Saint-Malo', 'Karim Bensaïd', '08:00', '12:00');
  await book(ids[1]!, '5 boulevard Féart, 35800 Dinard', 'Karim Bensaïd', '13:30', '17:30');
  await book(ids[2]!, '12 rue Saint-Éloi, 35000 Rennes', 'Kévin Le Floch', '08:00', '12:00');
  await book(ids[3]!, '1 rue de Rennes, 35510 Cesson-Sévigné', 'Kévin Le Floch', '13:30', '17:30');
  host = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir: path.join(ROOT, 'out/renderer') });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(host.url);
  await page.locator('[data-testid="home"]').waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await accueil?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the planning board', () => {
  it('opens with Alt+P: the demo’s technicians, this week, Thursday’s visits in their rows', async () => {
    await page.keyboard.press('Alt+KeyP');
    const board = page.locator('[data-testid="planning-board"]');
    await board.waitFor({ timeout: 15_000 });
    await expect(page.locator('[data-testid="planning-week"]').innerText()).resolves.toBe('Semaine du lundi 30 novembre au dimanche 6 décembre');
    const rows = await page.locator('[data-testid="planning-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-technician')));
    expect(rows).toEqual(expect.arrayContaining(['Karim Bensaïd', 'Kévin Le Floch', 'Julien Moreau', 'Sébastien Durand']));
    await expect(cell('Karim Bensaïd').locator('[data-testid="planning-card"]').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^8 h–12 h\nMartine Morvan\nEntretien chaudière gaz · ST MALO/),
      expect.stringMatching(/^13 h 30–17 h 30\nYann Le Goff\nEntretien chaudière gaz · DINARD/),
    ]);
    await expect(cell('Julien Moreau', '2026-12-04').innerText()).resolves.toContain('Absent');
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations)).toEqual([]);
  });

  it('drags Martine Morvan’s visit to Kévin: moved, same window, the customer not told', async () => {
    await drag(card('Martine Morvan'), cell('Kévin Le Floch'));
    const status = page.locator('[data-testid="planning-status"]');
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('Visite de Martine Morvan déplacée (même créneau : client non prévenu, HubSpot mis à jour).');
    await expect.poll(() => cell('Kévin Le Floch').locator('[data-testid="planning-card"]', { hasText: 'Martine Morvan' }).count()).toBe(1);
    expect(await cell('Karim Bensaïd').locator('[data-testid="planning-card"]', { hasText: 'Martine Morvan' }).count()).toBe(0);
  });

  it('moves Anne Quéré’s visit with the keyboard to a two-hour window: the customer gets the new invitation', async () => {
    await card('Anne Quéré').focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('[data-testid="planning-visit"]');
    await panel.waitFor();
    await panel.locator('[data-testid="planning-move-window"]').focus();
    await panel.locator('[data-testid="planning-move-window"]').selectOption({ label: '10 h–12 h' });
    await panel.locator('[data-testid="planning-move"]').press('Enter');
    await expect.poll(() => page.locator('[data-testid="planning-status"]').innerText(), { timeout: 15_000 }).toContain('Anne Quéré déplacée : le client reçoit sa nouvelle invitation');
    await expect.poll(() => card('Anne Quéré').innerText()).toMatch(/^10 h–12 h/);
  });

  it('refuses Yann Le Goff’s visit onto Julien (no gas-boiler skill); forced, the conflict is on the card and in the list', async () => {
    await drag(card('Yann Le Goff'), cell('Julien Moreau'));
    const refused = page.locator('[data-testid="planning-refused"]');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.innerText()).toContain('Déplacement refusé : Julien Moreau n’a pas la compétence chaudiere_gaz');
    await refused.locator('[data-testid="planning-force"]').click();
    await expect.poll(() => cell('Julien Moreau').locator('[data-testid="planning-card"]', { hasText: 'Yann Le Goff' }).count(), { timeout: 15_000 }).toBe(1);
    const moved = card('Yann Le Goff');
    await expect(moved.getAttribute('data-conflicts')).resolves.toBe('1');
    await expect(moved.locator('[data-testid="planning-card-conflict"]').innerText()).resolves.toContain('compétence manquante : Chaudière gaz');
    await expect(page.locator('[data-testid="planning-conflict"]', { hasText: 'Yann Le Goff' }).innerText()).resolves.toContain('jeu. 3 déc. · Julien Moreau · Yann Le Goff : compétence manquante : Chaudière gaz');
  });

  it('optimises Thursday: a proposal that changes nothing until accepted, then the board shows the new routes', async () => {
    await page.locator(`[data-testid="planning-day"][data-day="${THURSDAY}"]`).click();
    const day = page.locator('[data-testid="planning-day-view"]');
    await day.waitFor();
    await day.locator('[data-testid="planning-optimise"]').click();
    const proposal = day.locator('[data-testid="planning-proposal"]');
    await proposal.waitFor({ timeout: 20_000 });
    const summary = await proposal.locator('[data-testid="planning-proposal-summary"]').innerText();
    const [, served, visits, moves, before, after] = /^(\d+) visites sur (\d+) placées, (\d+) réaffectées · ([\d,]+) km → ([\d,]+) km$/.exec(summary)!;
    expect([served, visits]).toEqual(['4', '4']);
    expect(Number(moves)).toBeGreaterThan(0);
    expect(Number(after!.replace(',', '.'))).toBeLessThan(Number(before!.replace(',', '.')));
    // Yann Le Goff leaves Julien (who cannot do it) in the proposal; the board has not changed yet.
    const routes = proposal.locator('[data-testid="planning-route"]');
    expect(await routes.filter({ hasText: 'Yann Le Goff' }).getAttribute('data-technician')).not.toBe('Julien Moreau');
    expect(await cell('Julien Moreau').locator('[data-testid="planning-card"]', { hasText: 'Yann Le Goff' }).count()).toBe(1);
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations)).toEqual([]);

    await proposal.locator('[data-testid="planning-accept"]').click();
    await expect.poll(() => page.locator('[data-testid="planning-status"]').innerText(), { timeout: 15_000 }).toMatch(/Proposition appliquée : \d+ visites? réaffectées?\./);
    await expect.poll(() => cell('Julien Moreau').locator('[data-testid="planning-card"]').count(), { timeout: 15_000 }).toBe(0);
    const thursday = page.locator(`[data-testid="planning-cell"][data-day="${THURSDAY}"] [data-testid="planning-card"]`);
    expect(await thursday.count()).toBe(4);
    for (const text of await thursday.allInnerTexts()) expect(text).toMatch(/ · arrivée \d{1,2} h/);
    expect(await page.locator('[data-testid="planning-conflict"]', { hasText: 'jeu. 3 déc.' }).count()).toBe(0);
    await expect(proposal.getAttribute('data-status')).resolves.toBe('accepted');
  });
});
