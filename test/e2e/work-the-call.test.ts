/**
 * End to end, as Claire works a call: the product started with `accueil serve` on the demo
 * workspace, registered to a real Kamailio; sipp plays the caller and the desk phone; Chromium
 * drives the console with the keyboard first. Then the rows are read from the SQLite file.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import type { KamailioServer } from '../support/kamailio';
import { placeCall, startAnsweringDevice, unregisterDevice } from '../support/sipp';
import { ARTIFACTS, startAgentConsole, type AgentConsole, type ServedProduct } from '../support/web-mode';

let kamailio: KamailioServer;
let product: ServedProduct;
let page: Page;
let dialogs: string[] = [];

let agentConsole: AgentConsole;

beforeAll(async () => {
  agentConsole = await startAgentConsole();
  ({ kamailio, product, page, dialogs } = agentConsole);
}, 90_000);

afterAll(async () => {
  await agentConsole?.stop();
});

function onDisk<T>(sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(path.join(product.dataDir, 'accueil.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

describe('working the call in the browser', () => {
  it('takes a call on the desk phone, then note, ticket and wrap-up from the keyboard: stored once, linked, shown as text', async () => {
    const desk = await startAnsweringDevice({ kamailio, user: 'claire', answerAfterMs: 1_500 });
    const call = placeCall({ kamailio, to: 'claire', from: '0612345678', displayName: 'F LEFEVRE', scenario: 'ring-until-answered', holdMs: 1_000 });
    const pop = page.locator('[data-testid="pop"][data-state="answered_elsewhere"]');
    await pop.waitFor({ timeout: 15_000 });
    expect((await call).code).toBe(0);
    expect((await desk.done).code).toBe(0);
    await unregisterDevice({ kamailio, user: 'claire', port: desk.port });
    const callId = await pop.getAttribute('data-call-id');
    expect(callId).toBeTruthy();

    // Alt+N: the note field takes the focus; Ctrl+Enter adds the note.
    await page.keyboard.press('Alt+KeyN');
    const note = page.locator('[data-testid="note-input"]');
    await expect(page.evaluate("document.activeElement?.getAttribute('data-testid')")).resolves.toBe('note-input');
    const longNote = `Fuite sous la chaudière ${HOSTILE} ${'très long '.repeat(600)}`;
    await note.fill(longNote);
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="note-item"]').first().waitFor();
    await expect(page.locator('[data-testid="note-item"]').first().innerText()).resolves.toContain('<img src=x onerror=alert(1)>');

    // Alt+T: the ticket form, prefilled with the caller.
    await page.keyboard.press('Alt+KeyT');
    const form = page.locator('[data-testid="ticket-form"]');
    await form.waitFor();
    await expect(form.innerText()).resolves.toContain(DEMO_FIXTURES.mobileContact.name);
    await page.locator('[data-testid="ticket-subject"]').fill(`Chaudière en panne ${HOSTILE}`);
    await page.locator('[data-testid="ticket-category"]').selectOption('depannage');
    await page.locator('[data-testid="ticket-priority"]').selectOption('urgente');
    await page.locator('[data-testid="ticket-description"]').fill(HOSTILE);
    await page.locator('[data-testid="ticket-submit"]').click();
    const ticketView = page.locator('[data-testid="ticket-view"]');
    await ticketView.waitFor();
    await expect(page.locator('[data-testid="ticket-view-subject"]').innerText()).resolves.toContain('<script>alert(2)</script>');
    await page.locator('[data-testid="ticket-status"]').selectOption('en_cours');
    await page.locator('[data-testid="ticket-event"][data-kind="changed"]').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'work-ticket.png') });
    await page.keyboard.press('Escape');
    await ticketView.waitFor({ state: 'detached' });

    // The wrap-up: outcome, account, save (logged once; a second save updates the same row).
    await page.locator('[data-testid="wrapup-outcome"][data-value="connecte"]').click();
    await page.locator('[data-testid="wrapup-body"]').fill('Technicien demain 8 h');
    await page.locator('[data-testid="wrapup-save"]').click();
    await page.locator('[data-testid="wrapup"][data-logged="true"]').waitFor();
    await page.locator('[data-testid="wrapup-save"]').click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'work-wrapup.png') });

    expect(await page.locator('[data-testid="pop"] img, [data-testid="ticket-view"] img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(1366);

    const calls = onDisk<{ id: string; outcome: string; body: string; ticket_id: string; contact_id: string; logged_at: string }>(
      'SELECT id, outcome, body, ticket_id, contact_id, logged_at FROM calls WHERE id = ?',
      callId,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ outcome: 'connecte', body: 'Technicien demain 8 h', contact_id: DEMO_FIXTURES.mobileContact.contactId });
    expect(calls[0]!.logged_at).toBeTruthy();
    const tickets = onDisk<{ id: string; status: string; category: string; contact_id: string; call_id: string }>(
      'SELECT id, status, category, contact_id, call_id FROM tickets WHERE call_id = ?',
      callId,
    );
    expect(tickets).toEqual([{ id: calls[0]!.ticket_id, status: 'en_cours', category: 'depannage', contact_id: DEMO_FIXTURES.mobileContact.contactId, call_id: callId }]);
    const notes = onDisk<{ body: string; contact_id: string }>('SELECT body, contact_id FROM notes WHERE call_id = ?', callId);
    expect(notes).toEqual([{ body: longNote, contact_id: DEMO_FIXTURES.mobileContact.contactId }]);
    expect(onDisk<{ kind: string }>('SELECT kind FROM ticket_events WHERE ticket_id = ? ORDER BY seq', tickets[0]!.id).map((e) => e.kind)).toEqual([
      'created',
      'changed',
    ]);

    // The card's open tickets open the same ticket later: a note there lands in its history.
    await page.locator(`[data-testid="pop-open-tickets"] [data-testid="ticket-item"][data-ticket-id="${tickets[0]!.id}"]`).click();
    await ticketView.waitFor();
    await page.locator('[data-testid="ticket-note-input"]').fill('Pièce commandée');
    await page.locator('[data-testid="ticket-note-add"]').click();
    await page.locator('[data-testid="ticket-note-item"]').filter({ hasText: 'Pièce commandée' }).waitFor();
    await page.locator('[data-testid="ticket-event"][data-kind="note"]').waitFor();
    await page.keyboard.press('Escape');
    await ticketView.waitFor({ state: 'detached' });
    expect(onDisk('SELECT body FROM notes WHERE ticket_id = ?', tickets[0]!.id)).toEqual([{ body: 'Pièce commandée' }]);
  });

  it('a missed call lands on the callback list; "Rappeler" rings the desk phone, which reaches the caller, and the item clears', async () => {
    const missed = placeCall({ kamailio, to: 'claire', from: '0698765432', scenario: 'ring-then-cancel', holdMs: 1_500 });
    expect((await missed).code).toBe(0);
    await page.locator('[data-testid="callbacks-open"]').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+KeyR');
    const row = page.locator(`[data-testid="callback-row"][data-number="${DEMO_FIXTURES.unknownNumber.e164}"]`);
    await row.waitFor({ timeout: 10_000 });
    await expect(row.innerText()).resolves.toContain('06 98 76 54 32');
    await page.screenshot({ path: path.join(ARTIFACTS, 'work-callbacks.png') });

    const desk = await startAnsweringDevice({ kamailio, user: 'claire', scenario: 'click-to-dial', answerAfterMs: 500, customerAfterMs: 500 });
    await row.locator('[data-testid="callback-dial"]').click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    expect((await desk.done).code).toBe(0);
    await unregisterDevice({ kamailio, user: 'claire', port: desk.port });
    const done = onDisk<{ state: string; closed_by: string }>('SELECT state, closed_by FROM callbacks WHERE number_e164 = ?', DEMO_FIXTURES.unknownNumber.e164);
    expect(done).toEqual([{ state: 'done', closed_by: 'answered_call' }]);
  });

  it('lists the work shortcuts in the help overlay', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const help = page.locator('[data-testid="help-overlay"]');
    await help.waitFor();
    const text = await help.innerText();
    for (const key of ['Alt+N', 'Alt+T', 'Alt+R', 'Alt+C']) expect(text).toContain(key);
    await page.keyboard.press('Escape');
  });

  it('sets the callback target delay in the settings', async () => {
    await page.keyboard.press('Control+,');
    const field = page.locator('[data-testid="callback-target"]');
    await field.waitFor();
    // The field fills in when callbacks.settings answers.
    await expect.poll(() => field.inputValue(), { timeout: 5_000 }).toBe('120');
    await field.fill('45');
    await page.locator('[data-testid="callback-target-save"]').click();
    await expect.poll(() => JSON.parse(fs.readFileSync(path.join(product.dataDir, 'settings.json'), 'utf8')).callbacks?.targetMinutes).toBe(45);
  });
});
