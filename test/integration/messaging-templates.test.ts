/**
 * SMS and WhatsApp templates, and customers' media, against the WhatsApp Cloud API stand-in
 * (test/support/whatsapp-standin.ts) with the product as a company server and its public surface:
 * the business account's templates read across pages, an Accueil template bound to an approved one
 * sent once with its parameters merged from the customer's record, a template WhatsApp has not
 * approved refused before anything leaves, and a picture sent by the customer fetched once (GET
 * /{media-id}, then its URL with the token) and kept as a document of theirs, even when the webhook
 * is delivered twice; a file that is not what it says is not kept, and the conversation says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Accueil } from '../../electron/services/accueil';
import type { CallOutput } from '../../electron/contract';
import { FIXTURE_CONTACT } from '../support/hubspot-standin';
import { messagingEnv, startSurveyLoop, type SurveyLoop } from '../support/survey-loop';
import { startWhatsAppStandIn, type WhatsAppStandIn } from '../support/whatsapp-standin';
import { startOvhSmsStandIn, type OvhSmsStandIn } from '../support/ovh-sms-standin';
import { jpeg } from '../support/document-fixtures';

/** Tuesday 24 November 2026, 10:00 in Paris. */
const BASE = Date.parse('2026-11-24T09:00:00Z');
const FRANCOIS = FIXTURE_CONTACT.e164.replace(/^\+/, '');

let loop: SurveyLoop;
let accueil: Accueil;
let wa: WhatsAppStandIn;
let ovh: OvhSmsStandIn;
let contactId: string;

async function call(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string; reason?: string } }> {
  return (await accueil.dispatch(name as never, input as never, { access: 'agent' })) as never;
}
const conversation = async () => (await call('messaging.conversation', { contactId, companyId: null })).value as CallOutput<'messaging.conversation'>;

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  const started = Date.now();
  const clock = () => BASE + (Date.now() - started);
  wa = await startWhatsAppStandIn({ now: clock });
  ovh = await startOvhSmsStandIn();
  loop = await startSurveyLoop(BASE, {}, messagingEnv(wa, ovh));
  accueil = loop.accueil;
  wa.subscribe(`${loop.surface.url}/webhooks/whatsapp`);
  contactId = accueil.lookup(FIXTURE_CONTACT.e164).card!.contact!.id;
}, 120_000);

afterAll(async () => {
  await loop?.stop();
  await wa?.stop();
  await ovh?.stop();
});

describe('WhatsApp templates', () => {
  it('lists the business account’s templates across its pages, each with its status and parameters', async () => {
    for (let i = 0; i < 120; i++) wa.templates.push({ name: `ancien_modele_${i}`, language: 'fr', status: 'APPROVED', category: 'UTILITY', body: `Texte ${i}` });
    const list = (await call('messaging.whatsappTemplates', { refresh: true })).value as CallOutput<'messaging.whatsappTemplates'>;
    wa.templates.splice(4);
    expect(list.available).toBe(true);
    expect(list.templates).toHaveLength(124);
    expect(list.templates.slice(0, 3).map((t) => [t.name, t.status, t.category, t.parameters, t.templateId])).toEqual([
      ['rappel_rdv', 'APPROVED', 'UTILITY', 2, null],
      ['technicien_en_route', 'APPROVED', 'UTILITY', 3, null],
      ['promo_entretien', 'PENDING', 'MARKETING', 1, null],
    ]);
  });

  it('sends an Accueil template bound to an approved one once, outside the 24 hours, with its parameters merged for the customer', async () => {
    expect((await conversation()).whatsappOpenUntil).toBeNull();
    const saved = await call('templates.save', {
      name: 'Rappel de rendez-vous (WhatsApp)',
      category: 'confirmation_rdv',
      subject: '',
      body: 'Bonjour, nous vous rappelons votre rendez-vous du {{intervention.date}} à {{intervention.heure}}. Répondez à ce message pour toute question.',
      channel: 'whatsapp',
      whatsapp: { name: 'rappel_rdv', language: 'fr' },
    });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
    const templateId = (saved.value as { id: string }).id;
    const list = (await call('messaging.whatsappTemplates', { refresh: true })).value as CallOutput<'messaging.whatsappTemplates'>;
    expect(list.templates.find((t) => t.name === 'rappel_rdv')).toMatchObject({ templateId, templateName: 'Rappel de rendez-vous (WhatsApp)' });

    const input = { channel: 'whatsapp', contactId, companyId: null, templateId, purpose: 'service', draftId: 'draft-template-0001' };
    const [a, b] = await Promise.all([call('messaging.send', input), call('messaging.send', input)]);
    expect(a.ok && b.ok, JSON.stringify(a.error ?? b.error)).toBe(true);
    await until(() => wa.sent.length === 1, 'the template at the stand-in');
    // The visit of the survey loop: 9:00 on Tuesday 24 November, in Paris (an hour before BASE).
    expect(wa.sent[0]!.body).toMatchObject({
      to: FRANCOIS,
      type: 'template',
      template: { name: 'rappel_rdv', language: { code: 'fr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'mardi 24 novembre 2026' }, { type: 'text', text: '9 h' }] }] },
    });
    await until(async () => (await conversation()).messages.some((m) => m.templateName === 'rappel_rdv' && m.status === 'delivered'), 'delivered');
    const shown = (await conversation()).messages.find((m) => m.templateName === 'rappel_rdv')!;
    expect(shown.body).toBe('Bonjour, nous vous rappelons votre rendez-vous du mardi 24 novembre 2026 à 9 h. Répondez à ce message pour toute question.');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(wa.sent).toHaveLength(1);
  });

  it('refuses a template WhatsApp has not approved before anything leaves, and says why', async () => {
    const saved = await call('templates.save', { name: 'Promo', category: 'contrat', subject: '', body: 'Bonjour {{contact.prenom}}, -10 % sur votre contrat d’entretien ce mois-ci.', channel: 'whatsapp', whatsapp: { name: 'promo_entretien', language: 'fr' } });
    const refused = await call('messaging.send', { channel: 'whatsapp', contactId, companyId: null, templateId: (saved.value as { id: string }).id, purpose: 'service', draftId: 'draft-template-0002' });
    expect(refused.ok).toBe(false);
    expect(refused.error!.message).toBe('Le modèle « promo_entretien » n’est pas approuvé par WhatsApp (PENDING) : il ne peut pas partir.');
    // A mapping that fills fewer parameters than Meta's text has is refused too, with both counts.
    const short = await call('templates.save', { name: 'En route', category: 'retard_technicien', subject: '', body: 'Bonjour {{contact.prenom}}, on arrive.', channel: 'whatsapp', whatsapp: { name: 'technicien_en_route', language: 'fr' } });
    const wrong = await call('messaging.send', { channel: 'whatsapp', contactId, companyId: null, templateId: (short.value as { id: string }).id, purpose: 'service', draftId: 'draft-template-0003' });
    expect(wrong.error?.message).toBe('Le modèle « technicien_en_route » attend 3 paramètres chez WhatsApp, celui d’Accueil en remplit 1 : corrigez-le dans la bibliothèque.');
    expect(wa.sent).toHaveLength(1);
  });
});

describe('media sent by the customer', () => {
  const documents = async () => (await call('documents.list', { kind: 'contact', id: contactId })).value as CallOutput<'documents.list'>;

  it('fetches a picture once, even when the webhook is delivered twice, and keeps it as a document of the customer', async () => {
    const before = (await documents()).length;
    wa.faults.deliverTwice = true;
    const picture = jpeg(4_000);
    const { status, mediaId } = await wa.customerSendsMedia(FRANCOIS, { type: 'image', bytes: picture, mime: 'image/jpeg', caption: 'La fuite sous l’évier' });
    wa.faults.deliverTwice = false;
    expect(status).toBe(200);
    await until(async () => (await conversation()).messages.some((m) => m.media?.state === 'kept'), 'the picture kept');
    const message = (await conversation()).messages.find((m) => m.media?.state === 'kept')!;
    expect(message).toMatchObject({ direction: 'in', body: 'La fuite sous l’évier', media: { kind: 'image', state: 'kept', reason: null } });
    const kept = (await documents()).find((d) => d.id === message.media!.documentId)!;
    expect(kept).toMatchObject({ type: 'photo', mime: 'image/jpeg', size: picture.length, addedBy: { kind: 'customer', name: 'WhatsApp 06 12 34 56 78' } });
    expect((await documents()).length).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([wa.mediaLookups.get(mediaId), wa.mediaDownloads.get(mediaId)]).toEqual([1, 1]);
    expect((await conversation()).messages.filter((m) => m.media !== null)).toHaveLength(1);
  });

  it('keeps a voice note, and does not keep a web page sent as a picture: the conversation says why', async () => {
    const before = (await documents()).length;
    const voice = Buffer.concat([Buffer.from('OggS'), Buffer.from([0, 2]), Buffer.alloc(2_000, 7)]);
    await wa.customerSendsMedia(FRANCOIS, { type: 'audio', bytes: voice, mime: 'audio/ogg; codecs=opus' });
    const { mediaId } = await wa.customerSendsMedia(FRANCOIS, { type: 'image', bytes: Buffer.from('<html><script>alert(1)</script></html>'), mime: 'image/jpeg' });
    await until(async () => (await conversation()).messages.some((m) => m.media?.state === 'refused'), 'the refusal');
    await until(async () => (await conversation()).messages.some((m) => m.media?.kind === 'audio' && m.media.state === 'kept'), 'the voice note kept');
    const refused = (await conversation()).messages.find((m) => m.media?.state === 'refused')!;
    expect(refused.body).toBe('Photo');
    expect(refused.media!.reason).toMatch(/^Pièce jointe refusée : /);
    expect(refused.media!.documentId).toBeNull();
    expect(wa.mediaDownloads.get(mediaId)).toBe(1);
    const now = await documents();
    expect(now.length).toBe(before + 1);
    expect(now.find((d) => d.mime === 'audio/ogg')).toMatchObject({ type: 'autre', name: 'WhatsApp Message vocal 2026-11-24.ogg' });
  });
});
