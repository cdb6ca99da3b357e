/**
 * The console's layout from 1024 to 1920 px wide, measured in Chromium as Claire's screen shows it
 * (issue 11 §4): the composer stays compact when fields are missing, the recent-calls column grows
 * with the window and is one Tab stop walked with the arrows, the supervisor's charts keep labels
 * one can read, inside their box, and its tiles hold their figures. On the demo workspace of
 * `accueil serve` (a supervisor's workstation), no line configured (none is needed to look).
 * Screenshots go to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, serve, type ServedProduct } from '../support/web-mode';

/** Screens a customer-service desk has, smallest laptop to full HD. */
const SCREENS = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1600, height: 900 },
  { width: 1920, height: 1080 },
] as const;

let product: ServedProduct;
let browser: Browser;
let page: Page;

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} is not displayed`);
  return found;
}

beforeAll(async () => {
  // A supervisor's workstation: the same console, plus the supervisor view and the wall screen.
  product = await serve({
    env: { ACCUEIL_ROLE: 'supervisor', ACCUEIL_SUPERVISION_EXTENSIONS: 'claire:Claire Martin,bob:Bob Durand', ACCUEIL_SUPERVISION_QUEUE: 'queue' },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: SCREENS[0] });
  await page.goto(product.url);
  await page.locator('[data-testid="workspace-badge"]').waitFor({ timeout: 20_000 });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

describe('composer with missing fields', () => {
  it('keeps its fields together, the missing values in one group and the text box on screen, at 1024–1920 px', async () => {
    await page.setViewportSize(SCREENS[0]);
    await page.locator('[data-testid="templates-link"]').click();
    const library = page.locator('[data-testid="template-library"]');
    // No record open: every contact field is missing, plus the invoice's and the signature's.
    await library.locator('[data-testid="library-item"][data-template-id="tpl-relance-facture"] [data-testid="library-use"]').click();
    const composer = page.locator('[data-testid="composer"]');
    const missing = composer.locator('[data-testid="composer-missing"]');
    await missing.waitFor({ timeout: 10_000 });
    const rows = missing.locator('[data-testid="missing-field"]');
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    await expect(missing.locator('p').first().innerText()).resolves.toMatch(/^\s*\d+ champs à remplir : /);

    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      const to = await box(composer.locator('[data-testid="composer-to"]'));
      const subject = await box(composer.locator('[data-testid="composer-subject"]'));
      const text = await box(composer.locator('[data-testid="composer-body"]'));
      // One label's height between fields, not the 300 px of a column stretched to the preview's height.
      expect(subject.y - (to.y + to.height), `${screen.width} px: recipient → subject`).toBeLessThan(48);
      expect(text.y - (subject.y + subject.height), `${screen.width} px: subject → text`).toBeLessThan(64);
      // The text box is on screen without scrolling, most of it readable.
      expect(text.y + 200, `${screen.width} px: text box`).toBeLessThanOrEqual(screen.height);

      // The missing values: one row each, one under the other, each box wide enough to type in.
      let previousBottom: number | null = null;
      for (let i = 0; i < (await rows.count()); i++) {
        const row = await box(rows.nth(i));
        if (previousBottom !== null) expect(row.y - previousBottom, `${screen.width} px: row ${i}`).toBeLessThan(12);
        previousBottom = row.y + row.height;
        expect(row.height, `${screen.width} px: row ${i} height`).toBeLessThan(60);
        const input = rows.nth(i).locator('input');
        if ((await input.count()) > 0) expect((await box(input)).width, `${screen.width} px: box ${i}`).toBeGreaterThanOrEqual(120);
      }
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      expect(width, `${screen.width} px: no sideways scroll`).toBeLessThanOrEqual(screen.width);
      if (screen.width === 1024) await page.screenshot({ path: path.join(ARTIFACTS, 'layout-composer-1024.png') });
    }
    await page.keyboard.press('Escape');
    await composer.waitFor({ state: 'detached' });
  });
});

/** Page-side: the data-testid and call id of the focused element (this file is typechecked without DOM types). */
async function focused(): Promise<{ testId: string | null; callId: string | null; number: string | null }> {
  return (await page.evaluate(`(() => {
    const el = document.activeElement;
    return { testId: el?.getAttribute('data-testid') ?? null, callId: el?.getAttribute('data-call-id') ?? null, number: el?.getAttribute('data-number') ?? null };
  })()`)) as { testId: string | null; callId: string | null; number: string | null };
}

describe('recent calls column', () => {
  it('grows with the window, so that callers’ names are whole from 1600 px', async () => {
    const column = page.locator('[data-testid="recent-calls"]');
    await column.locator('[data-testid="call-row"]').first().waitFor({ timeout: 10_000 });
    const widths: number[] = [];
    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      const width = (await box(column)).width;
      widths.push(width);
      // The centre keeps most of a small screen.
      expect(width, `${screen.width} px`).toBeLessThanOrEqual(Math.max(300, screen.width * 0.25));
      if (screen.width < 1600) continue;
      // Names cut with an ellipsis: the text is wider than its box.
      const cut = (await page.evaluate(`[...document.querySelectorAll('[data-testid="recent-calls"] [data-testid="call-row"] .call-name')]
        .slice(0, 40).filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent)`)) as string[];
      expect(cut, `${screen.width} px: names cut`).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `layout-recent-calls-${screen.width}.png`) });
    }
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeGreaterThanOrEqual(widths[i - 1]!);
    expect(widths[widths.length - 1]!).toBeGreaterThan(widths[0]! + 80);
  });

  it('is one Tab stop: ↑ ↓ Home End move, → reaches the call-back button, Enter opens the caller', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const rows = page.locator('[data-testid="recent-calls"] [data-testid="call-row"]');
    const count = await rows.count();
    expect(count).toBeGreaterThan(10);
    const id = (i: number) => rows.nth(i).getAttribute('data-call-id');

    // From the control just above the list, one Tab lands on its first row, the next leaves it.
    await page.locator('[data-testid="recent-only-missed"]').focus();
    await page.keyboard.press('Tab');
    expect((await focused()).callId).toBe(await id(0));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect((await focused()).callId).toBe(await id(2));
    await page.keyboard.press('ArrowUp');
    expect((await focused()).callId).toBe(await id(1));
    await page.keyboard.press('End');
    expect((await focused()).callId).toBe(await id(count - 1));
    await page.keyboard.press('ArrowDown');
    expect((await focused()).callId).toBe(await id(count - 1));
    await page.keyboard.press('Home');
    expect((await focused()).callId).toBe(await id(0));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    const after = await focused();
    expect(['call-row', 'call-row-dial']).not.toContain(after.testId);
    // Back into the list: the row last visited, not the first.
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).callId).toBe(await id(1));

    // → the row's call-back button, ← back to the row.
    const dialled = await rows.nth(1).locator('xpath=..').locator('[data-testid="call-row-dial"]').getAttribute('data-number');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ testId: 'call-row-dial', number: dialled });
    await page.keyboard.press('ArrowLeft');
    expect((await focused()).callId).toBe(await id(1));

    // Enter opens the caller: his record, or the new-caller card.
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="record-view"], [data-testid="number-view"]').first().waitFor({ timeout: 10_000 });
  });
});

/**
 * What is wrong with the charts and tiles under `root` as drawn (page-side): SVG labels smaller than
 * `minFont` px on screen, outside their SVG box (clipped), overlapping another label; a tile whose
 * text runs out of it.
 */
async function chartProblems(on: Page, root: string, minFont: number): Promise<string[]> {
  return (await on.evaluate(`(() => {
    const problems = [];
    const root = document.querySelector(${JSON.stringify(root)});
    for (const svg of root.querySelectorAll('figure.sv-chart svg[role="img"]')) {
      const chart = svg.closest('figure').getAttribute('data-testid');
      const box = svg.getBoundingClientRect();
      const scale = svg.getScreenCTM().a;
      const labels = [...svg.querySelectorAll('text')].map((el) => ({ text: el.textContent, rect: el.getBoundingClientRect(), size: Number(el.getAttribute('font-size')) * scale }));
      for (const l of labels) {
        if (l.size < ${minFont}) problems.push(chart + ': « ' + l.text + ' » drawn at ' + l.size.toFixed(1) + ' px');
        if (l.rect.left < box.left - 0.5 || l.rect.right > box.right + 0.5 || l.rect.top < box.top - 0.5 || l.rect.bottom > box.bottom + 0.5) problems.push(chart + ': « ' + l.text + ' » cut by the edge');
      }
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i].rect, b = labels[j].rect;
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) problems.push(chart + ': « ' + labels[i].text + ' » over « ' + labels[j].text + ' »');
      }
    }
    for (const tile of root.querySelectorAll('.sv-kpi')) {
      for (const el of [tile, ...tile.querySelectorAll('*')]) {
        if (el.scrollWidth > el.clientWidth + 1) problems.push((tile.getAttribute('data-testid') ?? 'tile') + ': « ' + el.textContent + ' » runs out of its tile');
      }
    }
    return problems;
  })()`)) as string[];
}

describe('supervisor charts and tiles', () => {
  it('labels are readable, inside their box and apart, tiles hold their figures, at 1024–1600 px', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('[data-testid="supervision-link"]').click({ timeout: 15_000 });
    const view = page.locator('[data-testid="supervisor-view"]');
    for (const chart of ['hourly-chart', 'forecast-chart', 'trend-chart']) await view.locator(`[data-testid="${chart}"]`).waitFor({ timeout: 10_000 });
    await view.locator('[data-testid="kpi-cards"]').waitFor();
    for (const screen of SCREENS.slice(0, 4)) {
      await page.setViewportSize(screen);
      // Redrawn at the new width on the next frame.
      await page.waitForTimeout(200);
      expect(await chartProblems(page, '[data-testid="supervisor-view"]', 11), `${screen.width} px`).toEqual([]);
      await page.evaluate(`document.querySelector('[data-testid="supervisor-view"] [data-testid="hourly-chart"]').scrollIntoView()`);
      await page.screenshot({ path: path.join(ARTIFACTS, `layout-supervision-${screen.width}.png`) });
    }
    // Grey is « Autres issues » on the days gone by, and not only « en cours » today.
    await expect(view.locator('[data-testid="trend-chart"] .sv-legend').innerText()).resolves.toContain('Autres issues');
    await expect(view.locator('[data-testid="hourly-chart"] .sv-legend').innerText()).resolves.toContain('En cours ou autres issues');
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
  });

  it('the wall screen at 1920×1080: big labels, the forecast’s hour axis whole, everything on one screen', async () => {
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await wall.goto(product.wallboardUrl);
      for (const chart of ['hourly-chart', 'forecast-chart', 'trend-chart']) await wall.locator(`[data-testid="${chart}"]`).waitFor({ timeout: 15_000 });
      await wall.waitForTimeout(200);
      expect(await chartProblems(wall, '[data-testid="wallboard"]', 15)).toEqual([]);
      // The forecast's last hour label is there, whole (« 19h » was cut by the chart's right edge).
      const hours = await wall.locator('[data-testid="forecast-chart"] svg text').allTextContents();
      expect(hours.filter((h) => /^\d+h$/.test(h)).length).toBeGreaterThanOrEqual(4);
      expect((await wall.evaluate('document.documentElement.scrollHeight')) as number).toBeLessThanOrEqual(1080);
      await wall.screenshot({ path: path.join(ARTIFACTS, 'layout-wallboard-1080p.png') });
    } finally {
      await wall.close();
    }
  });
});

describe('wrap-up of a call', () => {
  it('keeps its text inside its panel and « Ajouter la note » beside the box, at 1024–1920 px', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.locator('[data-testid="simulate-call-open"]').click();
    await page.locator('[data-testid="simulate-call-panel"] [data-kind="known_customer"] [data-outcome="answered"]').click();
    const wrapUp = page.locator('[data-testid="pop"] [data-testid="wrapup"]');
    await wrapUp.waitFor({ timeout: 15_000 });
    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      const panel = await box(wrapUp);
      const heading = await box(wrapUp.locator('h2').first());
      const button = await box(wrapUp.locator('[data-testid="note-add"]'));
      const note = await box(wrapUp.locator('[data-testid="note-input"]'));
      expect(heading.x - panel.x, `${screen.width} px: heading against the border`).toBeGreaterThanOrEqual(8);
      expect(panel.x + panel.width - (button.x + button.width), `${screen.width} px: « Ajouter la note » out of the panel`).toBeGreaterThanOrEqual(8);
      expect(button.x, `${screen.width} px: button beside the box`).toBeGreaterThan(note.x + note.width);
    }
  });
});
