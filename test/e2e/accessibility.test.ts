/**
 * Accessibility in Chromium, web mode. axe-core on every main screen: `accueil serve` on the demo
 * workspace as a supervisor's workstation (so the supervisor view and the wall screen exist), no PBX
 * configured (« Simuler un appel » rings the console), and the company server's sign-in page. No
 * serious or critical violation anywhere, and one banner and one main landmark per view. Then the
 * dialogs' keyboard contract: focus stays inside, Esc closes wherever the focus is, focus goes back to
 * what opened them, Ctrl+K does not reach the search box behind them.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { blockingAxeViolations, landmarkCounts, lowContrastChartLabels } from '../support/axe';
import { startCompanyServer } from '../support/company-server';
import { launchChromium, serve, type ServedProduct } from '../support/web-mode';

let product: ServedProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await serve({
    env: {
      ACCUEIL_ROLE: 'supervisor',
      // Two agents and no PBX to watch them on: both listed « Hors ligne », the text the issue measured.
      ACCUEIL_SUPERVISION_EXTENSIONS: 'claire:Claire Martin,bob:Bob Durand',
      ACCUEIL_SUPERVISION_QUEUE: 'queue',
    },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(product.url);
  await page.locator('[data-testid="workspace-badge"]').waitFor({ timeout: 20_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

/** Lets transitions end and the first pushed events arrive before axe measures colours. */
async function settled(target: Page = page): Promise<void> {
  await target.waitForTimeout(400);
}

/** The data-testid of the focused element, or its tag name when it has none. */
async function focused(target: Page = page): Promise<string> {
  return (await target.evaluate(`(() => {
    const el = document.activeElement;
    return el ? el.getAttribute('data-testid') || el.tagName.toLowerCase() : 'none';
  })()`)) as string;
}

/** Whether the focused element is inside the element matching `selector`. */
async function focusInside(selector: string, target: Page = page): Promise<boolean> {
  return (await target.evaluate(`!!document.activeElement && !!document.activeElement.closest(${JSON.stringify(selector)})`)) as boolean;
}

describe('axe-core on the main screens', () => {
  it('the console, idle', async () => {
    await page.locator('[data-testid="recent-calls"]').waitFor();
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
    expect(await landmarkCounts(page)).toEqual({ banner: 1, main: 1 });
  });

  it('the screen pop during a call', async () => {
    await page.locator('[data-testid="simulate-call-open"]').click();
    await page.locator('[data-testid="simulate-call-panel"] [data-kind="known_customer"] [data-outcome="answered"]').click();
    await page.locator('[data-testid="pop"][data-state="answered"]').waitFor({ timeout: 15_000 });
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('the ticket dialog opened from the pop', async () => {
    await page.keyboard.press('Alt+KeyT');
    await page.locator('[data-testid="ticket-subject"]').fill('Radiateur froid à l’étage');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="ticket-view"]').waitFor();
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="ticket-view"]').waitFor({ state: 'detached' });
  });

  it('the composer, for the caller on screen', async () => {
    // Through « Tous les modèles » and « Utiliser »: the recipient and the quote come from the pop.
    await page.locator('[data-testid="pop-all-templates"]').press('Enter');
    await page.locator('[data-testid="library-use"]').first().press('Enter');
    await page.locator('[data-testid="composer"]').waitFor();
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
    await page.locator('[data-testid="composer-close"]').press('Enter');
    await page.locator('[data-testid="templates-panel"]').waitFor({ state: 'detached' });
  });

  it('the record view', async () => {
    await page.locator('[data-testid="pop-open-record"]').click();
    await page.locator('[data-testid="record-view"]').waitFor();
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('the template library', async () => {
    await page.locator('[data-testid="templates-link"]').click();
    await page.locator('[data-testid="templates-panel"]').waitFor();
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="templates-panel"]').waitFor({ state: 'detached' });
  });

  it('the shortcut help', async () => {
    await page.locator('[data-testid="help-button"]').click();
    await page.locator('[data-testid="help-overlay"]').waitFor();
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="help-overlay"]').waitFor({ state: 'detached' });
  });

  it('the pop of an unknown number, then the callback list with its missed call', async () => {
    await page.locator('[data-testid="simulate-call-open"]').click();
    await page.locator('[data-testid="simulate-call-panel"] [data-kind="unknown_number"] [data-outcome="missed"]').click();
    // It rings as a second tab beside François's call: its tab shows its card.
    await page.locator('[data-testid="call-tab"]').filter({ hasText: '06 98 76 54 32' }).click({ timeout: 10_000 });
    await page.locator('[data-testid="new-caller"]').waitFor({ timeout: 15_000 });
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Alt+KeyR');
    await page.locator('[data-testid="callback-row"]').first().waitFor({ timeout: 20_000 });
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('the settings', async () => {
    await page.keyboard.press('Control+,');
    await page.locator('[data-testid="settings"]').waitFor();
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('the supervisor view (« Hors ligne » readable)', async () => {
    await page.locator('[data-testid="supervision-link"]').click();
    await page.locator('[data-testid="supervisor-view"] [data-testid="kpi-cards"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="supervisor-view"] [data-testid="agent-claire"]').waitFor();
    await settled();
    expect(await blockingAxeViolations(page)).toEqual([]);
    expect(await lowContrastChartLabels(page)).toEqual([]);
    expect(await landmarkCounts(page)).toEqual({ banner: 1, main: 1 });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="supervisor-view"]').waitFor({ state: 'detached' });
  });

  it('the wall screen', async () => {
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await wall.goto(product.wallboardUrl);
      await wall.locator('[data-testid="wallboard"] [data-testid="kpi-cards"]').waitFor({ timeout: 15_000 });
      await settled(wall);
      expect(await blockingAxeViolations(wall)).toEqual([]);
      expect(await lowContrastChartLabels(wall)).toEqual([]);
      expect(await landmarkCounts(wall)).toEqual({ banner: 1, main: 1 });
      // The charts were there to be measured.
      expect(await wall.locator('svg text').count()).toBeGreaterThan(10);
    } finally {
      await wall.close();
    }
  });

  it('the page of a link without its token', async () => {
    const bare = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await bare.goto(product.origin);
      await bare.locator('[data-testid="missing-token"]').waitFor({ timeout: 15_000 });
      expect(await blockingAxeViolations(bare)).toEqual([]);
    } finally {
      await bare.close();
    }
  });

  it('the page of a stale link: says the link is no longer valid and what to do, and stops retrying', async () => {
    // As after `accueil serve` restarted: the address kept in the browser carries the old token.
    const stale = product.url.replace(/#token=.*/, `#token=${'x'.repeat(32)}`);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    try {
      const tab = await context.newPage();
      let sockets = 0;
      tab.on('websocket', () => sockets++);
      await tab.goto(stale);
      const refused = tab.locator('[data-testid="link-refused"]');
      await refused.waitFor({ timeout: 15_000 });
      const text = await refused.innerText();
      expect(text).toContain("Ce lien n’est plus valide");
      expect(text).toContain('accueil serve');
      expect(text).not.toContain('reconnexion dans');
      expect(await blockingAxeViolations(tab)).toEqual([]);
      const attempts = sockets;
      await tab.waitForTimeout(2_500);
      expect(sockets).toBe(attempts);
    } finally {
      await context.close();
    }
  });

  it('the page of a stale link, in English for an English browser', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
    try {
      const tab = await context.newPage();
      await tab.goto(product.wallboardUrl.replace(/#token=.*/, `#token=${'y'.repeat(32)}`));
      await tab.locator('[data-testid="link-refused"]').waitFor({ timeout: 15_000 });
      await expect(tab.locator('[data-testid="link-refused"]').innerText()).resolves.toContain('This link is no longer valid');
      await expect(tab.evaluate('document.documentElement.lang')).resolves.toBe('en-GB');
    } finally {
      await context.close();
    }
  });

  it('the sign-in page of the company server', async () => {
    const server = await startCompanyServer([{ login: 'gaetan', role: 'admin', name: 'Gaëtan Leroy' }]);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const signIn = await context.newPage();
      await signIn.goto(server.origin);
      await signIn.locator('[data-testid="login-page"]').waitFor({ timeout: 15_000 });
      expect(await blockingAxeViolations(signIn)).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
    }
  }, 90_000);
});

describe('without a line configured', () => {
  it('the call buttons say why they cannot call, and lead to Paramètres › Standard téléphonique', async () => {
    const dial = page.locator('[data-testid="call-row-dial"]').first();
    // Before it is pressed: its title (and so its spoken name) says why it cannot call.
    await expect(dial.getAttribute('title')).resolves.toMatch(/^Impossible d’appeler .+ : aucune ligne n’est configurée sur ce poste$/);
    await dial.focus();
    await page.keyboard.press('Enter');
    // Pressed: the service's refusal, and the way to set a line up.
    const status = page.locator('[data-testid="dial-status"][data-reason="phone.line_not_connected"]');
    await expect(status.innerText()).resolves.toContain('Ligne téléphonique non connectée');
    await status.locator('[data-testid="dial-configure-line"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="settings"]').waitFor();
    await expect.poll(() => focused()).toBe('settings-telephony');
    await expect(status.count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
  });

  it('the « Non configuré » pill opens Paramètres › Standard téléphonique', async () => {
    await page.keyboard.press('Escape');
    const pill = page.locator('[data-testid="status-registration"][data-state="unconfigured"]');
    await expect(pill.evaluate((el) => el.tagName)).resolves.toBe('BUTTON');
    await pill.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="settings"]').waitFor();
    await expect.poll(() => focused()).toBe('settings-telephony');
    // Already in Paramètres: the pill still brings the section back into view.
    await page.locator('[data-testid="settings-locale-fr"]').focus();
    await pill.click();
    await expect.poll(() => focused()).toBe('settings-telephony');
    await page.keyboard.press('Escape');
  });
});

describe('dialogs from the keyboard', () => {
  it('the shortcut help keeps the focus, ignores Ctrl+K, closes on Esc and gives the focus back to its button', async () => {
    await page.locator('[data-testid="help-button"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="help-overlay"]').waitFor();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
      expect(await focusInside('[data-testid="help-overlay"]')).toBe(true);
    }
    await page.keyboard.press('Control+KeyK');
    expect(await focusInside('[data-testid="help-overlay"]')).toBe(true);
    await page.keyboard.type('dupont');
    await expect(page.locator('[data-testid="search-input"]').inputValue()).resolves.toBe('');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="help-overlay"]').waitFor({ state: 'detached' });
    expect(await focused()).toBe('help-button');
  });

  it('the template library: Tab cycles inside, the first Esc leaves the search field, the next closes, focus returns', async () => {
    await page.locator('[data-testid="templates-link"]').focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('[data-testid="templates-panel"]');
    await panel.waitFor();
    // More presses than the library has controls: the focus must come round, never leave.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (!(await focusInside('[data-testid="templates-panel"]'))) throw new Error(`focus left the library after ${i + 1} Tab: ${await focused()}`);
    }
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInside('[data-testid="templates-panel"]')).toBe(true);
    }
    await page.keyboard.press('Control+KeyK');
    expect(await focusInside('[data-testid="templates-panel"]')).toBe(true);
    await panel.locator('input').first().focus();
    await page.keyboard.press('Escape');
    await expect(panel.count()).resolves.toBe(1);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await focused()).toBe('templates-link');
  });

  it('the supervisor view keeps the focus and closes on Esc even when the focus fell to the page', async () => {
    await page.locator('[data-testid="supervision-link"]').focus();
    await page.keyboard.press('Enter');
    const view = page.locator('[data-testid="supervisor-view"]');
    await view.waitFor();
    expect(await focusInside('[data-testid="supervisor-view"]')).toBe(true);
    await page.keyboard.press('Control+KeyK');
    expect(await focusInside('[data-testid="supervisor-view"]')).toBe(true);
    // As after a button disabled under the focus: the focus is on <body>, Esc still closes.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    expect(await focused()).toBe('body');
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    expect(await focused()).toBe('supervision-link');
  });

  it('Ctrl+K still goes to the search box when no dialog is open', async () => {
    await page.keyboard.press('Control+KeyK');
    expect(await focused()).toBe('search-input');
    await page.keyboard.press('Escape');
  });
});
