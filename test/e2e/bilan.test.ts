/**
 * Gaëtan's Bilan, end to end: `accueil serve` as a supervisor workstation on the embedded demo
 * (its calls and a year of survey answers), Chromium opens the Bilan from the top bar and with
 * Alt+B, reads the plan's rows and targets beside the measured months, and the printed page (print
 * media emulated) hides the console around it. Screenshots (screen and print) are kept in
 * test-results/ for a person to judge.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, serve, type ServedProduct } from '../support/web-mode';

let product: ServedProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await serve({ env: { ACCUEIL_ROLE: 'supervisor' } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

const text = (selector: string) => page.locator(selector).innerText();

describe('the Bilan in the demo', () => {
  it('opens from the supervisor’s top bar with the plan’s rows and targets', async () => {
    await page.goto(product.url);
    await page.locator('[data-testid="bilan-link"]').click({ timeout: 15_000 });
    await page.locator('[data-testid="bilan-plan"]').waitFor({ timeout: 15_000 });

    const rows = await page.locator('[data-testid="bilan-plan"] tbody th').allInnerTexts();
    expect(rows.map((r) => r.split('\n')[0])).toEqual([
      'Temps économisé (h/an)',
      'Appels entrants/jour',
      'Satisfaction client (/10)',
      'NPS',
      'Traçabilité (%)',
      'CA additionnel (K€/an)',
    ]);
    const targets = async (kpi: string) => page.locator(`[data-testid="plan-row-${kpi}"] [data-testid="target"]`).allInnerTexts();
    expect(await targets('timeSaved')).toEqual(['cible 150', 'cible 400', 'cible 800', 'cible 1\u202f200']);
    expect(await targets('inboundPerDay')).toEqual(['cible 50', 'cible 45', 'cible 40', 'cible 30']);
    expect(await targets('satisfaction')).toEqual(['cible 6', 'cible 7', 'cible 7,5', 'cible 8']);
    expect(await targets('nps')).toEqual(['cible +20', 'cible +30', 'cible +40', 'cible +50']);
    expect(await targets('traceability')).toEqual(['cible 100', 'cible 100', 'cible 100', 'cible 100']);
    // The turnover is not Accueil's to measure: said so, never a figure.
    expect(await page.locator('[data-testid="plan-row-revenue"] [data-testid="measured"]').count()).toBe(0);
    expect(await page.locator('[data-testid="plan-row-revenue"] [data-testid="milestone-status"]').allInnerTexts()).toEqual(Array(4).fill('non mesuré par Accueil'));

    // Month 0 is the month of the demo's first call; M3…M18 are calendar months.
    expect(await text('[data-testid="bilan-plan-start"]')).toMatch(/Mois 0 du plan : \S+ \d{4} \(mois du premier appel enregistré\)/);
    expect(await text('[data-testid="milestone-M3"]')).toMatch(/^M3\s+\S+ \d{4}$/);
  });

  it('measures every month of the demo: calls per working day, satisfaction and NPS with n', async () => {
    const months = page.locator('[data-testid="bilan-months"] tbody tr');
    expect(await months.count()).toBeGreaterThanOrEqual(8);
    // The demo's calls: every complete month has a rate of calls per working day.
    const perDay = await page.locator('[data-testid="bilan-months"] tbody tr[data-partial="false"] [data-testid="inbound-per-day"]').allInnerTexts();
    expect(perDay.length).toBeGreaterThan(0);
    for (const value of perDay) expect(value).toMatch(/^\d+(,\d)?$/);
    // A year of survey answers: most months have a mean /10 with its n, and an NPS.
    const satisfaction = await page.locator('[data-testid="bilan-months"] [data-testid="satisfaction"]').allInnerTexts();
    expect(satisfaction.filter((s) => /^\d+(,\d)?\s*n = \d+$/.test(s)).length).toBeGreaterThanOrEqual(6);
    const nps = await page.locator('[data-testid="bilan-months"] [data-testid="nps"]').allInnerTexts();
    expect(nps.filter((s) => /^[+−]?\d+$/.test(s)).length).toBeGreaterThanOrEqual(6);
    // A month without a figure says « — », never 0.
    for (const value of [...perDay, ...satisfaction]) expect(value).not.toMatch(/^0$/);
    // The model is laid open: its parameters and counts beside its result.
    expect(await text('[data-testid="bilan-model"] h2')).toBe('Temps économisé : un modèle, pas une mesure');
    expect(await text('[data-testid="parameter-pop"]')).toContain('30 s');
    expect(await text('[data-testid="parameter-relance"]')).toContain('aucune aujourd’hui');
    // The console scrolls inside its centre column: a tall window shows the whole page at once.
    await page.setViewportSize({ width: 1366, height: 2000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'bilan-screen.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('prints the page alone, black on white, on A4 landscape', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="recent-calls"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="bilan-print"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="back"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="bilan-settings"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="bilan-plan"]').isVisible()).toBe(true);
    const colours = (await page.evaluate(`(() => {
      const table = document.querySelector('[data-testid="bilan-months"] tbody td');
      return { text: getComputedStyle(table).color, background: getComputedStyle(document.body).backgroundColor };
    })()`)) as { text: string; background: string };
    expect(colours.text).toBe('rgb(0, 0, 0)');
    expect(colours.background).toBe('rgb(255, 255, 255)');
    // The tables fit the width of an A4 landscape sheet less its margins (277 mm ≈ 1047 CSS px).
    await page.setViewportSize({ width: 1047, height: 740 });
    const widths = (await page.evaluate(`[...document.querySelectorAll('.bilan-table')].map((t) => t.scrollWidth)`)) as number[];
    for (const width of widths) expect(width).toBeLessThanOrEqual(1047);
    await page.screenshot({ path: path.join(ARTIFACTS, 'bilan-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'bilan.pdf'), pdf);
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('opens with Alt+B from anywhere in the console, and the Imprimer button asks the browser to print', async () => {
    await page.locator('[data-testid="back"]').click();
    await page.locator('[data-testid="bilan"]').waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+b');
    await page.locator('[data-testid="bilan-plan"]').waitFor({ timeout: 10_000 });
    await page.evaluate(`(() => { window.__printed = 0; window.print = () => { window.__printed++; }; })()`);
    await page.locator('[data-testid="bilan-print"]').click();
    expect(await page.evaluate('window.__printed')).toBe(1);
  });
});
