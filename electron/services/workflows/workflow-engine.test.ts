/**
 * The workflow engine on a real (in-memory) SQLite store with the real templates, composer and
 * callback list; the clock is injected and the SMTP side records what it is given (the crash test
 * and the end-to-end test send through a real SMTP server).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createWorkflowHarness, recordingMail, type WorkflowHarness } from '../../../test/support/workflow-harness';

/** Tuesday 24 November 2026, 10:00 in Paris. */
const T0 = new Date('2026-11-24T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let now: Date;
let mail: ReturnType<typeof recordingMail>;
let h: WorkflowHarness;
let seq = 0;

const at = (iso: string) => (now = new Date(iso));
const advance = (ms: number) => (now = new Date(now.getTime() + ms));

function customer(email: string | null = 'anne.roux@example.fr') {
  return h.store.contacts.create({ firstName: 'Anne', lastName: 'Roux', email, companyId: null, phone: '06 12 34 56 78' }).id;
}

function sentQuote(contactId: string, sentAt = now) {
  seq++;
  return h.store.quotes.insert({ number: `DV-2026-${String(seq).padStart(5, '0')}`, title: 'Remplacement chaudière', amountCents: 650_000, status: 'envoye', contactId, sentAt: sentAt.toISOString() });
}

/** What HubSpot's pull does to a deal that moved stage. */
function setQuoteStatus(id: string, status: string) {
  h.store.database.prepare(`UPDATE quotes SET status = ?, updated_at = ? WHERE id = ?`).run(status, now.toISOString(), id);
}

function steps(ruleId?: string) {
  return h.store.database
    .prepare<{ ruleId: string; stepId: string; state: string; reason: string | null; dueAt: string }>(
      `SELECT rule_id AS ruleId, step_id AS stepId, state, reason, due_at AS dueAt FROM workflow_steps ${ruleId ? 'WHERE rule_id = ?' : ''} ORDER BY due_at, position`,
    )
    .all(...(ruleId ? [ruleId] : []));
}

/** Every hour from now until `iso`, as the loop would (it wakes at least every 5 s). */
async function runUntil(iso: string) {
  const end = Date.parse(iso);
  await h.tick();
  while (now.getTime() < end) {
    advance(Math.min(HOUR, end - now.getTime()));
    await h.tick();
  }
}

const subjects = () => mail.sent.map((m) => m.subject);
/** What the steps asked the messaging desk to send (its table: one row per idempotency key). */
const outgoing = () =>
  h.store.database.prepare<{ channel: string; body: string; status: string; segments: number | null }>(`SELECT channel, body, status, segments FROM messages WHERE direction = 'out' ORDER BY created_at`).all();
const openCallbacks = () => h.callbacks.list({ includeDone: false, limit: 50 }).filter((c) => c.reason !== null);

beforeEach(() => {
  now = T0;
  seq = 0;
  mail = recordingMail();
  h = createWorkflowHarness({ clock: () => now, mail, random: () => 0.5 });
});

describe('relance des devis', () => {
  it('writes at J+7 and J+15 in office hours, then puts a callback on Claire’s list at J+21, each once', async () => {
    const contact = customer();
    sentQuote(contact);
    await h.tick();
    expect(steps('relance-devis').map((s) => [s.stepId, s.state, s.dueAt])).toEqual([
      ['j7', 'planned', '2026-12-01T09:00:00.000Z'],
      ['j15', 'planned', '2026-12-09T09:00:00.000Z'],
      ['j21', 'planned', '2026-12-15T09:00:00.000Z'],
    ]);
    await runUntil('2026-12-01T08:00:00Z');
    expect(mail.sent).toHaveLength(0);
    await runUntil('2026-12-01T09:00:00Z');
    expect(subjects()).toEqual(['Votre devis DV-2026-00001 — avez-vous des questions ?']);
    expect(mail.sent[0]!.to).toBe('anne.roux@example.fr');
    expect(mail.sent[0]!.headers?.['Auto-Submitted']).toBe('auto-generated');
    expect(mail.sent[0]!.text).toContain('Bonjour Anne Roux');
    await runUntil('2026-12-20T09:00:00Z');
    expect(subjects()).toEqual(['Votre devis DV-2026-00001 — avez-vous des questions ?', 'Devis DV-2026-00001 : dernière relance']);
    expect(openCallbacks().map((c) => c.reason)).toEqual(['Relance téléphonique : devis DV-2026-00001 « Remplacement chaudière » sans réponse depuis 3 semaines']);
    // Each sent e-mail is in the customer's history.
    expect(h.store.database.prepare(`SELECT count(*) AS n FROM emails WHERE contact_id = ? AND direction = 'out'`).get(contact)).toEqual({ n: 2 });
    expect(h.store.database.prepare(`SELECT state FROM workflow_enrolments WHERE rule_id = 'relance-devis'`).get()).toEqual({ state: 'completed' });
    // Nothing runs twice, however often the loop wakes.
    for (let i = 0; i < 5; i++) await h.tick();
    expect(mail.sent).toHaveLength(2);
    expect(openCallbacks()).toHaveLength(1);
  });

  it('stops as soon as the devis is accepted, and the acceptance puts the chantier on Claire’s list with an acknowledgement', async () => {
    const contact = customer();
    const quote = sentQuote(contact);
    await runUntil('2026-12-03T10:30:00Z');
    expect(mail.sent).toHaveLength(1);
    setQuoteStatus(quote, 'accepte');
    await h.tick();
    expect(steps('relance-devis').map((s) => [s.stepId, s.state, s.reason])).toEqual([
      ['j7', 'done', 'sent'],
      ['j15', 'skipped', 'left'],
      ['j21', 'skipped', 'left'],
    ]);
    expect(subjects()).toEqual(['Votre devis DV-2026-00001 — avez-vous des questions ?', 'Merci pour votre confiance — devis DV-2026-00001']);
    expect(openCallbacks().map((c) => c.reason)).toEqual(['Chantier à planifier : Devis DV-2026-00001 — Remplacement chaudière accepté — proposer une date au client']);
    expect(h.engine.history(10).find((i) => i.stepLabel.startsWith('Dernière relance'))!.reason).toBe('Sortie de la règle : le devis a été accepté');
    await runUntil('2026-12-31T10:00:00Z');
    expect(mail.sent).toHaveLength(2);
    // Accepted again after a back-and-forth in HubSpot: never a second chantier.
    setQuoteStatus(quote, 'envoye');
    setQuoteStatus(quote, 'accepte');
    await runUntil('2027-01-02T10:00:00Z');
    expect(openCallbacks()).toHaveLength(1);
  });

  it('stops when the customer wrote or was reached since the devis left', async () => {
    const contact = customer();
    sentQuote(contact);
    await h.tick();
    advance(2 * DAY);
    h.store.history.addEmail({ contactId: contact, direction: 'in', subject: 'Re: devis', sentAt: now.toISOString() });
    await runUntil('2026-12-20T10:00:00Z');
    expect(mail.sent).toHaveLength(0);
    expect(openCallbacks()).toHaveLength(0);
    expect(steps('relance-devis').every((s) => s.state === 'skipped' && s.reason === 'customer_replied')).toBe(true);
  });

  it('waits for office hours: never on a Sunday or a public holiday, never at night', async () => {
    const contact = customer();
    // Sent Friday 18 December 2026 at 20:00: J+7 is Christmas Day (a Friday), then Saturday 26th 9:00.
    at('2026-12-18T19:00:00Z');
    sentQuote(contact);
    await runUntil('2026-12-26T07:59:00Z');
    expect(mail.sent).toHaveLength(0);
    await runUntil('2026-12-26T08:00:00Z');
    expect(mail.sent).toHaveLength(1);
    expect(steps('relance-devis')[0]!.state).toBe('done');
  });

  it('skips a customer without an address or who opted out, and says why', async () => {
    const nobody = customer(null);
    const optedOut = customer('non.merci@example.fr');
    h.store.database.prepare(`INSERT INTO survey_opt_outs (email, contact_id, opted_out_at, how) VALUES (?, ?, ?, 'link')`).run('non.merci@example.fr', optedOut, now.toISOString());
    sentQuote(nobody);
    sentQuote(optedOut);
    await runUntil('2026-12-02T10:00:00Z');
    expect(mail.sent).toHaveLength(0);
    expect(h.engine.history(10).map((i) => i.reason).sort()).toEqual(['Le client ne veut plus d’e-mails automatiques', 'Pas d’adresse e-mail pour ce client']);
  });

  it('does not relaunch quotes sent long before Accueil first read them', async () => {
    const contact = customer();
    sentQuote(contact, new Date(T0.getTime() - 10 * DAY));
    await runUntil('2026-12-20T10:00:00Z');
    // J+7 had passed when the devis was first read; J+15 and J+21 were still ahead.
    expect(steps('relance-devis').map((s) => [s.stepId, s.state])).toEqual([
      ['j7', 'skipped'],
      ['j15', 'done'],
      ['j21', 'done'],
    ]);
    expect(mail.sent).toHaveLength(1);
  });
});

describe('rappel de rendez-vous', () => {
  it('reminds the day before at 10:00, follows a moved visit and forgets a cancelled one', async () => {
    const contact = customer();
    const visit = h.store.interventions.insert({ kind: 'Dépannage chaudière', scheduledAt: '2026-11-26T13:00:00Z', technician: 'Karim Benali', contactId: contact, companyId: null, status: 'planifiee' });
    await h.tick();
    expect(steps('rappel-rdv').map((s) => s.dueAt)).toEqual(['2026-11-25T09:00:00.000Z']);
    // Moved to Friday: the reminder for Thursday goes, one for Friday comes.
    h.store.database.prepare(`UPDATE interventions SET scheduled_at = ?, updated_at = ? WHERE id = ?`).run('2026-11-27T13:00:00Z', now.toISOString(), visit);
    await runUntil('2026-11-25T12:00:00Z');
    expect(mail.sent).toHaveLength(0);
    await runUntil('2026-11-26T12:00:00Z');
    expect(subjects()).toEqual(['Rappel : notre technicien passe demain']);
    expect(mail.sent[0]!.text).toContain('vendredi 27 novembre');
    const other = h.store.interventions.insert({ kind: 'Entretien chaudière gaz', scheduledAt: '2026-11-30T08:00:00Z', technician: 'Karim Benali', contactId: contact, companyId: null, status: 'planifiee' });
    await h.tick();
    h.store.database.prepare(`UPDATE interventions SET status = 'annulee', updated_at = ? WHERE id = ?`).run(now.toISOString(), other);
    await runUntil('2026-12-01T12:00:00Z');
    expect(mail.sent).toHaveLength(1);
    expect(h.engine.history(10).some((i) => i.reason === 'Sortie de la règle : le rendez-vous a été annulé')).toBe(true);
  });

  it('reminds by SMS a customer without an e-mail address, once', async () => {
    h = createWorkflowHarness({ clock: () => now, mail, messaging: { sms: true, whatsapp: false } });
    const contact = customer(null);
    h.store.interventions.insert({ kind: 'Dépannage chaudière', scheduledAt: '2026-11-26T13:00:00Z', technician: 'Karim Benali', contactId: contact, companyId: null, status: 'planifiee' });
    await runUntil('2026-11-25T12:00:00Z');
    await runUntil('2026-11-25T14:00:00Z');
    expect(mail.sent).toHaveLength(0);
    expect(outgoing()).toEqual([
      { channel: 'sms', body: 'Rappel Durand Chauffage : Karim Benali passe demain, jeudi 26 novembre 2026, à partir de 14 h. Un imprévu ? Appelez le 02 99 00 11 22', status: 'queued', segments: 1 },
    ]);
    expect(h.engine.history(1)[0]!.reason).toBe('Pas d’e-mail : envoyé par SMS au 06 12 34 56 78');
  });

  it('reminds by SMS, once and not by e-mail, a customer whose preferred channel is SMS', async () => {
    h = createWorkflowHarness({ clock: () => now, mail, messaging: { sms: true, whatsapp: true } });
    const contact = customer();
    h.messaging.setPreferredChannel(contact, 'sms', 'Claire');
    h.store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: '2026-11-26T13:00:00Z', technician: 'Karim Benali', contactId: contact, companyId: null, status: 'planifiee' });
    await h.tick();
    expect(h.engine.dryRun(7).filter((i) => i.ruleId === 'rappel-rdv').map((i) => i.outcome)).toEqual(['Enverrait un SMS au 06 12 34 56 78']);
    await runUntil('2026-11-25T12:00:00Z');
    expect(mail.sent).toHaveLength(0);
    expect(outgoing().map((m) => m.channel)).toEqual(['sms']);
    expect(h.engine.history(1)[0]!.reason).toBe('Envoyé par SMS au 06 12 34 56 78, canal préféré du client');
    // The step is done: a restart's ticks (or a retry) send nothing more; the same key gives the same message.
    await runUntil('2026-11-26T12:00:00Z');
    expect(outgoing()).toHaveLength(1);
  });

  it('reminds by e-mail a customer preferring SMS whose number replied STOP, and says why', async () => {
    h = createWorkflowHarness({ clock: () => now, mail, messaging: { sms: true, whatsapp: false } });
    const contact = customer();
    h.messaging.setPreferredChannel(contact, 'sms', 'Claire');
    h.store.database.prepare(`INSERT INTO message_opt_outs (number_e164, contact_id, opted_out_at, how) VALUES ('+33612345678', ?, ?, 'sms: STOP')`).run(contact, now.toISOString());
    h.store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: '2026-11-26T13:00:00Z', technician: 'Karim Benali', contactId: contact, companyId: null, status: 'planifiee' });
    await runUntil('2026-11-25T12:00:00Z');
    expect(outgoing()).toHaveLength(0);
    expect(mail.sent.map((m) => m.to)).toEqual(['anne.roux@example.fr']);
    expect(h.engine.history(1)[0]!.reason).toBe('Envoyé à anne.roux@example.fr — pas par SMS : le numéro a répondu STOP');
  });

  it('never texts a landline: a customer preferring SMS with only a fixed number is reminded by e-mail', async () => {
    h = createWorkflowHarness({ clock: () => now, mail, messaging: { sms: true, whatsapp: false } });
    const contact = h.store.contacts.create({ firstName: 'Paul', lastName: 'Fixe', email: 'paul@example.fr', companyId: null, phone: '02 99 12 34 56' }).id;
    h.messaging.setPreferredChannel(contact, 'sms', 'Claire');
    h.store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: '2026-11-26T13:00:00Z', technician: 'Karim Benali', contactId: contact, companyId: null, status: 'planifiee' });
    await runUntil('2026-11-25T12:00:00Z');
    expect(outgoing()).toHaveLength(0);
    expect(mail.sent.map((m) => m.to)).toEqual(['paul@example.fr']);
    expect(h.engine.history(1)[0]!.reason).toBe('Envoyé à paul@example.fr — pas par SMS : pas de numéro de mobile');
  });

  it('after a STOP, a customer without e-mail gets no reminder at all (no SMS by automation)', async () => {
    h = createWorkflowHarness({ clock: () => now, mail, messaging: { sms: true, whatsapp: false } });
    const contact = customer(null);
    h.store.database.prepare(`INSERT INTO message_opt_outs (number_e164, contact_id, opted_out_at, how) VALUES ('+33612345678', ?, ?, 'sms: STOP')`).run(contact, now.toISOString());
    h.store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: '2026-11-26T13:00:00Z', technician: 'Karim Benali', contactId: contact, companyId: null, status: 'planifiee' });
    await runUntil('2026-11-25T12:00:00Z');
    expect(outgoing()).toHaveLength(0);
    expect(mail.sent).toHaveLength(0);
    expect(steps('rappel-rdv')[0]).toMatchObject({ state: 'skipped', reason: 'opted_out' });
    expect(h.engine.history(1)[0]!.reason).toBe('Le numéro du client a répondu STOP et aucune adresse e-mail ne peut le remplacer');
  });

  it('reminds on WhatsApp: free text inside the 24-hour window, the approved template outside it, e-mail when none is bound', async () => {
    const bound = { template: { name: 'rappel_rdv', language: 'fr', parameters: ['jeudi 26 novembre 2026', '14 h'] }, text: 'Rappel : rendez-vous jeudi 26 novembre 2026 à 14 h.' };
    let template: typeof bound | null = null;
    h = createWorkflowHarness({ clock: () => now, mail, messaging: { sms: true, whatsapp: true, whatsappTemplate: (id) => (id === 'tpl-rappel-rdv-veille' ? template : null) } });
    const inside = customer('in@example.fr');
    const outside = customer('out@example.fr');
    const unbound = customer('unbound@example.fr');
    for (const c of [inside, outside, unbound]) h.messaging.setPreferredChannel(c, 'whatsapp', 'Claire');
    // Three customers, three mobiles; the first wrote on WhatsApp this morning.
    const mobiles = ['+33611111111', '+33622222222', '+33633333333'];
    [inside, outside, unbound].forEach((c, i) => h.store.database.prepare(`UPDATE phones SET e164 = ?, raw = ? WHERE contact_id = ?`).run(mobiles[i], mobiles[i], c));
    h.store.interventions.insert({ kind: 'Entretien', scheduledAt: '2026-11-26T13:00:00Z', technician: 'Karim Benali', contactId: inside, companyId: null, status: 'planifiee' });
    await runUntil('2026-11-25T07:00:00Z');
    h.messaging.receive('whatsapp', { providerId: 'wamid.in', from: '33611111111', text: 'Bonjour, c’est bien demain ?', at: now.toISOString() });
    await runUntil('2026-11-25T12:00:00Z');
    expect(outgoing().filter((m) => m.channel === 'whatsapp').map((m) => m.body)).toEqual(['Rappel Durand Chauffage : Karim Benali passe demain, jeudi 26 novembre 2026, à partir de 14 h. Un imprévu ? Appelez le 02 99 00 11 22']);

    at('2026-12-01T08:00:00Z');
    template = bound;
    h.store.interventions.insert({ kind: 'Entretien', scheduledAt: '2026-12-03T13:00:00Z', technician: 'Karim Benali', contactId: outside, companyId: null, status: 'planifiee' });
    await runUntil('2026-12-02T12:00:00Z');
    const last = h.store.database.prepare<{ body: string; templateName: string | null }>(`SELECT body, template_name AS templateName FROM messages WHERE number_e164 = '+33622222222'`).all();
    expect(last).toEqual([{ body: bound.text, templateName: 'rappel_rdv' }]);
    expect(h.engine.history(1)[0]!.reason).toBe('Envoyé par WhatsApp (modèle approuvé « rappel_rdv ») au 06 22 22 22 22, canal préféré du client');

    at('2026-12-07T08:00:00Z');
    template = null;
    h.store.interventions.insert({ kind: 'Entretien', scheduledAt: '2026-12-09T13:00:00Z', technician: 'Karim Benali', contactId: unbound, companyId: null, status: 'planifiee' });
    await runUntil('2026-12-08T12:00:00Z');
    expect(mail.sent.map((m) => m.to)).toEqual(['unbound@example.fr']);
    expect(h.engine.history(1)[0]!.reason).toBe('Envoyé à unbound@example.fr — pas par WhatsApp : hors de la fenêtre de 24 h et aucun modèle WhatsApp approuvé lié à cette étape');
  });

  it('never reminds after the visit: booked late in the evening for early next morning', async () => {
    const contact = customer();
    at('2026-11-24T21:00:00Z');
    h.store.interventions.insert({ kind: 'Dépannage', scheduledAt: '2026-11-25T07:00:00Z', technician: null, contactId: contact, companyId: null, status: 'planifiee' });
    await runUntil('2026-11-25T12:00:00Z');
    expect(mail.sent).toHaveLength(0);
    expect(steps('rappel-rdv')[0]).toMatchObject({ state: 'skipped', reason: 'too_late' });
  });
});

describe('entretien annuel', () => {
  it('proposes the next service 11 months after the last one, unless a newer one is booked', async () => {
    const first = customer('a@example.fr');
    const second = customer('b@example.fr');
    h.store.interventions.insert({ kind: 'Entretien chaudière gaz', scheduledAt: '2026-11-20T08:00:00Z', technician: 'Karim', contactId: first, companyId: null, status: 'terminee' });
    h.store.interventions.insert({ kind: 'Entretien chaudière gaz', scheduledAt: '2026-11-20T09:00:00Z', technician: 'Karim', contactId: second, companyId: null, status: 'terminee' });
    h.store.interventions.insert({ kind: 'Dépannage', scheduledAt: '2026-11-21T09:00:00Z', technician: 'Karim', contactId: second, companyId: null, status: 'terminee' });
    await h.tick();
    expect(steps('entretien-annuel').map((s) => s.dueAt)).toEqual(['2027-10-20T08:00:00.000Z', '2027-10-20T08:00:00.000Z']);
    at('2027-09-01T08:00:00Z');
    h.store.interventions.insert({ kind: 'Entretien annuel', scheduledAt: '2027-11-02T08:00:00Z', technician: 'Karim', contactId: second, companyId: null, status: 'planifiee' });
    at('2027-10-20T07:00:00Z');
    await runUntil('2027-10-20T09:00:00Z');
    expect(mail.sent.map((m) => [m.to, m.subject])).toEqual([['a@example.fr', 'Votre entretien annuel approche']]);
  });

  it('sends no proposal to a customer who texted STOP (one opt-out ledger for every channel)', async () => {
    const willing = customer('c@example.fr');
    const stopped = customer('d@example.fr');
    h.store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: '2026-11-20T08:00:00Z', technician: 'Karim', contactId: willing, companyId: null, status: 'terminee' });
    h.store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: '2026-11-20T09:00:00Z', technician: 'Karim', contactId: stopped, companyId: null, status: 'terminee' });
    await h.tick();
    at('2027-03-01T08:00:00Z');
    h.store.database.prepare(`INSERT INTO message_opt_outs (number_e164, contact_id, opted_out_at, how) VALUES ('+33600000099', ?, ?, 'sms: STOP')`).run(stopped, now.toISOString());
    at('2027-10-20T07:00:00Z');
    await runUntil('2027-10-20T09:00:00Z');
    expect(mail.sent.map((m) => m.to)).toEqual(['c@example.fr']);
    expect(steps('entretien-annuel').find((s) => s.state === 'skipped')).toMatchObject({ reason: 'opted_out' });
  });
});

describe('réclamations et devis refusés', () => {
  it('tells the supervisor by e-mail when a complaint is still new one working day later, and not when someone took it', async () => {
    const contact = customer();
    const ticket = (subject: string) => h.store.tickets.insert({ subject, description: null, status: 'nouveau', priority: 'haute', category: 'reclamation', contactId: contact, companyId: null });
    ticket('Fuite après intervention');
    const taken = ticket('Technicien en retard');
    await h.tick();
    advance(3 * HOUR);
    h.store.database.prepare(`UPDATE tickets SET status = 'en_cours', updated_at = ? WHERE id = ?`).run(now.toISOString(), taken);
    await runUntil('2026-11-25T08:59:00Z');
    expect(mail.sent).toHaveLength(0);
    await runUntil('2026-11-25T09:00:00Z');
    expect(mail.sent.map((m) => [m.to, m.subject])).toEqual([['accueil@durand-chauffage.fr', '[Accueil] Réclamation sans suite — Ticket « Fuite après intervention »']]);
    expect(mail.sent[0]!.text).toBe('Réclamation sans suite depuis un jour ouvré : Ticket « Fuite après intervention ». Personne ne l’a encore prise en charge.');
    // An internal message: not in the customer's history.
    expect(h.store.database.prepare(`SELECT count(*) AS n FROM emails`).get()).toEqual({ n: 0 });
  });

  it('opens one ticket for Claire two working days after a refusal, once the rule is on', async () => {
    h.engine.updateRule('devis-refuse', { enabled: true }, 'Gaëtan');
    const contact = customer();
    const quote = sentQuote(contact);
    // Refused on Friday 27 November: two working days later is Tuesday 1 December.
    at('2026-11-27T15:00:00Z');
    setQuoteStatus(quote, 'refuse');
    await runUntil('2026-12-01T14:59:00Z');
    expect(h.store.database.prepare(`SELECT count(*) AS n FROM tickets`).get()).toEqual({ n: 0 });
    await runUntil('2026-12-03T10:00:00Z');
    const tickets = h.store.database.prepare<{ subject: string; category: string; contact_id: string }>(`SELECT subject, category, contact_id FROM tickets`).all();
    expect(tickets).toEqual([{ subject: 'Devis DV-2026-00001 refusé : appeler pour comprendre pourquoi', category: 'demande_devis', contact_id: contact }]);
    expect(h.engine.history(1)[0]!.reason).toBe('Ticket ouvert pour Claire');
  });
});

describe('factures impayées (échéances Sage)', () => {
  /** What a Sage import leaves: the account matched to the customer, and its open item. */
  function sageInvoice(contactId: string, piece: string, dueDate: string, amountCents = 189_050) {
    const stamp = now.toISOString();
    h.store.database
      .prepare(`INSERT OR IGNORE INTO sage_accounts (code, name, fingerprint, contact_id, first_seen_at, last_seen_at) VALUES ('0041', 'ROUX ANNE', 'x', ?, ?, ?)`)
      .run(contactId, stamp, stamp);
    h.store.database.prepare(`INSERT INTO sage_open_items (account, piece, due_date, amount_cents, issued_on) VALUES ('0041', ?, ?, ?, NULL)`).run(piece, dueDate, amountCents);
  }
  const letter = (piece: string) => h.store.database.prepare(`UPDATE sage_open_items SET lettrage = 'AB' WHERE piece = ?`).run(piece);

  it('relaunches an overdue invoice at J+15 and J+30 by e-mail with its number and amount, then puts it on Claire’s list at J+45', async () => {
    h.engine.updateRule('facture-impayee', { enabled: true }, 'Gaëtan');
    const contact = customer();
    // Due Tuesday 24 November: J+15 is Wednesday 9 December, in office hours.
    sageInvoice(contact, 'FA-2026-0420', '2026-11-24');
    await runUntil('2026-12-09T07:00:00Z');
    expect(subjects()).toEqual([]);
    await runUntil('2026-12-09T12:00:00Z');
    expect(subjects()).toEqual(['Rappel : facture FA-2026-0420']);
    expect(mail.sent[0]!.text).toMatch(/la facture FA-2026-0420 \(1\s890,50 € TTC\) reste à régler/);
    await runUntil('2027-01-11T12:00:00Z');
    expect(subjects()).toEqual(['Rappel : facture FA-2026-0420', 'Rappel : facture FA-2026-0420']);
    expect(openCallbacks().map((c) => c.reason)).toEqual(['Facture FA-2026-0420 impayée depuis 45 jours — ROUX ANNE']);
  });

  it('stops as soon as the invoice is lettered (paid), and never relaunches an invoice of nobody Accueil knows', async () => {
    h.engine.updateRule('facture-impayee', { enabled: true }, 'Gaëtan');
    const contact = customer();
    sageInvoice(contact, 'FA-2026-0421', '2026-11-24');
    // An account Sage knows but not matched to anyone: nothing to write to.
    const stamp = now.toISOString();
    h.store.database.prepare(`INSERT INTO sage_accounts (code, name, fingerprint, first_seen_at, last_seen_at) VALUES ('0099', 'INCONNU', 'y', ?, ?)`).run(stamp, stamp);
    h.store.database.prepare(`INSERT INTO sage_open_items (account, piece, due_date, amount_cents) VALUES ('0099', 'FA-2026-0999', '2026-11-24', 50000)`).run();
    await runUntil('2026-12-01T10:00:00Z');
    letter('FA-2026-0421');
    await runUntil('2027-01-15T12:00:00Z');
    expect(subjects()).toEqual([]);
    expect(openCallbacks()).toEqual([]);
    expect(steps('facture-impayee').map((s) => s.state)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(h.store.database.prepare(`SELECT state, exit_reason AS reason FROM workflow_enrolments WHERE rule_id = 'facture-impayee'`).all()).toEqual([{ state: 'exited', reason: expect.any(String) }]);
  });
});

describe('timers that survive anything', () => {
  it('never sends again by itself an e-mail cut by a stop: Claire decides', async () => {
    const contact = customer();
    sentQuote(contact);
    await h.tick();
    at('2026-12-01T09:00:00Z');
    const hang = new Promise<never>(() => {});
    const send = mail.send;
    mail.send = () => hang;
    void h.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(steps('relance-devis')[0]!.state).toBe('running');
    // The process dies here; a new engine on the same file starts.
    mail.send = send;
    h.engine.recover();
    await runUntil('2026-12-02T09:00:00Z');
    expect(mail.sent).toHaveLength(0);
    const held = h.engine.attention();
    expect(held.map((i) => [i.state, i.reason])).toEqual([['held', 'Envoi interrompu par un arrêt : il est peut-être parti. Renvoyer (le client pourrait le recevoir deux fois) ou ignorer ?']]);
    h.engine.decide(held[0]!.id, 'skip', 'Claire');
    await runUntil('2026-12-03T09:00:00Z');
    expect(mail.sent).toHaveLength(0);
    expect(h.engine.history(5)[0]!.reason).toBe('Ignorée par Claire');
  });

  it('retries a refusal with backoff, then shows it as failed until Claire tries again', async () => {
    const contact = customer();
    sentQuote(contact);
    await h.tick();
    mail.refuse = new Error('550 mailbox unavailable');
    await runUntil('2026-12-05T09:00:00Z');
    expect(h.engine.attention().map((i) => [i.state, i.attempts, i.reason])).toEqual([['failed', 6, 'Envoi refusé 6 fois : 550 mailbox unavailable']]);
    mail.refuse = null;
    h.engine.decide(h.engine.attention()[0]!.id, 'retry', 'Claire');
    await h.tick();
    expect(mail.sent).toHaveLength(1);
    expect(h.engine.attention()).toEqual([]);
  });

  it('applies each rule’s catch-up policy to what fell due while the server was off', async () => {
    const contact = customer();
    sentQuote(contact);
    h.store.interventions.insert({ kind: 'Dépannage', scheduledAt: '2026-12-04T13:00:00Z', technician: 'Karim Benali', contactId: contact, companyId: null, status: 'planifiee' });
    await h.tick();
    h.engine.updateRule('relance-devis', { catchUp: 'ask' }, 'Gaëtan');
    // Off from Monday 30 November to Thursday 3 December 8:00: J+7 (1 Dec) is late.
    at('2026-12-03T07:00:00Z');
    const summary = h.engine.recover();
    expect(summary).toMatchObject({ overdue: 1, held: 1, skipped: 0, sentLate: 0 });
    await runUntil('2026-12-03T10:00:00Z');
    // The reminder for Friday's visit goes on Thursday as planned; the relance waits for Claire.
    expect(subjects()).toEqual(['Rappel : notre technicien passe demain']);
    const held = h.engine.attention();
    expect(held.map((i) => i.reason)).toEqual(['En retard après un arrêt : attend votre décision']);
    h.engine.decide(held[0]!.id, 'run', 'Claire');
    await h.tick();
    expect(subjects()).toHaveLength(2);
    expect(h.engine.history(1)[0]!.reason).toBe('Envoyé en retard à anne.roux@example.fr, après un arrêt');
  });

  it('pause all stops every step; resuming sends what is still worth sending', async () => {
    const contact = customer();
    sentQuote(contact);
    await h.tick();
    h.engine.setPaused(true, 'Claire');
    await runUntil('2026-12-02T10:00:00Z');
    expect(mail.sent).toHaveLength(0);
    h.engine.setPaused(false, 'Claire');
    await h.tick();
    expect(mail.sent).toHaveLength(1);
  });

  it('a rule switched off takes no one in and acts on no one', async () => {
    h.engine.updateRule('relance-devis', { enabled: false }, 'Gaëtan');
    sentQuote(customer());
    await runUntil('2026-12-20T10:00:00Z');
    expect(mail.sent).toHaveLength(0);
    expect(steps('relance-devis')).toEqual([]);
    expect(() => h.engine.updateRule('enquete-intervention', { enabled: false }, 'Gaëtan')).toThrow(/Satisfaction/);
    expect(() => h.engine.updateRule('relance-devis', { steps: [{ id: 'j7', amount: 5, unit: 'working_days', templateId: 'tpl-inexistant' }] }, 'Gaëtan')).toThrow(/tpl-inexistant/);
  });

  it('a changed delay applies to records entering from then on', async () => {
    h.engine.updateRule('relance-devis', { steps: [{ id: 'j7', amount: 5, unit: 'working_days' }] }, 'Gaëtan');
    sentQuote(customer());
    await h.tick();
    // Five working days after Tuesday 24 November: Tuesday 1 December.
    expect(steps('relance-devis')[0]!.dueAt).toBe('2026-12-01T09:00:00.000Z');
    expect(h.engine.overview().rules.find((r) => r.id === 'relance-devis')!.steps[0]).toMatchObject({ amount: 5, unit: 'working_days', templateName: 'Relance de devis (J+7)' });
  });
});

describe('seeing it', () => {
  it('the dry run tells what each coming step would do if nothing changed', async () => {
    const a = customer('a@example.fr');
    const b = customer('b@example.fr');
    sentQuote(a);
    const accepted = sentQuote(b);
    await h.tick();
    h.store.database.prepare(`UPDATE quotes SET status = 'accepte' WHERE id = ?`).run(accepted);
    // Not yet read by the engine (no tick): the dry run's checks still see it.
    const dry = h.engine.dryRun(14);
    expect(dry.map((d) => d.outcome)).toEqual([
      'Enverrait « Relance de devis (J+7) » à a@example.fr',
      'Serait ignorée — Sortie de la règle : le devis a été accepté',
    ]);
    expect(h.engine.forRecord(a, null).map((i) => i.stepLabel)).toEqual(['Relance J+7 (e-mail)', 'Dernière relance J+15 (e-mail)', 'Rappel par Claire J+21']);
  });
});
