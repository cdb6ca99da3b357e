import { openStore } from '../store';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../contract/envelope';
import { RecordingMail, RecordingOutbox } from '../../../test/support/recording-mail';
import { generateDemoWorkspace, DEMO_FIXTURES } from '../demo';
import { hostileAddresses } from '../../../test/support/hostile-text';
import { EmailComposer, checkRecipient, isOneAddress } from './email-composer';
import { checkMailSettings } from './template-area';
import { TemplateLibrary } from './template-library';

const NOW = new Date('2024-05-13T08:00:00Z');
const SENDER = { agentName: 'Claire Moreau', companyName: 'Durand Chauffage', companyPhone: '02 99 00 11 22', reviewUrl: 'https://avis.example/durand' };
const FRANCOIS = DEMO_FIXTURES.mobileContact.contactId;

function setup() {
  const store = openStore(':memory:');
  generateDemoWorkspace(store, { contacts: 30, seed: 42, now: NOW });
  const library = new TemplateLibrary(store);
  library.seedDefaults();
  const mail = new RecordingMail();
  const outbox = new RecordingOutbox();
  const composer = new EmailComposer(store, library, () => SENDER, mail, outbox, () => NOW);
  return { store, library, mail, outbox, composer };
}

const draft = (over: Record<string, unknown> = {}) => ({ draftId: 'draft-1', templateId: 'tpl-relance-devis-j7', contactId: FRANCOIS, companyId: null, values: {}, ...over });

describe('EmailComposer.preview', () => {
  it('merges a relance de devis for François with his sent devis, and nothing missing', () => {
    const { composer } = setup();
    const preview = composer.preview(draft());
    expect(preview.draft.to).toBe('francois.lefevre@orange.fr');
    expect(preview.draft.quoteId).not.toBeNull();
    expect(preview.missing).toEqual([]);
    expect(preview.text).toContain('Bonjour François Lefèvre,');
    expect(preview.text).toContain('Remplacement chaudière gaz à condensation');
    expect(preview.text.replace(/\s/g, ' ')).toContain('4 850,00 € TTC');
    const number = preview.choices.quotes.find((q) => q.id === preview.draft.quoteId)?.label.split(' · ')[0];
    expect(preview.subject).toBe(`Votre devis ${number} — avez-vous des questions ?`);
    expect(preview.text).not.toContain('{{');
    expect(preview.choices.quotes.length).toBeGreaterThan(0);
    expect(preview.blockers).toEqual([]);
  });

  it('picks the next planned visit for a confirmation de RDV', () => {
    const { composer } = setup();
    const preview = composer.preview(draft({ templateId: 'tpl-confirmation-rdv' }));
    expect(preview.text).toContain('Entretien chaudière gaz');
    expect(preview.subject).toBe('Confirmation de votre rendez-vous du mardi 14 mai 2024');
  });

  it('lists the empty fields (facture) and fills them from what Claire typed', () => {
    const { composer } = setup();
    const before = composer.preview(draft({ templateId: 'tpl-facture' }));
    expect(before.missing.map((m) => m.key)).toEqual(['facture.numero', 'facture.montant']);
    expect(before.bodySegments.filter((s) => s.state === 'empty').map((s) => s.field)).toContain('facture.montant');
    const after = composer.preview(draft({ templateId: 'tpl-facture', values: { 'facture.numero': 'FA-2024-0420', 'facture.montant': '312,40 €' } }));
    expect(after.missing).toEqual([]);
    expect(after.subject).toBe('Votre facture FA-2024-0420');
  });

  it('uses the edited text and flags a field typed by hand that does not exist', () => {
    const { composer } = setup();
    const preview = composer.preview(draft({ subject: 'Pour {{contact.prenom}}', body: 'Bonjour {{contact.prenon}}' }));
    expect(preview.subject).toBe('Pour François');
    expect(preview.missing).toEqual([{ key: 'contact.prenon', reason: 'unknown', label: null }]);
  });

  it('says when SMTP is not configured or the recipient has no address', () => {
    const { composer, mail } = setup();
    mail.configured = false;
    const preview = composer.preview(draft({ contactId: DEMO_FIXTURES.sharedLandline.contactIds[1] }));
    expect(preview.draft.to).toBe('');
    expect(preview.blockers).toHaveLength(2);
  });
});

describe('EmailComposer.send', () => {
  it('sends, logs the e-mail on the contact’s timeline, queues it for HubSpot and drops the draft', async () => {
    const { composer, store, mail, outbox } = setup();
    const sent = await composer.send(draft());
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]!.html).toContain('Bonjour François Lefèvre,');
    expect(outbox.items).toEqual([{ kind: 'email', localId: sent.emailId, op: 'create' }]);
    const timeline = store.history.for({ kind: 'contact', id: FRANCOIS }, 50);
    expect(timeline.find((i) => i.id === sent.emailId)).toMatchObject({ kind: 'email', title: `E-mail envoyé : ${sent.subject}` });
    expect(store.templates.getDraft('draft-1')).toBeNull();
  });

  it('refuses to send with an empty field, listing it, and keeps the draft with the reason', async () => {
    const { composer, store, mail } = setup();
    await expect(composer.send(draft({ templateId: 'tpl-facture' }))).rejects.toThrow(/2 champs ne sont pas remplis : \{\{facture\.numero\}\}.*\{\{facture\.montant\}\}/);
    expect(mail.sent).toHaveLength(0);
    const kept = store.templates.getDraft('draft-1');
    expect(kept?.templateId).toBe('tpl-facture');
    expect(kept?.lastError).toMatch(/champs ne sont pas remplis/);
    expect(composer.listDrafts()[0]).toMatchObject({ draftId: 'draft-1', recipientLabel: 'François Lefèvre' });
  });

  it('keeps the draft and logs nothing when the SMTP server refuses', async () => {
    const { composer, store, mail, outbox } = setup();
    mail.failWith = new ServiceError('unavailable', { reason: 'smtp.auth_refused', params: { server: 'smtp.durand.example:587' } });
    const before = store.history.for({ kind: 'contact', id: FRANCOIS }, 100).filter((i) => i.kind === 'email').length;
    await expect(composer.send(draft({ body: 'Texte retouché par Claire {{contact.prenom}}' }))).rejects.toThrow(/mot de passe/);
    expect(store.templates.getDraft('draft-1')).toMatchObject({ body: 'Texte retouché par Claire {{contact.prenom}}', lastError: expect.stringMatching(/mot de passe/) });
    expect(store.history.for({ kind: 'contact', id: FRANCOIS }, 100).filter((i) => i.kind === 'email')).toHaveLength(before);
    expect(outbox.items).toEqual([]);
  });

  it('writes the history line and the outbox item in one transaction', async () => {
    const { composer, store, outbox } = setup();
    outbox.failNext = true;
    const before = store.history.for({ kind: 'contact', id: FRANCOIS }, 100).filter((i) => i.kind === 'email').length;
    await expect(composer.send(draft())).rejects.toThrow();
    expect(store.history.for({ kind: 'contact', id: FRANCOIS }, 100).filter((i) => i.kind === 'email')).toHaveLength(before);
    expect(store.templates.getDraft('draft-1')).not.toBeNull();
  });

  it('refuses header injection in the recipient', async () => {
    const { composer, mail } = setup();
    await expect(composer.send(draft({ to: 'a@b.fr\r\nBcc: victim@evil.test' }))).rejects.toThrow(/retour à la ligne/);
    expect(mail.sent).toHaveLength(0);
  });

  it('puts hostile CRM content into the HTML part as text only', async () => {
    const { composer, store, mail } = setup();
    const id = store.contacts.insert({ firstName: '<script>alert(1)</script>', lastName: '<b>Gras</b>', email: 'h@example.fr' });
    await composer.send(draft({ contactId: id, templateId: 'tpl-demande-photos' }));
    const html = mail.sent[0]!.html;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;Gras&lt;/b&gt;');
    expect(mail.sent[0]!.text).toContain('<script>alert(1)</script>');
  });
});

describe('checkRecipient', () => {
  it('accepts one address and refuses lists, names and blanks', () => {
    expect(checkRecipient(' a.b@example.fr ')).toBe('a.b@example.fr');
    for (const bad of ['', 'a@b.fr, c@d.fr', 'Nom <a@b.fr>', 'pas-une-adresse', 'a@b.fr\nBcc: c@d.fr']) {
      expect(() => checkRecipient(bad), bad).toThrow(ServiceError);
    }
  });
});

const MAIL_SETTINGS = { host: 'smtp.example.fr', port: 587, security: 'starttls' as const, user: '', fromAddress: '', fromName: '', companyName: '', companyPhone: '', reviewUrl: '' };

describe('isOneAddress on hostile text', () => {
  /** The pattern before it was made linear, to check the answers did not change. */
  const BACKTRACKING_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

  it('accepts and refuses exactly what the former pattern did, on every short mix of a, @, . and space', () => {
    const alphabet = ['a', '@', '.', ' '];
    const texts = [''];
    for (let length = 1; length <= 7; length++) {
      for (const text of texts.filter((t) => t.length === length - 1)) for (const c of alphabet) texts.push(text + c);
    }
    for (const text of [...texts, 'a.b@example.fr', 'claire@pbx.example.fr', 'x@.fr', 'x@fr.', 'x@a..b', 'é@é.fr']) {
      expect(isOneAddress(text), JSON.stringify(text)).toBe(BACKTRACKING_ADDRESS.test(text));
    }
  });

  it('checks 1 MB of hostile recipients and sender addresses without stalling (each shape once)', () => {
    for (const { name, text } of hostileAddresses()) {
      expect(() => checkRecipient(text), name).toThrow(/Adresse du destinataire invalide/);
      expect(() => checkMailSettings({ ...MAIL_SETTINGS, fromAddress: text }), name).toThrow(/Adresse d’expéditeur invalide/);
    }
  }, 30_000);
});
