/**
 * End to end, as Claire would live it: François Lefèvre calls (real SIP call through Kamailio), his
 * pop suggests the relance de devis; she opens it, the preview shows his values, she sends; the SMTP
 * server started by this test on loopback receives the message. The product is pointed at it with
 * ACCUEIL_SMTP_* as IT would.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import type { KamailioServer } from '../support/kamailio';
import { placeCall } from '../support/sipp';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox';
import { ARTIFACTS, startAgentConsole, type AgentConsole } from '../support/web-mode';

let kamailio: KamailioServer;
let inbox: SmtpInbox;
let page: Page;

let agentConsole: AgentConsole;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  agentConsole = await startAgentConsole({
    viewport: { width: 1366, height: 900 },
    env: {
      ACCUEIL_SMTP_HOST: '127.0.0.1',
      ACCUEIL_SMTP_PORT: String(inbox.port),
      ACCUEIL_SMTP_SECURITY: 'none',
      ACCUEIL_SMTP_FROM: 'accueil@durand.example',
      ACCUEIL_SMTP_FROM_NAME: 'Claire Moreau',
    },
  });
  ({ kamailio, page } = agentConsole);
}, 90_000);

afterAll(async () => {
  await agentConsole?.stop();
  await inbox?.stop();
});

describe('templates in the browser', () => {
  it('saves the signature in Paramètres › E-mail, the SMTP server coming from ACCUEIL_SMTP_*', async () => {
    await page.locator('[data-testid="settings-link"]').click();
    const form = page.locator('[data-testid="settings-mail-form"]');
    await form.locator('[data-testid="mail-env-note"]').waitFor({ timeout: 10_000 });
    await expect(form.locator('[data-testid="mail-host"]').inputValue()).resolves.toBe('127.0.0.1');
    await expect(form.locator('[data-testid="mail-port"]').inputValue()).resolves.toBe(String(inbox.port));
    await form.locator('[data-testid="mail-companyName"]').fill('Durand Chauffage & Fils');
    await form.locator('[data-testid="mail-companyPhone"]').fill('02 99 00 11 22');
    await form.locator('[data-testid="mail-save"]').click();
    await form.locator('[data-testid="mail-saved"]').waitFor({ timeout: 10_000 });
    await form.locator('[data-testid="mail-test"]').click();
    await expect(form.locator('[data-testid="mail-tested"]').innerText({ timeout: 10_000 })).resolves.toContain(`127.0.0.1:${inbox.port}`);
    await page.keyboard.press('Escape');
  });

  it('sends the relance de devis suggested by François’s pop, merged for him, to the SMTP server', async () => {
    const call = placeCall({ kamailio, to: 'claire', from: '0612345678', scenario: 'ring-then-cancel', holdMs: 4_000 });
    const pop = page.locator('[data-testid="pop"]');
    await pop.locator('[data-testid="pop-contact-name"]').waitFor({ timeout: 10_000 });
    await expect(pop.locator('[data-testid="pop-contact-name"]').innerText()).resolves.toContain(DEMO_FIXTURES.mobileContact.name);

    const relance = pop.locator('[data-testid="pop-templates"] [data-testid="template-item"]', { hasText: 'Relance de devis (J+7)' });
    await relance.locator('summary').click();
    await relance.locator('[data-testid="template-compose"]').click();

    const composer = page.locator('[data-testid="composer"]');
    const body = composer.locator('[data-testid="preview-body"]');
    await body.locator('mark[data-field="contact.prenom"]').waitFor({ timeout: 10_000 });
    const previewText = await body.innerText();
    expect(previewText).toContain('Bonjour François Lefèvre,');
    expect(previewText).toContain('Remplacement chaudière gaz à condensation');
    expect(previewText).not.toContain('{{');
    expect(await composer.locator('[data-testid="composer-missing"]').count()).toBe(0);
    await expect(composer.locator('[data-testid="composer-to"]').inputValue()).resolves.toBe('francois.lefevre@orange.fr');
    const subject = await composer.locator('[data-testid="preview-subject"]').innerText();
    await page.screenshot({ path: path.join(ARTIFACTS, 'template-composer.png') });

    await composer.locator('[data-testid="composer-send"]').click();
    const mail = await inbox.next(15_000);
    await composer.locator('[data-testid="composer-sent"]').waitFor({ timeout: 10_000 });

    expect(mail.envelopeTo).toEqual(['francois.lefevre@orange.fr']);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain('Bonjour François Lefèvre,');
    expect(mail.text.replace(/\s/g, ' ')).toContain('4 850,00 € TTC');
    expect(mail.text).not.toMatch(/\{\{|\}\}/);
    expect(mail.text).toContain('Durand Chauffage & Fils — 02 99 00 11 22');
    expect(mail.html).toContain('Durand Chauffage &amp; Fils');
    expect(mail.html).toContain('Remplacement chaudière gaz à condensation');
    await call;
  });

  it('warns about empty fields and sends only once Claire has filled them', async () => {
    await page.locator('[data-testid="composer"] [data-testid="composer-close"]').click().catch(() => {});
    await page.locator('[data-testid="templates-link"]').click();
    const library = page.locator('[data-testid="template-library"]');
    await library.locator('[data-testid="template-search"]').fill('facture impayee');
    const item = library.locator('[data-testid="library-item"][data-template-id="tpl-relance-facture"]');
    await item.waitFor({ timeout: 5_000 });
    // The filtered list replaces the full one when the search answers: wait for it, then count.
    await expect.poll(() => library.locator('[data-testid="library-item"]').count(), { timeout: 5_000 }).toBe(1);
    await item.locator('[data-testid="library-use"]').click();

    const composer = page.locator('[data-testid="composer"]');
    const missing = composer.locator('[data-testid="composer-missing"]');
    await missing.waitFor({ timeout: 10_000 });
    await composer.locator('[data-testid="composer-to"]').fill('client@example.fr');
    const keys = await missing.locator('[data-testid="missing-field"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    expect(keys).toEqual(expect.arrayContaining(['contact.prenom', 'contact.nom', 'facture.numero', 'facture.montant']));
    expect(await composer.locator('[data-testid="composer-send"]').isDisabled()).toBe(true);

    await composer.locator('[data-testid="composer-body"]').fill('Bonjour,\n\nFacture {{facture.numero}} : {{facture.montant}} TTC.\n\n{{agent.prenom}}');
    // Typed as a person types, with a pause: the box keeps its place and the focus while the preview
    // catches up (it used to vanish once the value filled the field, and the rest of the text was lost).
    const number = composer.locator('[data-testid="fill-facture.numero"]');
    await number.click();
    await page.keyboard.type('FA-2024', { delay: 20 });
    await page.waitForTimeout(1_200);
    await page.keyboard.type('-0420', { delay: 20 });
    await expect(number.inputValue()).resolves.toBe('FA-2024-0420');
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('fill-facture.numero');
    await composer.locator('[data-testid="fill-facture.montant"]').fill('312,40 €');
    await composer.locator('[data-testid="composer-subject"]').fill('Rappel : facture {{facture.numero}}');
    await missing.getByText('tout est rempli').waitFor({ timeout: 10_000 });
    await expect(composer.locator('[data-testid="fill-facture.montant"]').inputValue()).resolves.toBe('312,40 €');
    await composer.locator('[data-testid="composer-send"]').click();
    const mail = await inbox.next(15_000);
    expect(mail.subject).toBe('Rappel : facture FA-2024-0420');
    expect(mail.text).toBe('Bonjour,\n\nFacture FA-2024-0420 : 312,40 € TTC.\n\nClaire');
  });
});
