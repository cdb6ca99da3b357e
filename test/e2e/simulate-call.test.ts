/**
 * A newcomer with nothing configured: `accueil serve` on an empty folder (demo workspace, no PBX).
 * « Simuler un appel » in the top bar rings the console as a PBX call would — pop, journal,
 * callback list — and so does `accueil simulate-call` from a terminal, through the running console.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { ARTIFACTS, launchChromium, serve, tempDataDir, type ServedProduct } from '../support/web-mode';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let product: ServedProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await serve();
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

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/accueil.mjs'), ...args], { encoding: 'utf8', timeout: 30_000 });
}

function onDisk<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(product.dataDir, 'accueil.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('« Simuler un appel » on the demo workspace', () => {
  it('offers one of each kind of caller, and pops the known customer marked as a simulation', async () => {
    await page.locator('[data-testid="simulate-call-open"]').click();
    const panel = page.locator('[data-testid="simulate-call-panel"]');
    await panel.waitFor();
    await expect(panel.locator('[data-testid="simulate-caller"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))).resolves.toEqual([
      'known_customer', 'shared_landline', 'company_switchboard', 'unknown_number', 'withheld',
    ]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'simulate-call-menu.png') });
    await panel.locator('[data-kind="known_customer"] [data-outcome="answered"]').click();

    const pop = page.locator('[data-testid="pop"]');
    await pop.waitFor({ timeout: 10_000 });
    await expect(pop.innerText()).resolves.toContain(DEMO_FIXTURES.mobileContact.name);
    await pop.locator('[data-testid="pop-simulated"]').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'simulate-call-pop.png') });
    // Answered after the ring: the state moves on in the pop, as for a call taken on the desk phone.
    await page.locator('[data-testid="pop"][data-state="answered"]').waitFor({ timeout: 15_000 });
    const rows = onDisk<{ sip_call_id: string; contact_id: string }>(`SELECT sip_call_id, contact_id FROM calls WHERE sip_call_id LIKE '%@simulation.accueil.invalid'`);
    expect(rows).toEqual([{ sip_call_id: expect.any(String), contact_id: DEMO_FIXTURES.mobileContact.contactId }]);
  });

  it('rings the running console from the command line; a missed simulation lands on the callback list', async () => {
    const result = cli('simulate-call', DEMO_FIXTURES.unknownNumber.dial, '--missed', '--data-dir', product.dataDir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('La console sonne');
    // François's simulated call may still be in progress: the new one rings as a tab beside it.
    await page.locator('[data-testid="call-tab"][data-state="ringing"]').waitFor({ timeout: 10_000 });
    await expect.poll(
      () => onDisk<{ n: number }>(`SELECT count(*) AS n FROM callbacks WHERE number_e164 = ? AND state = 'open'`, DEMO_FIXTURES.unknownNumber.e164)[0]!.n,
      { timeout: 15_000 },
    ).toBe(1);
    await page.locator('[data-testid="callbacks-open"]').click();
    await page.locator(`[data-testid="callback-row"][data-number="${DEMO_FIXTURES.unknownNumber.e164}"]`).waitFor({ timeout: 10_000 });
  });

  it('says clearly that no console runs on a folder, and refuses bad usage', () => {
    const empty = tempDataDir('accueil-nocons-');
    try {
      const none = cli('simulate-call', '0612345678', '--data-dir', empty);
      expect(none.status).toBe(1);
      expect(none.stderr).toMatch(/aucune console Accueil n'est lancée/);
      expect(cli('simulate-call', '--data-dir', empty).status).toBe(2);
      expect(cli('simulate-call', '0612345678', '--answered', '--missed', '--data-dir', empty).status).toBe(2);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
