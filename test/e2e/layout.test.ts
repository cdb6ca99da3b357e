/**
 * The console's layout from 1024 to 1920 px wide, measured in Chromium as Claire's screen shows it
 * (issue 11 §4): the composer stays compact when fields are missing, the recent-calls column grows
 * with the window and is one Tab stop walked with the arrows. On the demo workspace of
 * `accueil serve`, no line configured (none is needed to look). Screenshots go to test-results/.
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
  product = await serve();
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
