/**
 * The wall screen, end to end: `accueil serve` as a supervisor workstation on the demo workspace,
 * watching claire, bob and the hunt group on a real Kamailio; Chromium opens the read-only
 * wallboard address at 1920×1080 while sipp calls wait in the queue. The screenshot is kept as
 * test-results/wallboard-1080p.png for a person to judge readability.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startKamailio, type KamailioServer } from '../support/kamailio';
import { placeCall } from '../support/sipp';
import { ARTIFACTS, launchChromium, serve, type ServedProduct } from '../support/web-mode';

let kamailio: KamailioServer;
let product: ServedProduct;
let browser: Browser;
let wall: Page;

beforeAll(async () => {
  kamailio = await startKamailio({ presence: true });
  product = await serve({
    env: {
      ACCUEIL_SIP_WS_URL: kamailio.wsUrl,
      ACCUEIL_SIP_URI: 'sip:claire@127.0.0.1',
      ACCUEIL_SIP_PASSWORD: 'not-checked-by-this-registrar',
      ACCUEIL_ROLE: 'supervisor',
      ACCUEIL_SUPERVISION_EXTENSIONS: 'claire:Claire Martin,bob:Bob Durand',
      ACCUEIL_SUPERVISION_QUEUE: 'queue',
    },
  });
  browser = await launchChromium();
  wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await kamailio?.stop();
  if (product) fs.rmSync(product.dataDir, { recursive: true, force: true });
});

describe('wallboard', () => {
  it('shows the live queue, the agents and the day’s figures full-screen, with nothing to click', async () => {
    // `accueil serve` prints the wall screen's address on the line after the console's.
    let wallboardUrl = product.wallboardUrl;
    for (let i = 0; i < 100 && !wallboardUrl; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      wallboardUrl = /Écran mural \(lecture seule\) : (http:\/\/\S+)/.exec(product.output())?.[1] ?? '';
    }
    expect(wallboardUrl).toMatch(/\/wallboard#token=/);
    await wall.goto(wallboardUrl);
    await wall.locator('[data-testid="wallboard"]').waitFor({ timeout: 15_000 });
    await wall.locator('[data-testid="live-source"][data-state="live"]').waitFor({ timeout: 15_000 });
    await wall.locator('[data-testid="agent-claire"][data-state="available"]').waitFor({ timeout: 15_000 });

    // Two customers wait in the hunt group; claire's console rings but never answers (CTI).
    const first = placeCall({ kamailio, to: 'queue', from: '0612345678', displayName: 'F LEFEVRE', scenario: 'ring-then-cancel', holdMs: 9_000, timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const second = placeCall({ kamailio, to: 'queue', from: '0698765432', scenario: 'ring-then-cancel', holdMs: 6_000, timeoutMs: 30_000 });
    await wall.locator('[data-testid="waiting-count"]', { hasText: '2' }).waitFor({ timeout: 10_000 });
    const names = await wall.locator('[data-testid="waiting-call"]').allInnerTexts();
    expect(names[0]).toContain('François Lefèvre');
    // The oldest waits longest; the clocks count up in the page.
    // Page-side code: this file is typechecked for Node (no DOM types), hence the narrow casts.
    await wall.waitForFunction(
      () => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ textContent: string | null }> } }).document;
        const times = [...doc.querySelectorAll('[data-testid="waiting-time"]')].map((e) => e.textContent ?? '');
        return times.length === 2 && times[0] !== '0:00' && times[0]! > times[1]!;
      },
      undefined,
      { timeout: 5_000 },
    );
    await wall.locator('[data-testid="kpi-cards"]').waitFor();
    await wall.locator('[data-testid="forecast-chart"]').waitFor();
    await wall.locator('[data-testid="trend-chart"]').waitFor();
    await wall.locator('[data-testid="hourly-chart"]').waitFor();
    // Read-only: no control at all on the wall screen.
    expect(await wall.locator('button, input, select, textarea, a[href]').count()).toBe(0);
    await wall.screenshot({ path: path.join(ARTIFACTS, 'wallboard-1080p.png') });
    // Everything fits the screen: nothing scrolls out of sight on a wall.
    const overflow = (await wall.evaluate('({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth })')) as { h: number; w: number };
    expect(overflow.w).toBeLessThanOrEqual(1920);
    expect(overflow.h).toBeLessThanOrEqual(1080);

    await Promise.all([first, second]);
    await wall.locator('[data-testid="waiting-count"]', { hasText: '0' }).waitFor({ timeout: 10_000 });
  }, 60_000);

  it('cannot act even when the page itself tries: its socket is refused every write', { timeout: 20_000 }, async () => {
    const refused = await wall.evaluate(`(async () => {
      const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
      const ws = new WebSocket('ws://' + location.host + '/ws?token=' + encodeURIComponent(token));
      const results = [];
      await new Promise((resolve) => {
        ws.onmessage = (e) => {
          const frame = JSON.parse(String(e.data));
          if (frame.t === 'hello') {
            ws.send(JSON.stringify({ t: 'call', id: 1, name: 'supervision.updateSettings', input: { role: 'agent', extensions: [], queueNumber: '', wrapUpSeconds: 0 } }));
            ws.send(JSON.stringify({ t: 'call', id: 2, name: 'telephony.reconnect', input: {} }));
          } else if (frame.t === 'result') {
            results.push(frame.result);
            if (results.length === 2) resolve();
          }
        };
      });
      ws.close();
      return results;
    })()`);
    expect(refused).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) }),
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) }),
    ]);
  });

  it('opens the supervisor view from the agent console’s top bar when the role is supervisor', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(product.url);
    await page.locator('[data-testid="supervision-link"]').click({ timeout: 15_000 });
    await page.locator('[data-testid="supervisor-view"] [data-testid="kpi-cards"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="supervisor-view"] [data-testid="agent-claire"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="supervisor-view"]').waitFor({ state: 'detached' });
    await page.close();
  });
});
