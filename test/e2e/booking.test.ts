/**
 * « Planifier » in Chromium (web mode): François Lefèvre calls (the demo's simulated call), Claire
 * clicks « Planifier » on his pop, the panel shows his address placed at its commune's centre and
 * the windows that hold, she confirms the first, and the visit appears on his card with its
 * technician. The demo workspace (seeded technicians, no e-mail sent) on an injected clock: Tuesday
 * 1 December 2026, 9:00 in Paris.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { launchChromium } from '../support/web-mode';
import { axeViolations } from '../support/axe';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BASE = Date.parse('2026-12-01T08:00:00Z');
const FRANCOIS = '+33612345678';

let dir: string;
let accueil: Accueil;
let host: WebHost;
let browser: Browser;
let claire: Page;

beforeAll(async () => {
  const started = Date.now();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-booking-e2e-'));
  accueil = await createAccueil({
    dataDir: dir,
    mode: 'web',
    version: 'test',
    logger: createMemoryLogger(),
    env: {},
    clock: () => new Date(BASE + (Date.now() - started)),
    simulation: { ringMs: 300, talkMs: 120_000 },
  });
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
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('booking a visit from the pop', () => {
  it('shows the windows that hold for his address, books the first, and his card shows the visit', async () => {
    const envelope = await accueil.dispatch('demo.simulateCall', { number: FRANCOIS, outcome: 'answered' }, { access: 'agent' });
    expect(envelope.ok).toBe(true);
    const pop = claire.locator('[data-testid="pop"]');
    await pop.waitFor({ timeout: 15_000 });
    const before = await pop.locator('[data-testid="intervention-item"]').count();
    await pop.locator('[data-testid="pop-plan"]').click();

    const panel = claire.locator('[data-testid="booking-panel"]');
    await panel.waitFor();
    await expect(panel.locator('[data-testid="booking-address"]').inputValue()).resolves.toBe('12 rue Saint-Éloi, 35000 Rennes');
    await panel.locator('[data-testid="booking-type"]').selectOption({ label: 'Entretien chaudière gaz (60 min)' });
    await panel.locator('[data-testid="booking-search"]').click();
    await panel.locator('[data-testid="booking-offers"]').waitFor({ timeout: 15_000 });
    await expect(panel.locator('[data-testid="booking-place"]').innerText()).resolves.toBe('Position approximative : centre de la commune RENNES (35000).');

    const offers = await panel.locator('[data-testid="booking-offer"]').allInnerTexts();
    expect(offers.length).toBeGreaterThanOrEqual(3);
    expect(offers.length).toBeLessThanOrEqual(5);
    // Only the demo's technicians with the gas-boiler skill, based near Rennes (Karim in Cesson-Sévigné, Kévin in Saint-Malo).
    for (const offer of offers) expect(offer).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi) \d{1,2} \S+, arrivée entre \d{1,2} h(?: \d\d)? et \d{1,2} h(?: \d\d)? — (Karim Bensaïd|Kévin Le Floch)\n?\+[\d,]+ km/);
    // Not today: a normal job starts tomorrow at the soonest.
    expect(offers.some((o) => o.startsWith('mardi 1 décembre'))).toBe(false);
    expect(await axeViolations(claire)).toEqual([]);

    const first = offers[0]!.split('\n')[0]!.split(' — ')[0]!;
    await panel.locator('[data-testid="booking-confirm"]').click();
    const done = panel.locator('[data-testid="booking-done"]');
    await done.waitFor({ timeout: 15_000 });
    expect(await done.innerText()).toContain(`Rendez-vous planifié : ${first}`);
    await expect(panel.locator('[data-testid="booking-mail"]').innerText()).resolves.toContain('Aucun e-mail envoyé (démonstration');
    await panel.getByRole('button', { name: 'Fermer' }).first().click();

    await expect
      .poll(async () => pop.locator('[data-testid="intervention-item"]', { hasText: 'Entretien chaudière gaz' }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await pop.locator('[data-testid="intervention-item"]').count()).toBe(before + 1);
  });

  it('moves the visit it booked (a visit from the CRM says where to move it instead)', async () => {
    const pop = claire.locator('[data-testid="pop"]');
    const panel = claire.locator('[data-testid="booking-panel"]');
    const planned = pop.locator('[data-testid="intervention-item"]', { has: claire.locator('[data-testid="intervention-reschedule"]') });
    const count = await planned.count();
    expect(count).toBeGreaterThanOrEqual(2);
    // Which of them were booked here: « Déplacer » says it of each (nothing is moved yet).
    const booked: number[] = [];
    for (let i = 0; i < count; i++) {
      await planned.nth(i).locator('[data-testid="intervention-reschedule"]').click();
      await panel.waitFor();
      const notBooked = panel.locator('[data-testid="booking-not-booked"]');
      const offers = panel.locator('[data-testid="booking-offer"]');
      await expect.poll(async () => (await notBooked.count()) + (await offers.count()), { timeout: 15_000 }).toBeGreaterThan(0);
      if ((await notBooked.count()) > 0) expect(await notBooked.innerText()).toContain('n’a pas été pris dans Accueil');
      else booked.push(i);
      await panel.getByRole('button', { name: 'Fermer' }).first().click();
      await panel.waitFor({ state: 'detached' });
    }
    expect(booked).toHaveLength(1);
    await planned.nth(booked[0]!).locator('[data-testid="intervention-reschedule"]').click();
    const offers = panel.locator('[data-testid="booking-offer"]');
    await offers.first().waitFor({ timeout: 15_000 });
    await expect(panel.locator('[data-testid="booking-address"]').isDisabled()).resolves.toBe(true);
    const second = (await offers.nth(1).innerText()).split('\n')[0]!.split(' — ')[0]!;
    await offers.nth(1).click();
    await panel.locator('[data-testid="booking-confirm"]').click();
    const done = panel.locator('[data-testid="booking-done"]');
    await done.waitFor({ timeout: 15_000 });
    expect(await done.innerText()).toContain(`Rendez-vous déplacé : ${second}`);
    await panel.getByRole('button', { name: 'Fermer' }).first().click();
    await expect.poll(async () => pop.locator('[data-testid="intervention-item"]').count()).toBe(count + 1);
  });
});
