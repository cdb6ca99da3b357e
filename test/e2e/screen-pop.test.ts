/**
 * End to end, as Claire would live it: the product started with `accueil serve` on the demo
 * workspace, registered to a real Kamailio; sipp places real calls; Chromium shows the pop.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import type { KamailioServer } from '../support/kamailio';
import { placeCall } from '../support/sipp';
import { ARTIFACTS, startAgentConsole, type AgentConsole, type ServedProduct } from '../support/web-mode';

let kamailio: KamailioServer;
let product: ServedProduct;
let page: Page;
let dialogs: string[] = [];
const testStart = new Date().toISOString();

let agentConsole: AgentConsole;

beforeAll(async () => {
  agentConsole = await startAgentConsole();
  ({ kamailio, product, page, dialogs } = agentConsole);
}, 90_000);

afterAll(async () => {
  await agentConsole?.stop();
});

/** Rings claire's line from `from` and resolves once sipp has hung up (a missed call). */
function ring(from: string, options: { displayName?: string; pai?: string; holdMs?: number } = {}) {
  return placeCall({ kamailio, to: 'claire', from, scenario: 'ring-then-cancel', holdMs: options.holdMs ?? 2_500, ...options });
}

describe('screen pop in the browser', () => {
  it('pops the caller’s contact card with history while the phone rings', async () => {
    const call = ring('0612345678', { displayName: 'F LEFEVRE' });
    const pop = page.locator('[data-testid="pop"][data-state="ringing"]');
    await pop.waitFor({ timeout: 10_000 });
    await expect(pop.locator('[data-testid="pop-contact-name"]').innerText()).resolves.toContain(DEMO_FIXTURES.mobileContact.name);
    await expect(pop.locator('[data-testid="pop-number"]').innerText()).resolves.toContain('06 12 34 56 78');
    expect(await pop.locator('[data-testid="history-item"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'pop-contact.png') });
    expect((await call).code).toBe(0);
    // The caller gave up: the call is journaled as missed and stands out in the recent calls.
    await page.locator('[data-testid="recent-calls"] [data-testid="call-row"][data-state="missed"]').first().waitFor({ timeout: 10_000 });
  });

  it('pops the company once when the caller dials from its switchboard', async () => {
    const call = ring('+33478123456');
    const pop = page.locator('[data-testid="pop"][data-state="ringing"]');
    await pop.waitFor({ timeout: 10_000 });
    await expect(pop.locator('[data-testid="pop-company-name"]').innerText()).resolves.toContain(DEMO_FIXTURES.switchboardCompany.name);
    expect(await pop.locator('[data-testid="pop-match"]').count()).toBeLessThanOrEqual(1);
    await call;
  });

  it('offers a new-caller card with the number prefilled for an unknown number', async () => {
    const call = ring('0698765432');
    const pop = page.locator('[data-testid="pop"][data-state="ringing"]');
    await pop.waitFor({ timeout: 10_000 });
    await pop.locator('[data-testid="new-caller"]').waitFor();
    const prefilled = await pop.locator('[data-testid="new-caller-phone"]').inputValue().catch(async () => pop.locator('[data-testid="new-caller-phone"]').innerText());
    expect(prefilled.replace(/\s/g, '')).toContain('0698765432');
    await call;
  });

  it('shows a hostile display name as text and runs nothing', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const call = ring('0612345678', { displayName: hostile });
    const pop = page.locator('[data-testid="pop"][data-state="ringing"]');
    await pop.waitFor({ timeout: 10_000 });
    await expect(pop.locator('[data-testid="pop-caller-name"]').innerText()).resolves.toContain(hostile);
    expect(await page.locator('[data-testid="pop"] img').count()).toBe(0);
    await call;
    expect(dialogs).toEqual([]);
  });

  it('keeps the layout whole with a 4 KB Unicode display name', async () => {
    const long = 'Ŝœ𝒰ℕ🏗️漢字—'.repeat(300).slice(0, 4000);
    const call = ring('0612345678', { displayName: long });
    const pop = page.locator('[data-testid="pop"][data-state="ringing"]');
    await pop.waitFor({ timeout: 10_000 });
    const width = await page.evaluate("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(1366);
    await expect(pop.locator('[data-testid="pop-contact-name"]').innerText()).resolves.toContain(DEMO_FIXTURES.mobileContact.name);
    await page.screenshot({ path: path.join(ARTIFACTS, 'pop-long-name.png') });
    await call;
  });

  it('journals every call, readable by the CLI', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['bin/accueil.mjs', 'calls', '--data-dir', product.dataDir, '--json', '--limit', '20']).toString();
    const calls = JSON.parse(out) as Array<{ state: string; fromE164: string | null; ringAt: string }>;
    const ours = calls.filter((c) => c.ringAt >= testStart);
    expect(ours).toHaveLength(5);
    expect(ours.every((c) => c.state === 'missed')).toBe(true);
    expect(ours.some((c) => c.fromE164 === '+33612345678' && c.state === 'missed')).toBe(true);
  });
});
