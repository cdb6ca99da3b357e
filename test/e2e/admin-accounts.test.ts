/**
 * The administrator's « Comptes » screen in Chromium, on the company server: Gaëtan (admin) signs
 * in, adds Bob as an agent and copies his one-time link; Bob chooses his password from it in
 * another browser and signs in; Gaëtan disables Bob and Bob's console goes back to the sign-in
 * page; Gaëtan enables him again and gives him a new link from « Nouveau mot de passe »; the journal
 * says all of it in words. Claire (agent) sees no « Comptes » button and her session is refused
 * accounts.list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/web-mode';
import { choosePassword, startCompanyServer, type CompanyServer } from '../support/company-server';

let server: CompanyServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startCompanyServer([
    { login: 'gaetan', role: 'admin', name: 'Gaëtan Leroy' },
    { login: 'claire', role: 'agent', name: 'Claire Martin', sipUser: 'claire' },
  ]);
  await choosePassword(server, 'gaetan', 'gaetan au standard 2026');
  await choosePassword(server, 'claire', 'claire au standard 2026');
  browser = await launchChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function newPage(options: { clipboard?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, login: string, password: string, name: string) {
  await page.goto(server.origin);
  await page.getByTestId('login-page').waitFor();
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('account-chip').textContent(), { timeout: 15_000 }).toContain(`Connecté : ${name}`);
}

/** Chooses a password on the page a one-time link opens, as the person would. */
async function setPasswordFromLink(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.locator('input[name="new-password"]').waitFor();
  await page.keyboard.type(password);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  // scrypt on a busy machine takes its time: wait as for a sign-in.
  await expect.poll(() => page.getByTestId('password-page').textContent(), { timeout: 15_000 }).toContain('Mot de passe enregistré');
}

const row = (page: Page, login: string) => page.locator(`[data-testid="accounts-row"][data-login="${login}"]`);

describe('the accounts screen', () => {
  it('lets the administrator add Bob, who signs in with his link; disabling him ends his console; the journal tells it', async () => {
    const gaetan = await newPage({ clipboard: true });
    await signIn(gaetan, 'gaetan', 'gaetan au standard 2026', 'Gaëtan Leroy');
    await gaetan.getByRole('button', { name: 'Comptes' }).click();
    await gaetan.getByTestId('accounts-view').waitFor();
    await expect.poll(() => row(gaetan, 'claire').textContent()).toContain('Claire Martin');
    expect(await row(gaetan, 'gaetan').getByTestId('accounts-role').textContent()).toBe('administrateur');
    expect(await row(gaetan, 'claire').getByTestId('accounts-state').textContent()).toBe('actif');
    expect(await row(gaetan, 'claire').getByTestId('accounts-line').textContent()).toBe('claire');

    // Adding Bob, by the labels (keyboard: Tab from field to field, Enter submits).
    await gaetan.getByLabel('Identifiant', { exact: true }).click();
    await gaetan.keyboard.type('bob');
    await gaetan.keyboard.press('Tab');
    await gaetan.keyboard.type('Bob Durand');
    await gaetan.keyboard.press('Tab');
    await expect.poll(() => gaetan.evaluate('document.activeElement?.tagName')).toBe('SELECT');
    await gaetan.getByRole('combobox', { name: /^Rôle/ }).selectOption({ label: 'agent' });
    await gaetan.getByLabel('Ligne SIP (facultatif)').fill('bob');
    await gaetan.getByLabel('Ligne SIP (facultatif)').press('Enter');
    const linkField = gaetan.getByLabel('Lien à usage unique pour bob');
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/^http:\/\/\S+\/mot-de-passe#jeton=\S+$/);
    expect(await gaetan.getByTestId('accounts-link-box').textContent()).toContain('Lien à donner à Bob Durand');
    await gaetan.getByRole('button', { name: 'Copier' }).click();
    await expect.poll(() => gaetan.getByTestId('accounts-link-status').textContent()).toBe('Lien copié.');
    expect(await gaetan.evaluate('navigator.clipboard.readText()')).toBe(link);
    expect(await row(gaetan, 'bob').getByTestId('accounts-state').textContent()).toBe('mot de passe à choisir');
    expect(await row(gaetan, 'bob').getByTestId('accounts-role').textContent()).toBe('agent');

    // The same login again is refused in a sentence, never a code.
    await gaetan.getByLabel('Identifiant', { exact: true }).fill('bob');
    await gaetan.getByLabel('Nom', { exact: true }).fill('Un autre Bob');
    await gaetan.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await expect.poll(() => gaetan.getByTestId('accounts-add-error').textContent()).toBe('L’identifiant « bob » existe déjà.');
    expect(await gaetan.getByLabel('Identifiant', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await gaetan.evaluate("document.querySelector('.centre-scroll').scrollTop = 0");
    await gaetan.screenshot({ path: path.join(ARTIFACTS, 'admin-accounts.png') });

    // Bob, in his own browser, chooses his password from the link, then signs in.
    const bob = await newPage();
    await setPasswordFromLink(bob, link, 'bob au standard 2026');
    await signIn(bob, 'bob', 'bob au standard 2026', 'Bob Durand');
    expect(await bob.getByRole('button', { name: 'Comptes' }).count()).toBe(0);
    await gaetan.getByRole('button', { name: 'Actualiser' }).click();
    await expect.poll(() => row(gaetan, 'bob').getByTestId('accounts-state').textContent()).toBe('actif');

    // Esc closes a dialog and leaves the view where it is; the line changes from its dialog.
    await row(gaetan, 'bob').getByRole('button', { name: 'Changer la ligne de Bob Durand' }).click();
    await gaetan.getByTestId('accounts-dialog').waitFor();
    await gaetan.keyboard.press('Escape');
    await expect.poll(() => gaetan.getByTestId('accounts-dialog').count()).toBe(0);
    expect(await gaetan.getByTestId('accounts-view').count()).toBe(1);
    // Focus went back to the button that opened the dialog.
    expect(await gaetan.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('Changer la ligne de Bob Durand');
    await gaetan.keyboard.press('Enter');
    const lineField = gaetan.getByTestId('accounts-dialog').getByLabel('Ligne SIP');
    await expect.poll(() => gaetan.evaluate('document.activeElement?.id')).toBe('admin-dialog-line');
    await lineField.fill('claire');
    await gaetan.keyboard.press('Enter');
    await expect.poll(() => gaetan.getByTestId('accounts-dialog-error').textContent()).toBe('Le compte SIP « claire » est déjà celui d’une autre personne.');
    await lineField.fill('bob2');
    await gaetan.keyboard.press('Enter');
    await expect.poll(() => gaetan.getByTestId('accounts-dialog').count()).toBe(0);
    expect(await row(gaetan, 'bob').getByTestId('accounts-line').textContent()).toBe('bob2');

    // Disabling Bob, after the confirmation: his console goes back to the sign-in page at once.
    await row(gaetan, 'bob').getByRole('button', { name: 'Désactiver Bob Durand' }).click();
    const dialog = gaetan.getByRole('dialog', { name: 'Désactiver le compte de Bob Durand ?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('ses consoles ouvertes reviennent tout de suite à la page de connexion');
    await dialog.getByRole('button', { name: 'Désactiver le compte' }).click();
    await bob.getByTestId('login-page').waitFor({ timeout: 5_000 });
    await expect.poll(() => bob.getByTestId('login-error').textContent()).toContain('Votre session a pris fin');
    await expect.poll(() => row(gaetan, 'bob').getByTestId('accounts-state').textContent()).toBe('désactivé');

    // Enabled again, and a new password from « Nouveau mot de passe »: a new link, which works.
    await row(gaetan, 'bob').getByRole('button', { name: 'Réactiver Bob Durand' }).click();
    await gaetan.getByRole('button', { name: 'Réactiver le compte' }).click();
    await expect.poll(() => row(gaetan, 'bob').getByTestId('accounts-state').textContent()).toBe('actif');
    await row(gaetan, 'bob').getByRole('button', { name: 'Nouveau mot de passe pour Bob Durand' }).click();
    await gaetan.getByRole('button', { name: 'Effacer et créer un lien' }).click();
    await expect.poll(() => gaetan.getByTestId('accounts-link-box').textContent()).toContain('Ancien mot de passe de « bob » effacé');
    const newLink = await gaetan.getByLabel('Lien à usage unique pour bob').inputValue();
    expect(newLink).not.toBe(link);
    expect(await row(gaetan, 'bob').getByTestId('accounts-state').textContent()).toBe('mot de passe à choisir');
    await setPasswordFromLink(bob, newLink, 'bob change de mot de passe');
    await signIn(bob, 'bob', 'bob change de mot de passe', 'Bob Durand');

    // The journal, in words: who did what to whom, from where, when (French date).
    await gaetan.getByRole('tab', { name: 'Journal' }).click();
    await expect.poll(() => gaetan.getByTestId('audit-row').count()).toBeGreaterThan(5);
    const lines = await gaetan.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(lines).toContainEqual([expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/), 'Compte créé — rôle agent, ligne bob', 'gaetan', 'bob', '127.0.0.1']);
    expect(lines).toContainEqual([expect.any(String), 'Ligne changée — bob → bob2', 'gaetan', 'bob', '127.0.0.1']);
    expect(lines).toContainEqual([expect.any(String), 'Compte désactivé', 'gaetan', 'bob', '127.0.0.1']);
    expect(lines).toContainEqual([expect.any(String), 'Mot de passe choisi', 'bob', 'bob', '127.0.0.1']);
    expect(lines).toContainEqual([expect.any(String), 'Connexion', 'bob', 'bob', '127.0.0.1']);
    // Keyboard: the arrow keys go from tab to tab.
    await gaetan.keyboard.press('ArrowLeft');
    await expect.poll(() => gaetan.getByRole('tab', { name: 'Personnes' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows an agent no « Comptes » button, and refuses her accounts.list', async () => {
    const claire = await newPage();
    await signIn(claire, 'claire', 'claire au standard 2026', 'Claire Martin');
    await claire.getByTestId('help-button').waitFor();
    expect(await claire.getByRole('button', { name: 'Comptes' }).count()).toBe(0);
    expect(await claire.getByTestId('accounts-link').count()).toBe(0);
    // Alt+U does nothing for her.
    await claire.keyboard.press('Alt+u');
    expect(await claire.getByTestId('accounts-view').count()).toBe(0);
    // Her own session (the page's cookie), asking the server directly.
    const answer = await claire.evaluate(`new Promise((resolve, reject) => {
      const socket = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws');
      socket.onerror = () => reject(new Error('socket failed'));
      socket.onmessage = (event) => {
        const frame = JSON.parse(String(event.data));
        if (frame.t === 'hello') socket.send(JSON.stringify({ t: 'call', id: 1, name: 'accounts.list', input: {} }));
        if (frame.t === 'result' && frame.id === 1) {
          socket.close();
          resolve(frame.result);
        }
      };
    })`);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'contract.role_refused' } });
  });
});
