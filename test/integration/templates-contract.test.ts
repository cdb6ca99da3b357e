/**
 * The templates area through the contract, as the renderer reaches it: `createAccueil` on a data
 * directory, every call through the dispatcher (inputs and outputs validated), an SMTP server on
 * loopback configured by ACCUEIL_SMTP_* or by `mail.updateSettings`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import type { CallName, CallOutput } from '../../electron/contract/calls';
import type { Envelope } from '../../electron/contract/envelope';
import { DEMO_FIXTURES } from '../../electron/services/demo';
import { createMemoryLogger } from '../../electron/services/log';
import { openStore } from '../../electron/services/store';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox';

let dir: string;
let inbox: SmtpInbox;
let accueil: Accueil;
const FRANCOIS = DEMO_FIXTURES.mobileContact.contactId;

async function call<N extends CallName>(name: N, input: unknown, access: 'agent' | 'read-only' = 'agent'): Promise<Envelope<CallOutput<N>>> {
  return (await accueil.dispatch(name, input, { access })) as Envelope<CallOutput<N>>;
}
async function ok<N extends CallName>(name: N, input: unknown): Promise<CallOutput<N>> {
  const result = await call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-templates-'));
  inbox = await startSmtpInbox({ auth: { user: 'claire', pass: 'right' }, tls: 'starttls' });
  fs.writeFileSync(path.join(dir, 'ca.pem'), inbox.cert!);
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  // Until migration 0004 is listed (after 0002 and 0003), its tables are added here by hand.
  const store = openStore(path.join(dataDir, 'accueil.db'));
  store.close();
  accueil = await createAccueil({
    dataDir, mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, demoContacts: 20,
    env: { ACCUEIL_SMTP_HOST: '127.0.0.1', ACCUEIL_SMTP_PORT: String(inbox.port), ACCUEIL_SMTP_SECURITY: 'starttls', ACCUEIL_SMTP_CA_FILE: path.join(dir, 'ca.pem') },
  });
});

afterEach(() => {
  inbox.received.length = 0;
});

afterAll(async () => {
  await accueil?.close();
  await inbox?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('templates through the contract', () => {
  it('lists the 26 default templates and finds them without accents', async () => {
    expect(await ok('templates.list', { channel: 'email' })).toHaveLength(27);
    // The four default SMS templates, listed with them and apart.
    expect(await ok('templates.list', {})).toHaveLength(31);
    expect((await ok('templates.list', { channel: 'sms' })).map((t) => t.id)).toEqual(['sms-technicien-en-route', 'sms-confirmation-rdv', 'sms-rappel-rdv', 'sms-rapport-pret']);
    expect((await ok('templates.list', { query: 'pieces recues' })).map((t) => t.id)).toEqual(['tpl-pieces-recues']);
    expect((await ok('templates.fields', {})).map((f) => f.key)).toEqual(expect.arrayContaining(['contact.prenom', 'entreprise.nom', 'devis.numero', 'devis.montant', 'intervention.date', 'intervention.technicien', 'ticket.numero', 'agent.nom']));
  });

  it('refuses writes from a read-only (wallboard) connection', async () => {
    const result = await call('templates.save', { name: 'X', category: 'autre', subject: 'S', body: 'B' }, 'read-only');
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('saves the SMTP login and signature, the password only in the secret store', async () => {
    const settings = await ok('mail.updateSettings', {
      host: 'ignored.example', port: 587, security: 'starttls', user: 'claire', fromAddress: 'accueil@durand.example', fromName: 'Claire Moreau',
      companyName: 'Durand Chauffage', companyPhone: '02 99 00 11 22', reviewUrl: 'https://avis.example/durand', password: 'wrong',
    });
    expect(settings).toMatchObject({ host: '127.0.0.1', port: inbox.port, fromEnvironment: true, hasPassword: true, configured: true });
    expect(JSON.stringify(settings)).not.toContain('wrong');
    expect(fs.readFileSync(path.join(dir, 'data', 'settings.json'), 'utf8')).not.toContain('wrong');
    const { hasPassword: _h, fromEnvironment: _f, configured: _c, ...plain } = settings;
    const bad = await call('mail.updateSettings', { ...plain, fromAddress: 'pas une adresse' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/Adresse d’expéditeur invalide/) } });
  });

  it('keeps the draft when the login is refused, then sends once the password is right', async () => {
    const draft = { draftId: 'contract-draft-1', templateId: 'tpl-confirmation-rdv', contactId: FRANCOIS, companyId: null };
    const refused = await call('templates.send', draft);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/identifiant ou le mot de passe.*Le brouillon est conservé/) } });
    const drafts = await ok('templates.drafts', {});
    expect(drafts.find((d) => d.draftId === 'contract-draft-1')).toMatchObject({ templateId: 'tpl-confirmation-rdv', lastError: expect.stringMatching(/mot de passe/) });

    const current = await ok('mail.settings', {});
    const { hasPassword: _h, fromEnvironment: _f, configured: _c, ...plain } = current;
    await ok('mail.updateSettings', { ...plain, password: 'right' });
    const sent = await ok('templates.send', draft);
    const mail = await inbox.next();
    expect(mail.subject).toBe(sent.subject);
    expect(mail.text).toContain('Bonjour François Lefèvre,');
    expect(mail.text).toContain('Claire\nDurand Chauffage — 02 99 00 11 22');
    expect((await ok('templates.drafts', {})).some((d) => d.draftId === 'contract-draft-1')).toBe(false);
    const card = await ok('directory.contactCard', { contactId: FRANCOIS });
    expect(card.recent.find((i) => i.id === sent.emailId)).toMatchObject({ kind: 'email' });
  });

  it('refuses a recipient with a line break (header injection)', async () => {
    const result = await call('templates.send', { draftId: 'contract-draft-2', templateId: 'tpl-demande-photos', contactId: FRANCOIS, to: 'a@b.fr\r\nBcc: x@evil.test' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/retour à la ligne/) } });
    expect(inbox.received).toHaveLength(0);
  });

  it('creates, edits and deletes a template; a default deleted stays deleted after a restart', async () => {
    const created = await ok('templates.save', { name: 'Ramonage', category: 'ramonage', subject: 'Ramonage {{contact.nom}}', body: 'Bonjour {{contact.prenom}}' });
    await ok('templates.save', { ...created, subject: 'Ramonage annuel' });
    expect((await ok('templates.list', { category: 'ramonage' }))[0]?.subject).toBe('Ramonage annuel');
    const unknown = await call('templates.save', { ...created, body: '{{client.prenom}}' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/\{\{client\.prenom\}\}/) } });
    await ok('templates.delete', { id: 'tpl-absence-client' });

    await accueil.close();
    accueil = await createAccueil({ dataDir: path.join(dir, 'data'), mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false });
    const ids = (await ok('templates.list', {})).map((t) => t.id);
    expect(ids).not.toContain('tpl-absence-client');
    expect(ids).toContain(created.id);
  });
});
