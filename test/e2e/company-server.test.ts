/**
 * The company server in Chromium: three people in three browser contexts sign in on the sign-in
 * page (keyboard only), each sees the console as themselves; a wrong password is refused in a
 * sentence; a person chooses a password from a one-time link; a disabled person's open console
 * goes back to the sign-in page at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { launchChromium } from '../support/web-mode';
import { choosePassword, startCompanyServer, type CompanyServer } from '../support/company-server';

let server: CompanyServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startCompanyServer([
    { login: 'gaetan', role: 'admin', name: 'Gaëtan Leroy' },
    { login: 'claire', role: 'agent', name: 'Claire Martin', sipUser: 'claire' },
    { login: 'bob', role: 'agent', name: 'Bob Durand', sipUser: 'bob' },
  ]);
  await choosePassword(server, 'gaetan', 'gaetan au standard 2026');
  await choosePassword(server, 'bob', 'bob au standard 2026');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, login: string, password: string) {
  await page.goto(server.origin);
  await page.getByTestId('login-page').waitFor();
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

describe('the company server in the browser', () => {
  it('lets Claire choose her password from her one-time link', async () => {
    const page = await newPage();
    await page.goto(server.links.get('claire')!);
    await expect.poll(() => page.getByTestId('password-page').textContent()).toContain('Compte « claire » (Claire Martin)');
    await page.keyboard.type('court');
    await page.keyboard.press('Tab');
    await page.keyboard.type('court');
    await page.keyboard.press('Enter');
    // The browser's own check (minlength) or the server's sentence: nothing saved either way.
    await page.locator('input[name="new-password"]').fill('claire au standard 2026');
    await page.locator('input[name="new-password-again"]').fill('claire au standard 2026');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('password-page').textContent()).toContain('Mot de passe enregistré');
    // The same link a second time is refused in a sentence (a fresh load: same URL, only the fragment).
    await page.goto('about:blank');
    await page.goto(server.links.get('claire')!);
    await expect.poll(() => page.getByTestId('password-error').textContent()).toContain('Ce lien n’est plus valable');
  });

  it('signs three people in, each seeing the console as themselves, and refuses a wrong password in a sentence', async () => {
    const [claire, gaetan, bob] = [await newPage(), await newPage(), await newPage()];
    await signIn(bob, 'bob', 'pas le bon mot de passe');
    await expect.poll(() => bob.getByTestId('login-error').textContent()).toBe('Identifiant ou mot de passe incorrect.');
    await signIn(claire, 'claire', 'claire au standard 2026');
    await signIn(gaetan, 'gaetan', 'gaetan au standard 2026');
    await signIn(bob, 'bob', 'bob au standard 2026');
    for (const [page, name] of [[claire, 'Claire Martin'], [gaetan, 'Gaëtan Leroy'], [bob, 'Bob Durand']] as const) {
      await expect.poll(() => page.getByTestId('account-chip').textContent(), { timeout: 15_000 }).toContain(`Connecté : ${name}`);
    }

    // Gaëtan disables Bob (through his own session, as the admin screen would): Bob's console ends at once.
    const token = ((await (await fetch(`${server.origin}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'gaetan', password: 'gaetan au standard 2026' }) })).json()) as { token: string }).token;
    const admin = new WebSocket(`${server.origin.replace('http', 'ws')}/ws?session=${token}`, { headers: { Origin: server.origin } });
    await new Promise((resolve) => admin.once('open', resolve));
    const disabledAt = Date.now();
    admin.send(JSON.stringify({ t: 'call', id: 1, name: 'accounts.disable', input: { login: 'bob' } }));
    await bob.getByTestId('login-page').waitFor({ timeout: 5_000 });
    expect(Date.now() - disabledAt).toBeLessThan(2_000);
    await expect.poll(() => bob.getByTestId('login-error').textContent()).toContain('Votre session a pris fin');
    admin.close();
    // The others keep working.
    await expect.poll(() => claire.getByTestId('account-chip').textContent()).toContain('Claire Martin');

    // Sign-out ends the session: back to the sign-in page.
    await claire.getByRole('button', { name: 'Se déconnecter' }).click();
    await claire.getByTestId('login-page').waitFor();
  });
});
