import { openStore } from '../../electron/services/store';
/**
 * Templates sent for real: a demo workspace in a SQLite file, the composer and the SMTP sender, and an
 * SMTP server on loopback (plain, STARTTLS, implicit TLS; with and without a login). Each message
 * received is decoded and checked: subject, merged body, no field left, accents, HTML escaped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoWorkspace, DEMO_FIXTURES } from '../../electron/services/demo';
import type { AccueilStore } from '../../electron/services/store';
import { EmailComposer } from '../../electron/services/templates/email-composer';
import { frenchLongDate } from '../../electron/services/shared/merge-fields';
import { TemplateLibrary } from '../../electron/services/templates/template-library';
import { SmtpSender } from '../../electron/services/templates/mail/smtp-sender';
import type { SmtpConfig } from '../../electron/services/settings/settings-service';
import { RecordingOutbox } from '../support/recording-mail';
import { freePort } from '../support/ports';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox';

const FRANCOIS = DEMO_FIXTURES.mobileContact.contactId;
// The demo and the composer read one pinned clock, so the dates in subjects are the same on every run
// — and in December, so the month name carries an accent (« décembre ») as it does in février and août.
const NOW = new Date('2026-12-02T09:30:00Z');
const SENDER = { agentName: 'Claire Moreau', companyName: 'Durand Chauffage & Fils', companyPhone: '02 99 00 11 22', reviewUrl: 'https://avis.example/durand' };

let dir: string;
let store: AccueilStore;
let library: TemplateLibrary;
let inbox: SmtpInbox | null = null;
let hostileId: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-mail-'));
  store = openStore(path.join(dir, 'accueil.db'));
  generateDemoWorkspace(store, { contacts: 30, seed: 42, now: NOW });
  library = new TemplateLibrary(store);
  library.seedDefaults();
  hostileId = store.contacts.insert({
    firstName: 'Françoise <script>alert("x")</script>',
    lastName: 'Lœuvre-Bègue <img src=x onerror=alert(1)>',
    email: 'francoise@example.fr',
  });
});

afterEach(async () => {
  await inbox?.stop();
  inbox = null;
});

afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function config(port: number, over: Partial<SmtpConfig> = {}): SmtpConfig {
  return {
    host: '127.0.0.1', port, security: 'none', user: '', password: '', fromAddress: 'accueil@durand.example', fromName: 'Claire Moreau',
    companyName: '', companyPhone: '', reviewUrl: '', caFile: null, ...over,
  };
}

function composerFor(smtp: SmtpConfig) {
  const outbox = new RecordingOutbox();
  const composer = new EmailComposer(store, library, () => SENDER, new SmtpSender(() => smtp), outbox, () => NOW);
  return { composer, outbox };
}

function caFile(pem: string): string {
  const file = path.join(dir, `ca-${Math.random().toString(36).slice(2)}.pem`);
  fs.writeFileSync(file, pem);
  return file;
}

const emailsOf = (contactId: string) => store.history.for({ kind: 'contact', id: contactId }, 500).filter((i) => i.kind === 'email');
let draftSeq = 0;
const draftId = () => `mail-it-${++draftSeq}`;

describe('sending a template over SMTP', () => {
  it('delivers a relance de devis merged for François, text and HTML, accents intact, logged and queued', async () => {
    inbox = await startSmtpInbox();
    const { composer, outbox } = composerFor(config(inbox.port));
    const id = draftId();
    const sent = await composer.send({ draftId: id, templateId: 'tpl-relance-devis-j7', contactId: FRANCOIS, companyId: null, values: {} });
    const mail = await inbox.next();

    expect(mail.envelopeTo).toEqual(['francois.lefevre@orange.fr']);
    expect(mail.subject).toBe(sent.subject);
    expect(mail.subject).toMatch(/^Votre devis \S+ — avez-vous des questions \?$/);
    expect(mail.from).toContain('accueil@durand.example');
    expect(mail.text).toContain('Bonjour François Lefèvre,');
    expect(mail.text).toContain('Remplacement chaudière gaz à condensation');
    expect(mail.text.replace(/\s/g, ' ')).toContain('4 850,00 € TTC');
    expect(mail.text).toContain('Durand Chauffage & Fils — 02 99 00 11 22');
    expect(mail.text).not.toMatch(/\{\{|\}\}/);
    expect(mail.html).toContain('Bonjour François Lefèvre,');
    expect(mail.html).toContain('Durand Chauffage &amp; Fils');
    expect(mail.html).not.toMatch(/\{\{|\}\}/);
    expect(mail.headers.get('content-type')).toMatch(/multipart\/alternative/);

    expect(emailsOf(FRANCOIS).some((e) => e.id === sent.emailId)).toBe(true);
    expect(outbox.items).toEqual([{ kind: 'email', localId: sent.emailId, op: 'create' }]);
    expect(store.templates.getDraft(id)).toBeNull();
  });

  it('keeps hostile CRM content as text: escaped in HTML, œ ç è é € intact in both parts', async () => {
    inbox = await startSmtpInbox();
    const { composer } = composerFor(config(inbox.port));
    await composer.send({
      draftId: draftId(), templateId: null, contactId: hostileId, companyId: null, values: {},
      subject: 'Cœur de chauffe — {{contact.prenom}}',
      body: 'Bonjour {{contact.prenom}} {{contact.nom}},\n\nMontant : 12 € ; reçu, élevé, très bien.\n\n{{agent.prenom}}',
    });
    const mail = await inbox.next();
    expect(mail.subject).toBe('Cœur de chauffe — Françoise <script>alert("x")</script>');
    expect(mail.text).toContain('Bonjour Françoise <script>alert("x")</script> Lœuvre-Bègue <img src=x onerror=alert(1)>,');
    expect(mail.text).toContain('Montant : 12 € ; reçu, élevé, très bien.');
    expect(mail.html).not.toMatch(/<script|<img/);
    expect(mail.html).toContain('Françoise &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Lœuvre-Bègue &lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('Montant : 12 € ; reçu, élevé, très bien.');
  });

  it('logs in over STARTTLS (self-signed certificate trusted through its CA file)', async () => {
    inbox = await startSmtpInbox({ tls: 'starttls', auth: { user: 'claire', pass: 'pâte-à-choux' } });
    const { composer } = composerFor(config(inbox.port, { security: 'starttls', user: 'claire', password: 'pâte-à-choux', caFile: caFile(inbox.cert!) }));
    await composer.send({ draftId: draftId(), templateId: 'tpl-confirmation-rdv', contactId: FRANCOIS, companyId: null, values: {} });
    const mail = await inbox.next();
    expect(inbox.logins).toEqual([{ user: 'claire', ok: true }]);
    // The date is the visit the composer chose for François, in French letters with its accents.
    const visit = store.interventions.aroundNow({ kind: 'contact', id: FRANCOIS }, NOW)
      .filter((v) => v.status === 'planifiee' && Date.parse(v.scheduledAt) >= NOW.getTime() - 4 * 3_600_000)
      .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))[0];
    expect(visit).toBeDefined();
    expect(mail.subject).toBe(`Confirmation de votre rendez-vous du ${frenchLongDate(new Date(visit!.scheduledAt))}`);
    expect(mail.subject).toMatch(/^Confirmation de votre rendez-vous du \p{Ll}+ \d{1,2} \p{Ll}+ \d{4}$/u);
    expect(mail.text).toContain('Entretien chaudière gaz');
  });

  it('logs in over TLS from the first byte (port 465 style)', async () => {
    inbox = await startSmtpInbox({ tls: 'implicit', auth: { user: 'claire', pass: 'secret' } });
    const { composer } = composerFor(config(inbox.port, { security: 'tls', user: 'claire', password: 'secret', caFile: caFile(inbox.cert!) }));
    await composer.send({ draftId: draftId(), templateId: 'tpl-demande-photos', contactId: FRANCOIS, companyId: null, values: {} });
    expect((await inbox.next()).subject).toBe('Pouvez-vous nous envoyer quelques photos ?');
  });

  it('says the password was refused, and keeps the draft with nothing logged', async () => {
    inbox = await startSmtpInbox({ tls: 'starttls', auth: { user: 'claire', pass: 'right' } });
    const { composer, outbox } = composerFor(config(inbox.port, { security: 'starttls', user: 'claire', password: 'wrong', caFile: caFile(inbox.cert!) }));
    const id = draftId();
    const before = emailsOf(FRANCOIS).length;
    const body = 'Texte retouché par Claire pour {{contact.prenom}}.';
    await expect(composer.send({ draftId: id, templateId: 'tpl-relance-devis-j7', contactId: FRANCOIS, companyId: null, values: {}, body })).rejects.toThrow(
      /a refusé l’identifiant ou le mot de passe : vérifiez-les dans Paramètres › E-mail\. Le brouillon est conservé\./,
    );
    expect(inbox.logins).toEqual([{ user: 'claire', ok: false }]);
    expect(inbox.received).toHaveLength(0);
    expect(store.templates.getDraft(id)).toMatchObject({ body, lastError: expect.stringMatching(/mot de passe/) });
    expect(emailsOf(FRANCOIS)).toHaveLength(before);
    expect(outbox.items).toEqual([]);
  });

  it('refuses an untrusted certificate with a TLS message', async () => {
    inbox = await startSmtpInbox({ tls: 'starttls' });
    const { composer } = composerFor(config(inbox.port, { security: 'starttls' }));
    const id = draftId();
    await expect(composer.send({ draftId: id, templateId: 'tpl-demande-photos', contactId: FRANCOIS, companyId: null, values: {} })).rejects.toThrow(
      /Connexion chiffrée impossible avec 127\.0\.0\.1:\d+ .*certificat/,
    );
    expect(inbox.received).toHaveLength(0);
    expect(store.templates.getDraft(id)).not.toBeNull();
  });

  it('does not send the password in clear to a server without STARTTLS', async () => {
    inbox = await startSmtpInbox({ tls: 'none' });
    const { composer } = composerFor(config(inbox.port, { security: 'starttls', user: 'claire', password: 'secret' }));
    await expect(composer.send({ draftId: draftId(), templateId: 'tpl-demande-photos', contactId: FRANCOIS, companyId: null, values: {} })).rejects.toThrow(
      /ne propose pas STARTTLS/,
    );
    expect(inbox.logins).toEqual([]);
    expect(inbox.received).toHaveLength(0);
  });

  it('says the connection was refused when no server listens', async () => {
    const port = await freePort('tcp');
    const { composer } = composerFor(config(port));
    const id = draftId();
    await expect(composer.send({ draftId: id, templateId: 'tpl-demande-photos', contactId: FRANCOIS, companyId: null, values: {} })).rejects.toThrow(
      new RegExp(`Connexion refusée par 127\\.0\\.0\\.1:${port}`),
    );
    expect(store.templates.getDraft(id)?.lastError).toMatch(/Connexion refusée/);
  });

  it('says the recipient was refused', async () => {
    inbox = await startSmtpInbox({ refuseRecipients: ['nobody@example.fr'] });
    const { composer } = composerFor(config(inbox.port));
    await expect(
      composer.send({ draftId: draftId(), templateId: 'tpl-demande-photos', contactId: FRANCOIS, companyId: null, values: {}, to: 'nobody@example.fr' }),
    ).rejects.toThrow(/a refusé le destinataire .*vérifiez l’adresse/);
    expect(inbox.received).toHaveLength(0);
  });

  it('checks a connection and a login without sending ("Tester la connexion")', async () => {
    inbox = await startSmtpInbox({ tls: 'starttls', auth: { user: 'claire', pass: 'ok' } });
    const sender = new SmtpSender(() => config(inbox!.port, { security: 'starttls', user: 'claire', password: 'ok', caFile: caFile(inbox!.cert!) }));
    await expect(sender.verify()).resolves.toMatch(/Connexion réussie à 127\.0\.0\.1:\d+ \(identifiant claire accepté\)/);
    const wrong = new SmtpSender(() => config(inbox!.port, { security: 'starttls', user: 'claire', password: 'no', caFile: caFile(inbox!.cert!) }));
    await expect(wrong.verify()).rejects.toThrow(/refusé l’identifiant ou le mot de passe/);
    expect(inbox.received).toHaveLength(0);
  });
});
