/**
 * A whole call without a mouse, in Chromium: the product registered to a real Kamailio, sipp as the
 * caller and as Claire's desk phone. From the pop on, every action is a key press (Tab, Enter,
 * Alt+letter, Esc) — no click, no `fill`, no element focused by the test: pop → wrap-up → ticket →
 * template → callback. Each step is checked where it lands: on screen, and in the SQLite file.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import type { KamailioServer } from '../support/kamailio';
import { placeCall, startAnsweringDevice, unregisterDevice } from '../support/sipp';
import { startAgentConsole, type AgentConsole } from '../support/web-mode';

let agentConsole: AgentConsole;
let kamailio: KamailioServer;
let page: Page;

beforeAll(async () => {
  agentConsole = await startAgentConsole();
  ({ kamailio, page } = agentConsole);
}, 90_000);

afterAll(async () => {
  await agentConsole?.stop();
});

function onDisk<T>(sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(path.join(agentConsole.product.dataDir, 'accueil.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Whether the focused element matches `selector` (page-side, as a string: this file has no DOM types). */
async function focusMatches(selector: string): Promise<boolean> {
  return (await page.evaluate(`!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`)) as boolean;
}

/**
 * Presses Tab until the focus is on `selector`, as a keyboard user would; fails with where the focus
 * went if it never gets there (the control is not reachable from the keyboard).
 */
async function tabTo(selector: string, maxPresses = 150): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await focusMatches(selector)) return;
    await page.keyboard.press('Tab');
  }
  const at = await page.evaluate(`document.activeElement ? document.activeElement.outerHTML.slice(0, 160) : 'nothing'`);
  throw new Error(`${selector} not reached after ${maxPresses} Tab presses; focus on ${String(at)}`);
}

describe('a whole call from the keyboard', () => {
  let callId: string;

  it('pops the caller; Alt+N, Tab and Enter record the wrap-up', async () => {
    const desk = await startAnsweringDevice({ kamailio, user: 'claire', answerAfterMs: 1_500 });
    const call = placeCall({ kamailio, to: 'claire', from: DEMO_FIXTURES.mobileContact.dial.replaceAll(' ', ''), displayName: 'F LEFEVRE', scenario: 'ring-until-answered', holdMs: 1_000 });
    const pop = page.locator('[data-testid="pop"][data-state="answered_elsewhere"]');
    await pop.waitFor({ timeout: 15_000 });
    expect((await call).code).toBe(0);
    expect((await desk.done).code).toBe(0);
    await unregisterDevice({ kamailio, user: 'claire', port: desk.port });
    callId = (await pop.getAttribute('data-call-id'))!;
    await expect(pop.innerText()).resolves.toContain(DEMO_FIXTURES.mobileContact.name);

    // Alt+N lands in the wrap-up panel; the outcome buttons and the report follow it in Tab order.
    await page.keyboard.press('Alt+KeyN');
    expect(await focusMatches('[data-testid="note-input"]')).toBe(true);
    await tabTo('[data-testid="wrapup-outcome"][data-value="connecte"]');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid="wrapup-outcome"][data-value="connecte"]').getAttribute('aria-pressed')).resolves.toBe('true');
    await tabTo('[data-testid="wrapup-body"]');
    await page.keyboard.type('Chaudière en sécurité, technicien demain');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="wrapup"][data-logged="true"]').waitFor({ timeout: 10_000 });
    expect(onDisk<{ outcome: string; body: string }>('SELECT outcome, body FROM calls WHERE id = ?', callId)).toEqual([
      { outcome: 'connecte', body: 'Chaudière en sécurité, technicien demain' },
    ]);
  });

  it('Alt+T, typing and Enter open a ticket; Esc closes its dialog and the focus comes back', async () => {
    await page.keyboard.press('Alt+KeyT');
    // The form opens once the service has prefilled it; its subject takes the focus.
    await expect.poll(() => focusMatches('[data-testid="ticket-subject"]')).toBe(true);
    // The subject comes prefilled (« Appel de François Lefèvre »): replaced, as Claire would.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Chaudière en panne');
    await page.keyboard.press('Enter');
    const ticketView = page.locator('[data-testid="ticket-view"]');
    await ticketView.waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid="ticket-view-subject"]').innerText()).resolves.toContain('Chaudière en panne');
    // The dialog holds the focus until Esc.
    for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
    expect(await focusMatches('[data-testid="ticket-view"], [data-testid="ticket-view"] *')).toBe(true);
    await page.keyboard.press('Escape');
    await ticketView.waitFor({ state: 'detached' });
    // The form that opened it is gone (the ticket replaced it): the focus goes to « Voir le ticket ».
    expect(await focusMatches('[data-testid="wrapup-ticket"]')).toBe(true);
    expect(onDisk<{ subject: string; contact_id: string }>('SELECT subject, contact_id FROM tickets WHERE call_id = ?', callId)).toEqual([
      { subject: 'Chaudière en panne', contact_id: DEMO_FIXTURES.mobileContact.contactId },
    ]);
  });

  it('a suggested template opens in the composer, merged for the caller, from Tab and Enter', async () => {
    await tabTo('[data-testid="pop-templates"] [data-testid="template-item"] summary');
    await page.keyboard.press('Enter');
    await tabTo('[data-testid="pop-templates"] [data-testid="template-compose"]');
    await page.keyboard.press('Enter');
    const composer = page.locator('[data-testid="composer"]');
    await composer.waitFor({ timeout: 10_000 });
    // Prepared for François: his address as the recipient, his name in the merged text.
    await expect.poll(() => page.locator('[data-testid="composer-to"]').inputValue()).toContain('@');
    await expect.poll(() => composer.innerText()).toContain('François');
    await page.keyboard.press('Escape');
    if (await composer.count()) await page.keyboard.press('Escape');
    await page.locator('[data-testid="templates-panel"]').waitFor({ state: 'detached' });
  });

  it('a missed call is called back from the callback list with Alt+R, Tab and Enter', async () => {
    const missed = placeCall({ kamailio, to: 'claire', from: DEMO_FIXTURES.unknownNumber.dial.replaceAll(' ', ''), scenario: 'ring-then-cancel', holdMs: 1_500 });
    expect((await missed).code).toBe(0);
    await page.keyboard.press('Alt+KeyR');
    const row = page.locator(`[data-testid="callback-row"][data-number="${DEMO_FIXTURES.unknownNumber.e164}"]`);
    await row.waitFor({ timeout: 10_000 });

    const desk = await startAnsweringDevice({ kamailio, user: 'claire', scenario: 'click-to-dial', answerAfterMs: 500, customerAfterMs: 500 });
    await tabTo(`[data-testid="callback-row"][data-number="${DEMO_FIXTURES.unknownNumber.e164}"] [data-testid="callback-dial"]`, 600);
    await page.keyboard.press('Enter');
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    expect((await desk.done).code).toBe(0);
    await unregisterDevice({ kamailio, user: 'claire', port: desk.port });
    expect(onDisk('SELECT state, closed_by FROM callbacks WHERE number_e164 = ?', DEMO_FIXTURES.unknownNumber.e164)).toEqual([{ state: 'done', closed_by: 'answered_call' }]);
    expect(agentConsole.dialogs).toEqual([]);
  });
});
